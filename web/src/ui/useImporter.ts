/**
 * Drives the import flow for the panel and dialog: a queue of dropped files, the plan under
 * review, the running import with cancel, and the reports and errors of finished ones.
 */
import { useCallback, useRef, useState } from 'react';
import type { AtlasDb } from '../db/atlasDb';
import { planFromGuess, type ImportPlan } from '../ingest/importPlan';
import { importSalt } from '../ingest/importSalt';
import { DUCKDB_IMPORT_BUDGET_BYTES, fileTooBig, importByteLimit } from '../ingest/fileSizeLimit';
import { isSpreadsheetName, isZip, readXlsxSheet } from '../ingest/xlsxSheets';
import { HEAD_BYTES, ImportError, isParquet, prepareImport, refineCrsFromValues, type PreparedImport } from '../ingest/prepareImport';
import { prepareParquetImport } from '../ingest/prepareTableImport';
import { geojsonPointsToCsv, isGeoJsonName } from '../ingest/geojsonPoints';
import { openParquetFile } from '../db/parquetDecoder';
import { runImport, ImportCancelled, TABLE_INPUT, type ImportInput, type ImportProgress, type ImportReport, type ImportStage } from '../ingest/runImport';
import type { OpenedParquet } from '../db/parquetBatches';
import { logImport } from '../persist/importLog';

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

export interface ImporterState {
  pending: PendingImport | null;
  stage: ImportStage | null;
  /** How far the running import has read. */
  progress: ImportProgress | null;
  reports: ImportReport[];
  errors: string[];
}

function requireDb(db: AtlasDb | null, fileName: string): AtlasDb {
  if (!db) throw new ImportError(fileName, 'the database is still starting; try again in a moment');
  return db;
}

