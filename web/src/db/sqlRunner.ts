import type { Table } from 'apache-arrow';

/**
 * The part of the database owner an import needs. AtlasDb implements it in the browser; tests
 * implement it over the same DuckDB-WASM engine in Node.
 */
export interface SqlRunner {
  query(sql: string): Promise<Table>;
  run(statements: string[]): Promise<void>;
  registerFile(name: string, bytes: Uint8Array): Promise<void>;
  dropFile(name: string): Promise<unknown>;
  /** Creates `table` from an Arrow IPC stream (the buffer may be taken over). */
  insertArrowIpc(table: string, ipc: Uint8Array): Promise<void>;
  /** Interrupts the running statement, where the engine can. */
  cancel?(): Promise<unknown>;
}
