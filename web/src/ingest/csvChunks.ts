/**
 * Reads a delimited text file in slices of whole rows, as UTF-8, so an import never holds the
 * whole file: each slice goes to DuckDB's CSV reader on its own, and the bytes read so far drive
 * the progress bar. Rows are never cut: a slice ends at a line break outside quotes.
 */
import type { EncodingGuess } from './textEncoding';

/** What an import reads from: a File or Blob in the browser, a Blob in Node. */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface CsvChunk {
  /** Whole rows, UTF-8, without the header line. */
  utf8: Uint8Array;
  /** Bytes of the file consumed up to the end of this chunk. */
  bytesDone: number;
  bytesTotal: number;
}

/** 32 MB of text is a few hundred thousand rows: big enough that per-slice overhead vanishes. */
export const CSV_CHUNK_BYTES = 32 * 1024 * 1024;

const NEWLINE = 0x0a;
const QUOTE = 0x22;

/**
 * Index just past the last line break that is outside double quotes, or -1 when there is none.
 * `bytes` starts at a row boundary, so quote parity is even at its start.
 */
export function lastRowEnd(bytes: Uint8Array): number {
  // Most machine exports have no quotes at all: then the last newline is the answer.
  if (bytes.indexOf(QUOTE) < 0) {
    const at = bytes.lastIndexOf(NEWLINE);
    return at < 0 ? -1 : at + 1;
  }
  let inQuotes = false;
  let end = -1;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === NEWLINE && !inQuotes) end = i + 1;
  }
  return end;
}

/** Index just past the first line break outside quotes (the end of the header), or -1. */
export function firstRowEnd(bytes: Uint8Array): number {
  let inQuotes = false;
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i];
    if (b === QUOTE) inQuotes = !inQuotes;
    else if (b === NEWLINE && !inQuotes) return i + 1;
  }
  return -1;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The file's data rows in slices of about `chunkBytes`. UTF-8 and GB18030 can be cut at any
 * ASCII newline (neither uses 0x0A inside a multi-byte character); UTF-16 cannot, so it is
 * decoded in one piece.
 */
export async function* csvChunks(file: BlobLike, encoding: EncodingGuess, chunkBytes = CSV_CHUNK_BYTES): AsyncGenerator<CsvChunk> {
  const total = file.size;
  const toUtf8 = (bytes: Uint8Array) => (encoding.encoding === 'utf-8' ? bytes : new TextEncoder().encode(new TextDecoder(encoding.encoding).decode(bytes)));
  if (encoding.encoding.startsWith('utf-16')) {
    const text = new TextEncoder().encode(new TextDecoder(encoding.encoding).decode(new Uint8Array(await file.slice(encoding.bomLength).arrayBuffer())));
    const start = firstRowEnd(text);
    if (start > 0 && start < text.length) yield { utf8: text.subarray(start), bytesDone: total, bytesTotal: total };
    return;
  }
  let position = encoding.bomLength;
  let carry: Uint8Array = new Uint8Array(0);
  let headerSkipped = false;
  while (position < total) {
    const next = Math.min(total, position + chunkBytes);
    const buffer = concat(carry, new Uint8Array(await file.slice(position, next).arrayBuffer()));
    position = next;
    const last = position >= total;
    const end = last ? buffer.length : lastRowEnd(buffer);
    if (end < 0) {
      // One row longer than a slice: keep reading until it ends.
      carry = buffer;
      continue;
    }
    let start = 0;
    if (!headerSkipped) {
      start = firstRowEnd(buffer);
      if (start < 0 || start > end) start = end; // the header is all there is
      headerSkipped = true;
    }
    carry = buffer.subarray(end);
    const rows = buffer.subarray(start, end);
    if (rows.length > 0) yield { utf8: toUtf8(rows), bytesDone: position - carry.length, bytesTotal: total };
  }
}
