/**
 * Writes the synthetic demo data into data/demo/: a week of freight-driver pings (Parquet) and
 * made-up union stations (CSV). Deterministic: the same seed gives byte-identical files.
 *   npx tsx scripts/generate-demo-data.ts [--drivers N] [--out dir]
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Bool, Field, Float32, Float64, Int32, makeData, RecordBatch, Schema, Struct, Table, TimestampMillisecond, tableToIPC } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { demoStations, demoStationsCsv } from './demo/demoStations';
import { orderByTime, reorder, simulateDrivers, type PingColumns } from './demo/simulateDrivers';

export const DEMO_SEED = 20261116;
export const DEMO_DRIVERS = 2600;
/** Monday 2026-11-16 00:00 local time, stored as naive wall-clock time. */
export const DEMO_WEEK_START_MS = Date.UTC(2026, 10, 16);

const repoRoot = resolve(import.meta.dirname, '..');

function arg(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

export function readChargerCoordinates(): { lon: Float64Array; lat: Float64Array } {
  const local = join(repoRoot, 'data/gz-ev-charging/guangzhou_ev_charging_stations.csv');
  const path = existsSync(local) ? local : join(repoRoot, '../shared/data/gz-ev-charging/guangzhou_ev_charging_stations.csv');
  const [header, ...lines] = readFileSync(path, 'utf8').trim().split(/\r?\n/);
  const columns = header.split(',');
  const lonAt = columns.indexOf('WGS84_station_lg');
  const latAt = columns.indexOf('WGS84_station_lt');
  const lon = new Float64Array(lines.length);
  const lat = new Float64Array(lines.length);
  lines.forEach((line, i) => {
    const cells = line.split(',');
    lon[i] = Number(cells[lonAt]);
    lat[i] = Number(cells[latAt]);
  });
  return { lon, lat };
}

/** An Arrow table with the demo schema, built column by column from the typed arrays. */
export function pingsArrowTable(pings: PingColumns): Table {
  const length = pings.length;
  const memberBits = new Uint8Array(Math.ceil(length / 8));
  for (let i = 0; i < length; i++) if (pings.member[i]) memberBits[i >> 3] |= 1 << (i & 7);
  // Arrow stores 64-bit timestamps as pairs of 32-bit words (low, high).
  const tsWords = new Int32Array(length * 2);
  for (let i = 0; i < length; i++) {
    const ms = pings.tsMs[i];
    tsWords[2 * i] = ms % 4294967296 | 0;
    tsWords[2 * i + 1] = Math.floor(ms / 4294967296);
  }
  const columns = [
    { name: 'driver_id', data: makeData({ type: new Int32(), length, data: pings.driverId }) },
    { name: 'ts', data: makeData({ type: new TimestampMillisecond(), length, data: tsWords }) },
    { name: 'lon', data: makeData({ type: new Float64(), length, data: pings.lon }) },
    { name: 'lat', data: makeData({ type: new Float64(), length, data: pings.lat }) },
    { name: 'weight', data: makeData({ type: new Float32(), length, data: pings.weight }) },
    { name: 'member', data: makeData({ type: new Bool(), length, data: memberBits }) },
  ];
  const fields = columns.map((c) => new Field(c.name, c.data.type, false));
  const schema = new Schema(fields);
  const batch = new RecordBatch(schema, makeData({ type: new Struct(fields), length, children: columns.map((c) => c.data) }));
  return new Table(schema, [batch]);
}

const DEMO_METADATA = new Map([
  ['synthetic', 'true'],
  ['generator', 'scripts/generate-demo-data.ts'],
  ['seed', String(DEMO_SEED)],
  ['crs', 'WGS84'],
  ['time', 'local Asia/Shanghai (UTC+8), naive'],
]);

function main() {
  const drivers = Number(arg('drivers') ?? DEMO_DRIVERS);
  const outDir = resolve(arg('out') ?? join(repoRoot, 'data/demo'));
  mkdirSync(outDir, { recursive: true });
  const started = Date.now();
  const simulated = simulateDrivers({ seed: DEMO_SEED, drivers, weekStartMs: DEMO_WEEK_START_MS, days: 7, chargers: readChargerCoordinates() });
  const pings = reorder(simulated, orderByTime(simulated));
  const ipc = tableToIPC(pingsArrowTable(pings), 'stream');
  const properties = new parquet.WriterPropertiesBuilder()
    .setCompression(parquet.Compression.ZSTD)
    .setKeyValueMetadata(DEMO_METADATA)
    .build();
  const bytes = parquet.writeParquet(parquet.Table.fromIPCStream(ipc), properties);
  writeFileSync(join(outDir, 'pings_week_demo_synthetic.parquet'), bytes);
  const stations = demoStations(DEMO_SEED);
  writeFileSync(join(outDir, 'union_stations_demo_synthetic.csv'), demoStationsCsv(stations));
  let members = 0;
  const memberDrivers = new Set<number>();
  for (let i = 0; i < pings.length; i++) if (pings.member[i]) memberDrivers.add(pings.driverId[i]);
  members = memberDrivers.size;
  console.log(
    `${pings.length.toLocaleString()} pings from ${new Set(pings.driverId).size} drivers (${members} members), ` +
      `${stations.length} stations, ${(bytes.length / 1e6).toFixed(1)} MB, ${((Date.now() - started) / 1000).toFixed(1)} s → ${outDir}`,
  );
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) main();
