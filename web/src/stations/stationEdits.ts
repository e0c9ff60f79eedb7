/**
 * Station edits as data: add, move, delete and change details, each with its exact inverse, so the editor has
 * undo/redo, the edits can be saved and replayed after a reload, and each one maps to one SQL
 * statement on the `stations` table.
 */
import { editHistorySchema, type EditableStation, type EditHistory, type StationDetails, type StationEdit } from './stationsConfig';

// The shapes are declared (and checked on load) in stationsConfig.ts; re-exported for every caller.
export type { EditableStation, EditHistory, StationDetails, StationEdit };

export function invertEdit(edit: StationEdit): StationEdit {
  switch (edit.type) {
    case 'add':
      return { type: 'delete', station: edit.station };
    case 'delete':
      return { type: 'add', station: edit.station };
    case 'move':
      return { type: 'move', id: edit.id, from: edit.to, to: edit.from };
    case 'details':
      return { type: 'details', id: edit.id, from: edit.to, to: edit.from };
  }
}

const literal = (v: string | null) => (v === null ? 'NULL' : `'${v.replace(/'/g, "''")}'`);
const num = (v: number) => {
  if (!Number.isFinite(v)) throw new RangeError(`not a coordinate: ${v}`);
  return String(v);
};

export function editSql(edit: StationEdit): string {
  switch (edit.type) {
    case 'add': {
      const s = edit.station;
      return `INSERT INTO stations (id, name, kind, lon, lat, address, hours, synthetic) VALUES (${literal(s.id)}, ${literal(s.name)}, ${literal(s.kind)}, ${num(s.lon)}, ${num(s.lat)}, ${literal(s.address)}, ${literal(s.hours)}, false)`;
    }
    case 'delete':
      return `DELETE FROM stations WHERE id = ${literal(edit.station.id)}`;
    case 'move':
      return `UPDATE stations SET lon = ${num(edit.to.lon)}, lat = ${num(edit.to.lat)} WHERE id = ${literal(edit.id)}`;
    case 'details': {
      const d = edit.to;
      return `UPDATE stations SET name = ${literal(d.name)}, kind = ${literal(d.kind)}, address = ${literal(d.address)}, hours = ${literal(d.hours)} WHERE id = ${literal(edit.id)}`;
    }
  }
}

export const EMPTY_HISTORY: EditHistory = { done: [], undone: [] };

/** A new edit clears the redo stack, as in every editor. */
export function recordEdit(history: EditHistory, edit: StationEdit): EditHistory {
  return { done: [...history.done, edit], undone: [] };
}

/** The edit to apply to undo the last one, and the history after it. */
export function undo(history: EditHistory): { apply: StationEdit; history: EditHistory } | null {
  const last = history.done[history.done.length - 1];
  if (!last) return null;
  return { apply: invertEdit(last), history: { done: history.done.slice(0, -1), undone: [...history.undone, last] } };
}

export function redo(history: EditHistory): { apply: StationEdit; history: EditHistory } | null {
  const last = history.undone[history.undone.length - 1];
  if (!last) return null;
  return { apply: last, history: { done: [...history.done, last], undone: history.undone.slice(0, -1) } };
}

/** Applies edits to an in-memory list (the same semantics as the SQL), for tests and exports. */
export function applyEdits(stations: EditableStation[], edits: StationEdit[]): EditableStation[] {
  let list = [...stations];
  for (const edit of edits) {
    if (edit.type === 'add') list.push(edit.station);
    else if (edit.type === 'delete') list = list.filter((s) => s.id !== edit.station.id);
    else if (edit.type === 'move') list = list.map((s) => (s.id === edit.id ? { ...s, lon: edit.to.lon, lat: edit.to.lat } : s));
    else list = list.map((s) => (s.id === edit.id ? { ...s, ...edit.to } : s));
  }
  return list;
}

/**
 * Parses saved history (localStorage text), refusing anything malformed rather than corrupting
 * the table: the schema checks every edit's fields, not only that the lists exist. For the reason
 * it was refused, use readStoredKey('atlas.stationEdits', …) in project/projectConfig.ts.
 */
export function parseHistory(text: string | null): EditHistory {
  if (!text) return EMPTY_HISTORY;
  try {
    const parsed = editHistorySchema.safeParse(JSON.parse(text));
    return parsed.success ? parsed.data : EMPTY_HISTORY;
  } catch {
    return EMPTY_HISTORY;
  }
}
