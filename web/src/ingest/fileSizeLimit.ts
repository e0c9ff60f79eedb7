/**
 * Refuses, before reading a byte, a file the tab could not hold. The file is read into the page,
 * handed to DuckDB's worker and turned into a table inside DuckDB-WASM's 4 GiB address space, so
 * the limit is the smaller of a fixed 2 GiB and half of the JavaScript heap the browser allows.
 */
export const MAX_IMPORT_BYTES = 2 * 1024 ** 3;

export function importByteLimit(jsHeapLimitBytes: number | undefined): number {
  return jsHeapLimitBytes ? Math.min(MAX_IMPORT_BYTES, Math.floor(jsHeapLimitBytes / 2)) : MAX_IMPORT_BYTES;
}

const gb = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(1)} GB`;

/** null when the file fits, else the reason it does not. */
export function fileTooBig(sizeBytes: number, limitBytes: number): string | null {
  if (sizeBytes <= limitBytes) return null;
  return `the file is ${gb(sizeBytes)}, and this browser tab can import at most ${gb(limitBytes)}: split it into smaller files, or aggregate the pings into a heat grid first (see scripts/ in the README)`;
}
