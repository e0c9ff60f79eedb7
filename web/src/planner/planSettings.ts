/**
 * What staff choose before asking for a plan, and the defaults a first plan uses: 8 drives for
 * distinct non-member drivers that no station reaches in 15 minutes by e-bike, 500 m demand
 * cells, any site type, 1.5 km between drives, the greedy solver.
 */
import { ALL_DAY, type DensityFilter } from '../density/densityFilter';
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

export function defaultPlanSettings(overrides: Partial<PlanSettings> = {}): PlanSettings {
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
    startDate: '2026-12-01',
    driveHours: 3,
    ...overrides,
  };
}

/** Rejects settings that cannot make a plan, with the reason in the user's terms. */
export function checkPlanSettings(settings: PlanSettings): void {
  if (!Number.isInteger(settings.k) || settings.k < 1 || settings.k > 200) throw new RangeError(`k must be a whole number 1–200: ${settings.k}`);
  if (!(settings.cellSizeM >= 100 && settings.cellSizeM <= 5000)) throw new RangeError(`cell size must be 100–5000 m: ${settings.cellSizeM}`);
  if (!(settings.minSpacingM >= 0)) throw new RangeError(`minimum spacing must be ≥ 0: ${settings.minSpacingM}`);
  if (!Number.isInteger(settings.drives) || settings.drives < 0 || settings.drives > 200) throw new RangeError(`drives must be a whole number 0–200: ${settings.drives}`);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(settings.startDate) || Number.isNaN(Date.parse(`${settings.startDate}T00:00:00Z`))) throw new RangeError(`start date must be YYYY-MM-DD: ${settings.startDate}`);
  if (!Number.isInteger(settings.driveHours) || settings.driveHours < 1 || settings.driveHours > 12) throw new RangeError(`drive length must be 1–12 hours: ${settings.driveHours}`);
}
