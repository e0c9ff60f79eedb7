/**
 * The one store of the app: a slice per capability, composed into one zustand store in the spirit
 * of SQLRooms' room store. Each slice owns its state and actions under its own key; reactions
 * between slices are declared in one place (reactions.ts) and the boot sequence in initialize.ts.
 */
import { createStore, type StoreApi } from 'zustand/vanilla';
import type { AtlasDeps } from './deps';
import { createDataSlice, type DataSlice } from './dataSlice';
import { createDensitySlice, type DensitySlice } from './densitySlice';
import { createStationsSlice, type StationsSlice } from './stationsSlice';
import { createCoverageSlice, type CoverageSlice } from './coverageSlice';
import { createNetworkSlice, type NetworkSlice } from './networkSlice';
import { createPlannerSlice, type PlannerSlice } from './plannerSlice';
import { createSqlSlice, type SqlSlice } from './sqlSlice';
import { createImporterSlice, type ImporterSlice } from './importerSlice';
import { createProjectSlice, type ProjectSlice } from './projectSlice';
import { createUiSlice, type UiSlice } from './uiSlice';
import { wireReactions } from './reactions';

export interface AtlasState {
  data: DataSlice;
  density: DensitySlice;
  stations: StationsSlice;
  coverage: CoverageSlice;
  network: NetworkSlice;
  planner: PlannerSlice;
  sql: SqlSlice;
  importer: ImporterSlice;
  project: ProjectSlice;
  ui: UiSlice;
}

export type SliceKey = keyof AtlasState;
export type AtlasStore = StoreApi<AtlasState>;

/** What a slice is built from: its own setter, a reader of the whole store, and the outside world. */
export interface SliceContext<K extends SliceKey> {
  /** Merges into this slice only. */
  set: (patch: Partial<AtlasState[K]> | ((slice: AtlasState[K]) => Partial<AtlasState[K]>)) => void;
  get: () => AtlasState;
  /** This slice as it is now. */
  own: () => AtlasState[K];
  deps: AtlasDeps;
}

function sliceContext<K extends SliceKey>(key: K, store: AtlasStore, deps: AtlasDeps): SliceContext<K> {
  return {
    set: (patch) =>
      store.setState((state) => {
        const slice = state[key];
        const next = typeof patch === 'function' ? patch(slice) : patch;
        return { [key]: { ...slice, ...next } } as unknown as Partial<AtlasState>;
      }),
    get: () => store.getState(),
    own: () => store.getState()[key],
    deps,
  };
}

/** A store with every slice; `wire` (default on) also installs the cross-slice reactions. */
export function createAtlasStore(deps: AtlasDeps, options: { wire?: boolean } = {}): AtlasStore & { dispose: () => void } {
  const store = createStore<AtlasState>()(() => ({}) as AtlasState);
  const slices: AtlasState = {
    data: createDataSlice(sliceContext('data', store, deps)),
    density: createDensitySlice(sliceContext('density', store, deps)),
    stations: createStationsSlice(sliceContext('stations', store, deps)),
    coverage: createCoverageSlice(sliceContext('coverage', store, deps)),
    network: createNetworkSlice(sliceContext('network', store, deps)),
    planner: createPlannerSlice(sliceContext('planner', store, deps)),
    sql: createSqlSlice(sliceContext('sql', store, deps)),
    importer: createImporterSlice(sliceContext('importer', store, deps)),
    project: createProjectSlice(sliceContext('project', store, deps)),
    ui: createUiSlice(sliceContext('ui', store, deps)),
  };
  store.setState(slices, true);
  const unwire = options.wire === false ? () => undefined : wireReactions(store);
  return Object.assign(store, {
    dispose: () => {
      unwire();
      for (const slice of Object.values(store.getState())) (slice as { dispose?: () => void }).dispose?.();
    },
  });
}
