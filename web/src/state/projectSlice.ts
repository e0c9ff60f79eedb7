/**
 * The project: the autosave (debounced, never overlapping, stored only when nothing changed while
 * it was built), project files saved and opened, the map view that goes into them and into the
 * address, and the problems found in stored state (a field that did not parse falls back to its
 * default and is named here).
 */
import { chinaDate } from '../i18n/chinaTime';
import { changeMark, type LiveProjectInputs } from '../project/liveInputs';
import type { ProjectManifest } from '../project/projectFile';
import type { ProjectState } from '../project/projectState';
import { ProjectStore } from '../project/projectStore';
import type { UrlState } from '../project/urlState';
import type { StoredProblem } from './storedKeys';
import { applyWorkingState, workingStateOf } from './workingState';
import type { SliceContext } from './store';

export interface AutosaveStatus {
  phase: 'idle' | 'saving' | 'saved' | 'error';
  /** The revision of the last snapshot stored (or restored). */
  revision: number;
  restoredRevision: number | null;
  savedAt: string | null;
  error: string | null;
}

export interface ProjectSlice {
  status: AutosaveStatus;
  /** The last project file save or open that failed. */
  error: string | null;
  /** Fields of stored state that did not parse and were reset to their defaults. */
  problems: StoredProblem[];
  view: ProjectState['view'];
  urlAtStart: UrlState;
  /** The store autosave and "save project" share (its cache of encoded tables). */
  store: ProjectStore | null;

  setView: (center: [number, number], zoom: number) => void;
  /** Schedules an autosave after a short quiet spell. */
  scheduleAutosave: () => void;
  autosave: () => Promise<void>;
  /** After a snapshot or a project file is loaded: continue its revision count. */
  restored: (manifest: ProjectManifest<ProjectState>) => void;
  saveFile: () => Promise<void>;
  openFile: (file: File) => Promise<void>;
  clearAll: () => Promise<void>;
  reportProblems: (problems: StoredProblem[]) => void;
  dismissProblems: () => void;
  /** Writes the view and filters into the address (never data). */
  writeHash: (hash: string) => void;
  /** Drops a scheduled autosave (the store is going away). */
  dispose: () => void;
}

const AUTOSAVE_DELAY_MS = 800;
const RETRY_MS = 400;
const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export function createProjectSlice({ set, get, own, deps }: SliceContext<'project'>): ProjectSlice {
  let revision = 0;
  let lastKey: string | null = null;
  let saving = false;
  let again = false;
  let cancelTimer: (() => void) | null = null;

  const storeOf = (): ProjectStore | null => {
    const db = get().data.db;
    if (!db) return null;
    let store = own().store;
    if (!store) set({ store: (store = new ProjectStore(db, deps.parquet)) });
    return store;
  };
  /** What changes outside the working state and must match the tables exactly. */
  const inputs = (): LiveProjectInputs => ({
    live: () => ({ stationHistory: get().stations.history, importsThrough: get().importer.importsThrough }),
    busy: () => get().importer.isBusy(),
    versionOf: (table) => get().data.versionOf(table),
  });

  return {
    status: { phase: 'idle', revision: 0, restoredRevision: null, savedAt: null, error: null },
    error: null,
    problems: deps.urlProblems,
    view: deps.urlAtStart.view ?? null,
    urlAtStart: deps.urlAtStart,
    store: null,

    setView: (center, zoom) => set({ view: { center: [Number(center[0].toFixed(5)), Number(center[1].toFixed(5))], zoom: Number(zoom.toFixed(2)) } }),

    scheduleAutosave: () => {
      if (get().data.phase !== 'ready') return;
      cancelTimer?.();
      cancelTimer = deps.browser.later(AUTOSAVE_DELAY_MS, () => void own().autosave());
    },

    autosave: async () => {
      const store = storeOf();
      if (!store) return;
      if (saving) {
        again = true;
        return;
      }
      saving = true;
      try {
        do {
          again = false;
          const { live, busy, versionOf } = inputs();
          if (busy()) {
            deps.browser.later(RETRY_MS, () => void own().autosave());
            break;
          }
          const markBefore = changeMark({ live, versionOf });
          const current = { ...workingStateOf(get()), ...live() };
          set((s) => ({ status: { ...s.status, phase: 'saving' } }));
          const project = await store.buildParts(current, revision + 1, versionOf);
          if (busy() || changeMark({ live, versionOf }) !== markBefore) {
            again = true;
            continue;
          }
          const fullKey = `${project.key}|${JSON.stringify(current)}`;
          if (fullKey !== lastKey) {
            await deps.persist.saveSnapshot(project, revision + 1);
            revision += 1;
            lastKey = fullKey;
            await deps.persist.dropImportsThrough(current.importsThrough);
          }
          set((s) => ({ status: { ...s.status, phase: 'saved', revision, savedAt: new Date().toISOString(), error: null } }));
        } while (again);
      } catch (error) {
        set((s) => ({ status: { ...s.status, phase: 'error', error: messageOf(error) } }));
      } finally {
        saving = false;
      }
    },

    restored: (manifest) => {
      revision = manifest.revision;
      lastKey = null;
      set((s) => ({ status: { ...s.status, phase: 'idle', revision: manifest.revision, restoredRevision: manifest.revision } }));
    },

    saveFile: async () => {
      try {
        const store = storeOf();
        if (!store) throw new Error('the database is not ready');
        const { live, versionOf } = inputs();
        const { bytes } = await store.build({ ...workingStateOf(get()), ...live() }, revision, versionOf);
        deps.browser.download(`outreach-atlas-${chinaDate(Date.now())}.atlas`, bytes, 'application/zip');
        set({ error: null });
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },

    openFile: async (file) => {
      const store = storeOf();
      if (!store) return;
      try {
        const manifest = await store.open(new Uint8Array(await file.arrayBuffer()), file.name);
        own().restored(manifest);
        // Fields of the file that did not parse opened at their defaults; say which.
        set({ problems: manifest.problems });
        // The project's tables hold its imports: the log of this browser's imports no longer applies.
        await deps.persist.clearImports();
        const s = get();
        s.importer.setImportsThrough(0);
        s.data.tablesChanged(null);
        applyWorkingState(s, manifest.state, 'file', { plan: false, savedQueries: false });
        s.importer.restore([...(manifest.state.importReports ?? [])].reverse(), []);
        await s.data.refreshCatalogue();
        set({ error: null });
      } catch (e) {
        set({ error: messageOf(e) });
      }
    },

    clearAll: async () => {
      await deps.persist.clearAllStoredData();
      // The view and filters in the address go too: the app starts as on a first visit.
      deps.browser.restart();
    },

    reportProblems: (problems) => set((s) => ({ problems: [...s.problems, ...problems] })),
    dismissProblems: () => set({ problems: [] }),
    writeHash: (hash) => deps.browser.replaceHash(hash),
    dispose: () => {
      cancelTimer?.();
      cancelTimer = null;
    },
  };
}
