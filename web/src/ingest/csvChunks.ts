/**
 * Reads a delimited text file in slices of whole rows, as UTF-8, so an import never holds the
 * whole file: each slice goes to DuckDB's CSV reader on its own, and the bytes read so far drive
 * the progress bar.
 *
 * The rules every slice keeps:
 * - Its bytes are the reader's alone. DuckDB-WASM transfers a registered buffer to its worker,
 *   which empties every view of that buffer here; so the unfinished row carried over to the next
 *   slice is copied out before the slice is handed on, and nothing here reads a slice again.
 * - It holds whole rows and whole characters. Text is decoded with one streaming decoder across
 *   reads (a character cut by a read is finished by the next), and a slice ends after a line break
 *   where DuckDB's CSV reader starts a new row, found with the same quote rules as its reader
 *   (a quote opens a quoted field only at the start of a field; elsewhere it is a character).
 * - It knows its file lines: the line it starts on, where each row starts when rows are not one
 *   per line, and what file line a line number in DuckDB's errors (counted per slice) is.
 * - It is bounded. The unfinished row carried over may grow to CSV_MAX_ROW_BYTES (DuckDB's own
 *   max_line_size bounds the rows within a slice), a quoted field may hold at most
 *   CSV_MAX_QUOTED_LINE_BREAKS line breaks, and a quote still open at the end of the file, having
 *   taken in a line break, fails too. Each stops the import naming the line where the row or the
 *   quote started: a stray `"` would otherwise swallow the rest of the file into one field, or
 *   make it one slice. So a slice is at most the slice size plus one row of CSV_MAX_ROW_BYTES.
 *   (A quote opened in the last line of a file cut off is closed, so that row is checked.)
 */
import type { EncodingGuess } from './textEncoding';

/** What an import reads from: a File or Blob in the browser, a Blob in Node. */
export interface BlobLike {
  readonly size: number;
  slice(start?: number, end?: number): { arrayBuffer(): Promise<ArrayBuffer> };
}

export interface CsvChunk {
  /** Whole rows, UTF-8, without the header: a buffer of its own that is never read here again. */
  utf8: Uint8Array;
  /** Bytes of the file read so far. */
  bytesDone: number;
  bytesTotal: number;
  /** The file line (the first line of the file is 1) the chunk starts on. */
  startLine: number;
  /** Rows DuckDB's CSV reader reads from the chunk. */
  rows: number;
  /** The file line each row starts on, when that is not startLine + its index (blank lines, quoted line breaks, lone CRs). */
  rowLines: Int32Array | null;
  /** A quoted field holds a line break (DuckDB's parallel reader refuses those alongside null_padding). */
  quotedLineBreaks: boolean;
  /** The file line of line `n` (from 1) as DuckDB's CSV reader counts the lines of this chunk. */
  fileLine(n: number): number;
}

export interface CsvChunkOptions {
  /** Bytes read from the file per slice (tests use small slices to cross slice boundaries). */
  chunkBytes?: number;
  /** The field delimiter: one ASCII character. */
  delimiter?: string;
}

/** 32 MB of text is a few hundred thousand rows: big enough that per-slice overhead vanishes. */
export const CSV_CHUNK_BYTES = 32 * 1024 * 1024;
/** Longest row, in bytes of UTF-8: below DuckDB's own max_line_size (2,000,000), so this rule speaks first. */
export const CSV_MAX_ROW_BYTES = 1024 * 1024;
/** Line breaks a quoted field may hold: an address or a note has a few; more is a stray quote. */
export const CSV_MAX_QUOTED_LINE_BREAKS = 100;

/** The file cannot be cut into rows (the import reports it with the file name). */
export class CsvFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CsvFormatError';
  }
}

const LF = 0x0a;
const CR = 0x0d;
const QUOTE = 0x22;
const SPACE = 0x20;

// The states of DuckDB's CSV reader (csv_state_machine_cache.cpp; as DuckDB 1.4 reads with
// strict_mode = false, where text after a closing quote keeps the field quotable) that decide
// where a row ends: a field's start (after a delimiter, or a row's start), after one space there,
// inside an unquoted field, inside quotes, and after a closing quote. csvRowsMatchDuckDb.test.ts
// checks the rows found here against the engine.
const ROW_START = 0;
const FIELD_START = 1;
const SPACE_AT_START = 2;
const UNQUOTED = 3;
const QUOTED = 4;
const AFTER_QUOTE = 5;

