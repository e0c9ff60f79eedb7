/**
 * Composes the app: start DuckDB, load the shipped data into tables, query density for the
 * current filter, and hand the results to the map and panels. No data logic lives here.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import { AtlasDb } from './db/atlasDb';
import { column } from './db/arrowColumns';
import { fetchDemoPings, fetchGeoJson, insertPings, loadShippedStations, SHIPPED_FILES } from './db/loadShippedData';
import { TABLE_COUNTS_SQL } from './db/schema';
import { ALL_DAY, type DensityFilter } from './density/densityFilter';
import type { DensityMetric } from './density/densityCells';
import { useDensity, type DensityMode } from './density/useDensity';
import { HEAT_CELL_DEG, interleaveLonLat, pingsByHourSql, type DemandSource } from './density/densityQueries';
import { pingCubeOf, pingsByHourFromCubeSql } from './density/pingCube';
import { convertInterleavedInPlace, fromWgs84, toWgs84 } from './geo/crs';
import { defaultReach, reachRadiusM, type ReachSettings } from './coverage/travelModes';
import { useCoverage } from './coverage/useCoverage';
import type { CoverageSummary } from './coverage/coverageSummary';
import { NETWORK_TABLES_SQL, type PointLonLat } from './coverage/coverageSql';
import { discsToArrowIpc } from './coverage/networkTables';
import { editSql, parseHistory, recordEdit, redo, undo, type EditHistory, type StationEdit } from './stations/stationEdits';
import { StationsPanel, type ClickMode } from './ui/StationsPanel';
import { LAYER_COLOURS, SqlPanel, type SqlLayerStyle } from './ui/SqlPanel';
import { isSavedList, isStringList, parseStored, pushHistory, saveQuery, type SavedQuery } from './sql/queryLibrary';
import { useSchema } from './sql/useSchema';
import { useSqlConsole } from './sql/useSqlConsole';
import { gapLayer, isochroneLayer, reachRingsLayer } from './map/coverageLayers';
import { askIsochroneWorker, readRoadFile } from './coverage/isochroneClient';
import { isRoadNetworkName } from './coverage/roadFile';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { CoveragePanel, type NetworkInfo } from './ui/CoveragePanel';
import { convertFeatureCollection } from './geo/boundaries';
import { createDistrictLookup } from './geo/districtLookup';
import { useI18n } from './i18n/I18nProvider';
import { displayCrs as displayCrsOf, parseBasemapConfig } from './map/basemapConfig';
import { heatmapLayer, hexagonLayer } from './map/densityLayers';
import { MapView } from './map/MapView';
import { offlineStyle } from './map/offlineStyle';
import { chargingLayer, districtLabelLayer, sqlResultLayer, stationGlyphLayer, stationsLayer, type ChargingPoints, type DistrictLabel, type StationPoint } from './map/overlayLayers';
import { Legend } from './ui/Legend';
import { StatusBar } from './ui/StatusBar';
import { TimeFilterPanel } from './ui/TimeFilterPanel';
import { LayerPanel } from './ui/LayerPanel';
import { describePick } from './ui/tooltips';
import { ImportPanel } from './ui/ImportPanel';
import { MappingDialog } from './ui/MappingDialog';
import { useImporter, type ReferencePoints } from './ui/useImporter';
import type { ImportReport } from './ingest/runImport';
import { importSalt } from './ingest/importSalt';
import { replayImports } from './persist/replayImports';
import { clearImports, latestImportId } from './persist/importLog';
import { clearAllStoredData, loadSnapshot } from './persist/autosave';
import { openSnapshot } from './persist/openSnapshot';
import { ProjectStore } from './project/projectStore';
import { parquetCodec, useProject } from './project/useProject';
import type { ProjectState } from './project/projectState';
import { parseUrlState, urlStateToHash } from './project/urlState';
import { GUANGZHOU_VIEW } from './map/offlineStyle';
import type { ProjectManifest } from './project/projectFile';
import { reconcileEdits } from './stations/reconcileHistory';
import { ProjectPanel } from './ui/ProjectPanel';
import type { MapLibreMap } from './map/maplibre';
import { exclusionLayers, planLayers } from './map/planLayers';
import { usePlanner } from './planner/usePlanner';
import { defaultPlanSettings, type PlanSettings } from './planner/planSettings';
import { planToCsv, planToGeoJson, planToXlsx } from './planner/planExport';
import { PlannerPanel } from './ui/PlannerPanel';
import { PlanPrintView } from './ui/PlanPrintView';
import { downloadText } from './ui/download';
import { OfflineBadge } from './ui/OfflineBadge';
import { registerServiceWorker, type OfflineState } from './offline/serviceWorkerClient';

const HISTORY_KEY = 'atlas.stationEdits';
const basemap = parseBasemapConfig(import.meta.env as Record<string, string | undefined>);
const displayCrs = displayCrsOf(basemap);
/** A link's view and filters win over the autosaved ones. */
const URL_AT_START = parseUrlState(location.hash);

type Phase = 'startingDb' | 'loadingProject' | 'loadingPings' | 'loadingStations' | 'ready' | 'error';

