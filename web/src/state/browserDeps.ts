/** The store's outside world in the browser: the real database, storage, IndexedDB and workers. */
import { AtlasDb } from '../db/atlasDb';
import { decodeParquet, encodeParquet } from '../db/parquetDecoder';
import { fetchDemoPings, fetchGeoJson, insertPings, loadShippedStations } from '../db/loadShippedData';
import { askIsochroneWorker, readRoadFile } from '../coverage/isochroneClient';
import { cancelSolve, solveInWorker } from '../planner/plannerClient';
import { clearAllStoredData, loadSnapshot, saveSnapshot } from '../persist/autosave';
import { clearImports, dropImportsThrough, latestImportId, logImport } from '../persist/importLog';
import { replayImports } from '../persist/replayImports';
import { displayCrs, parseBasemapConfig } from '../map/basemapConfig';
import { parseUrlHash } from '../project/urlState';
import { downloadText } from '../export/download';
import type { Locale } from '../i18n/messages';
import { CSV_CHUNK_BYTES } from '../ingest/csvChunks';
import type { AtlasDeps, Database } from './deps';

const langOf = (lang: string | null): Locale | null => (lang === 'en' || lang === 'zh-CN' ? lang : null);

/** `?csvSliceBytes=` as a whole number of bytes from 1 KB to the default slice, else none. */
const sliceBytesOf = (value: string | null): number | undefined => {
  const bytes = value === null ? NaN : Number(value);
  return Number.isInteger(bytes) && bytes >= 1024 && bytes <= CSV_CHUNK_BYTES ? bytes : undefined;
};

export function browserDeps(): AtlasDeps {
  const url = parseUrlHash(location.hash);
  const query = new URLSearchParams(location.search);
  const basemap = parseBasemapConfig(import.meta.env as Record<string, string | undefined>);
  return {
    storage: localStorage,
    startDb: () => AtlasDb.start() as Promise<Database>,
    shipped: {
      fetchGeoJson,
      fetchDemoPings,
      insertPings: (db, pings) => insertPings(db as AtlasDb, pings),
      loadShippedStations: (db) => loadShippedStations(db as AtlasDb),
    },
    persist: { loadSnapshot, saveSnapshot, clearAllStoredData: () => clearAllStoredData(), logImport, clearImports, latestImportId, dropImportsThrough, replayImports },
    parquet: { encode: encodeParquet, decode: async (bytes) => (await decodeParquet(bytes.slice().buffer as ArrayBuffer)).ipc },
    workers: { isochrone: askIsochroneWorker, readRoadFile, solve: solveInWorker, cancelSolve },
    browser: {
      replaceHash: (hash) => window.history.replaceState(null, '', hash),
      restart: () => location.replace(location.pathname + location.search),
      download: downloadText,
      randomBytes: (bytes) => crypto.getRandomValues(new Uint8Array(bytes.length)),
      later: (ms, run) => {
        const timer = setTimeout(run, ms);
        return () => clearTimeout(timer);
      },
    },
    displayCrs: displayCrs(basemap),
    basemap,
    urlAtStart: url.value,
    urlProblems: url.problems,
    langAtStart: langOf(query.get('lang')),
    csvSliceBytes: sliceBytesOf(query.get('csvSliceBytes')),
  };
}