/** What a scan of bytes that begin at a row boundary finds. Lines are file lines. */
export interface RowScan {
  /** Index just past the last line break that ends a row; -1 when there is none. At the end of the file: the length. */
  end: number;
  /** Line breaks before `end`. */
  lines: number;
  /** Rows before `end`. */
  rows: number;
  /** The file line each of those rows starts on, or null when row i starts on line firstLine + i. */
  rowLines: number[] | null;
  /** For each line break inside quotes before `end`: DuckDB's line number (from 1) it falls on. */
  quotedBreaks: number[];
  /**
   * After `end`: where the unfinished row starts (index, file line), and the line an open quoted
   * field started on (or -1; at the end of the file: a quote cut off in the last line).
   */
  openAt: number;
  openLine: number;
  openQuoteLine: number;
}

export interface ScanOptions {
  delimiter: number;
  /** The file line of bytes[0]. */
  firstLine: number;
  /** The line break slices are cut after: LF, or CR in a file whose lines end in CR alone. */
  cutByte?: number;
  /** The bytes run to the end of the file: the last row needs no line break. */
  final?: boolean;
  /** Stop at the first cut after this many rows (the header). */
  stopAfterRows?: number;
  /** Allow the shortcut for text without quotes (tests turn it off to compare). */
  fastPath?: boolean;
}

/** The start of the row at `from`, for messages: up to 60 characters. */
function snippet(bytes: Uint8Array, from: number): string {
  let to = from;
  while (to < bytes.length && to - from < 240 && bytes[to] !== LF && bytes[to] !== CR) to++;
  const text = new TextDecoder().decode(bytes.subarray(from, to));
  return text.length > 60 ? `${text.slice(0, 60)}…` : text;
}

const quoteAdvice = 'if the quote is part of the text, put the whole field in double quotes and write the quote twice (""), or remove it';

function unclosedQuote(line: number, text: string, why: string): CsvFormatError {
  return new CsvFormatError(`line ${line.toLocaleString('en')} (${text}): a double quote (") opens a field here that ${why}; ${quoteAdvice}`);
}

/** Text without quotes, one row per line: counted in one plain pass, or null to scan state by state. */
function scanWithoutQuotes(bytes: Uint8Array, options: ScanOptions): RowScan | null {
  const { firstLine, final = false } = options;
  if ((options.cutByte ?? LF) !== LF || options.stopAfterRows !== undefined) return null;
  const n = bytes.length;
  let rows = 0;
  let lineStart = 0;
  let lastBreak = -1;
  // One pass for quotes, CRs and LFs (a loop V8 runs near a byte a nanosecond; each indexOf
  // over the whole slice would cost about as much again).
  for (let at = 0; at < n; at++) {
    const b = bytes[at];
    if (b > QUOTE) continue;
    if (b === LF) {
      // A blank line is no row in DuckDB: the rows would not be one per line.
      const contentEnd = at > lineStart && bytes[at - 1] === CR ? at - 1 : at;
      if (contentEnd === lineStart) return null;
      rows++;
      lineStart = at + 1;
      lastBreak = at;
    } else if (b === QUOTE || (b === CR && bytes[at + 1] !== LF)) return null; // a CR alone ends a row too
  }
  const lines = rows;
  const end = final ? n : lastBreak + 1;
  if (final && lineStart < n) rows++;
  // What follows `end` is the start of one unfinished row (or nothing).
  if (end === 0 && !final) return { end: -1, lines: 0, rows: 0, rowLines: null, quotedBreaks: [], openAt: 0, openLine: firstLine, openQuoteLine: -1 };
  return { end, lines, rows, rowLines: null, quotedBreaks: [], openAt: end, openLine: firstLine + lines, openQuoteLine: -1 };
}

/**
 * Finds the rows in `bytes`, which begin at a row boundary, as DuckDB's CSV reader reads them
 * (quote and escape `"`): where the last whole row ends, the lines and rows before it, and
 * where any unfinished row and open quote start. Throws CsvFormatError for a quoted field over
 * CSV_MAX_QUOTED_LINE_BREAKS line breaks, or (at the end of the file) one never closed.
 */
