/**
 * Sources → DuckDB tables for the data the build ships: the synthetic demo pings (Parquet),
 * the synthetic demo union stations and the real EV charging stations (CSV). Each load reports
 * progress so the status bar can say what is happening.
 */
import type { AtlasDb } from './atlasDb';
import { decodeParquet } from './parquetDecoder';
import { chargingStationsFromCsvSql, pingsFromStagingSql, registeredFileName, stationsFromCsvSql } from './schema';

export const SHIPPED_FILES = {
  demoPings: 'data/demo/pings_week_demo_synthetic.parquet',
  demoStations: 'data/demo/union_stations_demo_synthetic.csv',
  chargingStations: 'data/gz-ev-charging/guangzhou_ev_charging_stations.csv',
  districts: 'data/boundaries/guangzhou_districts.wgs84.geojson',
  cities: 'data/boundaries/guangdong_cities.wgs84.geojson',
} as const;

export function shippedUrl(path: string): string {
  return `${import.meta.env.BASE_URL}${path}`;
}

async function fetchBytes(path: string): Promise<ArrayBuffer> {
  const response = await fetch(shippedUrl(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return response.arrayBuffer();
}

export interface LoadTimings {
  fetchMs: number;
  decodeMs: number;
  insertMs: number;
  rows: number;
}

export interface DecodedPings {
  ipc: Uint8Array;
  rows: number;
  fetchMs: number;
  decodeMs: number;
}

/** Fetches and decodes the demo pings; needs no database, so it runs while DuckDB starts. */
export async function fetchDemoPings(): Promise<DecodedPings> {
  const t0 = performance.now();
  const bytes = await fetchBytes(SHIPPED_FILES.demoPings);
  const t1 = performance.now();
  const { ipc, rows } = await decodeParquet(bytes);
  return { ipc, rows, fetchMs: t1 - t0, decodeMs: performance.now() - t1 };
}

export async function insertPings(db: AtlasDb, decoded: DecodedPings): Promise<LoadTimings> {
  const started = performance.now();
  // Staging then swap: a failure leaves any existing `pings` untouched.
  await db.run(['DROP TABLE IF EXISTS pings_staging']);
  await db.insertArrowIpc('pings_staging', decoded.ipc);
  await db.run(pingsFromStagingSql('pings_staging'));
  return { fetchMs: decoded.fetchMs, decodeMs: decoded.decodeMs, insertMs: performance.now() - started, rows: decoded.rows };
}

export async function loadShippedStations(db: AtlasDb): Promise<void> {
  const [stations, charging] = await Promise.all([fetchBytes(SHIPPED_FILES.demoStations), fetchBytes(SHIPPED_FILES.chargingStations)]);
  const stationsFile = registeredFileName('union_stations_demo_synthetic.csv');
  const chargingFile = registeredFileName('guangzhou_ev_charging_stations.csv');
  await db.registerFile(stationsFile, new Uint8Array(stations));
  await db.registerFile(chargingFile, new Uint8Array(charging));
  await db.run([stationsFromCsvSql(stationsFile), chargingStationsFromCsvSql(chargingFile)]);
}

export async function fetchGeoJson<T>(path: string): Promise<T> {
  const response = await fetch(shippedUrl(path));
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status}`);
  return (await response.json()) as T;
}
