/**
 * Times coverage and isochrones on the same engines the app uses, in Node:
 *  - straight-line coverage of the 1.03 M demo pings by 200 stations (DuckDB-WASM, the app's SQL);
 *  - network isochrones on the real Nanshan OSM extract (parse, graph build, bounded Dijkstra, hull).
 * Medians of several runs go to BENCHMARKS.md (section "Coverage and isochrones") and JSON.
 *   npm run bench:coverage [-- --runs 5]
 */
import { readFileSync } from 'node:fs';
import { machine, median, writeBenchmark } from './report';
import { gunzipSync } from 'node:zlib';
import * as parquet from 'parquet-wasm';
import { coverageCellsSql, coverageTotalsSql, coveredPingsSql } from '../../web/src/coverage/coverageSql';
import { isochronePolygon, networkReach, NodeIndex } from '../../web/src/coverage/isochrones';
import { parseOsmXml } from '../../web/src/coverage/osmXml';
import { buildRoadGraph } from '../../web/src/coverage/roadGraph';
import { defaultReach, reachRadiusM } from '../../web/src/coverage/travelModes';
import { ALL_DAY } from '../../web/src/density/densityFilter';
import { pingsFromStagingSql } from '../../web/src/db/schema';
import { openWasmSqlRunner } from '../lib/wasmDuckDbNode';

const runs = Number(process.argv[process.argv.indexOf('--runs') + 1]) || 5;
const time = (fn: () => void) => {
  const t = performance.now();
  fn();
  return performance.now() - t;
};

async function main() {
  const { conn } = await openWasmSqlRunner();
  const ipc = parquet.readParquet(new Uint8Array(readFileSync('data/demo/pings_week_demo_synthetic.parquet'))).intoIPCStream();
  conn.insertArrowFromIPCStream(ipc, { name: 'raw', create: true });
  for (const sql of pingsFromStagingSql('raw')) conn.query(sql);
  // 200 stations spread over the demo's busy area, deterministic.
  let seed = 7;
  const random = () => ((seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32);
  const stations = Array.from({ length: 200 }, (_, i) => `('B${i}', ${113.15 + random() * 0.5}, ${22.85 + random() * 0.55})`).join(',');
  conn.query(`CREATE TABLE stations AS SELECT * FROM (VALUES ${stations}) t(id, lon, lat)`);
  const radius = reachRadiusM(defaultReach('ebike', 15));
  const covered = coveredPingsSql(ALL_DAY, radius, [], 500);
  const samples: Record<string, number[]> = { coverageTotalsMs: [], coverageCellsMs: [], osmParseMs: [], graphBuildMs: [], isochrone200Ms: [], hullMs: [] };
  let share = 0;
  for (let r = 0; r < runs; r++) {
    samples.coverageTotalsMs.push(time(() => (share = conn.query(coverageTotalsSql(covered)).get(0)!.covered_pings)));
    samples.coverageCellsMs.push(time(() => conn.query(coverageCellsSql(covered))));
  }
  const xml = gunzipSync(readFileSync('test/fixtures/osm/shenzhen_nanshan_bbox.osm.xml.gz')).toString('utf8');
  let roads = parseOsmXml(xml);
  let graph = buildRoadGraph(roads, 'drive', 25);
  const stationsSz = Array.from({ length: 200 }, () => ({ lon: 113.9 + random() * 0.12, lat: 22.51 + random() * 0.09 }));
  let reached = 0;
  for (let r = 0; r < runs; r++) {
    samples.osmParseMs.push(time(() => (roads = parseOsmXml(xml))));
    samples.graphBuildMs.push(time(() => (graph = buildRoadGraph(roads, 'drive', 25))));
    const index = new NodeIndex(graph);
    let result = networkReach(graph, index, stationsSz, 900, 4.8);
    samples.isochrone200Ms.push(time(() => (result = networkReach(graph, index, stationsSz, 900, 4.8))));
    reached = result.seconds.filter(Number.isFinite).length;
    samples.hullMs.push(time(() => isochronePolygon(graph, result.seconds)));
  }
  const medians = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, Math.round(median(v))]));
  const result = {
    date: new Date().toISOString(),
    machine: machine(),
    engine: 'DuckDB-WASM 1.32 (Node, blocking, same wasm as the browser) + TypeScript graph code',
    runs,
    medians,
    coveredPings: share,
    radiusM: Math.round(radius),
    isochroneNodesReached: reached,
    graph: { nodes: roads.lon.length, ways: roads.ways.length, edges: graph.targets.length },
  };
  const table = [
    '## Coverage and isochrones (`npm run bench:coverage`)',
    '',
    `${result.date.slice(0, 10)} · ${result.machine.cores} cores (${result.machine.cpu}), ${result.machine.memoryGiB} GiB · ${result.engine} · median of ${runs} runs`,
    '',
    '| step | median ms |',
    '| --- | ---: |',
    `| coverage totals: 1,026,646 demo pings × 200 stations, e-bike 15 min (r = ${result.radiusM} m) | ${medians.coverageTotalsMs} |`,
    `| coverage per 500 m hexagon with peak hours (gap layer) | ${medians.coverageCellsMs} |`,
    `| parse OSM XML, Nanshan extract (${result.graph.nodes.toLocaleString('en')} nodes, ${result.graph.ways.toLocaleString('en')} highway ways) | ${medians.osmParseMs} |`,
    `| build drive graph (${result.graph.edges.toLocaleString('en')} directed edges) | ${medians.graphBuildMs} |`,
    `| network reach of 200 stations, 15 min drive (${reached.toLocaleString('en')} nodes reached) | ${medians.isochrone200Ms} |`,
    `| isochrone outline (concave hull) | ${medians.hullMs} |`,
    '',
  ].join('\n');
  writeBenchmark('coverage.json', result, '## Coverage and isochrones', table);
  console.log(table);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
