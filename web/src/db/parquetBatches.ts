/**
 * A Parquet file read a few row groups at a time instead of whole: the page then holds one batch
 * of Arrow at a time (not the whole decoded file), the preview needs only the first batch, and
 * decoding the next batch (Parquet worker) overlaps with loading this one (DuckDB worker).
 */

/** Something that decodes chosen row groups of one open file into an Arrow IPC stream. */
export interface RowGroupReader {
  read(rowGroups: number[]): Promise<Uint8Array>;
}

export interface OpenedParquet extends RowGroupReader {
  /** Rows of each row group, in file order. */
  rowGroupRows: number[];
  close(): void;
}

/**
 * Consecutive row groups joined into batches of about `targetRows` (a group bigger than that is a
 * batch of its own: Parquet cannot be split below a row group without reading it).
 */
export function rowGroupBatches(rowGroupRows: readonly number[], targetRows: number): number[][] {
  const batches: number[][] = [];
  let current: number[] = [];
  let rows = 0;
  rowGroupRows.forEach((n, group) => {
    if (current.length > 0 && rows + n > targetRows) {
      batches.push(current);
      current = [];
      rows = 0;
    }
    current.push(group);
    rows += n;
  });
  if (current.length > 0) batches.push(current);
  return batches;
}

/** The batches decoded in order, the next one always in flight while the caller works on this one. */
export async function* readAhead(reader: RowGroupReader, batches: readonly number[][]): AsyncGenerator<Uint8Array> {
  let next = batches.length > 0 ? reader.read(batches[0]) : null;
  for (let i = 0; next; i++) {
    const current = next;
    next = i + 1 < batches.length ? reader.read(batches[i + 1]) : null;
    // A failed read-ahead must not surface as an unhandled rejection if the caller stops early.
    next?.catch(() => undefined);
    yield await current;
  }
}
