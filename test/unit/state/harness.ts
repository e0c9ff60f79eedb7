/**
 * A store for slice tests: the real slices and reactions over DuckDB-WASM in Node, with storage,
 * IndexedDB, workers and timers replaced by fakes the test can look into.
 */
import { pingsFromStagingSql } from '../../../web/src/db/schema';
import type { AtlasDeps, Database, KeyValueStorage } from '../../../web/src/state/deps';
import { createAtlasStore } from '../../../web/src/state/store';
import type { UrlState } from '../../../web/src/project/urlState';
import * as parquet from 'parquet-wasm';
import { Table as ArrowTable, tableFromIPC, tableToIPC } from 'apache-arrow';
import type { ParquetCodec } from '../../../web/src/project/projectStore';
import { openWasmSqlRunner } from '../wasmDuckDb';

/** Parquet in Node with parquet-wasm, as the browser's Parquet worker does it (project files, autosave). */
export const parquetCodec: ParquetCodec = {
  encode: async (slices) => parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(new ArrowTable(slices.flatMap((s) => tableFromIPC(s).batches)), 'stream'))),
  decode: async (bytes) => parquet.readParquet(bytes).intoIPCStream(),
};

export function memoryStorage(initial: Record<string, string> = {}): KeyValueStorage & { data: Map<string, string> } {
  const data = new Map(Object.entries(initial));
  return {
    data,
    getItem: (key) => data.get(key) ?? null,
    setItem: (key, value) => void data.set(key, String(value)),
    removeItem: (key) => void data.delete(key),
  };
}

export async function wasmDatabase(): Promise<Database> {
  const { runner, session } = await openWasmSqlRunner();
  // As AtlasDb: statements run one at a time in call order, and a `queryLatest` overtaken by a
  // newer one of the same key before its turn resolves to null.
  let tail: Promise<unknown> = Promise.resolve();
  const enqueue = <T>(work: () => Promise<T>): Promise<T> => {
    const run = tail.then(work, work);
    tail = run.catch(() => undefined);
    return run;
  };
  const tickets = new Map<string, number>();
  return {
    ...runner,
    query: (sql) => enqueue(() => runner.query(sql)),
    run: (statements) => enqueue(() => runner.run(statements)),
    runTimed: (statements) => enqueue(async () => (await runner.run(statements), 0)),
    queryLatest: (key, sql) => {
      const ticket = (tickets.get(key) ?? 0) + 1;
      tickets.set(key, ticket);
      return enqueue(async () => (tickets.get(key) === ticket ? runner.query(sql) : null));
    },
    withSession: (work) => enqueue(() => work(session)),
    insertArrowIpc: (table, ipc) => enqueue(() => runner.insertArrowIpc(table, ipc)),
    cancel: async () => false,
    memoryUsedBytes: async () => 0,
    info: { version: 'test', bundle: 'node' },
  } as Database;
}

export interface Ping {
  driver: number;
  /** 'YYYY-MM-DD HH:MM:SS' */
  ts: string;
  lon: number;
  lat: number;
  member?: boolean;
}

export async function loadPings(db: Database, pings: Ping[]): Promise<void> {
  const values = pings.map((p) => `(${p.driver}, TIMESTAMP '${p.ts}', ${p.lon}, ${p.lat}, 1, ${p.member ?? false})`);
  await db.run([
    'CREATE OR REPLACE TABLE pings_staging (driver_id BIGINT, ts TIMESTAMP, lon DOUBLE, lat DOUBLE, weight FLOAT, member BOOLEAN)',
    ...(values.length ? [`INSERT INTO pings_staging VALUES ${values.join(', ')}`] : []),
    ...pingsFromStagingSql('pings_staging'),
  ]);
}

