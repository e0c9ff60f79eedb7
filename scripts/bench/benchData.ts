/**
 * The benchmark's input files: 1 M, 5 M and 10 M synthetic pings as Parquet and as CSV, from the
 * demo's simulator with more drivers. Deterministic (fixed seed, fixed driver count per size), and
 * kept in benchmarks/data/ (git-ignored) so a rerun does not write them again.
 */
import { closeSync, existsSync, mkdirSync, openSync, renameSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { tableToIPC } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { simulateDrivers, type PingColumns } from '../demo/simulateDrivers';
import { DEMO_DRIVERS, DEMO_SEED, DEMO_WEEK_START_MS, pingsArrowTable, readChargerCoordinates } from '../generate-demo-data';

export const BENCH_DATA_DIR = 'benchmarks/data';
/** The demo's 2,600 drivers give 1,026,646 pings a week. */
const PINGS_PER_DRIVER = 1_026_646 / DEMO_DRIVERS;

export interface BenchFiles {
  rows: number;
  parquet: string;
  csv: string;
  /** Seconds spent writing them in this run (0 when they were already there). */
  generatedS: number;
}

/** The first `rows` pings of a simulation with just enough drivers (the last one is cut short). */
function simulatePings(rows: number): PingColumns {
  const drivers = Math.ceil((rows / PINGS_PER_DRIVER) * 1.02);
  const all = simulateDrivers({ seed: DEMO_SEED + rows, drivers, weekStartMs: DEMO_WEEK_START_MS, days: 7, chargers: readChargerCoordinates() });
  if (all.length < rows) throw new Error(`the simulation gave ${all.length} pings, fewer than ${rows}`);
  return {
    length: rows,
    driverId: all.driverId.subarray(0, rows),
    tsMs: all.tsMs.subarray(0, rows),
    lon: all.lon.subarray(0, rows),
    lat: all.lat.subarray(0, rows),
    weight: all.weight.subarray(0, rows),
    member: all.member.subarray(0, rows),
  };
}

const pad = (n: number) => (n < 10 ? '0' + n : String(n));

/** Naive wall-clock ms → 'YYYY-MM-DD HH:MM:SS', with the date part cached per day. */
function timestampFormatter(): (ms: number) => string {
  const days = new Map<number, string>();
  return (ms) => {
    const day = Math.floor(ms / 86_400_000);
    let date = days.get(day);
    if (!date) days.set(day, (date = new Date(day * 86_400_000).toISOString().slice(0, 10)));
    const s = Math.floor((ms - day * 86_400_000) / 1000);
    return `${date} ${pad(Math.floor(s / 3600))}:${pad(Math.floor(s / 60) % 60)}:${pad(s % 60)}`;
  };
}

function writeCsv(path: string, pings: PingColumns): void {
  const fd = openSync(path + '.part', 'w');
  const format = timestampFormatter();
  writeSync(fd, 'driver_id,ts,lon,lat,weight,member\n');
  const batch = 100_000;
  for (let start = 0; start < pings.length; start += batch) {
    const lines: string[] = [];
    for (let i = start; i < Math.min(pings.length, start + batch); i++) {
      lines.push(`${pings.driverId[i]},${format(pings.tsMs[i])},${pings.lon[i].toFixed(6)},${pings.lat[i].toFixed(6)},${pings.weight[i]},${pings.member[i] ? 1 : 0}\n`);
    }
    writeSync(fd, lines.join(''));
  }
  closeSync(fd);
  renameSync(path + '.part', path);
}

function writeParquet(path: string, pings: PingColumns): void {
  const ipc = tableToIPC(pingsArrowTable(pings), 'stream');
  const properties = new parquet.WriterPropertiesBuilder().setCompression(parquet.Compression.ZSTD).setMaxRowGroupSize(1_000_000).build();
  writeFileSync(path + '.part', parquet.writeParquet(parquet.Table.fromIPCStream(ipc), properties));
  renameSync(path + '.part', path);
}

export function ensureBenchData(rows: number, dir = BENCH_DATA_DIR): BenchFiles {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `pings_${rows}`);
  const files = { rows, parquet: `${base}.parquet`, csv: `${base}.csv` };
  if (existsSync(files.parquet) && existsSync(files.csv)) return { ...files, generatedS: 0 };
  const started = performance.now();
  const pings = simulatePings(rows);
  writeParquet(files.parquet, pings);
  writeCsv(files.csv, pings);
  return { ...files, generatedS: (performance.now() - started) / 1000 };
}

export const fileMB = (path: string) => statSync(path).size / 1024 ** 2;

/** 200 stations spread over the busy part of Guangzhou (deterministic), as the importer's CSV. */
export function writeBenchStations(dir = BENCH_DATA_DIR, count = 200): string {
  let seed = 7;
  const random = () => (seed = (Math.imul(seed, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  const lines = ['name,kind,lon,lat'];
  for (let i = 0; i < count; i++) lines.push(`站点${i + 1},司机之家,${(113.15 + random() * 0.5).toFixed(6)},${(22.85 + random() * 0.55).toFixed(6)}`);
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `stations_${count}.csv`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}
