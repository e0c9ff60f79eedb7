/**
 * The one owner of the in-browser DuckDB. Everything else asks it through this narrow async API
 * (query → Arrow table), as in DuckDB-WASM's own shell. The engine runs in DuckDB-WASM's worker;
 * its bundles are served by our build (Vite `?url` imports), never by a CDN.
 */
import * as duckdb from '@duckdb/duckdb-wasm';
import { Table as ArrowTable, tableToIPC, type Table } from 'apache-arrow';
import mvpWasm from '@duckdb/duckdb-wasm/dist/duckdb-mvp.wasm?url';
import mvpWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-mvp.worker.js?url';
import ehWasm from '@duckdb/duckdb-wasm/dist/duckdb-eh.wasm?url';
import ehWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-eh.worker.js?url';
import coiWasm from '@duckdb/duckdb-wasm/dist/duckdb-coi.wasm?url';
import coiWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.worker.js?url';
import coiPthreadWorker from '@duckdb/duckdb-wasm/dist/duckdb-browser-coi.pthread.worker.js?url';
import { explainDuckDbError } from './missingExtension';
import { ENGINE_SETTINGS_SQL, REGISTERED_FILES_DIR } from './schema';
import type { ConsoleSession } from './consoleSession';

const BUNDLES: duckdb.DuckDBBundles = {
  mvp: { mainModule: mvpWasm, mainWorker: mvpWorker },
  eh: { mainModule: ehWasm, mainWorker: ehWorker },
  coi: { mainModule: coiWasm, mainWorker: coiWorker, pthreadWorker: coiPthreadWorker },
};

export interface AtlasDbInfo {
  /** Which DuckDB-WASM build runs: 'coi' (threads, needs cross-origin isolation), 'eh' or 'mvp'. */
  bundle: string;
  version: string;
}

export class AtlasDb {
  private readonly db: duckdb.AsyncDuckDB;
  private readonly conn: duckdb.AsyncDuckDBConnection;
  readonly info: AtlasDbInfo;
  /** Serialises statements on the connection; DuckDB runs one statement at a time per connection. */
  private tail: Promise<unknown> = Promise.resolve();
  private readonly latestTicket = new Map<string, number>();

  private constructor(db: duckdb.AsyncDuckDB, conn: duckdb.AsyncDuckDBConnection, info: AtlasDbInfo) {
    this.db = db;
    this.conn = conn;
    this.info = info;
  }

