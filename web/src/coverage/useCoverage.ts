/**
 * Recomputes coverage in DuckDB when the stations, the what-if points, the reach or the time
 * filter change, and shapes the results for the panel and the map (gap hexagons, districts).
 */
import { useEffect, useState } from 'react';
import type { AtlasDb } from '../db/atlasDb';
import { column } from '../db/arrowColumns';
import type { DensityFilter } from '../density/densityFilter';
import { hexCentresInterleaved } from '../density/densityQueries';
import type { DemandSource } from '../density/densityQueries';
import { coverageByHourSql, coverageCellsSql, coverageTotalsSql, coveredPingsSql, type PointLonLat } from './coverageSql';
import { summariseCoverage, type CoverageSummary } from './coverageSummary';

export interface CoverageRequest {
  db: AtlasDb | null;
  enabled: boolean;
  filter: DensityFilter;
  radiusM: number;
  extraStations: PointLonLat[];
  hexSizeM: number;
  dataVersion: number;
  districtNames: readonly string[];
  districtIndexOf: (lonLat: Float64Array) => Int16Array;
  /** Use the network reach tables (filled from the isochrone worker); bump the version when they change. */
  network: boolean;
  networkVersion: number;
  source: DemandSource;
}

export interface CoverageState {
  summary: CoverageSummary | null;
  computeMs: number | null;
  revision: number;
  error: string | null;
}

export function useCoverage(request: CoverageRequest): CoverageState {
  const { db, enabled, filter, radiusM, extraStations, hexSizeM, dataVersion, districtNames, districtIndexOf, network, networkVersion, source } = request;
  const [state, setState] = useState<CoverageState>({ summary: null, computeMs: null, revision: 0, error: null });
  useEffect(() => {
    if (!db || !enabled) return;
    let cancelled = false;
    const started = performance.now();
    const covered = coveredPingsSql(filter, radiusM, extraStations, hexSizeM, network, source);
    Promise.all([
      db.queryLatest('coverage-totals', coverageTotalsSql(covered)),
      db.queryLatest('coverage-hours', coverageByHourSql(covered)),
      db.queryLatest('coverage-cells', coverageCellsSql(covered)),
    ])
      .then(([totals, hours, cells]) => {
        if (cancelled || !totals || !hours || !cells) return;
        const q = column(cells, 'q', Int32Array);
        const r = column(cells, 'r', Int32Array);
        const centres = hexCentresInterleaved(q, r, hexSizeM);
        const summary = summariseCoverage({
          totals: totals.get(0)!.toJSON() as never,
          byHour: hours.toArray().map((row) => row.toJSON() as never),
          cells: {
            centres,
            pings: column(cells, 'pings', Int32Array),
            coveredPings: column(cells, 'covered_pings', Int32Array),
            uncoveredDrivers: column(cells, 'uncovered_drivers', Int32Array),
            peakHour: column(cells, 'peak_hour', Int32Array),
            district: districtIndexOf(centres),
          },
          districtNames,
        });
        setState((previous) => ({ summary, computeMs: performance.now() - started, revision: previous.revision + 1, error: null }));
      })
      .catch((error: unknown) => {
        if (!cancelled) setState((previous) => ({ ...previous, error: error instanceof Error ? error.message : String(error) }));
      });
    return () => {
      cancelled = true;
    };
  }, [db, enabled, filter, radiusM, extraStations, hexSizeM, dataVersion, districtNames, districtIndexOf, network, networkVersion, source]);
  return state;
}
