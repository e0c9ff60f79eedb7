/**
 * A road network for reach over real roads: loaded into the isochrone worker, which returns the
 * stations' isochrone and the reached roads; those go into DuckDB so coverage counts pings by them.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { NETWORK_TABLES_SQL } from '../coverage/coverageSql';
import { discsToArrowIpc } from '../coverage/networkTables';
import type { SliceContext } from './store';

export interface NetworkInfo {
  name: string;
  nodes: number;
  ways: number;
  error: string | null;
  isochrone: { reachedNodes: number; snapped: number; ms: number } | null;
  bbox: [number, number, number, number] | null;
}

export interface NetworkSlice {
  info: NetworkInfo | null;
  isochrone: Feature<Polygon | MultiPolygon> | null;
  /** Bumped when the reach tables in DuckDB change; coverage reads them once it is above 0. */
  version: number;
  /** Bumped per network loaded: another network replaces the worker's graph. */
  loads: number;

  load: (file: File) => Promise<void>;
  /** Reach from every station and what-if point on the loaded network. */
  refreshReach: () => Promise<void>;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export const networkLoaded = (s: { network: NetworkSlice }) => s.network.info !== null && s.network.info.error === null;

export function createNetworkSlice({ set, get, own, deps }: SliceContext<'network'>): NetworkSlice {
  let ticket = 0;
  const failed = (name: string, error: unknown) => {
    set({ info: { name, nodes: 0, ways: 0, error: `${name}: ${message(error)}`, isochrone: null, bbox: null }, isochrone: null });
  };
  return {
    info: null,
    isochrone: null,
    version: 0,
    loads: 0,

    load: async (file) => {
      try {
        const response = await deps.workers.isochrone({ type: 'load', file: await deps.workers.readRoadFile(file) });
        if (response.type === 'loaded') set((s) => ({ info: { name: file.name, nodes: response.nodes, ways: response.ways, error: null, isochrone: null, bbox: response.bbox }, loads: s.loads + 1 }));
        else if (response.type === 'error') failed(file.name, response.message);
      } catch (error) {
        // The worker died or refused the file: say so; the next load starts a new worker.
        failed(file.name, error);
      }
    },

    refreshReach: async () => {
      const state = get();
      const { db } = state.data;
      if (!db || !networkLoaded(state) || !state.coverage.enabled) return;
      const mine = ++ticket;
      const { reach, hypothetical } = state.coverage;
      const centres = [...state.stations.list, ...hypothetical].map((p) => ({ lon: p.lon, lat: p.lat }));
      try {
        const response = await deps.workers.isochrone({ type: 'reach', mode: reach.mode, speedKmh: reach.speedKmh, minutes: reach.minutes, stations: centres });
        if (mine !== ticket) return;
        if (response.type === 'error') throw new Error(response.message);
        if (response.type !== 'reach') return;
        set((s) => ({ isochrone: response.polygon, info: s.info ? { ...s.info, isochrone: { reachedNodes: response.reachedNodes, snapped: response.snapped, ms: response.ms } } : s.info }));
        // Coverage then counts pings by the reached roads, and off-network stations by their circle.
        await db.run(NETWORK_TABLES_SQL);
        if (response.discs.length > 0) {
          await db.run(['DROP TABLE network_reach']);
          await db.insertArrowIpc('network_reach', discsToArrowIpc(response.discs));
        }
        const offRoad = response.unsnapped.map((i) => centres[i]);
        if (offRoad.length) await db.run([`INSERT INTO network_off_road VALUES ${offRoad.map((p) => `(${p.lon}, ${p.lat})`).join(', ')}`]);
        if (mine === ticket) set((s) => ({ version: s.version + 1 }));
      } catch (error) {
        if (mine !== ticket) return;
        const info = own().info;
        set({ info: info ? { ...info, error: `${info.name}: ${message(error)}` } : info, isochrone: null });
      }
    },
  };
}