export async function loadStations(db: Database, stations: { id: string; lon: number; lat: number }[]): Promise<void> {
  const rows = stations.map((s) => `('${s.id}', '站 ${s.id}', '司机之家', ${s.lon}, ${s.lat}, NULL, NULL, true)`);
  await db.run([
    'CREATE OR REPLACE TABLE stations (id VARCHAR, name VARCHAR, kind VARCHAR, lon DOUBLE, lat DOUBLE, address VARCHAR, hours VARCHAR, synthetic BOOLEAN)',
    ...(rows.length ? [`INSERT INTO stations VALUES ${rows.join(', ')}`] : []),
    'CREATE OR REPLACE TABLE charging_stations (id VARCHAR, lon DOUBLE, lat DOUBLE, fast_chargers INTEGER, slow_chargers INTEGER, parking INTEGER, opened VARCHAR)',
  ]);
}

export interface Fakes {
  storage: ReturnType<typeof memoryStorage>;
  hashes: string[];
  downloads: { fileName: string; content: string | Uint8Array }[];
  /** Timers scheduled with `later`, run by the test. */
  timers: { ms: number; run: () => void; cancelled: boolean }[];
  isochroneCalls: unknown[];
  cancelSolves: number;
  restarts: number;
}

export function testDeps(overrides: Partial<AtlasDeps> = {}, options: { storage?: Record<string, string>; url?: UrlState } = {}): { deps: AtlasDeps; fakes: Fakes } {
  const fakes: Fakes = { storage: memoryStorage(options.storage), hashes: [], downloads: [], timers: [], isochroneCalls: [], cancelSolves: 0, restarts: 0 };
  const unused = () => Promise.reject(new Error('not used in this test'));
  const deps: AtlasDeps = {
    storage: fakes.storage,
    startDb: unused,
    shipped: { fetchGeoJson: unused, fetchDemoPings: unused, insertPings: unused, loadShippedStations: unused },
    persist: {
      loadSnapshot: async () => null,
      saveSnapshot: async () => undefined,
      clearAllStoredData: async () => undefined,
      logImport: async () => 1,
      clearImports: async () => undefined,
      latestImportId: async () => 0,
      dropImportsThrough: async () => undefined,
      replayImports: async () => ({ reports: [], errors: [] }),
    },
    parquet: { encode: unused, decode: unused },
    workers: {
      isochrone: async (request) => {
        fakes.isochroneCalls.push(request);
        throw new Error('no isochrone worker in this test');
      },
      readRoadFile: async () => ({ kind: 'xml', text: '' }) as never,
      solve: unused,
      cancelSolve: () => void (fakes.cancelSolves += 1),
    },
    browser: {
      replaceHash: (hash) => void fakes.hashes.push(hash),
      restart: () => void (fakes.restarts += 1),
      download: (fileName, content) => void fakes.downloads.push({ fileName, content }),
      randomBytes: (bytes) => bytes.fill(7),
      later: (ms, run) => {
        const timer = { ms, run, cancelled: false };
        fakes.timers.push(timer);
        return () => void (timer.cancelled = true);
      },
    },
    displayCrs: 'WGS84',
    basemap: null,
    urlAtStart: options.url ?? {},
    urlProblems: [],
    langAtStart: null,
    ...overrides,
  };
  return { deps, fakes };
}

/** A store with a database holding `pings` and `stations`, booted as far as 'ready'. */
export async function readyStore(pings: Ping[], stations: { id: string; lon: number; lat: number }[], options: Parameters<typeof testDeps>[1] & { deps?: Partial<AtlasDeps> } = {}) {
  const { deps, fakes } = testDeps(options.deps, options);
  const store = createAtlasStore(deps);
  const db = await wasmDatabase();
  await loadPings(db, pings);
  await loadStations(db, stations);
  store.getState().data.setDb(db);
  await store.getState().data.refreshCatalogue();
  store.getState().data.setPhase('ready');
  return { store, db, deps, fakes };
}

/** Waits until `check` holds (reactions run their queries asynchronously). */
export async function until(check: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