  static async start(options: { threads?: boolean } = {}): Promise<AtlasDb> {
    const bundles = options.threads ? BUNDLES : { mvp: BUNDLES.mvp, eh: BUNDLES.eh };
    const bundle = await duckdb.selectBundle(bundles);
    const worker = new Worker(bundle.mainWorker!);
    const db = new duckdb.AsyncDuckDB(new duckdb.VoidLogger(), worker);
    await db.instantiate(bundle.mainModule, bundle.pthreadWorker);
    await db.open({ query: { castBigIntToDouble: true } });
    const conn = await db.connect();
    // Tuned, then locked: from here on no statement can change a setting, load an extension or
    // open a file or URL other than the registered buffers.
    for (const sql of ENGINE_SETTINGS_SQL) await conn.query(sql);
    const version = await db.getVersion();
    const name = bundle.mainModule === coiWasm ? 'coi' : bundle.mainModule === ehWasm ? 'eh' : 'mvp';
    return new AtlasDb(db, conn, { bundle: name, version });
  }

  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const explained = () =>
      work().catch((error: unknown) => {
        throw explainDuckDbError(error);
      });
    const run = this.tail.then(explained, explained);
    this.tail = run.catch(() => undefined);
    return run;
  }

  query(sql: string): Promise<Table> {
    return this.enqueue(() => this.conn.query(sql));
  }

  /**
   * Runs statements in order. They are sent as pending queries, which DuckDB-WASM executes in
   * steps, so `cancel()` can stop a long one (a big import) between steps.
   */
  async run(statements: string[]): Promise<void> {
    await this.runTimed(statements);
  }

  /** As `run`, resolving to the milliseconds the statements ran (not counting the wait in the queue). */
  runTimed(statements: string[]): Promise<number> {
    return this.enqueue(async () => {
      const started = performance.now();
      for (const sql of statements) {
        const reader = await this.conn.send(sql);
        if (reader) for await (const batch of reader) void batch;
      }
      return performance.now() - started;
    });
  }

  /**
   * Runs `work` with this connection to itself: nothing else queued runs in between, so the SQL
   * console's statement and its checks (sql/sqlGuard.ts) share one transaction. `cancel()` stops
   * the statement it is executing.
   */
  withSession<T>(work: (session: ConsoleSession) => Promise<T>): Promise<T> {
    return this.enqueue(() => work(this.consoleSession));
  }

  private readonly consoleSession: ConsoleSession = {
    tokenize: (text) => this.db.tokenize(text),
    prepare: async (sql) => {
      await (await this.conn.prepare(sql)).close();
    },
    preparedRows: async (sql) => {
      const statement = await this.conn.prepare(sql);
      try {
        return (await statement.query()).toArray().map((r) => r.toJSON() as Record<string, unknown>);
      } finally {
        await statement.close();
      }
    },
    rows: async (sql) => (await this.conn.query(sql)).toArray().map((r) => r.toJSON() as Record<string, unknown>),
    // Sent as a pending query, which DuckDB-WASM runs in steps, so `cancel()` can stop it.
    execute: async (sql) => {
      const reader = await this.conn.send(sql);
      const batches = [];
      for await (const batch of reader) batches.push(batch);
      return new ArrowTable(reader.schema, batches);
    },
  };

  /** Cancels the statement `run` is executing, if any; it then fails with DuckDB's interrupt error. */
  cancel(): Promise<boolean> {
    return this.conn.cancelSent();
  }

  /**
   * Runs `sql` unless a newer request with the same key arrives before its turn; then it resolves
   * to null. Scrubbing the hour slider fires many requests and only the last one matters.
   */
  queryLatest(key: string, sql: string): Promise<Table | null> {
    const ticket = (this.latestTicket.get(key) ?? 0) + 1;
    this.latestTicket.set(key, ticket);
    return this.enqueue(async () => (this.latestTicket.get(key) === ticket ? this.conn.query(sql) : null));
  }

  /** A result as an Arrow IPC stream, for Parquet encoding (project files, autosave). */
  async queryIpc(sql: string): Promise<{ ipc: Uint8Array; rows: number }> {
    const table = await this.query(sql);
    return { ipc: tableToIPC(table, 'stream'), rows: table.numRows };
  }

  insertArrowIpc(table: string, ipc: Uint8Array): Promise<void> {
    return this.enqueue(() => this.conn.insertArrowFromIPCStream(ipc, { name: table, create: true }));
  }

  /** Bytes DuckDB holds now (tables, buffers), for the import's out-of-memory guard. */
  async memoryUsedBytes(): Promise<number> {
    const table = await this.query('SELECT coalesce(sum(memory_usage_bytes), 0)::DOUBLE AS n FROM duckdb_memory()');
    return Number(table.get(0)!.n);
  }

  /** `name` from registeredFileName(): DuckDB opens no file outside REGISTERED_FILES_DIR. */
  registerFile(name: string, bytes: Uint8Array): Promise<void> {
    if (!name.startsWith(REGISTERED_FILES_DIR)) return Promise.reject(new Error(`registered files go under ${REGISTERED_FILES_DIR} (registeredFileName), or DuckDB may not read them: ${name}`));
    return this.db.registerFileBuffer(name, bytes);
  }

  dropFile(name: string): Promise<unknown> {
    return this.db.dropFile(name);
  }
}
