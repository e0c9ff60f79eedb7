/**
 * The outside world the store talks to: the database, browser storage, IndexedDB, workers, the
 * address bar and downloads. The browser's are in browserDeps.ts; unit tests pass their own, so
 * slices run in Node with no DOM.
 */
import type { AtlasDb } from '../db/atlasDb';
import type { DecodedPings, LoadTimings } from '../db/loadShippedData';
import type { Crs } from '../geo/crs';
import type { BasemapConfig } from '../map/basemapConfig';
import type { Snapshot } from '../persist/autosave';
import type { ImportPlan } from '../ingest/importPlan';
import type { EncodingGuess } from '../ingest/textEncoding';
import type { ImportReport } from '../ingest/runImport';
import type { ProjectParts } from '../project/projectStore';
import type { ParquetCodec } from '../project/projectStore';
import type { IsochroneRequest, IsochroneResponse } from '../coverage/isochrone.worker';
import type { RoadFile } from '../coverage/roadFile';
import type { PlanEnvironment } from '../planner/runPlan';
import type { UrlState } from '../project/urlState';
import type { StoredProblem } from '../project/projectConfig';
import type { Locale } from '../i18n/messages';

/** The part of AtlasDb the slices use (a Node runner over DuckDB-WASM stands in for it in tests). */
export type Database = Pick<AtlasDb, 'query' | 'run' | 'runTimed' | 'queryLatest' | 'withSession' | 'cancel' | 'queryIpc' | 'insertArrowIpc' | 'memoryUsedBytes' | 'registerFile' | 'dropFile'> & {
  info: { version: string; bundle: string };
};

export type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem' | 'removeItem'>;

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

export interface AtlasDeps {
  storage: KeyValueStorage;
  startDb: () => Promise<Database>;
  shipped: {
    fetchGeoJson: <T>(path: string) => Promise<T>;
    fetchDemoPings: () => Promise<DecodedPings>;
    insertPings: (db: Database, pings: DecodedPings) => Promise<LoadTimings>;
    loadShippedStations: (db: Database) => Promise<void>;
  };
  persist: {
    loadSnapshot: () => Promise<Snapshot | null>;
    saveSnapshot: (project: Pick<ProjectParts, 'manifest' | 'parts'>, revision: number) => Promise<void>;
    clearAllStoredData: () => Promise<void>;
    logImport: (plan: ImportPlan, encoding: EncodingGuess, bytes: Blob) => Promise<number>;
    clearImports: () => Promise<unknown>;
    latestImportId: () => Promise<number>;
    dropImportsThrough: (id: number) => Promise<void>;
    replayImports: (db: Database, salt: string, afterId: number) => Promise<{ reports: ImportReport[]; errors: string[] }>;
  };
  parquet: ParquetCodec;
  workers: {
    isochrone: (request: Distribute<IsochroneRequest>) => Promise<IsochroneResponse>;
    readRoadFile: (file: File) => Promise<RoadFile>;
    solve: PlanEnvironment['solve'];
    cancelSolve: () => void;
  };
  browser: {
    /** Writes the view and filters into the address without a new history entry. */
    replaceHash: (hash: string) => void;
    /** Reloads the page as on a first visit (no hash). */
    restart: () => void;
    download: (fileName: string, content: string | Uint8Array, type: string) => void;
    randomBytes: (bytes: Uint8Array) => Uint8Array;
    /** Runs after `ms`; returns a cancel. */
    later: (ms: number, run: () => void) => () => void;
  };
  displayCrs: Crs;
  basemap: BasemapConfig | null;
  /** What the address said when the page opened: a link's view and filters win over the autosaved ones. */
  urlAtStart: UrlState;
  /** Parts of that address that did not parse (left at their defaults). */
  urlProblems: StoredProblem[];
  /** A language the address asked for (`?lang=en`), over the one this browser keeps. */
  langAtStart: Locale | null;
  /**
   * Bytes per slice of a CSV import when the address asks (`?csvSliceBytes=65536`), else the
   * importer's 32 MB: the browser tests cross slice boundaries with small files this way.
   */
  csvSliceBytes?: number;
}