export function scanRows(bytes: Uint8Array, options: ScanOptions): RowScan {
  if (options.fastPath !== false) {
    const fast = scanWithoutQuotes(bytes, options);
    if (fast) return fast;
  }
  const { delimiter, firstLine, final = false, stopAfterRows = Infinity } = options;
  const cutByte = options.cutByte ?? LF;
  const n = bytes.length;
  const rowLines: number[] = [];
  const quotedBreaks: number[] = [];
  let state = ROW_START;
  let line = firstLine;
  let duckDbLine = 1;
  let rowLine = firstLine;
  let rowAt = 0;
  let quoteLine = -1;
  let quoteAt = 0;
  let quoteBreaks = 0;
  let end = -1;
  let endLine = firstLine;
  let endRows = 0;
  let endQuoted = 0;
  for (let i = 0; i < n; i++) {
    const b = bytes[i];
    // Most bytes are ordinary text (above the quote, not the delimiter; UTF-8 lead and trail
    // bytes too): they only end a field's start, or start a row.
    if (b > QUOTE && b !== delimiter) {
      if (state === ROW_START) {
        rowLine = line;
        rowAt = i;
        state = UNQUOTED;
      } else if (state === FIELD_START || state === SPACE_AT_START) state = UNQUOTED;
      continue;
    }
    const isBreak = b === LF || b === CR;
    // CR LF is one line break, in the file's lines and in DuckDB's (before bytes[0] is the line break they were cut after).
    const newLine = isBreak && !(b === LF && (i > 0 ? bytes[i - 1] : cutByte) === CR);
    if (newLine) line++;
    if (state === QUOTED) {
      if (b === QUOTE) state = AFTER_QUOTE;
      else if (newLine) {
        quotedBreaks.push(duckDbLine);
        if (++quoteBreaks > CSV_MAX_QUOTED_LINE_BREAKS) throw unclosedQuote(quoteLine, snippet(bytes, quoteAt), `is not closed within ${CSV_MAX_QUOTED_LINE_BREAKS} line breaks`);
      }
      continue;
    }
    if (isBreak) {
      // A line break ends the row; at a row's start it is a blank line, which is no row.
      if (state !== ROW_START) {
        rowLines.push(rowLine);
        state = ROW_START;
      }
      if (newLine) duckDbLine++;
      if (b === cutByte) {
        end = i + 1;
        endLine = line;
        endRows = rowLines.length;
        endQuoted = quotedBreaks.length;
        if (endRows >= stopAfterRows) break;
      }
      continue;
    }
    if (state === ROW_START) {
      rowLine = line;
      rowAt = i;
      state = FIELD_START;
    }
    const atFieldStart = state === FIELD_START || state === SPACE_AT_START;
    if (b === QUOTE) {
      // A quote opens a field at its start (after at most one space) or reopens it after a closing quote ("" inside quotes).
      if (atFieldStart) {
        quoteLine = line;
        quoteAt = rowAt;
        quoteBreaks = 0;
        state = QUOTED;
      } else if (state === AFTER_QUOTE) state = QUOTED;
    } else if (b === delimiter) state = FIELD_START;
    else if (state === FIELD_START && b === SPACE) state = SPACE_AT_START;
    else if (atFieldStart) state = UNQUOTED;
  }
  if (final) {
    if (state === QUOTED && quoteBreaks > 0) throw unclosedQuote(quoteLine, snippet(bytes, quoteAt), 'is never closed, so every line after it would be read into that one field');
    if (state !== ROW_START) rowLines.push(rowLine);
    end = n;
    endLine = line;
    endRows = rowLines.length;
    endQuoted = quotedBreaks.length;
  }
  const rows = rowLines.slice(0, endRows);
  const regular = rows.every((l, i) => l === firstLine + i);
  return {
    end,
    lines: endLine - firstLine,
    rows: endRows,
    rowLines: regular ? null : rows,
    quotedBreaks: quotedBreaks.slice(0, endQuoted),
    openAt: final || state === ROW_START ? n : rowAt,
    openLine: final || state === ROW_START ? line : rowLine,
    openQuoteLine: state === QUOTED ? quoteLine : -1,
  };
}

