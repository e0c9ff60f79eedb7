/**
 * The boot sequence, in order: start DuckDB (while the boundaries and demo pings download), open
 * the autosaved project if there is one or else load the shipped data, put the saved working
 * state back, replay the imports and station edits that are newer than the snapshot, and go ready.
 */
import { SHIPPED_FILES } from '../db/loadShippedData';
import { importSalt } from '../ingest/importSalt';
import { openSnapshot } from '../project/openSnapshot';
import { ProjectStore, type OpenedProject } from '../project/projectStore';
import { editSql } from '../stations/stationEdits';
import { reconcileEdits } from '../stations/reconcileHistory';
import type { AtlasDeps } from './deps';
import { LAST_PLAN_KEY, SQL_SAVED_KEY } from './storedKeys';
import { applyWorkingState } from './workingState';
import type { AtlasStore } from './store';

const messageOf = (e: unknown) => (e instanceof Error ? e.message : String(e));

export async function initialize(store: AtlasStore, deps: AtlasDeps): Promise<void> {
  const s = () => store.getState();
  const started = performance.now();
  try {
    const boundaries = Promise.all([
      deps.shipped.fetchGeoJson<GeoJSON.FeatureCollection>(SHIPPED_FILES.districts),
      deps.shipped.fetchGeoJson<GeoJSON.FeatureCollection>(SHIPPED_FILES.cities),
    ]);
    const demoPings = deps.shipped.fetchDemoPings();
    // Fetched alongside; an unused download must not surface as an unhandled rejection.
    demoPings.catch(() => undefined);
    const db = await deps.startDb();
    s().data.setDb(db);
    const [districts, cities] = await boundaries;
    s().data.setBoundaries({ districts, cities });

    // The autosaved working state, when there is one, is what the user last had.
    const latestHistory = s().stations.history;
    const snapshot = await deps.persist.loadSnapshot().catch(() => null);
    let manifest: OpenedProject | null = null;
    if (snapshot) {
      s().data.setPhase('loadingProject');
      try {
        manifest = await openSnapshot(new ProjectStore(db, deps.parquet), snapshot);
        s().project.reportProblems(manifest.problems);
      } catch (e) {
        s().data.setError(`autosave: ${messageOf(e)}`);
      }
    }
    let timings = null;
    if (!manifest) {
      s().data.setPhase('loadingPings');
      timings = await deps.shipped.insertPings(db, await demoPings);
      s().data.setPhase('loadingStations');
      await deps.shipped.loadShippedStations(db);
    }
    await s().data.refreshCatalogue();
    await s().data.loadCharging();
    if (manifest) {
      applyWorkingState(s(), manifest.state, 'snapshot', { plan: deps.storage.getItem(LAST_PLAN_KEY) !== null, savedQueries: deps.storage.getItem(SQL_SAVED_KEY) !== null });
    }

    // Imports from earlier visits (newer than the snapshot), replayed on top.
    const salt = importSalt(deps.storage, deps.browser.randomBytes);
    const replayed = await deps.persist.replayImports(db, salt, manifest?.state.importsThrough ?? 0);
    for (const report of replayed.reports) s().importer.applied(report);
    if (replayed.reports.length) s().data.tablesChanged(replayed.reports.map((r) => r.table));

    // Station edits from earlier visits: all of them on the shipped data, or those the snapshot lacks.
    // A snapshot whose edit history did not parse cannot tell which edits its tables hold: trust the tables.
    const historyLost = manifest?.problems.some((p) => p.field.startsWith('stationHistory')) ?? false;
    const edits = !manifest ? latestHistory.done : historyLost ? [] : reconcileEdits(manifest.state.stationHistory, latestHistory);
    await db.run(edits.map(editSql)).catch((e: unknown) => s().data.setError(`station edits: ${messageOf(e)}`));
    s().importer.restore([...[...(manifest?.state.importReports ?? [])].reverse(), ...replayed.reports], replayed.errors);
    s().importer.setImportsThrough(await deps.persist.latestImportId().catch(() => 0));
    await s().data.refreshCatalogue();
    if (manifest) s().project.restored(manifest);
    (globalThis as unknown as { __atlasTimings?: unknown }).__atlasTimings = { ...timings, readyMs: performance.now() - started };

    // A link or a saved state may name a data source that is not loaded here: show the pings.
    const loaded = s().data.tables.map((t) => t.name);
    if (!loaded.includes(s().density.source)) s().density.setSource('pings');
    s().data.setPhase('ready');
  } catch (e) {
    s().data.setError(messageOf(e));
    s().data.setPhase('error');
  }
}
