import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import booleanPointInPolygon from '@turf/boolean-point-in-polygon';
import { boundedDijkstra } from '../../../web/src/coverage/dijkstra';
import { isochronePolygon, largestComponent, networkReach, NodeIndex } from '../../../web/src/coverage/isochrones';
import { parseMaxspeed, parseOsmXml, type OsmRoads } from '../../../web/src/coverage/osmXml';
import { allowed, buildRoadGraph, haversineM, type RoadGraph } from '../../../web/src/coverage/roadGraph';

/** Bellman-Ford with a queue (SPFA): an independent shortest-path algorithm as the reference. */
function referenceTimes(graph: RoadGraph, sources: { node: number; seconds: number }[], budget: number): Float64Array {
  const time = new Float64Array(graph.lon.length).fill(Infinity);
  const queue: number[] = [];
  for (const s of sources) if (s.seconds < time[s.node]) (time[s.node] = s.seconds), queue.push(s.node);
  while (queue.length) {
    const u = queue.shift()!;
    for (let e = graph.offsets[u]; e < graph.offsets[u + 1]; e++) {
      const t = time[u] + graph.seconds[e];
      if (t < time[graph.targets[e]]) {
        time[graph.targets[e]] = t;
        queue.push(graph.targets[e]);
      }
    }
  }
  return time.map((t) => (t <= budget ? t : Infinity));
}

describe('a small graph with known shortest paths', () => {
  // A square A(0)–B(1)–C(2)–D(3) of 1 km sides at the equator-free scale of ~23°N, plus a footway A–C.
  const lon0 = 113.3;
  const lat0 = 23.1;
  const dLat = 1000 / 111_195;
  const dLon = 1000 / (111_195 * Math.cos((lat0 * Math.PI) / 180));
  const roads: OsmRoads = {
    nodeIndex: new Map([[10, 0], [11, 1], [12, 2], [13, 3]]),
    lon: Float64Array.from([lon0, lon0 + dLon, lon0 + dLon, lon0]),
    lat: Float64Array.from([lat0, lat0, lat0 + dLat, lat0 + dLat]),
    ways: [
      { nodes: [10, 11], highway: 'residential', oneway: 'no', maxspeedKmh: null },
      { nodes: [11, 12], highway: 'residential', oneway: 'yes', maxspeedKmh: null },
      { nodes: [12, 13, 10], highway: 'residential', oneway: 'no', maxspeedKmh: null },
      { nodes: [10, 12], highway: 'footway', oneway: 'no', maxspeedKmh: null },
    ],
  };

  it('walks the diagonal footway at walking speed', () => {
    const graph = buildRoadGraph(roads, 'walk', 3.6); // 1 m/s
    const t = boundedDijkstra(graph, [{ node: 0, seconds: 0 }], 10_000);
    expect(t[1]).toBeCloseTo(1000, 0);
    expect(t[2]).toBeCloseTo(1000 * Math.SQRT2, 0);
    expect(t[3]).toBeCloseTo(1000, 0);
  });

  it('drives around the block, obeying the one-way street and skipping the footway', () => {
    const graph = buildRoadGraph(roads, 'drive', 20); // residential: 20 km/h in town
    const perKm = 3600 / 20;
    const fromA = boundedDijkstra(graph, [{ node: 0, seconds: 0 }], 10_000);
    expect(fromA[2]).toBeCloseTo(2 * perKm, 0); // A→B→C or A→D→C: 2 km
    const fromC = boundedDijkstra(graph, [{ node: 2, seconds: 0 }], 10_000);
    expect(fromC[1]).toBeCloseTo(3 * perKm, 0); // B→C is one-way: C→D→A→B, 3 km
  });

  it('stops at the budget', () => {
    const graph = buildRoadGraph(roads, 'walk', 3.6);
    const t = boundedDijkstra(graph, [{ node: 0, seconds: 0 }], 1200);
    expect(Number.isFinite(t[1])).toBe(true);
    expect(t[2]).toBe(Infinity);
  });

  it('reads road classes and speed limits as OSM writes them', () => {
    expect(allowed('drive', 'footway')).toBe(false);
    expect(allowed('walk', 'motorway')).toBe(false);
    expect(allowed('ebike', 'cycleway')).toBe(true);
    expect(parseMaxspeed('50')).toBe(50);
    expect(parseMaxspeed('30 mph')).toBeCloseTo(48.28, 2);
    expect(parseMaxspeed('signals')).toBeNull();
  });
});