/** Throws when the unfinished row after `scan.end` is already longer than a row may be. */
function checkOpenRow(bytes: Uint8Array, scan: Pick<RowScan, 'end' | 'openAt' | 'openLine' | 'openQuoteLine'>): void {
  const open = bytes.length - Math.max(0, scan.end);
  if (open <= CSV_MAX_ROW_BYTES) return;
  const limit = `${CSV_MAX_ROW_BYTES / 1024 ** 2} MB`;
  if (scan.openQuoteLine >= 0) throw unclosedQuote(scan.openQuoteLine, snippet(bytes, scan.openAt), `is still open ${limit} later`);
  throw new CsvFormatError(`line ${scan.openLine.toLocaleString('en')} (${snippet(bytes, scan.openAt)}): a row longer than ${limit}; is this a delimited text file with one row per line?`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const out = new Uint8Array(a.length + b.length);
  out.set(a);
  out.set(b, a.length);
  return out;
}

/**
 * The line break that ends rows: LF, unless the file's first line break is a CR alone (old Mac
 * files); -1 while the bytes so far hold no line break to tell by.
 */
function cutByteOf(bytes: Uint8Array, last: boolean): number {
  const lf = bytes.indexOf(LF);
  const cr = bytes.indexOf(CR);
  if (cr < 0 || (lf >= 0 && lf < cr)) return lf >= 0 || last ? LF : -1;
  if (cr + 1 < bytes.length) return bytes[cr + 1] === LF ? LF : CR;
  return last ? CR : -1;
}

/** DuckDB's line `n` of a chunk as a file line: its lines skip the line breaks inside quotes. */
function fileLineOf(startLine: number, quotedBreaks: number[]) {
  return (n: number) => {
    let inside = 0;
    while (inside < quotedBreaks.length && quotedBreaks[inside] < n) inside++;
    return startLine + n - 1 + inside;
  };
}

/** The file's data rows in slices of about `chunkBytes` (see the rules at the top). */
export async function* csvChunks(file: BlobLike, encoding: EncodingGuess, options: CsvChunkOptions = {}): AsyncGenerator<CsvChunk> {
  const chunkBytes = Math.max(1, Math.floor(options.chunkBytes ?? CSV_CHUNK_BYTES));
  const delimiter = (options.delimiter ?? ',').charCodeAt(0);
  const total = file.size;
  // UTF-8 goes as it is (a character cut by a read stays in the carried tail); other encodings
  // are decoded by one streaming decoder, which keeps a cut character until the next read.
  const decoder = encoding.encoding === 'utf-8' ? null : new TextDecoder(encoding.encoding);
  const encoder = new TextEncoder();
  let position = encoding.bomLength;
  let carry: Uint8Array = new Uint8Array(0);
  let line = 1;
  let cutByte = -1;
  let headerSkipped = false;
  while (position < total) {
    const next = Math.min(total, position + chunkBytes);
    const raw = new Uint8Array(await file.slice(position, next).arrayBuffer());
    position = next;
    const last = position >= total;
    const text = decoder ? encoder.encode(decoder.decode(raw, { stream: !last })) : raw;
    let buffer = concat(carry, text);
    if (cutByte < 0) cutByte = cutByteOf(buffer, last);
    if (cutByte < 0) {
      checkOpenRow(buffer, { end: -1, openAt: 0, openLine: line, openQuoteLine: -1 });
      carry = buffer;
      continue;
    }
    if (!headerSkipped) {
      const header = scanRows(buffer, { delimiter, firstLine: line, cutByte, stopAfterRows: 1 });
      if (header.end < 0) {
        if (last) return; // the header is all there is
        checkOpenRow(buffer, header);
        carry = buffer;
        continue;
      }
      line += header.lines;
      buffer = buffer.subarray(header.end);
      headerSkipped = true;
    }
    const scan = scanRows(buffer, { delimiter, firstLine: line, cutByte, final: last });
    if (!last) checkOpenRow(buffer, scan);
    if (scan.end <= 0) {
      carry = buffer;
      continue;
    }
    // The tail is copied: the database takes over the buffer the slice is a view of.
    carry = buffer.slice(scan.end);
    const startLine = line;
    line += scan.lines;
    if (scan.rows === 0) continue;
    // A file cut off inside a quoted field of its last line: DuckDB misreads a quote open at the
    // end of its input (it drops or garbles the value), so the cut field is closed and the row
    // is checked like any other.
    const rows = buffer.subarray(0, scan.end);
    yield {
      utf8: last && scan.openQuoteLine >= 0 ? concat(rows, new Uint8Array([QUOTE])) : rows,
      bytesDone: position,
      bytesTotal: total,
      startLine,
      rows: scan.rows,
      rowLines: scan.rowLines ? Int32Array.from(scan.rowLines) : null,
      quotedLineBreaks: scan.quotedBreaks.length > 0,
      fileLine: fileLineOf(startLine, scan.quotedBreaks),
    };
  }
}
