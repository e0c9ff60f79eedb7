/**
 * The first look at a dropped file: refuse what cannot be imported with a specific reason, else
 * detect the encoding and delimiter, preview the first rows and guess the column mapping.
 */
import { guessColumns, type ColumnGuess } from './columnRoles';
import { suggestCrsByReference } from './crsByReference';
import { parseDelimited, previewCsv, type CsvPreview } from './csvSniff';
import { decodeText, detectEncoding, NotTextError, type EncodingGuess } from './textEncoding';

export class ImportError extends Error {
  readonly fileName: string;
  constructor(fileName: string, message: string) {
    super(`${fileName}: ${message}`);
    this.name = 'ImportError';
    this.fileName = fileName;
  }
}

/** Where an import reads rows from: a delimited text file, or the scratch table `import_source` (Parquet). */
export type ImportSourceFormat = 'csv' | 'table';

export interface PreparedImport {
  fileName: string;
  format: ImportSourceFormat;
  byteLength: number;
  encoding: EncodingGuess;
  preview: CsvPreview;
  guess: ColumnGuess;
  /** Up to 2,000 coordinate pairs from the head, as the guessed columns read them (for CRS checks). */
  sample: { lon: number; lat: number }[];
}

const SAMPLE_ROWS = 2000;

/** Coordinate pairs from raw rows under a guess (swap applied), skipping non-numbers. */
export function sampleCoordinates(rows: string[][], guess: ColumnGuess): { lon: number; lat: number }[] {
  const { lon: lonAt, lat: latAt } = guess.roles;
  if (lonAt === undefined || latAt === undefined) return [];
  const out: { lon: number; lat: number }[] = [];
  for (const row of rows) {
    const a = Number(row[lonAt]);
    const b = Number(row[latAt]);
    if (!Number.isFinite(a) || !Number.isFinite(b) || row[lonAt]?.trim() === '' || row[latAt]?.trim() === '') continue;
    out.push(guess.swapped ? { lon: b, lat: a } : { lon: a, lat: b });
  }
  return out;
}

/** How much of a file the first look reads: enough for the preview and the guesses. */
export const HEAD_BYTES = 256 * 1024;

/**
 * `bytes` may be the whole file or just its head (the first HEAD_BYTES); `totalBytes` is the
 * file's size, so a big file is previewed without being read.
 */
export function prepareImport(fileName: string, bytes: Uint8Array, totalBytes = bytes.length): PreparedImport {
  if (totalBytes === 0) throw new ImportError(fileName, 'the file is empty (0 bytes)');
  const head = bytes.subarray(0, HEAD_BYTES);
  let encoding: EncodingGuess;
  try {
    encoding = detectEncoding(head);
  } catch (error) {
    if (error instanceof NotTextError) throw new ImportError(fileName, error.message);
    throw error;
  }
  const text = decodeText(head, encoding);
  if (text.trim() === '') throw new ImportError(fileName, 'the file holds only blank lines');
  const preview = previewCsv(text, 20, totalBytes <= HEAD_BYTES);
  if (preview.header.length < 2) {
    throw new ImportError(fileName, `line 1 has ${preview.header.length} column; expected a header with lon and lat columns separated by commas, tabs, semicolons or |`);
  }
  if (preview.rows.length === 0) throw new ImportError(fileName, 'the file has a header but no data rows');
  const guess = guessColumns(preview.header, preview.rows);
  const sampleRows = parseDelimited(totalBytes <= HEAD_BYTES ? text : text.slice(0, Math.max(text.lastIndexOf('\n'), 0)), preview.delimiter, SAMPLE_ROWS + 1).slice(1);
  return { fileName, format: 'csv', byteLength: totalBytes, encoding, preview, guess, sample: sampleCoordinates(sampleRows, guess) };
}

/**
 * When no header named the CRS, let the values speak: if the sample lines up with the reference
 * points (EV chargers) under one CRS far better than under the others, choose it.
 */
export function refineCrsFromValues(prepared: PreparedImport, reference: { lon: ArrayLike<number>; lat: ArrayLike<number> } | null): PreparedImport {
  if (prepared.guess.crsReason !== 'default' || !reference) return prepared;
  const evidence = suggestCrsByReference(prepared.sample, reference);
  if (!evidence) return prepared;
  return { ...prepared, guess: { ...prepared.guess, crs: evidence.crs, crsReason: 'values' } };
}

/** Parquet files start (and end) with the magic bytes "PAR1". */
export function isParquet(head: Uint8Array): boolean {
  return head.length >= 4 && head[0] === 0x50 && head[1] === 0x41 && head[2] === 0x52 && head[3] === 0x31;
}

/** The whole file as UTF-8 bytes, the only encoding DuckDB-WASM's CSV reader takes. */
export function toUtf8(bytes: Uint8Array, encoding: EncodingGuess): Uint8Array {
  if (encoding.encoding === 'utf-8') return bytes.subarray(encoding.bomLength);
  return new TextEncoder().encode(decodeText(bytes, encoding));
}
