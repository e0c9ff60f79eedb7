/**
 * Re-aggregates the pings in DuckDB whenever the filter, layer or measure changes and returns
 * the cells to draw. Only the newest request runs, so scrubbing the hour slider never queues.
 */
import { useEffect, useState } from 'react';
import type { AtlasDb } from '../db/atlasDb';
import { column, firstRow } from '../db/arrowColumns';
import type { Crs } from '../geo/crs';
import type { HeatCells, HexCells } from '../map/densityLayers';
import { heatCellsFrom, hexCellsFrom, type DensityMetric } from './densityCells';
import type { DensityFilter } from './densityFilter';
import { filteredTotalsSql, HEAT_CELL_DEG, heatCellsSql, hexCellsSql, type DemandSource } from './densityQueries';
import { centresOf, heatCellsFromCubeSql, pingCubeOf, totalsFromCubeSql } from './pingCube';

export type DensityMode = 'heatmap' | 'hexagons';

export interface DensityState {
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

export interface DensityRequest {
  db: AtlasDb | null;
  ready: boolean;
  filter: DensityFilter;
  mode: DensityMode;
  metric: DensityMetric;
  hexSizeM: number;
  displayCrs: Crs;
  districtIndexOf: (lonLat: Float64Array) => Int16Array;
  /** Changes whenever the tables change (an import), to re-aggregate. */
  dataVersion: number;
  source: DemandSource;
}

export function useDensity(request: DensityRequest): DensityState {
  const { db, ready, filter, mode, metric, hexSizeM, displayCrs, districtIndexOf, dataVersion, source } = request;
  const [state, setState] = useState<DensityState>({ heat: null, hex: null, totals: null, aggregateMs: null, cubeBuildMs: null, revision: 0, error: null });

  useEffect(() => {
    if (!db || !ready) return;
    let cancelled = false;
    const started = performance.now();
    // A heat grid has no drivers: colour it by weight.
    const measure = source === 'heat_grid' ? 'pings' : metric;
    // Raw pings are read through their cube where it answers the question: the heat cells and the
    // totals. Distinct drivers per hexagon need the pings themselves.
    const cube = source === 'pings' ? pingCubeOf(db, HEAT_CELL_DEG) : null;
    const queries = async () => {
      const fromCube = cube ? await cube.ensure() : false;
      const heatFromCube = mode === 'heatmap' && fromCube;
      const cellsSql =
        mode === 'heatmap' ? (heatFromCube ? heatCellsFromCubeSql(filter) : heatCellsSql(filter, undefined, source)) : hexCellsSql(filter, hexSizeM, source);
      const totalsSql = fromCube ? totalsFromCubeSql(filter) : filteredTotalsSql(filter, source);
      const [cells, totals] = await Promise.all([db.queryLatest('density-cells', cellsSql), db.queryLatest('density-totals', totalsSql)]);
      if (!cells || !totals || mode !== 'heatmap') return { cells, totals, centres: null };
      // Cube cells come as numbers; raw heat cells carry their centres.
      const centres = heatFromCube && cube ? centresOf(column(cells, 'cell', Int32Array), await cube.centres()) : { lon: column(cells, 'lon', Float64Array), lat: column(cells, 'lat', Float64Array) };
      return { cells, totals, centres };
    };
    queries()
      .then(({ cells, totals: totalsTable, centres }) => {
        if (cancelled || !cells || !totalsTable) return;
        const totals = firstRow(totalsTable) as { pings: number; drivers: number };
        const heat = centres ? heatCellsFrom(centres.lon, centres.lat, column(cells, 'weight', Float64Array), displayCrs) : null;
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
                displayCrs,
                districtIndexOf,
              )
            : null;
        setState((previous) => ({
          heat,
          hex,
          totals,
          aggregateMs: performance.now() - started,
          cubeBuildMs: cube?.lastBuildMs ?? null,
          revision: previous.revision + 1,
          error: null,
        }));
      })
      .catch((error: unknown) => {
        if (!cancelled) setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error) }));
      });
    return () => {
      cancelled = true;
    };
  }, [db, ready, filter, mode, metric, hexSizeM, displayCrs, districtIndexOf, dataVersion, source]);

  return state;
}