/** Reads the head of a file (or a Parquet file's first batch into import_source) and guesses a plan. */
async function prepareFile(file: File, db: AtlasDb | null, reference: ReferencePoints, workbook?: PendingWorkbook): Promise<PendingImport> {
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
function sheetFile(fileName: string, bytes: Uint8Array, sheet?: string): { file: File; workbook: PendingWorkbook } {
  const read = readXlsxSheet(fileName, bytes, sheet);
  return { file: new File([read.csv], fileName, { type: 'text/csv' }), workbook: { bytes, sheetNames: read.sheetNames, sheet: read.sheet } };
}

/** Known WGS-84 points (EV chargers) that imported points are checked against to suggest a CRS. */
export type ReferencePoints = { lon: Float64Array; lat: Float64Array } | null;

export function useImporter(db: AtlasDb | null, onImported: (report: ImportReport, logId: number) => void, reference: ReferencePoints) {
  /** True from the start of an import until the app has been told about it (autosave waits). */
  const busy = useRef(false);
  const [state, setState] = useState<ImporterState>({ pending: null, stage: null, progress: null, reports: [], errors: [] });
  const queue = useRef<File[]>([]);
  const abort = useRef<AbortController | null>(null);
  // The queue callbacks outlive renders; they read the database from here.
  const dbRef = useRef(db);
  dbRef.current = db;
  const referenceRef = useRef(reference);
  referenceRef.current = reference;

  const next = useCallback(async () => {
    const queued = queue.current.shift();
    if (!queued) {
      setState((s) => ({ ...s, pending: null }));
      return;
    }
    let file: File = queued;
    try {
      const heapLimit = (performance as Performance & { memory?: { jsHeapSizeLimit: number } }).memory?.jsHeapSizeLimit;
      const magic = new Uint8Array(await file.slice(0, 4).arrayBuffer());
      // Delimited text and Parquet (by row groups) are streamed; workbooks and GeoJSON are read whole.
      const streamed = !isZip(magic) && !isGeoJsonName(file.name) && !isSpreadsheetName(file.name);
      const tooBig = fileTooBig(file.size, importByteLimit(heapLimit, streamed));
      if (tooBig) throw new ImportError(file.name, tooBig);
      // GeoJSON points are turned into CSV up front; from here on they are a CSV file.
      if (isGeoJsonName(file.name)) file = new File([geojsonPointsToCsv(file.name, await file.text())], file.name, { type: 'text/csv' });
      // Excel workbooks too: the first sheet with data becomes CSV text; the dialog offers the others.
      const sheet = isSpreadsheetName(file.name) || isZip(magic) ? sheetFile(file.name, new Uint8Array(await file.arrayBuffer())) : undefined;
      if (sheet) file = sheet.file;
      const pending = await prepareFile(file, dbRef.current, referenceRef.current, sheet?.workbook);
      setState((s) => ({ ...s, pending }));
    } catch (error) {
      const message = error instanceof ImportError ? error.message : `${file.name}: ${String(error)}`;
      setState((s) => ({ ...s, errors: [...s.errors, message] }));
      await next();
    }
  }, []);

  const addFiles = useCallback(
    (files: File[]) => {
      const idle = queue.current.length === 0 && !state.pending;
      queue.current.push(...files);
      if (idle) void next();
    },
    [next, state.pending],
  );

  /** Another sheet of the workbook under review: a new preview and a fresh guess of the columns. */
  const chooseSheet = useCallback(async (sheet: string) => {
    const pending = state.pending;
    if (!pending?.workbook || sheet === pending.workbook.sheet) return;
    try {
      const chosen = sheetFile(pending.file.name, pending.workbook.bytes, sheet);
      const next = await prepareFile(chosen.file, dbRef.current, referenceRef.current, chosen.workbook);
      setState((s) => ({ ...s, pending: next }));
    } catch (error) {
      // An empty or unreadable sheet: say so and keep the sheet that was under review.
      const message = error instanceof ImportError ? error.message : `${pending.file.name}: ${String(error)}`;
      setState((s) => ({ ...s, errors: [...s.errors, message] }));
    }
  }, [state.pending]);

  const updatePlan = useCallback((plan: ImportPlan) => setState((s) => (s.pending ? { ...s, pending: { ...s.pending, plan } } : s)), []);

  const start = useCallback(async () => {
    const pending = state.pending;
    if (!db || !pending) return;
    abort.current = new AbortController();
    busy.current = true;
    try {
      const salt = importSalt(localStorage, (b) => crypto.getRandomValues(new Uint8Array(b.length)));
      // A CSV file is read slice by slice from disk; a Parquet file's first batch already waits in
      // import_source and its further row groups are decoded one batch ahead of the database.
      const input: ImportInput = pending.plan.format === 'csv' ? { format: 'csv', file: pending.file, encoding: pending.prepared.encoding } : (pending.parquet?.input ?? TABLE_INPUT);
      const report = await runImport(db, pending.plan, input, {
        salt,
        signal: abort.current.signal,
        onStage: (stage) => setState((s) => ({ ...s, stage })),
        onProgress: (progress) => setState((s) => ({ ...s, progress })),
        memory: { usedBytes: () => db.memoryUsedBytes(), budgetBytes: DUCKDB_IMPORT_BUDGET_BYTES },
      });
      setState((s) => ({ ...s, stage: null, progress: null, reports: [report, ...s.reports] }));
      const logId = await logImport(pending.plan, pending.prepared.encoding, pending.file).catch((error: unknown) => {
        setState((s) => ({ ...s, errors: [...s.errors, `${pending.plan.fileName}: imported, but not saved for the next visit (${String(error)})`] }));
        return 0;
      });
      onImported(report, logId);
    } catch (error) {
      const message = error instanceof ImportError || error instanceof ImportCancelled ? error.message : String(error);
      setState((s) => ({ ...s, stage: null, progress: null, errors: [...s.errors, message] }));
    }
    pending.parquet?.opened.close();
    abort.current = null;
    busy.current = false;
    await next();
  }, [db, state.pending, onImported, next]);

  const cancel = useCallback(() => {
    if (abort.current) abort.current.abort();
    else {
      // Declined before starting: a Parquet file's first batch waits in a scratch table.
      state.pending?.parquet?.opened.close();
      void db?.run(['DROP TABLE IF EXISTS import_source']);
      void next();
    }
  }, [db, next, state.pending]);

  /** Shows the reports and errors of imports replayed at start-up. */
  const restore = useCallback((reports: ImportReport[], errors: string[]) => setState((s) => ({ ...s, reports: [...reports].reverse(), errors: [...s.errors, ...errors] })), []);

  const dismissError = useCallback((index: number) => setState((s) => ({ ...s, errors: s.errors.filter((_, i) => i !== index) })), []);

  const isBusy = useCallback(() => busy.current, []);
  return { state, addFiles, chooseSheet, updatePlan, start, cancel, dismissError, restore, isBusy };
}
