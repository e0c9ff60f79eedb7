/**
 * Holds a road network and answers isochrone requests off the main thread: parsing a city's OSM
 * file and running Dijkstra would otherwise freeze the map.
 */
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { isochronePolygon, networkReach, NodeIndex, reachDiscs } from './isochrones';
import type { OsmRoads } from './osmXml';
import { parseRoadFile, type RoadFile } from './roadFile';
import { buildRoadGraph, type RoadGraph } from './roadGraph';
import type { TravelMode } from './travelModes';

export type IsochroneRequest =
  | { id: number; type: 'load'; file: RoadFile }
  | { id: number; type: 'reach'; mode: TravelMode; speedKmh: number; minutes: number; stations: { lon: number; lat: number }[] };

export type IsochroneResponse =
  | { id: number; type: 'loaded'; nodes: number; ways: number; bbox: [number, number, number, number] }
  | {
      id: number;
      type: 'reach';
      polygon: Feature<Polygon | MultiPolygon> | null;
      reachedNodes: number;
      snapped: number;
      ms: number;
      /** Reached-node discs [lon, lat, r] for coverage, and the stations off the network. */
      discs: Float64Array;
      unsnapped: number[];
    }
  | { id: number; type: 'error'; message: string };

let roads: OsmRoads | null = null;
const graphs = new Map<string, { graph: RoadGraph; index: NodeIndex }>();
const post = (message: IsochroneResponse) => (self as unknown as Worker).postMessage(message);
/** Walking from a station to the road, for the budget. */
const ACCESS_SPEED_KMH = 4.8;

self.onmessage = (event: MessageEvent<IsochroneRequest>) => {
  const request = event.data;
  try {
    if (request.type === 'load') {
      roads = parseRoadFile(request.file);
      graphs.clear();
      let w = Infinity, s = Infinity, e = -Infinity, n = -Infinity;
      for (let i = 0; i < roads.lon.length; i++) {
        w = Math.min(w, roads.lon[i]);
        e = Math.max(e, roads.lon[i]);
        s = Math.min(s, roads.lat[i]);
        n = Math.max(n, roads.lat[i]);
      }
      post({ id: request.id, type: 'loaded', nodes: roads.lon.length, ways: roads.ways.length, bbox: [w, s, e, n] });
      return;
    }
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
    const message: IsochroneResponse = {
      id: request.id,
      type: 'reach',
      polygon: isochronePolygon(entry.graph, result.seconds),
      reachedNodes,
      snapped: request.stations.length - result.unsnapped.length,
      ms: performance.now() - started,
      discs,
      unsnapped: result.unsnapped,
    };
    (self as unknown as Worker).postMessage(message, [discs.buffer]);
  } catch (error) {
    post({ id: request.id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
