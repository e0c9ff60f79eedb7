/**
 * The importer's SqlRunner over native DuckDB (@duckdb/node-api, dev only), so the benchmark runs
 * the very SQL the app runs, on the same files, for a ratio taken in the same run. Registered
 * "files" are written to a scratch folder and their names in the SQL pointed there.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Table } from 'apache-arrow';
import { DuckDBInstance } from '@duckdb/node-api';
import type { SqlRunner } from '../../web/src/db/sqlRunner';
import { ENGINE_TUNING_SQL } from '../../web/src/db/schema';

export interface NativeRunner extends SqlRunner {
  close(): void;
}

/** Enough of an Arrow table for the importer: column names, rows by index, and rows as JSON. */
function tableLike(columns: string[], rows: Record<string, unknown>[]): Table {
  const plain = rows.map((r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])));
  return {
    schema: { fields: columns.map((name) => ({ name })) },
    numRows: plain.length,
    get: (i: number) => plain[i] ?? null,
    toArray: () => plain.map((r) => ({ ...r, toJSON: () => r })),
  } as unknown as Table;
}

export async function openNativeSqlRunner(scratchDir: string): Promise<NativeRunner> {
  const dir = resolve(scratchDir);
  mkdirSync(dir, { recursive: true });
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  // The app's query tuning, so ratios compare like with like (the lock is the browser's concern:
  // this runner reads real files).
  for (const sql of ENGINE_TUNING_SQL) await conn.run(sql);
  const files = new Map<string, string>();
  const pointed = (sql: string) => {
    let out = sql;
    for (const [name, path] of files) out = out.split(`'${name}'`).join(`'${path}'`);
    return out;
  };
  return {
    query: async (sql) => {
      const reader = await conn.runAndReadAll(pointed(sql));
      return tableLike(reader.columnNames(), reader.getRowObjectsJS() as Record<string, unknown>[]);
    },
    run: async (statements) => {
      for (const sql of statements) await conn.run(pointed(sql));
    },
    registerFile: async (name, bytes) => {
      const path = join(dir, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, bytes);
      files.set(name, path);
    },
    dropFile: async (name) => {
      const path = files.get(name);
      files.delete(name);
      if (path) rmSync(path, { force: true });
    },
    insertArrowIpc: async () => {
      throw new Error('the native runner reads Parquet with read_parquet instead');
    },
    close: () => conn.closeSync(),
  };
}
