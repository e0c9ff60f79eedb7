/**
 * Network isochrones: snap each station to the nearest road node, run the bounded Dijkstra, and
 * outline the reached nodes as a polygon (a concave hull, so a river or a blocked block shows as
 * a dent rather than being swallowed as a circle would).
 */
import concave from '@turf/concave';
import convex from '@turf/convex';
import { featureCollection, point } from '@turf/helpers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { boundedDijkstra } from './dijkstra';
import { haversineM, type RoadGraph } from './roadGraph';

const CELL_DEG = 0.002;

/** A grid index over the graph's nodes for nearest-node lookups. */
export class NodeIndex {
  private readonly cells = new Map<string, number[]>();
  constructor(private readonly graph: RoadGraph) {
    for (let i = 0; i < graph.lon.length; i++) {
      // Only nodes with edges are useful snap targets.
      if (graph.offsets[i + 1] === graph.offsets[i]) continue;
      const key = `${Math.floor(graph.lon[i] / CELL_DEG)},${Math.floor(graph.lat[i] / CELL_DEG)}`;
      const list = this.cells.get(key);
      if (list) list.push(i);
      else this.cells.set(key, [i]);
    }
  }

  /** The nearest routable node within `maxM` metres, or null. */
  nearest(lon: number, lat: number, maxM: number): { node: number; metres: number } | null {
    const cx = Math.floor(lon / CELL_DEG);
    const cy = Math.floor(lat / CELL_DEG);
    const rings = Math.ceil(maxM / (CELL_DEG * 100_000)) + 1;
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
 * Travel times from the stations over the network. The walk from a station to its nearest road
 * node counts against the budget at `accessSpeedKmh`.
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
    const snap = index.nearest(s.lon, s.lat, maxSnapM);
    if (!snap) unsnapped.push(i);
    else sources.push({ node: snap.node, seconds: snap.metres / (accessSpeedKmh / 3.6) });
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
