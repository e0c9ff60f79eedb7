/**
 * A compact directed road graph for one travel mode: nodes with coordinates and edges in CSR form
 * (offsets/targets/seconds as typed arrays), so a worker can run Dijkstra over hundreds of
 * thousands of edges without an object per edge.
 */
import { EARTH_RADIUS_M } from '../geo/earth';
import type { TravelMode } from './travelModes';
import type { OsmRoads } from './osmXml';

export interface RoadGraph {
  lon: Float64Array;
  lat: Float64Array;
  /** Edges leaving node i are offsets[i] … offsets[i + 1] − 1. */
  offsets: Int32Array;
  targets: Int32Array;
  seconds: Float32Array;
}

/** Which highway classes each mode may use (OSM highway=*). */
const FOOT_ONLY = new Set(['footway', 'pedestrian', 'steps', 'path', 'corridor', 'bridleway', 'platform']);
const MOTOR_ONLY = new Set(['motorway', 'motorway_link', 'trunk', 'trunk_link']);
const NOT_ROADS = new Set(['construction', 'proposed', 'abandoned', 'platform', 'bus_stop', 'crossing', 'traffic_signals', 'elevator', 'raceway']);

export function allowed(mode: TravelMode, highway: string): boolean {
  if (NOT_ROADS.has(highway)) return false;
  if (mode === 'walk') return !MOTOR_ONLY.has(highway);
  if (mode === 'ebike') return !MOTOR_ONLY.has(highway) && highway !== 'steps';
  return !FOOT_ONLY.has(highway) && highway !== 'cycleway';
}

/** Typical urban driving speeds by road class (km/h), used when a way has no maxspeed. */
const DRIVE_SPEED_KMH: Record<string, number> = {
  motorway: 80, motorway_link: 40, trunk: 60, trunk_link: 35, primary: 40, primary_link: 30,
  secondary: 35, secondary_link: 25, tertiary: 30, tertiary_link: 25, unclassified: 25,
  residential: 20, living_street: 10, service: 15, road: 20,
};

export function edgeSpeedKmh(mode: TravelMode, highway: string, maxspeedKmh: number | null, modeSpeedKmh: number): number {
  if (mode !== 'drive') return modeSpeedKmh;
  const typical = DRIVE_SPEED_KMH[highway] ?? 20;
  // Congested city traffic rarely reaches the limit: the lower of the class speed, the limit and the user's cap.
  return Math.min(typical, maxspeedKmh ?? typical, Math.max(modeSpeedKmh, 1) * 3.2);
}

export function haversineM(lon1: number, lat1: number, lon2: number, lat2: number): number {
  const toRad = Math.PI / 180;
  const dLat = (lat2 - lat1) * toRad;
  const dLon = (lon2 - lon1) * toRad;
  const a = Math.sin(dLat / 2) ** 2 + Math.cos(lat1 * toRad) * Math.cos(lat2 * toRad) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.sqrt(a));
}

export function buildRoadGraph(roads: OsmRoads, mode: TravelMode, modeSpeedKmh: number): RoadGraph {
  const from: number[] = [];
  const to: number[] = [];
  const secs: number[] = [];
  const add = (a: number, b: number, s: number) => {
    from.push(a);
    to.push(b);
    secs.push(s);
  };
  for (const way of roads.ways) {
    if (!allowed(mode, way.highway)) continue;
    const speed = edgeSpeedKmh(mode, way.highway, way.maxspeedKmh, modeSpeedKmh) / 3.6;
    // One-way restrictions bind vehicles; walkers use both directions.
    const forward = mode === 'walk' || way.oneway !== 'reverse';
    const backward = mode === 'walk' || way.oneway === 'no';
    for (let k = 0; k + 1 < way.nodes.length; k++) {
      const a = roads.nodeIndex.get(way.nodes[k])!;
      const b = roads.nodeIndex.get(way.nodes[k + 1])!;
      const s = haversineM(roads.lon[a], roads.lat[a], roads.lon[b], roads.lat[b]) / speed;
      if (forward) add(a, b, s);
      if (backward) add(b, a, s);
    }
  }
  const n = roads.lon.length;
  const offsets = new Int32Array(n + 1);
  for (const a of from) offsets[a + 1]++;
  for (let i = 0; i < n; i++) offsets[i + 1] += offsets[i];
  const cursor = offsets.slice(0, n);
  const targets = new Int32Array(from.length);
  const seconds = new Float32Array(from.length);
  for (let e = 0; e < from.length; e++) {
    const slot = cursor[from[e]]++;
    targets[slot] = to[e];
    seconds[slot] = secs[e];
  }
  return { lon: roads.lon, lat: roads.lat, offsets, targets, seconds };
}
