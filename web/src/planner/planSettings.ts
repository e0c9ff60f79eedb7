/**
 * What staff choose before asking for a plan, and the defaults a first plan uses: 8 drives for
 * distinct non-member drivers that no station reaches in 15 minutes by e-bike, 500 m demand
 * cells, any site type, 1.5 km between drives, the greedy solver.
 */
import { ALL_DAY, type DensityFilter } from '../density/densityFilter';
import { chinaDate } from '../i18n/chinaTime';
import type { DemandSource } from '../density/densityQueries';
import { defaultReach, type ReachSettings } from '../coverage/travelModes';

export type DemandMeasure = 'drivers' | 'pings' | 'weight';
export type CandidateKind = 'cells' | 'venues' | 'both';
export type SolverKind = 'greedy' | 'exact';

export interface PlanSettings {
  k: number;
  source: DemandSource;
  filter: DensityFilter;
  measure: DemandMeasure;
  nonMembersOnly: boolean;
  /** Only demand no existing station reaches (existing stations fixed); otherwise plan from scratch. */
  uncoveredOnly: boolean;
  reach: ReachSettings;
  cellSizeM: number;
  candidates: CandidateKind;
  minSpacingM: number;
  /** Areas where no drive may be held: WGS-84 rings [lon, lat][]. */
  exclusions: [number, number][][];
  solver: SolverKind;
  exactTimeLimitS: number;
  /** The schedule: how many drives, from which date (YYYY-MM-DD), how long each lasts. */
  drives: number;
  startDate: string;
  driveHours: number;
}

/** The defaults; the first drive is today in China Standard Time (`nowMs` is the clock, injectable for tests). */
export function defaultPlanSettings(overrides: Partial<PlanSettings> = {}, nowMs = Date.now()): PlanSettings {
  return {
    k: 8,
    source: 'pings',
    filter: ALL_DAY,
    measure: 'drivers',
    nonMembersOnly: true,
    uncoveredOnly: true,
    reach: defaultReach('ebike', 15),
    cellSizeM: 500,
    candidates: 'both',
    minSpacingM: 1500,
    exclusions: [],
    solver: 'greedy',
    exactTimeLimitS: 30,
    drives: 8,
    startDate: chinaDate(nowMs),
    driveHours: 3,
    ...overrides,
  };
}

// The checks on these settings (ranges, messages) are the schema in plannerConfig.ts: checkPlanSettings there.
