/**
 * The analyst's SQL workspace: queries run in the DuckDB worker with a timer and cancel, each
 * statement decided and locked by the engine (sql/sqlGuard.ts), the result (with a map layer
 * when it has coordinates), the history and saved queries (kept in this browser, saved queries
 * also in project files), and the schema browser.
 */
import { pushHistory, saveQuery, type SavedQuery } from '../sql/queryLibrary';
import { SCHEMA_SQL, schemaFromRows, type SchemaTable } from '../sql/schemaQuery';
import { ConsoleRefusal, runConsoleSql } from '../sql/sqlGuard';
import { explainDuckDbError } from '../db/missingExtension';
import { shapeResult, type SqlResult } from '../sql/sqlResult';
import { readKey, SQL_HISTORY_KEY, SQL_SAVED_KEY } from './storedKeys';
import type { SliceContext } from './store';

export interface SqlLayerStyle {
  colour: [number, number, number];
  radius: number;
}

export const LAYER_COLOURS: { name: string; rgb: [number, number, number] }[] = [
  { name: '#00aa5a', rgb: [0, 170, 90] },
  { name: '#0b5cad', rgb: [11, 92, 173] },
  { name: '#7b2cbf', rgb: [123, 44, 191] },
  { name: '#222222', rgb: [34, 34, 34] },
];

export interface SqlSlice {
  result: SqlResult | null;
  error: string | null;
  /** When the running query started (performance.now()), or null. */
  running: number | null;
  history: string[];
  saved: SavedQuery[];
  schema: SchemaTable[];
  onMap: boolean;
  style: SqlLayerStyle;

  run: (sql: string, unlocked: boolean) => Promise<void>;
  cancel: () => void;
  save: (query: SavedQuery) => void;
  /** Saved queries from a project file or snapshot. */
  restoreSaved: (saved: SavedQuery[]) => void;
  setOnMap: (onMap: boolean) => void;
  setStyle: (style: SqlLayerStyle) => void;
  refreshSchema: () => Promise<void>;
}

export function createSqlSlice({ set, get, own, deps }: SliceContext<'sql'>): SqlSlice {
  let cancelled = false;
  let schemaTicket = 0;
  const history = readKey(deps.storage, SQL_HISTORY_KEY);
  const saved = readKey(deps.storage, SQL_SAVED_KEY);
  const problems = [...history.problems, ...saved.problems];
  if (problems.length) queueMicrotask(() => get().project.reportProblems(problems));
  const storeSaved = (next: SavedQuery[]) => {
    deps.storage.setItem(SQL_SAVED_KEY, JSON.stringify(next));
    set({ saved: next });
  };
  return {
    result: null,
    error: null,
    running: null,
    history: history.value,
    saved: saved.value,
    schema: [],
    onMap: false,
    style: { colour: LAYER_COLOURS[0].rgb, radius: 3 },

    run: async (sql, unlocked) => {
      const db = get().data.db;
      if (!db || !sql.trim()) return;
      const started = performance.now();
      cancelled = false;
      set({ running: started, error: null });
      try {
        const { table, changed, error } = await db.withSession((session) => runConsoleSql(session, sql, unlocked));
        if (error) set({ error: cancelled ? 'cancelled' : (error instanceof ConsoleRefusal ? error : explainDuckDbError(error)).message });
        else {
          const nextHistory = pushHistory(own().history, sql);
          deps.storage.setItem(SQL_HISTORY_KEY, JSON.stringify(nextHistory));
          set({ result: table ? shapeResult(table, performance.now() - started) : null, history: nextHistory });
        }
        // A statement that wrote ran (even if a later one failed): the catalogue and every view follow.
        if (changed) {
          get().data.tablesChanged(null);
          await get().data.refreshCatalogue();
        }
      } catch (e) {
        set({ error: cancelled ? 'cancelled' : e instanceof Error ? e.message : String(e) });
      } finally {
        set({ running: null });
      }
    },
    cancel: () => {
      cancelled = true;
      void get().data.db?.cancel();
    },
    save: (query) => storeSaved(saveQuery(own().saved, query)),
    restoreSaved: storeSaved,
    setOnMap: (onMap) => set({ onMap }),
    setStyle: (style) => set({ style }),
    refreshSchema: async () => {
      const db = get().data.db;
      if (!db) return;
      const mine = ++schemaTicket;
      try {
        const table = await db.query(SCHEMA_SQL);
        if (mine === schemaTicket) set({ schema: schemaFromRows(table.toArray().map((r) => r.toJSON() as never)) });
      } catch {
        // The browser is an aid; a failed read keeps the last schema.
      }
    },
  };
}
