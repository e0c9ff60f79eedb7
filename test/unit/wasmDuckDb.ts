/** Tests open the same Node DuckDB-WASM engine the CLI uses. */
export { openWasmDuckDb, openWasmSqlRunner } from '../../scripts/lib/wasmDuckDbNode';
