/**
 * Refuses, before reading a byte, a file the tab could not hold. A Parquet, Excel or GeoJSON
 * file is read whole into the page and decoded there, so its limit is the smaller of a fixed
 * 2 GiB and half of the JavaScript heap the browser allows. A CSV file is streamed in slices, so
 * the page never holds it; what limits it is the table it becomes inside DuckDB-WASM's 4 GiB
 * address space, which the import itself watches slice by slice (DUCKDB_IMPORT_BUDGET_BYTES).
 */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;

/** A streamed CSV above this cannot become a table that fits, whatever its columns. */
export const MAX_STREAMED_CSV_BYTES = 8 * 1024 ** 3;

/** What DuckDB-WASM's tables may grow to during an import (of its 4 GiB of memory). */
export const DUCKDB_IMPORT_BUDGET_BYTES = 3 * 1024 ** 3;

export function importByteLimit(jsHeapLimitBytes: number | undefined, streamed = false): number {
  if (streamed) return MAX_STREAMED_CSV_BYTES;
  return jsHeapLimitBytes ? Math.min(MAX_IMPORT_BYTES, Math.floor(jsHeapLimitBytes / 2)) : MAX_IMPORT_BYTES;
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

/** null when the file fits, else the reason it does not. */
export function fileTooBig(sizeBytes: number, limitBytes: number): string | null {
  if (sizeBytes <= limitBytes) return null;
  return `the file is ${gb(sizeBytes)}, and this browser tab can import at most ${gb(limitBytes)}: split it into smaller files, or aggregate the pings into a heat grid first (see scripts/ in the README)`;
}
