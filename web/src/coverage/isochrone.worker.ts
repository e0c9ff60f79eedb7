/**
 * Holds a road network and answers isochrone requests off the main thread: parsing a city's OSM
 * file and running Dijkstra would otherwise freeze the map.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { exposeRpc, withTransfer } from '../workers/rpcServer';
import { isochronePolygon, networkReach, NodeIndex, reachDiscs } from './isochrones';
import type { OsmRoads } from './osmXml';
import { parseRoadFile, type RoadFile } from './roadFile';
import { buildRoadGraph, type RoadGraph } from './roadGraph';
import type { TravelMode } from './travelModes';

export interface ReachParams {
  mode: TravelMode;
  speedKmh: number;
  minutes: number;
  stations: { lon: number; lat: number }[];
}

export interface LoadedNetwork {
  nodes: number;
  ways: number;
  bbox: [number, number, number, number];
}

export interface NetworkReach {
  polygon: Feature<Polygon | MultiPolygon> | null;
  reachedNodes: number;
  snapped: number;
  ms: number;
  /** Reached-node discs [lon, lat, r] for coverage, and the stations off the network. */
  discs: Float64Array;
  unsnapped: number[];
}

export type IsochroneRpc = {
  load: { params: { file: RoadFile }; result: LoadedNetwork };
  reach: { params: ReachParams; result: NetworkReach };
};

/**
 * The client's older request/response shapes (isochroneClient.askIsochroneWorker), kept for its
 * callers. `id` is no longer used (the RPC numbers calls itself); it stays optional so literals
 * written with one still type-check.
 */
type Older<T> = T & { id?: number };
export type IsochroneRequest = Older<{ type: 'load' } & IsochroneRpc['load']['params']> | Older<{ type: 'reach' } & ReachParams>;
export type IsochroneResponse = Older<{ type: 'loaded' } & LoadedNetwork> | Older<{ type: 'reach' } & NetworkReach> | Older<{ type: 'error'; message: string }>;

let roads: OsmRoads | null = null;
const graphs = new Map<string, { graph: RoadGraph; index: NodeIndex }>();
/** Walking from a station to the road, for the budget. */
const ACCESS_SPEED_KMH = 4.8;

exposeRpc<IsochroneRpc>({
  load({ file }) {
    roads = parseRoadFile(file);
    graphs.clear();
    let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
    for (let i = 0; i < roads.lon.length; i++) {
      w = Math.min(w, roads.lon[i]);
      e = Math.max(e, roads.lon[i]);
      s = Math.min(s, roads.lat[i]);
      n = Math.max(n, roads.lat[i]);
    }
    return { nodes: roads.lon.length, ways: roads.ways.length, bbox: [w, s, e, n] };
  },
  reach(request) {
    if (!roads) throw new Error('no road network loaded');
    const started = performance.now();
    const key = `${request.mode}:${request.speedKmh}`;
    let entry = graphs.get(key);
    if (!entry) {
      const graph = buildRoadGraph(roads, request.mode, request.speedKmh);
      entry = { graph, index: new NodeIndex(graph) };
      graphs.set(key, entry);
    }
    const result = networkReach(entry.graph, entry.index, request.stations, request.minutes * 60, ACCESS_SPEED_KMH);
    let reachedNodes = 0;
    for (const t of result.seconds) if (Number.isFinite(t)) reachedNodes++;
    const discs = reachDiscs(entry.graph, result.seconds, request.minutes * 60, ACCESS_SPEED_KMH);
    const reach: NetworkReach = {
      polygon: isochronePolygon(entry.graph, result.seconds),
      reachedNodes,
      snapped: request.stations.length - result.unsnapped.length,
      ms: performance.now() - started,
      discs,
      unsnapped: result.unsnapped,
    };
    return withTransfer(reach, [discs.buffer]);
  },
});
