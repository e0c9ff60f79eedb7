/**
 * Network isochrones: snap each station to the nearest road node, run the bounded Dijkstra, and
 * outline the reached nodes as a polygon (a concave hull, so a river or a blocked block shows as
 * a dent rather than being swallowed as a circle would).
 */
import concave from '@turf/concave';
import convex from '@turf/convex';
import { featureCollection, point } from '@turf/helpers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { METRES_PER_DEG_LOWER_BOUND } from '../geo/earth';
import { boundedDijkstra } from './dijkstra';
import { haversineM, type RoadGraph } from './roadGraph';

const CELL_DEG = 0.002;
const ENTRANCES_PER_STATION = 4;

/**
 * The nodes of the largest connected piece of the network (ignoring direction). Extracts cut out
 * of a bigger map leave road fragments that touch nothing; a station snapped onto one would get a
 * tiny isochrone for no real reason.
 */
export function largestComponent(graph: RoadGraph): Uint8Array {
  const n = graph.lon.length;
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => {
    while (parent[x] !== x) {
      parent[x] = parent[parent[x]];
      x = parent[x];
    }
    return x;
  };
  for (let u = 0; u < n; u++) {
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      const a = find(u);
      const b = find(graph.targets[e]);
      if (a !== b) parent[a] = b;
    }
  }
  const size = new Int32Array(n);
  for (let i = 0; i < n; i++) if (graph.offsets[i + 1] > graph.offsets[i]) size[find(i)]++;
  let root = 0;
  for (let i = 1; i < n; i++) if (size[i] > size[root]) root = i;
  const mask = new Uint8Array(n);
  for (let i = 0; i < n; i++) if (size[root] > 0 && find(i) === root) mask[i] = 1;
  return mask;
}

/** A grid index over the routable nodes (largest component) for nearest-node lookups. */
export class NodeIndex {
  private readonly cells = new Map<string, number[]>();
  constructor(private readonly graph: RoadGraph) {
    const routable = largestComponent(graph);
    for (let i = 0; i < graph.lon.length; i++) {
      if (!routable[i]) continue;
      const key = `${Math.floor(graph.lon[i] / CELL_DEG)},${Math.floor(graph.lat[i] / CELL_DEG)}`;
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    }
  }

  /** The `k` nearest routable nodes within `maxM` metres, nearest first. */
  nearestK(lon: number, lat: number, maxM: number, k: number): { node: number; metres: number }[] {
    const cx = Math.floor(lon / CELL_DEG);
    const cy = Math.floor(lat / CELL_DEG);
    const rings = Math.ceil(maxM / (CELL_DEG * METRES_PER_DEG_LOWER_BOUND)) + 1;
    const found: { node: number; metres: number }[] = [];
    for (let dx = -rings; dx <= rings; dx++) {
      for (let dy = -rings; dy <= rings; dy++) {
        for (const i of this.cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = haversineM(lon, lat, this.graph.lon[i], this.graph.lat[i]);
          if (d <= maxM) found.push({ node: i, metres: d });
        }
      }
    }
    return found.sort((a, b) => a.metres - b.metres || a.node - b.node).slice(0, k);
  }

  /** The nearest routable node within `maxM` metres, or null. */
  nearest(lon: number, lat: number, maxM: number): { node: number; metres: number } | null {
    const cx = Math.floor(lon / CELL_DEG);
    const cy = Math.floor(lat / CELL_DEG);
    const rings = Math.ceil(maxM / (CELL_DEG * METRES_PER_DEG_LOWER_BOUND)) + 1;
    let best: { node: number; metres: number } | null = null;
    for (let dx = -rings; dx <= rings; dx++) {
      for (let dy = -rings; dy <= rings; dy++) {
        for (const i of this.cells.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = haversineM(lon, lat, this.graph.lon[i], this.graph.lat[i]);
          if (d <= maxM && (!best || d < best.metres)) best = { node: i, metres: d };
        }
      }
    }
    return best;
  }
}

export interface IsochroneResult {
  /** Seconds from the nearest station to each node (Infinity beyond the budget). */
  seconds: Float64Array;
  /** Stations that could not be snapped to the network (too far from any road). */
  unsnapped: number[];
}

/**
 * Travel times from the stations over the network. A station joins the network at its few nearest
 * road nodes (a corner touches several roads, and one-way streets make a single node a poor
 * entrance); the walk to each counts against the budget at `accessSpeedKmh`.
 */
export function networkReach(
  graph: RoadGraph,
  index: NodeIndex,
  stations: { lon: number; lat: number }[],
  budgetSeconds: number,
  accessSpeedKmh: number,
  maxSnapM = 300,
): IsochroneResult {
  const sources: { node: number; seconds: number }[] = [];
  const unsnapped: number[] = [];
  stations.forEach((s, i) => {
    const entrances = index.nearestK(s.lon, s.lat, maxSnapM, ENTRANCES_PER_STATION);
    if (entrances.length === 0) unsnapped.push(i);
    for (const snap of entrances) sources.push({ node: snap.node, seconds: snap.metres / (accessSpeedKmh / 3.6) });
  });
  return { seconds: boundedDijkstra(graph, sources, budgetSeconds), unsnapped };
}

/** Outline of the reached nodes: a concave hull (≤ `maxEdgeKm` edges), or the convex hull if that fails. */
export function isochronePolygon(graph: RoadGraph, seconds: Float64Array, maxEdgeKm = 0.4): Feature<Polygon | MultiPolygon> | null {
  const points = [];
  for (let i = 0; i < seconds.length; i++) if (Number.isFinite(seconds[i])) points.push(point([graph.lon[i], graph.lat[i]]));
  if (points.length < 3) return null;
  const collection = featureCollection(points);
  return concave(collection, { maxEdge: maxEdgeKm, units: 'kilometers' }) ?? convex(collection);
}

/** How far from a reached road node a ping still counts as reached (the last walk off the road). */
export const NODE_REACH_MAX_M = 150;

/**
 * Reached nodes as small discs for coverage: each node reached with time to spare covers the
 * pings within min(NODE_REACH_MAX_M, spare time × access speed) of it. Interleaved [lon, lat, r].
 */
export function reachDiscs(graph: RoadGraph, seconds: Float64Array, budgetSeconds: number, accessSpeedKmh: number): Float64Array {
  const out: number[] = [];
  const metresPerSecond = accessSpeedKmh / 3.6;
  for (let i = 0; i < seconds.length; i++) {
    if (!Number.isFinite(seconds[i])) continue;
    const r = Math.min(NODE_REACH_MAX_M, (budgetSeconds - seconds[i]) * metresPerSecond);
    if (r > 0) out.push(graph.lon[i], graph.lat[i], r);
  }
  return Float64Array.from(out);
}
