/**
 * From settings to a plan: demand cells from DuckDB → candidates → cover sets → solve (worker in
 * the app, in-process in the CLI) → per-site figures and time profiles from DuckDB → schedule.
 * The app and `npm run plan` both call this, so they make the same plan from the same data.
 */
import type { Table } from 'apache-arrow';
import { column, firstRow } from '../db/arrowColumns';
import { hexCentre } from '../density/hexGrid';
import { reachRadiusM } from '../coverage/travelModes';
import { pointInRings } from '../geo/polygons';
import { coverSets, spacingConflicts } from './coverSets';
import { cellUnits, contributingCells, driverUnits, unitCover } from './demandUnits';
import type { MclpProblem } from './mclpProblem';
import { checkPlanSettings } from './plannerConfig';
import type { DemandMeasure, PlanSettings } from './planSettings';
import { DROP_PLAN_TABLES_SQL, PLAN_CELL_DRIVERS_SQL, PLAN_DEMAND_CELLS_SQL, PLAN_REACHED_DRIVERS_SQL, PLAN_SITE_STATS_SQL, PLAN_TOTALS_SQL, planCoverTableSql, planDemandTableSql, planProfileSql, venueCandidatesSql } from './plannerSql';
import type { SolveOutcome, SolveProgress } from './solvePlan';
import { bestSlot, profileIndex, rankedSlots, scheduleDrives } from './driveSchedule';
import type { ContributingCell, Plan, PlanCandidate, PlannedSite } from './planModel';

export interface PlanEnvironment {
  query(sql: string): Promise<Table>;
  run(statements: string[]): Promise<void>;
  solve(problem: MclpProblem, options: { solver: PlanSettings['solver']; timeLimitS: number }, onProgress: (progress: SolveProgress) => void): Promise<SolveOutcome>;
  /** District name of each point ('' outside every district). */
  districtsOf(lon: Float64Array, lat: Float64Array): string[];
}

export type PlanPhase = 'demand' | 'candidates' | 'solving' | 'explaining';

/** Why a plan could not be made, in terms staff can act on. */
export class PlanError extends Error {
  constructor(
    readonly reason: 'noDemand' | 'noCandidates',
    message: string,
  ) {
    super(message);
  }
}

const WHY_CELLS = 3;

/** Heat grids carry no driver ids, so they are planned on their weight. */
export function effectiveMeasure(settings: PlanSettings): DemandMeasure {
  return settings.source === 'heat_grid' ? 'weight' : settings.measure;
}

async function candidateList(env: PlanEnvironment, settings: PlanSettings, cells: { lon: Float64Array; lat: Float64Array; q: Int32Array; r: Int32Array }): Promise<PlanCandidate[]> {
  const list: PlanCandidate[] = [];
  if (settings.candidates !== 'venues') {
    for (let i = 0; i < cells.lon.length; i++) list.push({ id: `cell:${cells.q[i]},${cells.r[i]}`, name: '', kind: 'cell', lon: cells.lon[i], lat: cells.lat[i] });
  }
  if (settings.candidates !== 'cells') {
    const tables = (await env.query(`SELECT table_name::VARCHAR AS name FROM duckdb_tables() WHERE schema_name = 'main'`)).toArray().map((row) => String(row.name));
    const sql = venueCandidatesSql(tables);
    if (sql) {
      for (const row of (await env.query(sql)).toArray()) {
        const venue = row.toJSON() as { id: string; name: string; kind: 'venue' | 'charging'; lon: number; lat: number };
        if (Number.isFinite(venue.lon) && Number.isFinite(venue.lat)) list.push({ ...venue, lon: Number(venue.lon), lat: Number(venue.lat) });
      }
    }
  }
  return list;
}

