/**
 * 15-minute coverage: the reach (mode, speed, minutes, detour), the what-if stations and the
 * coverage they give, recomputed in DuckDB by `refresh` whenever stations, reach, time filter,
 * the road network's reach or the data change (see reactions.ts).
 */
import { column } from '../db/arrowColumns';
import { hexCentresInterleaved } from '../density/densityQueries';
import { coverageByHourSql, coverageCellsSql, coverageTotalsSql, coveredPingsSql, type PointLonLat } from '../coverage/coverageSql';
import { summariseCoverage, type CoverageSummary } from '../coverage/coverageSummary';
import { defaultReach, reachRadiusM, type ReachSettings } from '../coverage/travelModes';
import type { SliceContext } from './store';

export interface CoverageSlice {
  enabled: boolean;
  reach: ReachSettings;
  /** What-if stations placed on the map, not yet kept. */
  hypothetical: PointLonLat[];
  /** The coverage before the first what-if station, to show what they change. */
  baseline: CoverageSummary | null;
  summary: CoverageSummary | null;
  computeMs: number | null;
  revision: number;
  error: string | null;

  setEnabled: (enabled: boolean) => void;
  setReach: (reach: ReachSettings) => void;
  addHypothetical: (point: PointLonLat) => void;
  /** Kept what-if stations become ordinary station additions, so undo takes them back. */
  keepHypothetical: () => Promise<void>;
  discardHypothetical: () => void;
  refresh: () => Promise<void>;
}

export const radiusOf = (s: { coverage: CoverageSlice }) => reachRadiusM(s.coverage.reach);

export function createCoverageSlice({ set, get, own }: SliceContext<'coverage'>): CoverageSlice {
  let ticket = 0;
  return {
    enabled: false,
    reach: defaultReach('ebike', 15),
    hypothetical: [],
    baseline: null,
    summary: null,
    computeMs: null,
    revision: 0,
    error: null,

    setEnabled: (enabled) => set({ enabled }),
    setReach: (reach) => set({ reach }),
    addHypothetical: (point) => set((s) => ({ baseline: s.hypothetical.length === 0 ? s.summary : s.baseline, hypothetical: [...s.hypothetical, point] })),
    keepHypothetical: async () => {
      const { hypothetical } = own();
      const count = get().stations.list.length;
      const stamp = Date.now();
      for (const [i, p] of hypothetical.entries()) {
        await get().stations.add({ id: `WHATIF-${stamp}-${i}`, name: `假设站点 ${count + i + 1}`, kind: '假设站点', lon: p.lon, lat: p.lat, address: null, hours: null });
      }
      own().discardHypothetical();
    },
    discardHypothetical: () => set({ hypothetical: [], baseline: null }),

    refresh: async () => {
      const state = get();
      const { db, phase } = state.data;
      const { enabled, hypothetical, reach } = own();
      if (!db || !enabled || phase !== 'ready') return;
      const mine = ++ticket;
      const { filter, hexSizeM, source } = state.density;
      const network = state.network.version > 0;
      const started = performance.now();
      const covered = coveredPingsSql(filter, reachRadiusM(reach), hypothetical, hexSizeM, network, source);
      try {
        const [totals, hours, cells] = await Promise.all([
          db.queryLatest('coverage-totals', coverageTotalsSql(covered)),
          db.queryLatest('coverage-hours', coverageByHourSql(covered)),
          db.queryLatest('coverage-cells', coverageCellsSql(covered)),
        ]);
        if (mine !== ticket || !totals || !hours || !cells) return;
        const centres = hexCentresInterleaved(column(cells, 'q', Int32Array), column(cells, 'r', Int32Array), hexSizeM);
        const data = get().data;
        const summary = summariseCoverage({
          totals: totals.get(0)!.toJSON() as never,
          byHour: hours.toArray().map((row) => row.toJSON() as never),
          cells: {
            centres,
            pings: column(cells, 'pings', Int32Array),
            coveredPings: column(cells, 'covered_pings', Int32Array),
            uncoveredDrivers: column(cells, 'uncovered_drivers', Int32Array),
            peakHour: column(cells, 'peak_hour', Int32Array),
            district: data.districtIndexOf(centres),
          },
          districtNames: data.districtLookup?.names ?? [],
        });
        set((s) => ({ summary, computeMs: performance.now() - started, revision: s.revision + 1, error: null }));
      } catch (error) {
        if (mine === ticket) set({ error: error instanceof Error ? error.message : String(error) });
      }
    },
  };
}
