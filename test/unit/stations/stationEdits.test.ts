import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { applyEdits, editSql, EMPTY_HISTORY, invertEdit, parseHistory, recordEdit, redo, undo, type EditableStation, type StationEdit } from '../../../web/src/stations/stationEdits';
import { stationsToCsv, stationsToGeoJson } from '../../../web/src/stations/stationExport';
import { openWasmDuckDb } from '../wasmDuckDb';

const A: EditableStation = { id: 'A', name: "司机之家 'A'", kind: '司机之家', lon: 113.3, lat: 23.1, address: null, hours: '7:00-22:00' };
const B: EditableStation = { id: 'B', name: '爱心驿站 B', kind: '爱心驿站', lon: 113.4, lat: 23.2, address: '某路', hours: null };

describe('station edit history', () => {
  it('undoes and redoes in order, and a new edit clears redo', () => {
    let history = EMPTY_HISTORY;
    const add: StationEdit = { type: 'add', station: B };
    const move: StationEdit = { type: 'move', id: 'A', from: { lon: 113.3, lat: 23.1 }, to: { lon: 113.31, lat: 23.11 } };
    history = recordEdit(recordEdit(history, add), move);
    const u1 = undo(history)!;
    expect(u1.apply).toEqual(invertEdit(move));
    const u2 = undo(u1.history)!;
    expect(u2.apply).toEqual({ type: 'delete', station: B });
    expect(undo(u2.history)).toBeNull();
    const r1 = redo(u2.history)!;
    expect(r1.apply).toEqual(add);
    expect(recordEdit(r1.history, { type: 'delete', station: A }).undone).toEqual([]);
  });

  it('every edit followed by its inverse leaves the list as it was', () => {
    const edits: StationEdit[] = [
      { type: 'add', station: B },
      { type: 'delete', station: A },
      { type: 'move', id: 'A', from: { lon: 113.3, lat: 23.1 }, to: { lon: 1, lat: 2 } },
      { type: 'details', id: 'A', from: { name: A.name, kind: A.kind, address: A.address, hours: A.hours }, to: { name: '新名字', kind: '会员之家', address: '路 1 号', hours: null } },
    ];
    for (const edit of edits) expect(applyEdits([A], [edit, invertEdit(edit)]).sort((x, y) => x.id.localeCompare(y.id))).toEqual([A]);
  });

  it('survives a save and reload, and ignores corrupted saves', () => {
    const history = recordEdit(EMPTY_HISTORY, { type: 'add', station: B });
    expect(parseHistory(JSON.stringify(history))).toEqual(history);
    expect(parseHistory('{not json')).toEqual(EMPTY_HISTORY);
    expect(parseHistory(null)).toEqual(EMPTY_HISTORY);
  });
});

describe('station edits as SQL', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openWasmDuckDb();
    conn.query(`CREATE TABLE stations (id VARCHAR, name VARCHAR, kind VARCHAR, lon DOUBLE, lat DOUBLE, address VARCHAR, hours VARCHAR, synthetic BOOLEAN)`);
    conn.query(editSql({ type: 'add', station: A }));
  });

  it('add, move, details, delete and their inverses match the in-memory semantics (quotes escaped)', () => {
    const read = () => conn.query('SELECT id, name, kind, lon, lat, address, hours FROM stations ORDER BY id').toArray().map((r) => r.toJSON());
    const edits: StationEdit[] = [
      { type: 'add', station: B },
      { type: 'move', id: 'A', from: { lon: 113.3, lat: 23.1 }, to: { lon: 113.35, lat: 23.15 } },
      { type: 'details', id: 'B', from: { name: B.name, kind: B.kind, address: B.address, hours: B.hours }, to: { name: "<img src=x onerror=alert('x')>", kind: '爱心驿站', address: null, hours: '24h' } },
      { type: 'delete', station: { ...B, name: "<img src=x onerror=alert('x')>", address: null, hours: '24h' } },
    ];
    let expected = [A];
    for (const edit of edits) {
      conn.query(editSql(edit));
      expected = applyEdits(expected, [edit]);
      expect(read()).toEqual(expected);
    }
    for (const edit of [...edits].reverse()) {
      conn.query(editSql(invertEdit(edit)));
      expected = applyEdits(expected, [invertEdit(edit)]);
      expect(read()).toEqual(expected);
    }
    expect(read()).toEqual([A]);
  });
});

describe('station exports', () => {
  it('writes CSV with a BOM and GeoJSON points', () => {
    const csv = stationsToCsv([A, B]);
    expect(csv.startsWith('\ufeffid,name,kind,lon,lat,address,hours\r\n')).toBe(true);
    expect(csv).toContain("A,司机之家 'A',司机之家,113.3,23.1,,7:00-22:00");
    const geojson = JSON.parse(stationsToGeoJson([B]));
    expect(geojson.features[0]).toEqual({ type: 'Feature', properties: { id: 'B', name: '爱心驿站 B', kind: '爱心驿站', address: '某路', hours: null }, geometry: { type: 'Point', coordinates: [113.4, 23.2] } });
  });
});

describe('reconciling a snapshot with the latest edit history', () => {
  it('undoes what only the snapshot has and applies what only the latest has', async () => {
    const { reconcileEdits } = await import('../../../web/src/stations/reconcileHistory');
    const add: StationEdit = { type: 'add', station: B };
    const move: StationEdit = { type: 'move', id: 'A', from: { lon: 113.3, lat: 23.1 }, to: { lon: 113.4, lat: 23.2 } };
    const del: StationEdit = { type: 'delete', station: A };
    const snapshot = { done: [add, move], undone: [] };
    const latest = { done: [add, del], undone: [] };
    const edits = reconcileEdits(snapshot, latest);
    expect(edits).toEqual([invertEdit(move), del]);
    // Applying them to the snapshot's stations gives the latest history's stations.
    expect(applyEdits(applyEdits([A], snapshot.done), edits)).toEqual(applyEdits([A], latest.done));
    expect(reconcileEdits(latest, latest)).toEqual([]);
  });
});
