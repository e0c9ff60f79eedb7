/**
 * A file under review in the import dialog: its head read, its columns guessed, and for a
 * workbook the sheets to choose from; a Parquet file's first batch waits in import_source.
 */
import type { SqlRunner } from '../db/sqlRunner';
import { openParquetFile } from '../db/parquetDecoder';
import type { OpenedParquet } from '../db/parquetBatches';
import { planFromGuess, type ImportPlan } from './importPlan';
import { isSpreadsheetName, isZip, readXlsxSheet } from './xlsxSheets';
import { HEAD_BYTES, ImportError, isParquet, prepareImport, refineCrsFromValues, type PreparedImport } from './prepareImport';
import { prepareParquetImport } from './prepareTableImport';
import { geojsonPointsToCsv, isGeoJsonName } from './geojsonPoints';
import { fileTooBig, importByteLimit } from './fileSizeLimit';
import type { ImportInput } from './runImport';

/** Known WGS-84 points (EV chargers) that imported points are checked against to suggest a CRS. */
export type ReferencePoints = { lon: Float64Array; lat: Float64Array } | null;

/** An Excel workbook under review: its bytes stay so that another sheet can be chosen. */
export interface PendingWorkbook {
  bytes: Uint8Array;
  sheetNames: string[];
  sheet: string;
}

export interface PendingImport {
  prepared: PreparedImport;
  file: File;
  plan: ImportPlan;
  workbook?: PendingWorkbook;
  /** A Parquet file: its first batch is in import_source for the preview, the rest are read on start. */
  parquet?: { opened: OpenedParquet; input: ImportInput };
}

function requireDb(db: SqlRunner | null, fileName: string): SqlRunner {
  if (!db) throw new ImportError(fileName, 'the database is still starting; try again in a moment');
  return db;
}

/** Reads the head of a file (or a Parquet file's first batch into import_source) and guesses a plan. */
export async function prepareFile(file: File, db: SqlRunner | null, reference: ReferencePoints, workbook?: PendingWorkbook): Promise<PendingImport> {
  // Only the head is read for the preview; the whole file is read when the user confirms.
  const head = new Uint8Array(await file.slice(0, HEAD_BYTES).arrayBuffer());
  if (isParquet(head)) {
    const database = requireDb(db, file.name);
    const opened = await openParquetFile(file).catch((error: unknown) => {
      throw new ImportError(file.name, String(error instanceof Error ? error.message : error));
    });
    try {
      const { prepared, input } = await prepareParquetImport(database, file.name, opened, file.size);
      const refined = refineCrsFromValues(prepared, reference);
      return { prepared: refined, file, plan: planFromGuess(refined), parquet: { opened, input } };
    } catch (error) {
      opened.close();
      throw error;
    }
  }
  const prepared = refineCrsFromValues(prepareImport(file.name, head, file.size), reference);
  return { prepared, file, plan: planFromGuess(prepared), workbook };
}

/** One sheet of a workbook (the first with data unless named) as a CSV file under review. */
export function sheetFile(fileName: string, bytes: Uint8Array, sheet?: string): { file: File; workbook: PendingWorkbook } {
  const read = readXlsxSheet(fileName, bytes, sheet);
  return { file: new File([read.csv], fileName, { type: 'text/csv' }), workbook: { bytes, sheetNames: read.sheetNames, sheet: read.sheet } };
}

/**
 * Turns a dropped file into one under review: refuses what is too big for the tab, turns GeoJSON
 * points and Excel sheets into CSV up front, and reads the head (or a Parquet file's first batch).
 */
export async function reviewFile(queued: File, db: SqlRunner | null, reference: ReferencePoints, heapLimit: number | undefined): Promise<PendingImport> {
  let file = queued;
  const magic = new Uint8Array(await file.slice(0, 4).arrayBuffer());
  // Delimited text and Parquet (by row groups) are streamed; workbooks and GeoJSON are read whole.
  const streamed = !isZip(magic) && !isGeoJsonName(file.name) && !isSpreadsheetName(file.name);
  const tooBig = fileTooBig(file.size, importByteLimit(heapLimit, streamed));
  if (tooBig) throw new ImportError(file.name, tooBig);
  if (isGeoJsonName(file.name)) file = new File([geojsonPointsToCsv(file.name, await file.text())], file.name, { type: 'text/csv' });
  // Excel workbooks too: the first sheet with data becomes CSV text; the dialog offers the others.
  const sheet = isSpreadsheetName(file.name) || isZip(magic) ? sheetFile(file.name, new Uint8Array(await file.arrayBuffer())) : undefined;
  if (sheet) file = sheet.file;
  return prepareFile(file, db, reference, sheet?.workbook);
}
