/**
 * The first look at a dropped file: refuse what cannot be imported with a specific reason, else
 * detect the encoding and delimiter, preview the first rows and guess the column mapping.
 */
import { guessColumns, type ColumnGuess } from './columnRoles';
import { previewCsv, type CsvPreview } from './csvSniff';
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
  return { fileName, format: 'csv', byteLength: totalBytes, encoding, preview, guess: guessColumns(preview.header, preview.rows) };
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