export async function runPlan(env: PlanEnvironment, settings: PlanSettings, onPhase: (phase: PlanPhase, progress?: SolveProgress) => void = () => undefined): Promise<Plan> {
  checkPlanSettings(settings);
  const radiusM = reachRadiusM(settings.reach);
  const measure = effectiveMeasure(settings);

  onPhase('demand');
  await env.run([planDemandTableSql(settings, radiusM)]);
  const cellsTable = await env.query(PLAN_DEMAND_CELLS_SQL);
  const q = column(cellsTable, 'q', Int32Array);
  const r = column(cellsTable, 'r', Int32Array);
  const weights = Float64Array.from(column(cellsTable, measure, Float64Array));
  const cellLon = new Float64Array(q.length);
  const cellLat = new Float64Array(q.length);
  for (let i = 0; i < q.length; i++) [cellLon[i], cellLat[i]] = hexCentre(q[i], r[i], settings.cellSizeM);
  const totals = firstRow(await env.query(PLAN_TOTALS_SQL)) as { drivers: number; pings: number; weight: number };
  const cellTotal = weights.reduce((a, b) => a + b, 0);
  if (q.length === 0 || !(cellTotal > 0)) throw new PlanError('noDemand', 'no demand left in the chosen hours, weekdays and filters');

  onPhase('candidates');
  const all = await candidateList(env, settings, { lon: cellLon, lat: cellLat, q, r });
  const candidates = all.filter((c) => !settings.exclusions.some((ring) => pointInRings(c.lon, c.lat, [ring])));
  if (candidates.length === 0) throw new PlanError('noCandidates', 'no candidate sites left outside the excluded areas');
  const candidatePoints = { lon: Float64Array.from(candidates, (c) => c.lon), lat: Float64Array.from(candidates, (c) => c.lat) };
  const cover = coverSets({ lon: cellLon, lat: cellLat }, candidatePoints, radiusM);
  const conflicts = spacingConflicts(candidatePoints, settings.minSpacingM);
  let units = cellUnits(weights);
  if (measure === 'drivers') {
    const pairs = await env.query(PLAN_CELL_DRIVERS_SQL);
    units = driverUnits(q.length, column(pairs, 'cell', Int32Array), column(pairs, 'unit', Int32Array));
  }
  const unitsCovered = unitCover(cover, units);
  const problem: MclpProblem = { weights: units.weights, coverStarts: unitsCovered.starts, coverItems: unitsCovered.items, k: settings.k, conflictStarts: conflicts.starts, conflictItems: conflicts.items };

  onPhase('solving');
  const outcome = await env.solve(problem, { solver: settings.solver, timeLimitS: settings.exactTimeLimitS }, (progress) => onPhase('solving', progress));
  const chosen = outcome.exact && outcome.exact.covered >= outcome.greedy.covered ? outcome.exact : outcome.greedy;

  onPhase('explaining');
  const coverRows: { rank: number; q: number; r: number }[] = [];
  chosen.sites.forEach((j, i) => {
    for (let p = cover.starts[j]; p < cover.starts[j + 1]; p++) coverRows.push({ rank: i + 1, q: q[cover.items[p]], r: r[cover.items[p]] });
  });
  await env.run(planCoverTableSql(coverRows));
  const stats = new Map<number, Record<string, number>>();
  for (const row of (await env.query(PLAN_SITE_STATS_SQL)).toArray()) stats.set(Number(row.rank), row.toJSON() as Record<string, number>);
  const profiles = chosen.sites.map(() => new Array<number>(7 * 24).fill(0));
  for (const row of (await env.query(planProfileSql(measure))).toArray()) profiles[Number(row.rank) - 1][profileIndex(Number(row.weekday), Number(row.hour))] = Number(row.value);
  const reachedDrivers = Number(firstRow(await env.query(PLAN_REACHED_DRIVERS_SQL)).drivers ?? 0);

  // Why: the demand cells where each site reaches the most units the sites above did not.
  const whyCells = contributingCells(chosen.sites, cover, units, WHY_CELLS);
  const siteDistricts = env.districtsOf(Float64Array.from(chosen.sites, (j) => candidates[j].lon), Float64Array.from(chosen.sites, (j) => candidates[j].lat));
  const flatWhy = whyCells.flat();
  const whyDistricts = env.districtsOf(Float64Array.from(flatWhy, (w) => cellLon[w.cell]), Float64Array.from(flatWhy, (w) => cellLat[w.cell]));
  let whyAt = 0;
  const sites: PlannedSite[] = chosen.sites.map((j, i) => {
    const s = stats.get(i + 1) ?? {};
    const why: ContributingCell[] = whyCells[i].map((w) => ({ lon: cellLon[w.cell], lat: cellLat[w.cell], district: whyDistricts[whyAt++], value: w.value }));
    const candidate = candidates[j];
    return {
      ...candidate,
      name: candidate.kind === 'cell' ? `${siteDistricts[i] || '区外'}·热点网格` : candidate.name,
      rank: i + 1,
      district: siteDistricts[i],
      gain: chosen.gains[i],
      drivers: s.drivers ?? 0,
      newDrivers: s.new_drivers ?? 0,
      pings: s.pings ?? 0,
      newPings: s.new_pings ?? 0,
      bestSlot: bestSlot(profiles[i], settings.driveHours),
      profile: profiles[i],
      why,
    };
  });
  const schedule = scheduleDrives(profiles.map((p) => rankedSlots(p, settings.driveHours)), settings.drives, settings.startDate);
  await env.run(DROP_PLAN_TABLES_SQL);

  const exact = outcome.exact;
  return {
    version: 1,
    settings,
    measure,
    radiusM,
    counts: { demandCells: q.length, candidates: candidates.length, excluded: all.length - candidates.length },
    demand: { drivers: totals.drivers, pings: totals.pings, weight: totals.weight, measureTotal: units.weights.reduce((a, b) => a + b, 0) },
    reached: { drivers: reachedDrivers, measure: chosen.covered },
    solver: {
      kind: settings.solver,
      greedyCovered: outcome.greedy.covered,
      greedyMs: outcome.greedy.ms,
      ...(exact
        ? { exactStatus: exact.status, exactCovered: exact.covered, bound: exact.bound ?? undefined, exactMs: exact.ms, greedyGapPct: exact.covered > 0 ? (100 * (exact.covered - outcome.greedy.covered)) / exact.covered : 0 }
        : {}),
    },
    sites,
    schedule,
  };
}
