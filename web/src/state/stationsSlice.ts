/**
 * Union stations: the list drawn and edited, the edit history with undo/redo, and the selection.
 * An edit is one SQL statement on the `stations` table; the history is kept in this browser so a
 * reload (or an older autosave) can replay it.
 */
import { editSql, recordEdit, redo, undo, type EditableStation, type EditHistory, type StationDetails, type StationEdit } from '../stations/stationEdits';
import { readKey, STATION_HISTORY_KEY } from './storedKeys';
import type { SliceContext } from './store';

export interface StationsSlice {
  list: EditableStation[];
  history: EditHistory;
  selectedId: string | null;

  reload: () => Promise<void>;
  select: (id: string | null) => void;
  /** Applies an edit and records it (clearing redo). */
  edit: (edit: StationEdit) => Promise<void>;
  remove: (station: EditableStation) => Promise<void>;
  setDetails: (station: EditableStation, details: StationDetails) => Promise<void>;
  add: (station: EditableStation) => Promise<void>;
  moveSelected: (lon: number, lat: number) => Promise<void>;
  undo: () => Promise<void>;
  redo: () => Promise<void>;
  /** Puts a history back without touching the table (it already holds these edits). */
  restoreHistory: (history: EditHistory) => void;
}

export function createStationsSlice({ set, get, own, deps }: SliceContext<'stations'>): StationsSlice {
  const { value: storedHistory, problems } = readKey(deps.storage, STATION_HISTORY_KEY);
  if (problems.length) queueMicrotask(() => get().project.reportProblems(problems));

  /** The history changes in the same tick as the SQL is queued: autosave's change mark relies on it. */
  async function apply(edit: StationEdit, next: EditHistory): Promise<void> {
    const db = get().data.db;
    if (!db) return;
    const applied = db.run([editSql(edit)]);
    set({ history: next });
    get().data.tablesChanged(['stations']);
    await applied;
    deps.storage.setItem(STATION_HISTORY_KEY, JSON.stringify(next));
    await get().data.refreshCatalogue();
  }

  return {
    list: [],
    history: storedHistory,
    selectedId: null,

    reload: async () => {
      const db = get().data.db;
      if (!db) return;
      const table = await db.query('SELECT id, name, kind, lon, lat, address, hours FROM stations ORDER BY id');
      set({ list: table.toArray().map((row) => row.toJSON() as EditableStation) });
    },
    select: (selectedId) => set({ selectedId }),
    edit: (edit) => apply(edit, recordEdit(own().history, edit)),
    remove: (station) => {
      set({ selectedId: null });
      return own().edit({ type: 'delete', station });
    },
    setDetails: (station, details) =>
      own().edit({ type: 'details', id: station.id, from: { name: station.name, kind: station.kind, address: station.address, hours: station.hours }, to: details }),
    add: (station) => own().edit({ type: 'add', station }),
    moveSelected: async (lon, lat) => {
      const selected = own().list.find((s) => s.id === own().selectedId);
      if (selected) await own().edit({ type: 'move', id: selected.id, from: { lon: selected.lon, lat: selected.lat }, to: { lon, lat } });
    },
    undo: async () => {
      const step = undo(own().history);
      if (step) await apply(step.apply, step.history);
    },
    redo: async () => {
      const step = redo(own().history);
      if (step) await apply(step.apply, step.history);
    },
    restoreHistory: (history) => {
      set({ history });
      deps.storage.setItem(STATION_HISTORY_KEY, JSON.stringify(history));
    },
  };
}

/** The selected station, if it still exists. */
export const selectedStation = (s: { stations: StationsSlice }) => s.stations.list.find((st) => st.id === s.stations.selectedId) ?? null;
