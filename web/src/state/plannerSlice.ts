/**
 * Enrolment-drive plans: the planner's own settings (the time filter, data source and reach come
 * from density and coverage), the run with phase, progress and cancel, the plan shown, the areas
 * drawn where no drive may be held, the site picked in the list, and exports and print.
 */
import { fromWgs84 } from '../geo/crs';
import { METRES_PER_DEG_LAT_COARSE } from '../geo/earth';
import type { Locale } from '../i18n/messages';
import type { Plan } from '../planner/planModel';
import { planToCsv, planToGeoJson, planToXlsx } from '../planner/planExport';
import { PlanCancelled } from '../planner/plannerClient';
import { defaultPlanSettings, type PlanSettings } from '../planner/planSettings';
import { PlanError, runPlan, type PlanPhase } from '../planner/runPlan';
import type { SolveProgress } from '../planner/solvePlan';
import { LAST_PLAN_KEY, readKey } from './storedKeys';
import type { AtlasState, SliceContext } from './store';

export interface PlannerSlice {
  /** The planner's own settings; `planSettingsOf` adds the filter, source and reach in use. */
  settings: PlanSettings;
  running: boolean;
  phase: PlanPhase | null;
  progress: SolveProgress | null;
  plan: Plan | null;
  error: string | null;
  /** Bumped on every finished, restored or cleared plan (tests wait on it). */
  revision: number;
  /** The ring being drawn (WGS-84), or null when not drawing. */
  drawingRing: [number, number][] | null;
  selectedRank: number | null;
  /** The print view, with the map captured framed on the plan. */
  print: { image: string | null } | null;

  setSettings: (settings: PlanSettings) => void;
  run: () => Promise<void>;
  cancel: () => void;
  clear: () => void;
  /** Shows a plan from a project file or snapshot (and keeps it for the next visit). */
  restore: (plan: Plan | null) => void;
  startDrawing: () => void;
  addRingPoint: (lon: number, lat: number) => void;
  finishDrawing: () => void;
  clearExclusions: () => void;
  selectSite: (rank: number) => void;
  exportPlan: (format: 'csv' | 'geojson' | 'xlsx', locale: Locale) => void;
  openPrint: () => Promise<void>;
  closePrint: () => void;
  /** Stops a solve in progress (the store is going away). */
  dispose: () => void;
}

/** The settings a run uses: the planner's own plus the app's time filter, data source and reach. */
export function planSettingsOf(state: Pick<AtlasState, 'planner' | 'density' | 'coverage'>): PlanSettings {
  return { ...state.planner.settings, filter: state.density.filter, source: state.density.source, reach: state.coverage.reach };
}

export function createPlannerSlice({ set, get, own, deps }: SliceContext<'planner'>): PlannerSlice {
  let cancelled = false;
  const stored = readKey(deps.storage, LAST_PLAN_KEY);
  if (stored.problems.length) queueMicrotask(() => get().project.reportProblems(stored.problems));
  const keep = (plan: Plan | null) => (plan ? deps.storage.setItem(LAST_PLAN_KEY, JSON.stringify(plan)) : deps.storage.removeItem(LAST_PLAN_KEY));

  return {
    settings: defaultPlanSettings(),
    running: false,
    phase: null,
    progress: null,
    plan: stored.value,
    error: null,
    revision: 0,
    drawingRing: null,
    selectedRank: null,
    print: null,

    setSettings: (settings) => set({ settings: { ...settings } }),
    run: async () => {
      const db = get().data.db;
      if (!db) return;
      cancelled = false;
      set({ selectedRank: null, running: true, phase: 'demand', progress: null, error: null });
      try {
        const plan = await runPlan({ query: (sql) => db.query(sql), run: (statements) => db.run(statements), solve: deps.workers.solve, districtsOf: get().data.districtsOf }, planSettingsOf(get()), (phase, progress) => {
          if (cancelled) throw new PlanCancelled();
          set({ phase, progress: progress ?? null });
        });
        keep(plan);
        set((s) => ({ running: false, phase: null, progress: null, plan, error: null, revision: s.revision + 1 }));
      } catch (error) {
        // A PlanError carries its reason as the message key's suffix; the panel words it.
        const message = error instanceof PlanCancelled ? null : error instanceof PlanError ? error.reason : error instanceof Error ? error.message : String(error);
        set({ running: false, phase: null, progress: null, error: message });
      }
    },
    cancel: () => {
      cancelled = true;
      deps.workers.cancelSolve();
    },
    clear: () => {
      keep(null);
      set((s) => ({ plan: null, revision: s.revision + 1 }));
    },
    restore: (plan) => {
      keep(plan);
      set((s) => ({ plan, error: null, revision: s.revision + 1 }));
    },
    startDrawing: () => {
      get().ui.setClickMode('none');
      set({ drawingRing: [] });
    },
    addRingPoint: (lon, lat) => set((s) => ({ drawingRing: s.drawingRing ? [...s.drawingRing, [lon, lat]] : s.drawingRing })),
    finishDrawing: () => {
      const ring = own().drawingRing;
      if (ring && ring.length >= 3) set((s) => ({ settings: { ...s.settings, exclusions: [...s.settings.exclusions, [...ring, ring[0]]] } }));
      set({ drawingRing: null });
    },
    clearExclusions: () => set((s) => ({ settings: { ...s.settings, exclusions: [] } })),
    selectSite: (rank) => {
      set({ selectedRank: rank });
      const site = own().plan?.sites[rank - 1];
      const map = get().ui.map;
      if (site && map) {
        const [x, y] = fromWgs84(deps.displayCrs, site.lon, site.lat);
        map.jumpTo({ center: [x, y], zoom: Math.max(map.getZoom(), 11) });
      }
    },
    exportPlan: (format, locale) => {
      const plan = own().plan;
      if (!plan) return;
      const name = `enrolment-plan-${plan.settings.startDate}`;
      if (format === 'csv') deps.browser.download(`${name}.csv`, planToCsv(plan, locale), 'text/csv;charset=utf-8');
      else if (format === 'geojson') deps.browser.download(`${name}.geojson`, planToGeoJson(plan), 'application/geo+json');
      else deps.browser.download(`${name}.xlsx`, planToXlsx(plan, locale), 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    },
    openPrint: async () => {
      const plan = own().plan;
      const map = get().ui.map;
      if (!plan || !map) return set({ print: { image: null } });
      // Frame the sites with their reach around them.
      const degLat = plan.radiusM / METRES_PER_DEG_LAT_COARSE;
      const degLon = degLat / Math.cos((23 * Math.PI) / 180);
      const corners = plan.sites.flatMap((s) => [fromWgs84(deps.displayCrs, s.lon - degLon, s.lat - degLat), fromWgs84(deps.displayCrs, s.lon + degLon, s.lat + degLat)]);
      if (corners.length) {
        const xs = corners.map((c) => c[0]);
        const ys = corners.map((c) => c[1]);
        map.fitBounds([[Math.min(...xs), Math.min(...ys)], [Math.max(...xs), Math.max(...ys)]], { padding: 30, duration: 0 });
      }
      // The canvas keeps its drawing buffer; read it after the next frame has been drawn.
      const image = await new Promise<string | null>((resolve) => {
        const cancelTimer = deps.browser.later(3000, () => resolve(map.getCanvas().toDataURL('image/png')));
        map.once('idle', () => {
          cancelTimer();
          resolve(map.getCanvas().toDataURL('image/png'));
        });
        map.triggerRepaint();
      });
      set({ print: { image } });
    },
    closePrint: () => set({ print: null }),
    dispose: () => {
      if (own().running) own().cancel();
    },
  };
}