interface Boundaries {
  districts: GeoJSON.FeatureCollection;
  cities: GeoJSON.FeatureCollection;
}

export function App() {
  const { t, locale, setLocale } = useI18n();
  const [db, setDb] = useState<AtlasDb | null>(null);
  const [phase, setPhase] = useState<Phase>('startingDb');
  const [error, setError] = useState<string | null>(null);
  const [boundaries, setBoundaries] = useState<Boundaries | null>(null);
  const [tableRows, setTableRows] = useState<{ name: string; rows: number }[]>([]);
  const [stations, setStations] = useState<StationPoint[]>([]);
  const [charging, setCharging] = useState<ChargingPoints>({ length: 0, positions: new Float64Array() });
  const [filter, setFilter] = useState<DensityFilter>(URL_AT_START.filter ?? ALL_DAY);
  const [mode, setMode] = useState<DensityMode>(URL_AT_START.mode ?? 'heatmap');
  const [metric, setMetric] = useState<DensityMetric>(URL_AT_START.metric ?? 'drivers');
  const [hexSizeM, setHexSizeM] = useState(URL_AT_START.hexSizeM ?? 500);
  const [overlays, setOverlays] = useState({ stations: true, charging: false, labels: true });

  const [dataVersion, setDataVersion] = useState(0);
  /** Re-reads what panels show about the tables: row counts and the station list. */
  const refreshCatalogue = useCallback(async (database: AtlasDb) => {
    const counts = await database.query(TABLE_COUNTS_SQL);
    setTableRows(counts.toArray().map((row) => row.toJSON() as { name: string; rows: number }));
    const stationTable = await database.query('SELECT id, name, kind, lon, lat, address, hours FROM stations ORDER BY id');
    setStations(stationTable.toArray().map((row) => row.toJSON() as StationPoint));
  }, []);
  const [demoPingsLoaded, setDemoPingsLoaded] = useState(true);
  /** The newest logged import already in the tables: an autosave records it (see persist/). */
  const [importsThrough, setImportsThrough] = useState(0);
  const importsRef = useRef(0);
  const noteImportsThrough = useCallback((id: number) => {
    importsRef.current = id;
    setImportsThrough(id);
  }, []);
  /** A version per table, bumped with every change to it, so autosave re-encodes only what changed. */
  const tableVersions = useRef<{ epoch: number; tables: Record<string, number> }>({ epoch: 0, tables: {} });
  const bumpTable = useCallback((table: string | null) => {
    if (table === null) tableVersions.current.epoch += 1;
    else tableVersions.current.tables[table] = (tableVersions.current.tables[table] ?? 0) + 1;
  }, []);
  const [source, setSource] = useState<DemandSource>(URL_AT_START.source ?? 'pings');
  /** What an import changes in the view: the data source shown and whether the demo is on screen. */
  const applyImport = useCallback((report: ImportReport) => {
    if (report.table === 'pings' || report.table === 'heat_grid') setSource(report.table);
    if (report.table === 'pings' && report.tableRows === report.accepted) setDemoPingsLoaded(false);
    setDataVersion((v) => v + 1);
  }, []);
  const onImported = useCallback(
    (report: ImportReport, logId: number) => {
      if (!db) return;
      bumpTable(report.table);
      if (logId > 0) noteImportsThrough(logId);
      applyImport(report);
      void refreshCatalogue(db);
    },
    [db, applyImport, refreshCatalogue, bumpTable, noteImportsThrough],
  );
  const [chargingWgs, setChargingWgs] = useState<ReferencePoints>(null);
  const importer = useImporter(db, onImported, chargingWgs);
  const [dragging, setDragging] = useState(false);

  useEffect(() => {
    let disposed = false;
    (async () => {
      const boundariesPromise = Promise.all([
        fetchGeoJson<GeoJSON.FeatureCollection>(SHIPPED_FILES.districts),
        fetchGeoJson<GeoJSON.FeatureCollection>(SHIPPED_FILES.cities),
      ]);
      const started = performance.now();
      const pingsPromise = fetchDemoPings();
      const database = await AtlasDb.start();
      if (disposed) return;
      setDb(database);
      const [districts, cities] = await boundariesPromise;
      setBoundaries({ districts, cities });
      // The autosaved working state, when there is one, is what the user last had.
      const latestHistory = parseHistory(localStorage.getItem(HISTORY_KEY));
      const snapshot = await loadSnapshot().catch(() => null);
      let manifest: ProjectManifest<ProjectState> | null = null;
      if (snapshot) {
        setPhase('loadingProject');
        try {
          manifest = await openSnapshot(new ProjectStore(database, parquetCodec), snapshot);
        } catch (e) {
          setError(`autosave: ${e instanceof Error ? e.message : String(e)}`);
        }
      }
      let timings = null;
      if (!manifest) {
        setPhase('loadingPings');
        timings = await insertPings(database, await pingsPromise);
        setPhase('loadingStations');
        await loadShippedStations(database);
      }
      await refreshCatalogue(database);
      const chargingTable = await database.query('SELECT lon, lat FROM charging_stations');
      const chargingLon = column(chargingTable, 'lon', Float64Array);
      const chargingLat = column(chargingTable, 'lat', Float64Array);
      setChargingWgs({ lon: chargingLon, lat: chargingLat });
      const positions = interleaveLonLat(chargingLon, chargingLat);
      convertInterleavedInPlace(positions, 'WGS84', displayCrs);
      setCharging({ length: chargingTable.numRows, positions });
      if (manifest) applyStateRef.current(manifest.state, 'snapshot');
      // Imports from earlier visits (newer than the snapshot), replayed on top.
      const salt = importSalt(localStorage, (b) => crypto.getRandomValues(new Uint8Array(b.length)));
      const replayed = await replayImports(database, salt, manifest?.state.importsThrough ?? 0);
      for (const report of replayed.reports) applyImport(report);
      // Station edits from earlier visits: all of them on the shipped data, or those the snapshot lacks.
      const edits = manifest ? reconcileEdits(manifest.state.stationHistory, latestHistory) : latestHistory.done;
      await database.run(edits.map(editSql)).catch((e: unknown) => setError(`station edits: ${e instanceof Error ? e.message : String(e)}`));
      importer.restore([...[...(manifest?.state.importReports ?? [])].reverse(), ...replayed.reports], replayed.errors);
      noteImportsThrough(await latestImportId().catch(() => 0));
      await refreshCatalogue(database);
      if (manifest) projectRestoredRef.current(manifest);
      (window as unknown as { __atlasTimings?: unknown }).__atlasTimings = { ...timings, readyMs: performance.now() - started };
      setPhase('ready');
    })().catch((e: unknown) => {
      if (disposed) return;
      setError(e instanceof Error ? e.message : String(e));
      setPhase('error');
    });
    return () => {
      disposed = true;
    };
  }, []);

  // The service worker (production builds): offline after one visit, updates when the user says.
  const [offline, setOffline] = useState<{ state: OfflineState; applyUpdate: () => void }>({ state: 'unsupported', applyUpdate: () => undefined });
  useEffect(() => {
    if (!import.meta.env.PROD) return;
    const { applyUpdate } = registerServiceWorker((state) => setOffline((o) => ({ ...o, state })));
    setOffline((o) => ({ ...o, applyUpdate }));
  }, []);

  const districtLookup = useMemo(() => (boundaries ? createDistrictLookup(boundaries.districts) : null), [boundaries]);
  const districtIndexOf = useCallback(
    (lonLat: Float64Array) => {
      if (!districtLookup) return new Int16Array(lonLat.length / 2).fill(-1);
      const lon = new Float64Array(lonLat.length / 2);
      const lat = new Float64Array(lonLat.length / 2);
      for (let i = 0; i < lon.length; i++) {
        lon[i] = lonLat[2 * i];
        lat[i] = lonLat[2 * i + 1];
      }
      return districtLookup.assignDistricts(lon, lat);
    },
    [districtLookup],
  );

  const districtNames = useMemo(() => districtLookup?.names ?? [], [districtLookup]);
  const [coverageEnabled, setCoverageEnabled] = useState(false);
  const [reach, setReach] = useState<ReachSettings>(() => defaultReach('ebike', 15));
  const radiusM = reachRadiusM(reach);
  const [hypothetical, setHypothetical] = useState<PointLonLat[]>([]);
  const [clickMode, setClickMode] = useState<ClickMode>('none');
  const [networkVersion, setNetworkVersion] = useState(0);
  const coverage = useCoverage({
    db,
    network: networkVersion > 0,
    networkVersion,
    source,
    enabled: coverageEnabled && phase === 'ready',
    filter,
    radiusM,
    extraStations: hypothetical,
    hexSizeM,
    dataVersion,
    districtNames,
    districtIndexOf,
  });
  // The coverage before any hypothetical station, to show what a what-if changes.
  const [baseline, setBaseline] = useState<CoverageSummary | null>(null);
  // Station edits: applied to the table as SQL, kept with undo/redo, saved for the next visit.
  const [history, setHistory] = useState<EditHistory>(() => parseHistory(localStorage.getItem(HISTORY_KEY)));
  const historyRef = useRef(history);
  const [selectedId, setSelectedId] = useState<string | null>(null);
  const selected = stations.find((s) => s.id === selectedId) ?? null;
  const applyEdit = useCallback(
    async (edit: StationEdit, next: EditHistory) => {
      if (!db) return;
      // The history ref changes in the same tick as the SQL is queued: autosave relies on it.
      const applied = db.run([editSql(edit)]);
      historyRef.current = next;
      bumpTable('stations');
      await applied;
      setHistory(next);
      localStorage.setItem(HISTORY_KEY, JSON.stringify(next));
      setDataVersion((v) => v + 1);
      await refreshCatalogue(db);
    },
    [db, refreshCatalogue, bumpTable],
  );
  const doEdit = useCallback((edit: StationEdit) => applyEdit(edit, recordEdit(history, edit)), [applyEdit, history]);
  const onUndo = useCallback(() => {
    const step = undo(history);
    if (step) void applyEdit(step.apply, step.history);
  }, [applyEdit, history]);
  const onRedo = useCallback(() => {
    const step = redo(history);
    if (step) void applyEdit(step.apply, step.history);
  }, [applyEdit, history]);

  // Enrolment-drive planner: its own settings plus the app's time filter, data source and reach.
  const mapRef = useRef<MapLibreMap | null>(null);
  const districtsOf = useCallback(
    (lon: Float64Array, lat: Float64Array) => {
      if (!districtLookup) return Array.from(lon, () => '');
      return Array.from(districtLookup.assignDistricts(lon, lat), (i) => (i >= 0 ? districtLookup.names[i] : ''));
    },
    [districtLookup],
  );
  const planner = usePlanner(db, districtsOf);
  const [planBase, setPlanBase] = useState<PlanSettings>(() => defaultPlanSettings());
  const planSettings = useMemo(() => ({ ...planBase, filter, source, reach }), [planBase, filter, source, reach]);
  const [drawingRing, setDrawingRing] = useState<[number, number][] | null>(null);

  // Query history and saved queries: kept in this browser, saved queries also in project files.
  const [sqlHistory, setSqlHistory] = useState<string[]>(() => parseStored(localStorage.getItem('atlas.sqlHistory'), isStringList, []));
  const [savedQueries, setSavedQueries] = useState<SavedQuery[]>(() => parseStored(localStorage.getItem('atlas.sqlSaved'), isSavedList, []));
  const rememberQuery = useCallback((sql: string) => {
    setSqlHistory((h) => {
      const next = pushHistory(h, sql);
      localStorage.setItem('atlas.sqlHistory', JSON.stringify(next));
      return next;
    });
  }, []);
  const storeSavedQueries = useCallback((next: SavedQuery[]) => {
    localStorage.setItem('atlas.sqlSaved', JSON.stringify(next));
    setSavedQueries(next);
  }, []);
  // The working state: autosaved, saved to and opened from project files.
  const [view, setView] = useState<ProjectState['view']>(URL_AT_START.view ?? null);
  useEffect(() => {
    const shown = view ?? { center: GUANGZHOU_VIEW.center as [number, number], zoom: GUANGZHOU_VIEW.zoom };
    window.history.replaceState(null, '', urlStateToHash({ view: shown, filter, mode, metric, hexSizeM, source }));
  }, [view, filter, mode, metric, hexSizeM, source]);
  const projectState = useMemo<ProjectState>(
    () => ({ view, filter, source, mode, metric, hexSizeM, overlays, reach, coverageEnabled, stationHistory: history, planSettings: planBase, plan: planner.plan, demoData: demoPingsLoaded, importsThrough, importReports: importer.state.reports, savedQueries }),
    [view, filter, source, mode, metric, hexSizeM, overlays, reach, coverageEnabled, history, planBase, planner.plan, demoPingsLoaded, importsThrough, importer.state.reports, savedQueries],
  );
  const project = useProject(db, phase === 'ready', projectState, dataVersion, {
    live: () => ({ stationHistory: historyRef.current, importsThrough: importsRef.current }),
    busy: importer.isBusy,
    versionOf: (table) => `${tableVersions.current.epoch}.${tableVersions.current.tables[table] ?? 0}`,
  });
  /** Puts a saved state back. A snapshot keeps the newer edit history and plan kept in localStorage. */
  const applyState = useCallback(
    (state: ProjectState, from: 'snapshot' | 'file') => {
      // At start-up, what a link says stays; a project file opened later sets everything.
      const url = from === 'snapshot' ? URL_AT_START : {};
      if (!url.filter) setFilter(state.filter);
      if (!url.source) setSource(state.source);
      if (!url.mode) setMode(state.mode);
      if (!url.metric) setMetric(state.metric);
      if (!url.hexSizeM) setHexSizeM(state.hexSizeM);
      setOverlays(state.overlays);
      setReach(state.reach);
      setCoverageEnabled(state.coverageEnabled);
      setPlanBase(state.planSettings);
      setDemoPingsLoaded(state.demoData);
      if (from === 'file' || !localStorage.getItem('atlas.lastPlan')) planner.restore(state.plan);
      if (state.savedQueries && (from === 'file' || !localStorage.getItem('atlas.sqlSaved'))) storeSavedQueries(state.savedQueries);
      if (from === 'file') {
        setHistory(state.stationHistory);
        localStorage.setItem(HISTORY_KEY, JSON.stringify(state.stationHistory));
      }
      if (state.view && !url.view) {
        const { center, zoom } = state.view;
        const jump = () => mapRef.current?.jumpTo({ center, zoom });
        if (mapRef.current) jump();
        else setTimeout(jump, 500);
      }
    },
    [planner, storeSavedQueries],
  );
  const applyStateRef = useRef(applyState);
  applyStateRef.current = applyState;
  const projectRestoredRef = useRef(project.restored);
  projectRestoredRef.current = project.restored;
  const [projectError, setProjectError] = useState<string | null>(null);
  const saveProjectFile = useCallback(async () => {
    try {
      const bytes = await project.buildFile();
      downloadText(`outreach-atlas-${new Date().toISOString().slice(0, 10)}.atlas`, bytes, 'application/zip');
      setProjectError(null);
    } catch (e) {
      setProjectError(e instanceof Error ? e.message : String(e));
    }
  }, [project]);
  const openProjectFile = useCallback(
    async (file: File) => {
      if (!db) return;
      try {
        const manifest = await project.openFile(file);
        // The project's tables hold its imports: the log of this browser's imports no longer applies.
        await clearImports();
        noteImportsThrough(0);
        bumpTable(null);
        historyRef.current = manifest.state.stationHistory;
        applyState(manifest.state, 'file');
        importer.restore([...(manifest.state.importReports ?? [])].reverse(), []);
        setDataVersion((v) => v + 1);
        await refreshCatalogue(db);
        setProjectError(null);
      } catch (e) {
        setProjectError(e instanceof Error ? e.message : String(e));
      }
    },
    [db, project, applyState, importer, refreshCatalogue, noteImportsThrough, bumpTable],
  );
  const clearAll = useCallback(async () => {
    await clearAllStoredData();
    // The view and filters in the address go too: the app starts as on a first visit.
    location.replace(location.pathname + location.search);
  }, []);
  const [selectedRank, setSelectedRank] = useState<number | null>(null);
  const [print, setPrint] = useState<{ image: string | null } | null>(null);
  const selectSite = useCallback(
    (rank: number) => {
      setSelectedRank(rank);
      const site = planner.plan?.sites[rank - 1];
      const map = mapRef.current;
      if (site && map) {
        const [x, y] = fromWgs84(displayCrs, site.lon, site.lat);
        map.jumpTo({ center: [x, y], zoom: Math.max(map.getZoom(), 11) });
      }
    },
    [planner.plan],
  );
  const exportPlan = useCallback(
    (format: 'csv' | 'geojson' | 'xlsx') => {
      const plan = planner.plan;
      if (!plan) return;
      const name = `enrolment-plan-${plan.settings.startDate}`;
      if (format === 'csv') downloadText(`${name}.csv`, planToCsv(plan, locale), 'text/csv;charset=utf-8');
      else if (format === 'geojson') downloadText(`${name}.geojson`, planToGeoJson(plan), 'application/geo+json');
      else downloadText(`${name}.xlsx`, planToXlsx(plan, locale), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    },
    [planner.plan, locale],
  );
  /** The print view shows the map framed on the plan's sites, captured as an image. */
  const openPrint = useCallback(async () => {
    const plan = planner.plan;
    const map = mapRef.current;
    if (!plan || !map) return setPrint({ image: null });
    const degLat = plan.radiusM / 111_000;
    const degLon = degLat / Math.cos((23 * Math.PI) / 180);
    const corners = plan.sites.flatMap((s) => [fromWgs84(displayCrs, s.lon - degLon, s.lat - degLat), fromWgs84(displayCrs, s.lon + degLon, s.lat + degLat)]);
    if (corners.length) {
      const xs = corners.map((c) => c[0]);
      const ys = corners.map((c) => c[1]);
      map.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 30, duration: 0 });
    }
    // The canvas keeps its drawing buffer; read it after the next frame has been drawn.
    const image = await new Promise<string | null>((resolve) => {
      const timer = setTimeout(() => resolve(map.getCanvas().toDataURL('image/png')), 3000);
      map.once('idle', () => {
        clearTimeout(timer);
        resolve(map.getCanvas().toDataURL('image/png'));
      });
      map.triggerRepaint();
    });
    setPrint({ image });
  }, [planner.plan]);

  const onMapClick = useCallback(
    (lon: number, lat: number) => {
      const [wLon, wLat] = toWgs84(displayCrs, lon, lat);
      if (drawingRing) {
        setDrawingRing([...drawingRing, [wLon, wLat]]);
        return;
      }
      if (clickMode === 'whatif') {
        if (hypothetical.length === 0) setBaseline(coverage.summary);
        setHypothetical((list) => [...list, { lon: wLon, lat: wLat }]);
      } else if (clickMode === 'add') {
        const n = stations.length + 1;
        void doEdit({ type: 'add', station: { id: `NEW-${Date.now()}`, name: t('newStationName', { n }), kind: '司机之家', lon: wLon, lat: wLat, address: null, hours: null } });
      } else if (clickMode === 'move' && selected) {
        void doEdit({ type: 'move', id: selected.id, from: { lon: selected.lon, lat: selected.lat }, to: { lon: wLon, lat: wLat } });
      }
      setClickMode('none');
    },
    [clickMode, hypothetical.length, coverage.summary, stations.length, selected, doEdit, t, drawingRing],
  );
  const onViewChange = useCallback((center: [number, number], zoom: number) => {
    setView({ center: [Number(center[0].toFixed(5)), Number(center[1].toFixed(5))], zoom: Number(zoom.toFixed(2)) });
  }, []);
  const onPick = useCallback((layerId: string, object: unknown) => {
    if (layerId === 'union-stations') setSelectedId((object as StationPoint).id);
    if (layerId === 'plan-sites') setSelectedRank((object as { rank: number }).rank);
  }, []);
  // Road network and its isochrone, computed in a worker.
  const [network, setNetwork] = useState<(NetworkInfo & { bbox: [number, number, number, number] | null }) | null>(null);
  const [isochrone, setIsochrone] = useState<Feature<Polygon | MultiPolygon> | null>(null);
  const [networkLoads, setNetworkLoads] = useState(0);
  const loadNetwork = useCallback(async (file: File) => {
    const response = await askIsochroneWorker({ type: 'load', file: await readRoadFile(file) });
    if (response.type === 'loaded') {
      setNetwork({ name: file.name, nodes: response.nodes, ways: response.ways, error: null, isochrone: null, bbox: response.bbox });
      // Another network replaces the worker's graph: reach is computed again on it.
      setNetworkLoads((n) => n + 1);
    }
    else if (response.type === 'error') {
      setNetwork({ name: file.name, nodes: 0, ways: 0, error: `${file.name}: ${response.message}`, isochrone: null, bbox: null });
      setIsochrone(null);
    }
  }, []);
  /** Dropped or chosen files: OSM extracts go to the coverage tools, everything else to the importer. */
  const addFiles = useCallback(
    (files: File[]) => {
      const roads = files.filter((f) => isRoadNetworkName(f.name));
      if (roads.length > 0) {
        setCoverageEnabled(true);
        // One network at a time: the last one dropped is the one kept.
        void loadNetwork(roads[roads.length - 1]);
      }
      const rest = files.filter((f) => !isRoadNetworkName(f.name));
      if (rest.length > 0) importer.addFiles(rest);
    },
    [loadNetwork, importer.addFiles],
  );
  const networkLoaded = network !== null && network.error === null;
  useEffect(() => {
    if (!networkLoaded || !coverageEnabled) return;
    let cancelled = false;
    const centres = [...stations, ...hypothetical].map((p) => ({ lon: p.lon, lat: p.lat }));
    void askIsochroneWorker({ type: 'reach', mode: reach.mode, speedKmh: reach.speedKmh, minutes: reach.minutes, stations: centres }).then(async (response) => {
      if (cancelled || response.type !== 'reach' || !db) return;
      setIsochrone(response.polygon);
      setNetwork((n) => (n ? { ...n, isochrone: { reachedNodes: response.reachedNodes, snapped: response.snapped, ms: response.ms } } : n));
      // Coverage then counts pings by the reached roads, and off-network stations by their circle.
      await db.run(NETWORK_TABLES_SQL);
      if (response.discs.length > 0) {
        await db.run(['DROP TABLE network_reach']);
        await db.insertArrowIpc('network_reach', discsToArrowIpc(response.discs));
      }
      const offRoad = response.unsnapped.map((i) => centres[i]);
      if (offRoad.length) await db.run([`INSERT INTO network_off_road VALUES ${offRoad.map((p) => `(${p.lon}, ${p.lat})`).join(', ')}`]);
      if (!cancelled) setNetworkVersion((v) => v + 1);
    });
    return () => {
      cancelled = true;
    };
  }, [networkLoaded, networkLoads, coverageEnabled, stations, hypothetical, reach, db]);

  const discardHypothetical = useCallback(() => {
    setHypothetical([]);
    setBaseline(null);
  }, []);
  /** Kept what-if stations become ordinary station additions, so undo takes them back. */
  const keepHypothetical = useCallback(async () => {
    let next = history;
    for (const [i, p] of hypothetical.entries()) {
      const edit: StationEdit = { type: 'add', station: { id: `WHATIF-${Date.now()}-${i}`, name: `假设站点 ${stations.length + i + 1}`, kind: '假设站点', lon: p.lon, lat: p.lat, address: null, hours: null } };
      next = recordEdit(next, edit);
      await applyEdit(edit, next);
    }
    discardHypothetical();
  }, [history, hypothetical, stations.length, applyEdit, discardHypothetical]);

  const [sqlStyle, setSqlStyle] = useState<SqlLayerStyle>({ colour: LAYER_COLOURS[0].rgb, radius: 3 });
  // Re-read when data changes or tables appear (the shipped data loads after the database starts).
  const schema = useSchema(db, `${dataVersion}|${tableRows.map((r) => `${r.name}:${r.rows}`).join()}`);
  const sqlConsole = useSqlConsole(
    db,
    useCallback(() => {
      // A SQL statement may have changed any table.
      bumpTable(null);
      if (db) void refreshCatalogue(db);
      setDataVersion((v) => v + 1);
    }, [db, refreshCatalogue, bumpTable]),
    rememberQuery,
  );
  const [sqlOnMap, setSqlOnMap] = useState(false);


  const density = useDensity({ db, ready: phase === 'ready', filter, mode, metric, hexSizeM, displayCrs, districtIndexOf, dataVersion, source });
  // The hour profile of the pings for the chosen weekdays, drawn above the hour sliders.
  const [hourProfile, setHourProfile] = useState<number[] | null>(null);
  const weekdaysKey = filter.weekdays.join(',');
  useEffect(() => {
    if (!db || phase !== 'ready' || source !== 'pings') {
      setHourProfile(null);
      return;
    }
    let cancelled = false;
    const profileFilter = { hourFrom: 0, hourTo: 23, weekdays: weekdaysKey ? weekdaysKey.split(',').map(Number) : [] };
    const cube = pingCubeOf(db, HEAT_CELL_DEG);
    void cube.ensure().then((fromCube) => db.queryLatest('hour-profile', fromCube ? pingsByHourFromCubeSql(profileFilter) : pingsByHourSql(profileFilter))).then((table) => {
      if (cancelled || !table) return;
      const profile = new Array(24).fill(0);
      for (const row of table.toArray()) profile[row.hour] = row.pings;
      setHourProfile(profile);
    }, () => {
      // The sparkline is an aid; the density layer reports database errors.
      if (!cancelled) setHourProfile(null);
    });
    return () => {
      cancelled = true;
    };
  }, [db, phase, source, weekdaysKey, dataVersion]);

  const sources = useMemo(() => (['pings', 'heat_grid'] as const).filter((name) => tableRows.some((r) => r.name === name)), [tableRows]);
  // A link or a saved state may name a data source that is not loaded here: show the pings.
  // Checked once at start-up; later the source follows imports, which may update it before the
  // table list does.
  const sourceChecked = useRef(false);
  useEffect(() => {
    if (phase !== 'ready' || sourceChecked.current) return;
    sourceChecked.current = true;
    if (!sources.includes(source as never)) setSource('pings');
  }, [phase, sources, source]);

  const labels = useMemo<DistrictLabel[]>(
    () =>
      (boundaries?.districts.features ?? []).map((f) => ({
        name: String(f.properties?.name ?? ''),
        lon: Number(f.properties?.labelLon),
        lat: Number(f.properties?.labelLat),
      })),
    [boundaries],
  );

  // Boundaries are WGS-84; on a GCJ-02 basemap they are shifted like every other overlay.
  const mapStyle = useMemo(() => {
    const empty: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };
    const toDisplay = (fc: GeoJSON.FeatureCollection) => convertFeatureCollection(fc as never, 'WGS84', displayCrs) as unknown as GeoJSON.FeatureCollection;
    return offlineStyle(boundaries ? toDisplay(boundaries.districts) : empty, boundaries ? toDisplay(boundaries.cities) : empty, basemap);
  }, [boundaries]);

  const layers = useMemo(() => {
    const list = [];
    if (density.heat) list.push(heatmapLayer(density.heat, mode === 'heatmap'));
    if (density.hex) list.push(hexagonLayer(density.hex, mode === 'hexagons'));
    if (coverageEnabled && coverage.summary) {
      list.push(gapLayer(coverage.summary.gaps, hexSizeM, displayCrs, true));
      const centres = [...stations.map((st) => ({ lon: st.lon, lat: st.lat, hypothetical: false })), ...hypothetical.map((p) => ({ ...p, hypothetical: true }))];
      list.push(reachRingsLayer(centres, radiusM, displayCrs, true));
      if (isochrone && networkLoaded) list.push(isochroneLayer(isochrone, displayCrs));
    }
    if (sqlOnMap && sqlConsole.result?.positions) list.push(sqlResultLayer(sqlConsole.result.positions, displayCrs, sqlStyle));
    if (planSettings.exclusions.length || drawingRing) list.push(...exclusionLayers(planSettings.exclusions, drawingRing ?? [], displayCrs));
    if (planner.plan) list.push(...planLayers(planner.plan.sites, planner.plan.radiusM, displayCrs, selectedRank));
    list.push(chargingLayer(charging, overlays.charging));
    list.push(stationsLayer(stations, displayCrs, overlays.stations));
    list.push(stationGlyphLayer(stations, displayCrs, overlays.stations));
    list.push(districtLabelLayer(labels, displayCrs, overlays.labels));
    return list;
  }, [density.heat, density.hex, mode, charging, stations, labels, overlays, coverageEnabled, coverage.summary, hypothetical, radiusM, hexSizeM, isochrone, networkLoaded, sqlOnMap, sqlConsole.result, sqlStyle, planSettings.exclusions, drawingRing, planner.plan, selectedRank]);


  const getTooltip = useCallback((info: PickingInfo) => describePick(info, density.hex, districtNames, t), [density.hex, districtNames, t]);

  return (
    <div className="app">
      <header className="app-header">
        <div>
          <h1>{t('appTitle')}</h1>
          <div className="subtitle">{t('appSubtitle')}</div>
        </div>
        <button type="button" className="lang-switch" aria-label={t('languageLabel')} data-testid="lang-switch" onClick={() => setLocale(locale === 'zh-CN' ? 'en' : 'zh-CN')}>
          {t('language')}
        </button>
      </header>
      <aside className="side-panel">
        <ProjectPanel status={project.status} error={projectError} onSave={() => void saveProjectFile()} onOpen={(file) => void openProjectFile(file)} onClearAll={() => void clearAll()} />
        <ImportPanel
          onFiles={addFiles}
          reports={importer.state.reports}
          errors={importer.state.errors}
          onDismissError={importer.dismissError}
          onClear={() => void clearAll()}
        />
        <LayerPanel
          mode={mode}
          onMode={setMode}
          metric={metric}
          onMetric={setMetric}
          hexSizeM={hexSizeM}
          onHexSize={setHexSizeM}
          overlays={overlays}
          onOverlays={setOverlays}
          sources={sources}
          source={source}
          onSource={setSource}
        />
        <TimeFilterPanel filter={filter} onChange={setFilter} profile={hourProfile} />
        <StationsPanel
          stations={stations}
          selected={selected}
          clickMode={clickMode}
          onClickMode={setClickMode}
          onDelete={(station) => {
            setSelectedId(null);
            void doEdit({ type: 'delete', station });
          }}
          onDetails={(station, details) => void doEdit({ type: 'details', id: station.id, from: { name: station.name, kind: station.kind, address: station.address, hours: station.hours }, to: details })}
          canUndo={history.done.length > 0}
          canRedo={history.undone.length > 0}
          onUndo={onUndo}
          onRedo={onRedo}
        />
        <CoveragePanel
          enabled={coverageEnabled}
          onEnabled={setCoverageEnabled}
          reach={reach}
          onReach={setReach}
          radiusM={radiusM}
          summary={coverage.summary}
          baseline={baseline}
          computeMs={coverage.computeMs}
          placing={clickMode === 'whatif'}
          onPlace={() => setClickMode((m) => (m === 'whatif' ? 'none' : 'whatif'))}
          hypothetical={hypothetical}
          onKeep={() => void keepHypothetical()}
          onDiscard={discardHypothetical}
          network={network}
          onLoadNetwork={(file) => void loadNetwork(file)}
        />
        <PlannerPanel
          settings={planSettings}
          onSettings={(next) => setPlanBase({ ...next })}
          radiusM={radiusM}
          planner={planner}
          onRun={() => {
            setSelectedRank(null);
            void planner.run(planSettings);
          }}
          onCancel={planner.cancel}
          onClear={planner.clear}
          drawing={drawingRing ? drawingRing.length : null}
          onDrawStart={() => {
            setClickMode('none');
            setDrawingRing([]);
          }}
          onDrawFinish={() => {
            if (drawingRing && drawingRing.length >= 3) setPlanBase((b) => ({ ...b, exclusions: [...b.exclusions, [...drawingRing, drawingRing[0]]] }));
            setDrawingRing(null);
          }}
          onClearExclusions={() => setPlanBase((b) => ({ ...b, exclusions: [] }))}
          onExport={exportPlan}
          onPrint={() => void openPrint()}
          selectedRank={selectedRank}
          onSelectSite={selectSite}
        />
        <SqlPanel
          result={sqlConsole.result}
          error={sqlConsole.error}
          running={sqlConsole.running}
          onRun={(sql, unlocked) => void sqlConsole.run(sql, unlocked)}
          onCancel={sqlConsole.cancel}
          shownOnMap={sqlOnMap}
          onShowOnMap={setSqlOnMap}
          layerStyle={sqlStyle}
          onLayerStyle={setSqlStyle}
          schema={schema}
          history={sqlHistory}
          saved={savedQueries}
          onSave={(query) => storeSavedQueries(saveQuery(savedQueries, query))}
        />
        <Legend mode={mode} metric={source === 'heat_grid' ? 'pings' : metric} breaks={density.hex?.breaks ?? []} heatMax={density.heat?.maxWeight ?? 0} />
        {error && (
          <div className="error" role="alert" data-testid="error">
            {t('error')}: {error}
          </div>
        )}
        {density.error && (
          <div className="error" role="alert">
            {t('error')}: {density.error}
          </div>
        )}
      </aside>
      <main
        className={dragging ? 'map-area dragging' : 'map-area'}
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={(e) => {
          e.preventDefault();
          setDragging(false);
          addFiles(Array.from(e.dataTransfer.files));
        }}
      >
        {boundaries && <MapView mapStyle={mapStyle} layers={layers} getTooltip={getTooltip} onMapClick={onMapClick} onPick={onPick} placing={clickMode !== 'none' || drawingRing !== null} fitBounds={network?.bbox ?? null} mapRef={mapRef} onViewChange={onViewChange} initialView={URL_AT_START.view ?? null} />}
        {dragging && <div className="drop-overlay">{t('dropHere')}</div>}
      </main>
      {print && planner.plan && <PlanPrintView plan={planner.plan} mapImage={print.image} onClose={() => setPrint(null)} />}
      {importer.state.pending && (
        <MappingDialog pending={importer.state.pending} stage={importer.state.stage} progress={importer.state.progress} onPlan={importer.updatePlan} onSheet={(sheet) => void importer.chooseSheet(sheet)} onStart={importer.start} onCancel={importer.cancel} />
      )}
      <StatusBar
        phase={phase === 'error' ? t('error') : t(phase === 'ready' ? 'ready' : phase)}
        tableRows={tableRows}
        filtered={density.totals}
        cubeBuildMs={density.cubeBuildMs}
        aggregateMs={density.aggregateMs}
        engine={db ? `DuckDB ${db.info.version} (${db.info.bundle})` : '…'}
        revision={density.revision}
        coverageRevision={coverage.revision}
        demoData={demoPingsLoaded}
        offlineBadge={<OfflineBadge state={offline.state} onUpdate={offline.applyUpdate} />}
      />
    </div>
  );
}
