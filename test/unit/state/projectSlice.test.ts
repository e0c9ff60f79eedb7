import { describe, expect, it } from 'vitest';
import { parquetCodec as codec, readyStore, testDeps, until } from './harness';

const PINGS = [
  { driver: 1, ts: '2026-11-30 08:00:00', lon: 113.3, lat: 23.1 },
  { driver: 2, ts: '2026-12-01 19:00:00', lon: 113.31, lat: 23.11 },
];

describe('project slice', () => {
  it('autosaves the working state after a change, and a save that finds nothing changed writes nothing', async () => {
    const saved: { manifest: { state: { filter: unknown } }; revision: number }[] = [];
    const persist = { ...testDeps().deps.persist, saveSnapshot: async (project: { manifest: unknown }, revision: number) => void saved.push({ manifest: project.manifest as never, revision }) };
    const { store, fakes } = await readyStore(PINGS, [{ id: 'S1', lon: 113.3, lat: 23.1 }], { deps: { parquet: codec, persist } });
    store.getState().density.setFilter({ hourFrom: 6, hourTo: 9, weekdays: [1, 2] });
    const timer = fakes.timers.filter((t) => t.ms === 800 && !t.cancelled).at(-1)!;
    timer.run();
    await until(() => store.getState().project.status.phase === 'saved', 'the first autosave');
    expect(saved).toHaveLength(1);
    expect(saved[0].manifest.state.filter).toEqual({ hourFrom: 6, hourTo: 9, weekdays: [1, 2] });
    expect(store.getState().project.status.revision).toBe(1);
    await store.getState().project.autosave();
    expect(saved).toHaveLength(1);
  });

  it('a project file saved here opens in another browser with its tables, stations, filter and plan settings', async () => {
    const { store, fakes } = await readyStore(PINGS, [{ id: 'S1', lon: 113.3, lat: 23.1 }], { deps: { parquet: codec } });
    await store.getState().stations.add({ id: 'N1', name: '新站', kind: '爱心驿站', lon: 113.32, lat: 23.12, address: null, hours: null });
    store.getState().density.setFilter({ hourFrom: 18, hourTo: 20, weekdays: [2] });
    store.getState().planner.setSettings({ ...store.getState().planner.settings, k: 3 });
    await store.getState().project.saveFile();
    expect(store.getState().project.error).toBeNull();
    const file = fakes.downloads.at(-1)!;
    expect(file.fileName).toMatch(/^outreach-atlas-\d{4}-\d{2}-\d{2}\.atlas$/);

    const other = await readyStore([], [], { deps: { parquet: codec } });
    await other.store.getState().project.openFile(new File([file.content as Uint8Array<ArrayBuffer>], file.fileName));
    const s = other.store.getState();
    expect(s.project.error).toBeNull();
    expect(s.stations.list.map((st) => st.id)).toEqual(['N1', 'S1']);
    expect(s.stations.history.done).toHaveLength(1);
    expect(s.density.filter).toEqual({ hourFrom: 18, hourTo: 20, weekdays: [2] });
    expect(s.planner.settings.k).toBe(3);
    expect(s.data.tables.find((t) => t.name === 'pings')?.rows).toBe(2);
    await until(() => other.store.getState().density.totals?.pings === 1, 'the opened pings drawn with the opened filter');
  });

  it('a file that is not a project says why and keeps what is loaded', async () => {
    const { store } = await readyStore(PINGS, [], { deps: { parquet: codec } });
    await store.getState().project.openFile(new File(['not a zip'], 'notes.atlas'));
    expect(store.getState().project.error).toContain('notes.atlas');
    expect(store.getState().data.tables.find((t) => t.name === 'pings')?.rows).toBe(2);
  });
});

describe('stored state with a bad field opens with that field at its default, and says which', () => {
  it('a hand-edited project file: the filter and the speed are reset, everything else opens', async () => {
    const { strFromU8, strToU8, unzipSync, zipSync } = await import('fflate');
    const { store, fakes } = await readyStore(PINGS, [{ id: 'S1', lon: 113.3, lat: 23.1 }], { deps: { parquet: codec } });
    store.getState().planner.setSettings({ ...store.getState().planner.settings, k: 4 });
    await store.getState().project.saveFile();
    const files = unzipSync(fakes.downloads.at(-1)!.content as Uint8Array);
    const manifest = JSON.parse(strFromU8(files['project.json']));
    manifest.state.filter = null;
    manifest.state.reach.speedKmh = -1;
    files['project.json'] = strToU8(JSON.stringify(manifest));
    const edited = zipSync(files);

    const other = await readyStore([], [], { deps: { parquet: codec } });
    await other.store.getState().project.openFile(new File([edited as Uint8Array<ArrayBuffer>], 'edited.atlas'));
    const s = other.store.getState();
    expect(s.project.error).toBeNull();
    expect(s.project.problems.map((p) => `${p.store}:${p.field}`).sort()).toEqual(['file:filter', 'file:reach.speedKmh']);
    expect(s.density.filter).toEqual({ hourFrom: 0, hourTo: 23, weekdays: [1, 2, 3, 4, 5, 6, 7] });
    expect(s.coverage.reach).toEqual({ ...manifest.state.reach, speedKmh: 15 });
    expect(s.planner.settings.k).toBe(4);
    expect(s.stations.list.map((st) => st.id)).toEqual(['S1']);
    expect(s.data.tables.find((t) => t.name === 'pings')?.rows).toBe(2);
  });

  it('a corrupted localStorage key and a wrong address hash are named too', async () => {
    const { createAtlasStore } = await import('../../../web/src/state/store');
    const { parseUrlHash } = await import('../../../web/src/project/urlState');
    const url = parseUrlHash('#map=11/23.1/113.3&h=25-3&d=1-5&layer=hexagons');
    const { deps } = testDeps({ urlAtStart: url.value, urlProblems: url.problems }, { storage: { 'atlas.stationEdits': '{"done": [', 'atlas.sqlSaved': '[{"name":"ok","sql":"SELECT 1"}]' } });
    const store = createAtlasStore(deps);
    await new Promise((r) => setTimeout(r, 0));
    const s = store.getState();
    expect(s.project.problems.map((p) => `${p.store}:${p.field}`).sort()).toEqual(['localStorage:atlas.stationEdits', 'url:filter']);
    expect(s.stations.history).toEqual({ done: [], undone: [] });
    expect(s.sql.saved).toEqual([{ name: 'ok', sql: 'SELECT 1' }]);
    expect(s.density.mode).toBe('hexagons');
    expect(s.density.filter.hourTo).toBe(23);
  });
});

describe('store disposal', () => {
  it('dispose stops the reactions and drops a scheduled autosave', async () => {
    const { store, fakes } = await readyStore(PINGS, []);
    store.getState().density.setFilter({ hourFrom: 1, hourTo: 2, weekdays: [1] });
    const scheduled = fakes.timers.filter((t) => !t.cancelled);
    expect(scheduled.length).toBeGreaterThan(0);
    const hashes = fakes.hashes.length;
    store.dispose();
    expect(scheduled.at(-1)!.cancelled).toBe(true);
    store.getState().density.setFilter({ hourFrom: 3, hourTo: 4, weekdays: [2] });
    expect(fakes.hashes.length).toBe(hashes);
  });
});
