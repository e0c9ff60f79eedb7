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
import type { AtlasDeps, Database } from './deps';

const langOf = (lang: string | null): Locale | null => (lang === 'en' || lang === 'zh-CN' ? lang : null);

export function browserDeps(): AtlasDeps {
  const url = parseUrlHash(location.hash);
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
    langAtStart: langOf(new URLSearchParams(location.search).get('lang')),
  };
}
