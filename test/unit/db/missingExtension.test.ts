import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { explainDuckDbError, MissingExtensionError, missingExtensionIn } from '../../../web/src/db/missingExtension';
import { openWasmDuckDb } from '../wasmDuckDb';

function errorOf(conn: DuckDBConnection, sql: string): Error {
  try {
    conn.query(sql);
  } catch (error) {
    return explainDuckDbError(error);
  }
  throw new Error(`expected "${sql}" to fail`);
}

describe('queries that need a missing extension', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    // The engine opens with the app's start-up settings (no extension is installed or loaded).
    conn = await openWasmDuckDb();
  });

  it('has no extension loaded but the built-in core functions', () => {
    const loaded = conn.query('SELECT extension_name FROM duckdb_extensions() WHERE loaded').toArray().map((r) => r.extension_name);
    expect(loaded).toEqual(['core_functions']);
  });

  it('names the spatial extension and the alternative', () => {
    const error = errorOf(conn, 'SELECT ST_Point(1, 2)');
    expect(error).toBeInstanceOf(MissingExtensionError);
    expect((error as MissingExtensionError).extension).toBe('spatial');
    expect(error.message).toMatch(/offline app does not download/);
  });

  it('names the json extension', () => {
    expect((errorOf(conn, "SELECT '{}'::JSON") as MissingExtensionError).extension).toBe('json');
  });

  it('names the parquet extension for read_parquet', () => {
    const error = errorOf(conn, "SELECT * FROM read_parquet('pings.parquet')");
    expect(error).toBeInstanceOf(MissingExtensionError);
    expect((error as MissingExtensionError).extension).toBe('parquet');
  });

  it('passes other errors through unchanged', () => {
    const error = errorOf(conn, 'SELECT * FROM no_such_table');
    expect(error).not.toBeInstanceOf(MissingExtensionError);
    expect(error.message).toMatch(/no_such_table/);
    expect(missingExtensionIn('Parser Error: syntax error at or near "SELEC"')).toBeNull();
  });
});
