/**
 * The same DuckDB-WASM engine the browser runs, driven synchronously in Node, so SQL the app
 * generates is tested against the real engine (no extensions, like the browser build), locked
 * with the same start-up settings as the browser's (ENGINE_SETTINGS_SQL).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';
import { ENGINE_SETTINGS_SQL, REGISTERED_FILES_DIR } from '../../web/src/db/schema';
import type { ConsoleSession } from '../../web/src/db/consoleSession';
import { runConsoleSql, type ConsoleResult } from '../../web/src/sql/sqlGuard';

const require = createRequire(import.meta.url);
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

export async function openWasmDuckDb(): Promise<duckdb.DuckDBConnection> {
  return (await openWasmSqlRunner()).conn;
}

/** The SQL console's view of a connection, as AtlasDb gives it in the browser. */
export function consoleSession(db: duckdb.DuckDBBindings, conn: duckdb.DuckDBConnection): ConsoleSession {
  const rows = (table: { toArray(): { toJSON(): Record<string, unknown> }[] }) => table.toArray().map((r) => r.toJSON());
  return {
    tokenize: async (text) => db.tokenize(text),
    prepare: async (sql) => conn.prepare(sql).close(),
    preparedRows: async (sql) => {
      const statement = conn.prepare(sql);
      try {
        return rows(statement.query());
      } finally {
        statement.close();
      }
    },
    rows: async (sql) => rows(conn.query(sql)),
    execute: async (sql) => conn.query(sql),
  };
}

/** The importer's SqlRunner over the Node engine, plus the raw connection for assertions. */
export async function openWasmSqlRunner(): Promise<{
  runner: import('../../web/src/db/sqlRunner').SqlRunner & Pick<import('../../web/src/project/projectTables').TableRunner, 'queryIpc'> & { runConsoleSql(sql: string, unlocked: boolean): Promise<ConsoleResult> };
  conn: duckdb.DuckDBConnection;
  /** The SQL console's view of the same connection. */
  session: ConsoleSession;
}> {
  const bundles: duckdb.DuckDBBundles = {
    mvp: { mainModule: join(DIST, 'duckdb-mvp.wasm'), mainWorker: join(DIST, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(DIST, 'duckdb-eh.wasm'), mainWorker: join(DIST, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const conn = db.connect();
  for (const sql of ENGINE_SETTINGS_SQL) conn.query(sql);
  const runner = {
    query: async (sql: string) => conn.query(sql),
    run: async (statements: string[]) => {
      for (const sql of statements) conn.query(sql);
    },
    registerFile: async (name: string, bytes: Uint8Array) => {
      // As AtlasDb: with external access off, DuckDB reads no file outside this folder.
      if (!name.startsWith(REGISTERED_FILES_DIR)) throw new Error(`registered files go under ${REGISTERED_FILES_DIR} (registeredFileName): ${name}`);
      db.registerFileBuffer(name, bytes);
    },
    dropFile: async (name: string) => db.dropFile(name),
    insertArrowIpc: async (table: string, ipc: Uint8Array) => conn.insertArrowFromIPCStream(ipc, { name: table, create: true }),
    // The engine's results are instances of the CommonJS apache-arrow it loads; serialise with that one.
    queryIpc: async (sql: string) => {
      const result = conn.query(sql);
      return { ipc: (require('apache-arrow') as typeof import('apache-arrow')).tableToIPC(result, 'stream'), rows: result.numRows };
    },
    runConsoleSql: (sql: string, unlocked: boolean) => runConsoleSql(session, sql, unlocked),
  };
  const session = consoleSession(db, conn);
  return { runner, conn, session };
}
