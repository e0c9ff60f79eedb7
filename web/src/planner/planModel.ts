/** The plan as panels, exports and the CLI see it. Plain data: it goes through JSON unchanged. */
import type { DemandMeasure, PlanSettings } from './planSettings';
import type { ExactStatus } from './exactMclp';
import type { ScheduledDrive, Slot } from './driveSchedule';

export type CandidateSource = 'cell' | 'venue' | 'charging';

export interface PlanCandidate {
  id: string;
  name: string;
  kind: CandidateSource;
  lon: number;
  lat: number;
}

/** A demand cell that explains a site: where the drivers it adds are. */
export interface ContributingCell {
  lon: number;
  lat: number;
  district: string;
  value: number;
}

export interface PlannedSite extends PlanCandidate {
  rank: number;
  district: string;
  /** What the solver maximised (the chosen measure), added over the sites ranked above. */
  gain: number;
  /** Exact counts from the pings its reach catches, and what it adds to the sites above. */
  drivers: number;
  newDrivers: number;
  pings: number;
  newPings: number;
  /** The best slot for a drive and the weekday × hour profile (index (weekday − 1) × 24 + hour). */
  bestSlot: Slot | null;
  profile: number[];
  why: ContributingCell[];
}

export interface PlanSolverReport {
  kind: PlanSettings['solver'];
  greedyCovered: number;
  greedyMs: number;
  exactStatus?: ExactStatus;
  exactCovered?: number;
  /** The proven upper bound of the exact solve; absent when none was proved ("上界未知"). */
  bound?: number;
  exactMs?: number;
  /** (exact − greedy) ÷ exact, in percent: what the greedy left on the table. */
  greedyGapPct?: number;
}

export interface Plan {
  version: 1;
  settings: PlanSettings;
  measure: DemandMeasure;
  radiusM: number;
  counts: { demandCells: number; candidates: number; excluded: number };
  /** The demand the plan is about (after the filters), and how much of it the plan reaches. */
  demand: { drivers: number; pings: number; weight: number; measureTotal: number };
  reached: { drivers: number; measure: number };
  solver: PlanSolverReport;
  sites: PlannedSite[];
  schedule: ScheduledDrive[];
}
