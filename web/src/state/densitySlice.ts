/**
 * Driver density: the time filter, layer, measure, hexagon size and data source the user chose,
 * and the cells drawn for them. `refresh` re-aggregates in DuckDB; only the newest request is
 * drawn, so scrubbing the hour slider never queues up work.
 */
import { column, firstRow } from '../db/arrowColumns';
import type { DensityMode, HeatCells, HexCells } from '../density/cellTypes';
import { heatCellsFrom, hexCellsFrom, type DensityMetric } from '../density/densityCells';
import { ALL_DAY, type DensityFilter } from '../density/densityFilter';
import { filteredTotalsSql, HEAT_CELL_DEG, heatCellsSql, hexCellsSql, pingsByHourSql, type DemandSource } from '../density/densityQueries';
import { centresOf, heatCellsFromCubeSql, pingCubeOf, pingsByHourFromCubeSql, totalsFromCubeSql } from '../density/pingCube';
import type { SliceContext } from './store';

export interface DensityConfig {
  filter: DensityFilter;
  mode: DensityMode;
  metric: DensityMetric;
  hexSizeM: number;
  source: DemandSource;
}

export interface DensityResult {
  heat: HeatCells | null;
  hex: HexCells | null;
  totals: { pings: number; drivers: number } | null;
  aggregateMs: number | null;
  /** The last (re)build of the pings cube, which the first draw after a change of the pings waits for. */
  cubeBuildMs: number | null;
  /** Increments with every drawn result, so tests and the status bar can tell a redraw happened. */
  revision: number;
  error: string | null;
}

export interface DensitySlice extends DensityConfig, DensityResult {
  /** Pings per hour of the day for the chosen weekdays, drawn above the hour sliders. */
  hourProfile: number[] | null;
  setFilter: (filter: DensityFilter) => void;
  setMode: (mode: DensityMode) => void;
  setMetric: (metric: DensityMetric) => void;
  setHexSize: (hexSizeM: number) => void;
  setSource: (source: DemandSource) => void;
  setConfig: (config: Partial<DensityConfig>) => void;
  refresh: () => Promise<void>;
  refreshProfile: () => Promise<void>;
}

export const DEFAULT_DENSITY: DensityConfig = { filter: ALL_DAY, mode: 'heatmap', metric: 'drivers', hexSizeM: 500, source: 'pings' };

export function createDensitySlice({ set, get, own, deps }: SliceContext<'density'>): DensitySlice {
  let ticket = 0;
  let profileTicket = 0;
  const url = deps.urlAtStart;
  return {
    ...DEFAULT_DENSITY,
    filter: url.filter ?? DEFAULT_DENSITY.filter,
    mode: url.mode ?? DEFAULT_DENSITY.mode,
    metric: url.metric ?? DEFAULT_DENSITY.metric,
    hexSizeM: url.hexSizeM ?? DEFAULT_DENSITY.hexSizeM,
    source: url.source ?? DEFAULT_DENSITY.source,
    heat: null,
    hex: null,
    totals: null,
    aggregateMs: null,
    cubeBuildMs: null,
    revision: 0,
    error: null,
    hourProfile: null,

    setFilter: (filter) => set({ filter }),
    setMode: (mode) => set({ mode }),
    setMetric: (metric) => set({ metric }),
    setHexSize: (hexSizeM) => set({ hexSizeM }),
    setSource: (source) => set({ source }),
    setConfig: (config) => set(config),

    refresh: async () => {
      const { db, phase } = get().data;
      if (!db || phase !== 'ready') return;
      const mine = ++ticket;
      const { filter, mode, metric, hexSizeM, source } = own();
      const started = performance.now();
      // A heat grid has no drivers: colour it by weight.
      const measure = source === 'heat_grid' ? 'pings' : metric;
      // Raw pings are read through their cube where it answers the question: the heat cells and
      // the totals. Distinct drivers per hexagon need the pings themselves.
      const cube = source === 'pings' ? pingCubeOf(db, HEAT_CELL_DEG) : null;
      try {
        const fromCube = cube ? await cube.ensure() : false;
        // A newer request started while the cube was built: its queries must not be superseded by ours.
        if (mine !== ticket) return;
        const heatFromCube = mode === 'heatmap' && fromCube;
        const cellsSql = mode === 'heatmap' ? (heatFromCube ? heatCellsFromCubeSql(filter) : heatCellsSql(filter, undefined, source)) : hexCellsSql(filter, hexSizeM, source);
        const totalsSql = fromCube ? totalsFromCubeSql(filter) : filteredTotalsSql(filter, source);
        const [cells, totalsTable] = await Promise.all([db.queryLatest('density-cells', cellsSql), db.queryLatest('density-totals', totalsSql)]);
        if (mine !== ticket || !cells || !totalsTable) return;
        let heat: HeatCells | null = null;
        if (mode === 'heatmap') {
          // Cube cells come as numbers; raw heat cells carry their centres.
          const centres = heatFromCube && cube ? centresOf(column(cells, 'cell', Int32Array), await cube.centres()) : { lon: column(cells, 'lon', Float64Array), lat: column(cells, 'lat', Float64Array) };
          if (mine !== ticket) return;
          heat = heatCellsFrom(centres.lon, centres.lat, column(cells, 'weight', Float64Array), deps.displayCrs);
        }
        const hex =
          mode === 'hexagons'
            ? hexCellsFrom(
                {
                  q: column(cells, 'q', Int32Array),
                  r: column(cells, 'r', Int32Array),
                  pings: column(cells, 'pings', Int32Array),
                  drivers: column(cells, 'drivers', Int32Array),
                  memberDrivers: column(cells, 'member_drivers', Int32Array),
                },
                hexSizeM,
                measure,
                deps.displayCrs,
                get().data.districtIndexOf,
              )
            : null;
        const totals = firstRow(totalsTable) as { pings: number; drivers: number };
        set((s) => ({ heat, hex, totals, aggregateMs: performance.now() - started, cubeBuildMs: cube?.lastBuildMs ?? null, revision: s.revision + 1, error: null }));
      } catch (error) {
        if (mine === ticket) set({ error: error instanceof Error ? error.message : String(error) });
      }
    },

    refreshProfile: async () => {
      const { db, phase } = get().data;
      const { source, filter } = own();
      const mine = ++profileTicket;
      if (!db || phase !== 'ready' || source !== 'pings') {
        set({ hourProfile: null });
        return;
      }
      const profileFilter = { hourFrom: 0, hourTo: 23, weekdays: filter.weekdays };
      try {
        const cube = pingCubeOf(db, HEAT_CELL_DEG);
        const fromCube = await cube.ensure();
        if (mine !== profileTicket) return;
        const table = await db.queryLatest('hour-profile', fromCube ? pingsByHourFromCubeSql(profileFilter) : pingsByHourSql(profileFilter));
        if (mine !== profileTicket || !table) return;
        const profile = new Array<number>(24).fill(0);
        for (const row of table.toArray()) profile[row.hour] = row.pings;
        set({ hourProfile: profile });
      } catch {
        // The sparkline is an aid; the density layer reports database errors.
        if (mine === profileTicket) set({ hourProfile: null });
      }
    },
  };
}
