import { describe, expect, it } from 'vitest';
import { initialize } from '../../../web/src/state/initialize';
import { createAtlasStore } from '../../../web/src/state/store';
import { loadPings, loadStations, testDeps, until, wasmDatabase } from './harness';

const square = (name: string, lon: number, lat: number) => ({
  type: 'Feature' as const,
  properties: { name, labelLon: lon + 0.05, labelLat: lat + 0.05 },
  geometry: { type: 'Polygon' as const, coordinates: [[[lon, lat], [lon + 0.1, lat], [lon + 0.1, lat + 0.1], [lon, lat + 0.1], [lon, lat]]] },
});
const DISTRICTS = { type: 'FeatureCollection' as const, features: [square('天河区', 113.3, 23.1), square('白云区', 113.2, 23.2)] };

async function boot(storage: Record<string, string>, url = {}) {
  const db = await wasmDatabase();
  const { deps } = testDeps(
    {
      startDb: async () => db,
      shipped: {
        fetchGeoJson: async <T,>(path: string) => (path.includes('districts') ? DISTRICTS : { type: 'FeatureCollection', features: [] }) as T,
        fetchDemoPings: async () => ({ ipc: new Uint8Array(), rows: 2, fetchMs: 0, decodeMs: 0 }),
        insertPings: async (database) => {
          await loadPings(database, [
            { driver: 1, ts: '2026-11-30 08:00:00', lon: 113.35, lat: 23.15 },
            { driver: 2, ts: '2026-11-30 09:00:00', lon: 113.25, lat: 23.25 },
          ]);
          return { fetchMs: 0, decodeMs: 0, insertMs: 0, rows: 2 };
        },
        loadShippedStations: (database) => loadStations(database, [{ id: 'S1', lon: 113.35, lat: 23.15 }]),
      },
    },
    { storage, url },
  );
  const store = createAtlasStore(deps);
  await initialize(store, deps);
  return store;
}

describe('initialize', () => {
  it('starts the database, loads the shipped data, replays this browser’s station edits and goes ready', async () => {
    const added = { type: 'add', station: { id: 'N1', name: '新站', kind: '爱心驿站', lon: 113.25, lat: 23.25, address: null, hours: null } };
    const store = await boot({ 'atlas.stationEdits': JSON.stringify({ done: [added], undone: [] }) });
    const s = store.getState();
    expect(s.data.error).toBeNull();
    expect(s.data.phase).toBe('ready');
    expect(s.stations.list.map((st) => st.id)).toEqual(['N1', 'S1']);
    expect(s.stations.history.done).toHaveLength(1);
    expect(s.data.districtLookup?.names).toEqual(['天河区', '白云区']);
    expect(s.data.tables.map((t) => t.name)).toEqual(expect.arrayContaining(['pings', 'stations', 'charging_stations']));
    await until(() => store.getState().density.revision > 0, 'the first draw');
    expect(store.getState().density.totals).toEqual({ pings: 2, drivers: 2 });
  });

  it('a link naming a data source that is not loaded falls back to the pings', async () => {
    const store = await boot({}, { source: 'heat_grid' });
    expect(store.getState().density.source).toBe('pings');
  });

  it('a failing start says why and stays in the error phase', async () => {
    const { deps } = testDeps({ startDb: () => Promise.reject(new Error('no WebAssembly')) });
    deps.shipped.fetchGeoJson = async <T,>() => DISTRICTS as T;
    deps.shipped.fetchDemoPings = () => Promise.reject(new Error('offline'));
    const store = createAtlasStore(deps);
    await initialize(store, deps);
    expect(store.getState().data).toMatchObject({ phase: 'error', error: 'no WebAssembly' });
  });
});
