/**
 * The import flow for the panel and dialog: a queue of dropped files, the file under review, the
 * running import with progress and cancel, and the reports and errors of finished ones. OSM road
 * extracts dropped with them go to the coverage tools instead.
 */
import { isRoadNetworkName } from '../coverage/roadFile';
import type { ImportPlan } from '../ingest/importPlan';
import { importSalt } from '../ingest/importSalt';
import { DUCKDB_IMPORT_BUDGET_BYTES } from '../ingest/fileSizeLimit';
import { ImportError } from '../ingest/prepareImport';
import { reviewFile, sheetFile, prepareFile, type PendingImport } from '../ingest/pendingImport';
import { runImport, ImportCancelled, TABLE_INPUT, type ImportInput, type ImportProgress, type ImportReport, type ImportStage } from '../ingest/runImport';
import type { SliceContext } from './store';

export interface ImporterSlice {
  pending: PendingImport | null;
  stage: ImportStage | null;
  /** How far the running import has read. */
  progress: ImportProgress | null;
  /** Finished imports, newest first. */
  reports: ImportReport[];
  errors: string[];
  /** The newest logged import already in the tables: an autosave records it (see persist/). */
  importsThrough: number;

  addFiles: (files: File[]) => void;
  chooseSheet: (sheet: string) => Promise<void>;
  updatePlan: (plan: ImportPlan) => void;
  start: () => Promise<void>;
  cancel: () => void;
  dismissError: (index: number) => void;
  /** Shows the reports (oldest first) and errors of imports replayed or opened. */
  restore: (reports: ImportReport[], errors: string[]) => void;
  /** What a finished import changes elsewhere: the data source shown, the demo badge, the tables. */
  applied: (report: ImportReport) => void;
  setImportsThrough: (id: number) => void;
  /** True from the start of an import until its table change is recorded (autosave waits). */
  isBusy: () => boolean;
  /** Cancels a running import and forgets the queue (the store is going away). */
  dispose: () => void;
}

const messageOf = (fileName: string, error: unknown) => (error instanceof ImportError || error instanceof ImportCancelled ? error.message : `${fileName}: ${String(error)}`);

export function createImporterSlice({ set, get, own, deps }: SliceContext<'importer'>): ImporterSlice {
  let busy = false;
  const queue: File[] = [];
  let abort: AbortController | null = null;
  const addError = (message: string) => set((s) => ({ errors: [...s.errors, message] }));

  /** Reviews the next queued file, skipping (and reporting) those that cannot be read. */
  async function next(): Promise<void> {
    const queued = queue.shift();
    if (!queued) return set({ pending: null });
    try {
      const heapLimit = (performance as Performance & { memory?: { jsHeapSizeLimit: number } }).memory?.jsHeapSizeLimit;
      set({ pending: await reviewFile(queued, get().data.db, get().data.chargingWgs, heapLimit) });
    } catch (error) {
      addError(messageOf(queued.name, error));
      await next();
    }
  }

  return {
    pending: null,
    stage: null,
    progress: null,
    reports: [],
    errors: [],
    importsThrough: 0,

    addFiles: (files) => {
      const roads = files.filter((f) => isRoadNetworkName(f.name));
      if (roads.length > 0) {
        get().coverage.setEnabled(true);
        // One network at a time: the last one dropped is the one kept.
        void get().network.load(roads[roads.length - 1]);
      }
      const rest = files.filter((f) => !isRoadNetworkName(f.name));
      if (rest.length === 0) return;
      const idle = queue.length === 0 && !own().pending;
      queue.push(...rest);
      if (idle) void next();
    },

    /** Another sheet of the workbook under review: a new preview and a fresh guess of the columns. */
    chooseSheet: async (sheet) => {
      const pending = own().pending;
      if (!pending?.workbook || sheet === pending.workbook.sheet) return;
      try {
        const chosen = sheetFile(pending.file.name, pending.workbook.bytes, sheet);
        set({ pending: await prepareFile(chosen.file, get().data.db, get().data.chargingWgs, chosen.workbook) });
      } catch (error) {
        // An empty or unreadable sheet: say so and keep the sheet that was under review.
        addError(messageOf(pending.file.name, error));
      }
    },

    updatePlan: (plan) => set((s) => (s.pending ? { pending: { ...s.pending, plan } } : {})),

    start: async () => {
      const pending = own().pending;
      const db = get().data.db;
      if (!db || !pending) return;
      abort = new AbortController();
      busy = true;
      try {
        const salt = importSalt(deps.storage, deps.browser.randomBytes);
        // A CSV file is read slice by slice from disk; a Parquet file's first batch already waits
        // in import_source and its further row groups are decoded one batch ahead of the database.
        const input: ImportInput = pending.plan.format === 'csv' ? { format: 'csv', file: pending.file, encoding: pending.prepared.encoding } : (pending.parquet?.input ?? TABLE_INPUT);
        const report = await runImport(db, pending.plan, input, {
          salt,
          signal: abort.signal,
          onStage: (stage) => set({ stage }),
          onProgress: (progress) => set({ progress }),
          chunkBytes: deps.csvSliceBytes,
          memory: { usedBytes: () => db.memoryUsedBytes(), budgetBytes: DUCKDB_IMPORT_BUDGET_BYTES },
        });
        set((s) => ({ stage: null, progress: null, reports: [report, ...s.reports] }));
        const logId = await deps.persist.logImport(pending.plan, pending.prepared.encoding, pending.file).catch((error: unknown) => {
          addError(`${pending.plan.fileName}: imported, but not saved for the next visit (${String(error)})`);
          return 0;
        });
        get().data.tablesChanged([report.table]);
        if (logId > 0) set({ importsThrough: logId });
        own().applied(report);
        void get().data.refreshCatalogue();
      } catch (error) {
        set({ stage: null, progress: null });
        addError(error instanceof ImportError || error instanceof ImportCancelled ? error.message : String(error));
      }
      pending.parquet?.opened.close();
      abort = null;
      busy = false;
      await next();
    },

    cancel: () => {
      if (abort) return abort.abort();
      // Declined before starting: a Parquet file's first batch waits in a scratch table.
      own().pending?.parquet?.opened.close();
      void get().data.db?.run(['DROP TABLE IF EXISTS import_source']);
      void next();
    },

    dismissError: (index) => set((s) => ({ errors: s.errors.filter((_, i) => i !== index) })),
    restore: (reports, errors) => set((s) => ({ reports: [...reports].reverse(), errors: [...s.errors, ...errors] })),
    applied: (report) => {
      if (report.table === 'pings' || report.table === 'heat_grid') get().density.setSource(report.table);
      if (report.table === 'pings' && report.tableRows === report.accepted) get().data.setDemoData(false);
    },
    setImportsThrough: (importsThrough) => set({ importsThrough }),
    isBusy: () => busy,
    dispose: () => {
      queue.length = 0;
      abort?.abort();
    },
  };
}
