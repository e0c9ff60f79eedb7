import { describe, expect, it } from 'vitest';
import { readyStore } from './harness';

const S1 = { id: 'S1', lon: 113.3, lat: 23.1 };

describe('stations slice', () => {
  it('applies an edit to the table, records it, bumps the table version and keeps the history in storage', async () => {
    const { store, db, fakes } = await readyStore([], [S1]);
    const before = store.getState().data.versionOf('stations');
    await store.getState().stations.add({ id: 'N1', name: '新站', kind: '司机之家', lon: 113.31, lat: 23.11, address: null, hours: null });
    const s = store.getState();
    expect(s.stations.list.map((st) => st.id)).toEqual(['N1', 'S1']);
    expect(Number((await db.query("SELECT count(*)::INT AS n FROM stations WHERE id = 'N1'")).get(0)!.n)).toBe(1);
    expect(s.stations.history.done).toHaveLength(1);
    expect(s.data.versionOf('stations')).not.toBe(before);
    expect(JSON.parse(fakes.storage.getItem('atlas.stationEdits')!).done[0].station.id).toBe('N1');
  });

  it('undoes and redoes with exact inverses; a new edit clears redo', async () => {
    const { store } = await readyStore([], [S1]);
    const st = () => store.getState().stations;
    await st().edit({ type: 'move', id: 'S1', from: { lon: 113.3, lat: 23.1 }, to: { lon: 113.4, lat: 23.2 } });
    expect(st().list[0]).toMatchObject({ lon: 113.4, lat: 23.2 });
    await st().undo();
    expect(st().list[0]).toMatchObject({ lon: 113.3, lat: 23.1 });
    expect(st().history).toMatchObject({ done: [], undone: [{ type: 'move' }] });
    await st().redo();
    expect(st().list[0]).toMatchObject({ lon: 113.4, lat: 23.2 });
    await st().undo();
    await st().remove(st().list[0]);
    expect(st().list).toEqual([]);
    expect(st().history.undone).toEqual([]);
    await st().undo();
    expect(st().list.map((s) => s.id)).toEqual(['S1']);
  });

  it('a click in "add" mode adds a station where clicked and leaves the mode', async () => {
    const { store } = await readyStore([], [S1]);
    store.getState().ui.setClickMode('add');
    store.getState().ui.clickMap(113.5, 23.2, (n) => `新站点 ${n}`);
    await new Promise((r) => setTimeout(r, 50));
    const added = store.getState().stations.list.find((s) => s.id !== 'S1');
    expect(added).toMatchObject({ name: '新站点 2', lon: 113.5, lat: 23.2, kind: '司机之家' });
    expect(store.getState().ui.clickMode).toBe('none');
  });
});

describe('ui slice', () => {
  it('keeps the language chosen, and a link’s ?lang= wins over it', async () => {
    const { createAtlasStore } = await import('../../../web/src/state/store');
    const { testDeps } = await import('./harness');
    const first = testDeps();
    const store = createAtlasStore(first.deps);
    expect(store.getState().ui.locale).toBe('zh-CN');
    store.getState().ui.setLocale('en');
    expect(first.fakes.storage.getItem('atlas.locale')).toBe('en');
    expect(createAtlasStore(testDeps({}, { storage: { 'atlas.locale': 'en' } }).deps).getState().ui.locale).toBe('en');
    expect(createAtlasStore(testDeps({ langAtStart: 'zh-CN' }, { storage: { 'atlas.locale': 'en' } }).deps).getState().ui.locale).toBe('zh-CN');
  });
});
