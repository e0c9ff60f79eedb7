/**
 * The same DuckDB-WASM engine the browser runs, driven synchronously in Node, so SQL the app
 * generates is tested against the real engine (no extensions, like the browser build).
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as duckdb from '@duckdb/duckdb-wasm/blocking';

const require = createRequire(import.meta.url);
const DIST = dirname(require.resolve('@duckdb/duckdb-wasm/dist/duckdb-node-blocking.cjs'));

export async function openWasmDuckDb(): Promise<duckdb.DuckDBConnection> {
  return (await openWasmSqlRunner()).conn;
}

/** The importer's SqlRunner over the Node engine, plus the raw connection for assertions. */
export async function openWasmSqlRunner(): Promise<{ runner: import('../../web/src/db/sqlRunner').SqlRunner & Pick<import('../../web/src/project/projectTables').TableRunner, 'queryIpc'>; conn: duckdb.DuckDBConnection }> {
  const bundles: duckdb.DuckDBBundles = {
    mvp: { mainModule: join(DIST, 'duckdb-mvp.wasm'), mainWorker: join(DIST, 'duckdb-node-mvp.worker.cjs') },
    eh: { mainModule: join(DIST, 'duckdb-eh.wasm'), mainWorker: join(DIST, 'duckdb-node-eh.worker.cjs') },
  };
  const db = await duckdb.createDuckDB(bundles, new duckdb.VoidLogger(), duckdb.NODE_RUNTIME);
  await db.instantiate();
  db.open({ query: { castBigIntToDouble: true } });
  const conn = db.connect();
  const runner = {
    query: async (sql: string) => conn.query(sql),
    run: async (statements: string[]) => {
      for (const sql of statements) conn.query(sql);
    },
    registerFile: async (name: string, bytes: Uint8Array) => db.registerFileBuffer(name, bytes),
    dropFile: async (name: string) => db.dropFile(name),
    insertArrowIpc: async (table: string, ipc: Uint8Array) => conn.insertArrowFromIPCStream(ipc, { name: table, create: true }),
    // The engine's results are instances of the CommonJS apache-arrow it loads; serialise with that one.
    queryIpc: async (sql: string) => {
      const result = conn.query(sql);
      return { ipc: (require('apache-arrow') as typeof import('apache-arrow')).tableToIPC(result, 'stream'), rows: result.numRows };
    },
  };
  return { runner, conn };
}