describe('isochrones on the real Shenzhen (Nanshan) OSM extract', () => {
  const roads = parseOsmXml(gunzipSync(readFileSync('test/fixtures/osm/shenzhen_nanshan_bbox.osm.xml.gz')).toString('utf8'));

  it('parses the nodes and the highway ways', () => {
    expect(roads.lon.length).toBe(18_996);
    expect(roads.ways.length).toBeGreaterThan(1_000);
    expect(roads.ways.every((w) => w.nodes.length >= 2)).toBe(true);
  });

  for (const mode of ['walk', 'ebike', 'drive'] as const) {
    it(`${mode}: 15-minute membership and times equal an independent shortest-path search`, () => {
      const graph = buildRoadGraph(roads, mode, mode === 'walk' ? 4.8 : mode === 'ebike' ? 15 : 25);
      const index = new NodeIndex(graph);
      const stations = [
        { lon: 113.935, lat: 22.54 },
        { lon: 113.955, lat: 22.53 },
      ];
      const sources = stations.flatMap((s) => index.nearestK(s.lon, s.lat, 500, 4)).map((snap) => ({ node: snap.node, seconds: snap.metres / (4.8 / 3.6) }));
      const result = networkReach(graph, index, stations, 900, 4.8, 500);
      const reference = referenceTimes(graph, sources, 900);
      let reached = 0;
      for (let i = 0; i < reference.length; i++) {
        expect(Number.isFinite(result.seconds[i])).toBe(Number.isFinite(reference[i]));
        if (Number.isFinite(reference[i])) {
          reached++;
          expect(Math.abs(result.seconds[i] - reference[i])).toBeLessThan(1e-6);
        }
      }
      expect(reached).toBeGreaterThan(50);
      const polygon = isochronePolygon(graph, result.seconds);
      expect(polygon).not.toBeNull();
    });
  }

  it('snaps to the nearest node of the main road network, as a brute-force search finds it', () => {
    const graph = buildRoadGraph(roads, 'walk', 4.8);
    const index = new NodeIndex(graph);
    const main = largestComponent(graph);
    for (const [lon, lat] of [[113.94, 22.55], [113.9, 22.6], [114.0, 22.52]]) {
      let best = Infinity;
      for (let i = 0; i < graph.lon.length; i++) {
        if (!main[i]) continue;
        best = Math.min(best, haversineM(lon, lat, graph.lon[i], graph.lat[i]));
      }
      const snap = index.nearest(lon, lat, 2000);
      if (best > 2000) expect(snap).toBeNull();
      else expect(snap!.metres).toBeCloseTo(best, 6);
    }
  });

  it('never snaps a station onto a road fragment cut off from the network', () => {
    const graph = buildRoadGraph(roads, 'ebike', 15);
    const main = largestComponent(graph);
    const index = new NodeIndex(graph);
    const fragments: number[] = [];
    for (let i = 0; i < main.length; i++) if (!main[i] && graph.offsets[i + 1] > graph.offsets[i]) fragments.push(i);
    expect(fragments.length).toBeGreaterThan(0); // the extract does have fragments
    for (const i of fragments.slice(0, 50)) {
      const snap = index.nearest(graph.lon[i], graph.lat[i], 5000);
      if (snap) expect(main[snap.node]).toBe(1);
    }
  });

  it('outlines the reached nodes: most of them lie inside the isochrone polygon', () => {
    const graph = buildRoadGraph(roads, 'walk', 4.8);
    const result = networkReach(graph, new NodeIndex(graph), [{ lon: 113.945, lat: 22.535 }], 900, 4.8);
    const polygon = isochronePolygon(graph, result.seconds)!;
    let inside = 0;
    let total = 0;
    for (let i = 0; i < result.seconds.length; i++) {
      if (!Number.isFinite(result.seconds[i])) continue;
      total++;
      if (booleanPointInPolygon([graph.lon[i], graph.lat[i]], polygon)) inside++;
    }
    expect(inside / total).toBeGreaterThan(0.9);
  });
});

