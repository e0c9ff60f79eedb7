/** Saved station edit histories, checked edit by edit (parseHistory and the stations config). */
import { describe, expect, it } from 'vitest';
import { EMPTY_HISTORY, parseHistory, type EditHistory } from '../../../web/src/stations/stationEdits';
import { reconcileEdits } from '../../../web/src/stations/reconcileHistory';
import { editHistorySchema, stationEditSchema } from '../../../web/src/stations/stationsConfig';

const station = { id: 'S1', name: '司机之家', kind: '司机之家', lon: 113.3, lat: 23.1, address: null, hours: '24h' };

describe('saved station edits', () => {
  it('keeps a good history exactly', () => {
    const history: EditHistory = {
      done: [
        { type: 'add', station },
        { type: 'move', id: 'S1', from: { lon: 113.3, lat: 23.1 }, to: { lon: 113.31, lat: 23.11 } },
        { type: 'details', id: 'S1', from: { name: 'a', kind: 'b', address: null, hours: null }, to: { name: 'c', kind: 'b', address: 'x', hours: null } },
      ],
      undone: [{ type: 'delete', station }],
    };
    expect(parseHistory(JSON.stringify(history))).toEqual(history);
  });

  it('refuses a history with any malformed edit, not only one without its lists', () => {
    const bad = [
      { done: [{ type: 'add', station: { ...station, lon: 'east' } }], undone: [] },
      { done: [{ type: 'delete', station: { id: 'S1' } }], undone: [] },
      { done: [{ type: 'move', id: 'S1', from: { lon: 1, lat: 2 } }], undone: [] },
      { done: [{ type: 'rename', id: 'S1' }], undone: [] },
      { done: [], undone: [null] },
      { done: [] },
    ];
    for (const history of bad) expect(parseHistory(JSON.stringify(history))).toBe(EMPTY_HISTORY);
  });

  it('drops what an edit does not need (extra keys) and requires every field it does', () => {
    expect(stationEditSchema.parse({ type: 'move', id: 'S1', from: { lon: 1, lat: 2 }, to: { lon: 3, lat: 4 }, note: 'x' })).toEqual({ type: 'move', id: 'S1', from: { lon: 1, lat: 2 }, to: { lon: 3, lat: 4 } });
    expect(editHistorySchema.safeParse({ done: [{ type: 'add', station: { ...station, hours: undefined } }], undone: [] }).success).toBe(false);
  });
});

describe('reconciling a snapshot with the latest history', () => {
  it('sees the same edit as the same, whichever order its keys were written in', () => {
    const inMemory: EditHistory = { done: [{ type: 'add', station: { ...station } }], undone: [] };
    const reordered = JSON.parse('{"undone":[],"done":[{"station":{"hours":"24h","address":null,"lat":23.1,"lon":113.3,"kind":"司机之家","name":"司机之家","id":"S1"},"type":"add"}]}') as EditHistory;
    expect(reconcileEdits(reordered, inMemory)).toEqual([]);
    expect(reconcileEdits(parseHistory(JSON.stringify(reordered)), inMemory)).toEqual([]);
  });
});