describe('coverage over the road network', () => {
  const roads = parseOsmXml(gunzipSync(readFileSync('test/fixtures/osm/shenzhen_nanshan_bbox.osm.xml.gz')).toString('utf8'));
  it('covers exactly the pings within a reached node’s disc, as a brute-force check finds', async () => {
    const { reachDiscs } = await import('../../../web/src/coverage/isochrones');
    const { coverageTotalsSql, coveredPingsSql, NETWORK_TABLES_SQL } = await import('../../../web/src/coverage/coverageSql');
    const { toLocalMetres } = await import('../../../web/src/density/localProjection');
    const { pingsFromStagingSql } = await import('../../../web/src/db/schema');
    const { ALL_DAY } = await import('../../../web/src/density/densityFilter');
    const { openWasmDuckDb } = await import('../wasmDuckDb');
    const graph = buildRoadGraph(roads, 'ebike', 15);
    const result = networkReach(graph, new NodeIndex(graph), [{ lon: 113.95, lat: 22.54 }], 900, 4.8);
    const discs = reachDiscs(graph, result.seconds, 900, 4.8);
    expect(discs.length / 3).toBeGreaterThan(1000);

    let seed = 3;
    const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
    const pings = Array.from({ length: 2000 }, () => ({ lon: 113.92 + random() * 0.06, lat: 22.51 + random() * 0.06 }));
    const conn = await openWasmDuckDb();
    conn.query(`CREATE TABLE raw AS SELECT * FROM (VALUES ${pings.map((p, i) => `(${i}, TIMESTAMP '2026-11-17 08:00:00', ${p.lon}, ${p.lat}, 1.0, false)`).join(',')}) t(driver_id, ts, lon, lat, weight, member)`);
    for (const sql of pingsFromStagingSql('raw')) conn.query(sql);
    conn.query('CREATE TABLE stations (id VARCHAR, lon DOUBLE, lat DOUBLE)');
    for (const sql of NETWORK_TABLES_SQL) conn.query(sql);
    const rows: string[] = [];
    for (let i = 0; i < discs.length; i += 3) rows.push(`(${discs[i]}, ${discs[i + 1]}, ${discs[i + 2]})`);
    conn.query(`INSERT INTO network_reach VALUES ${rows.join(',')}`);

    const got = conn.query(`SELECT rid, covered FROM ${coveredPingsSql(ALL_DAY, 3000, [], 500, true)} ORDER BY rid`).toArray().map((r) => r.covered);
    const discXY: [number, number, number][] = [];
    for (let i = 0; i < discs.length; i += 3) discXY.push([...toLocalMetres(discs[i], discs[i + 1]), discs[i + 2]] as [number, number, number]);
    const expected = pings.map((p) => {
      const [x, y] = toLocalMetres(p.lon, p.lat);
      return discXY.some(([dx, dy, r]) => (x - dx) ** 2 + (y - dy) ** 2 <= r * r);
    });
    expect(got).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(100);
    expect(expected.filter((c) => !c).length).toBeGreaterThan(100);
    // The straight-line circle of the same budget would claim far more.
    conn.query("INSERT INTO stations VALUES ('S', 113.95, 22.54)");
    const circle = conn.query(coverageTotalsSql(coveredPingsSql(ALL_DAY, 2885, [], 500))).get(0)!.covered_pings;
    expect(circle).toBeGreaterThan(expected.filter(Boolean).length);
  });
});

describe('road networks as GeoJSON lines', () => {
  it('joins lines at shared vertices and keeps one-way and road class', async () => {
    const { parseGeoJsonRoads, parseRoadNetwork } = await import('../../../web/src/coverage/geojsonRoads');
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', properties: { highway: 'residential' }, geometry: { type: 'LineString', coordinates: [[113.3, 23.1], [113.31, 23.1]] } },
        { type: 'Feature', properties: { fclass: 'residential', oneway: 'yes' }, geometry: { type: 'LineString', coordinates: [[113.31, 23.1], [113.31, 23.11]] } },
        { type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [113.3, 23.1] } },
      ],
    };
    const roads = parseGeoJsonRoads(JSON.stringify(fc));
    expect(roads.lon.length).toBe(3); // the shared vertex is one node
    expect(roads.ways.map((w) => [w.highway, w.oneway])).toEqual([['residential', 'no'], ['residential', 'yes']]);
    const graph = buildRoadGraph(roads, 'drive', 25);
    const fromStart = boundedDijkstra(graph, [{ node: 0, seconds: 0 }], 10_000);
    expect(Number.isFinite(fromStart[2])).toBe(true);
    const fromEnd = boundedDijkstra(graph, [{ node: 2, seconds: 0 }], 10_000);
    expect(fromEnd[0]).toBe(Infinity); // against the one-way street
    expect(() => parseRoadNetwork('{"type":"FeatureCollection","features":[]}')).toThrow('no LineString features');
    expect(parseRoadNetwork('<osm version="0.6"></osm>').ways).toEqual([]);
  });
});
