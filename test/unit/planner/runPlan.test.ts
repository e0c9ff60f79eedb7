/**
 * The whole planning pipeline on DuckDB-WASM with hand-made pings whose plan can be worked out:
 * three clusters of drivers far apart (A: 10 drivers, B: 6, C: 4), one station at C, and one
 * driver (21) who works both A and B: reached by either, counted once.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { pingsFromStagingSql } from '../../../web/src/db/schema';
import { fromLocalMetres, toLocalMetres } from '../../../web/src/density/localProjection';

const toLocal = ([lon, lat]: [number, number]) => toLocalMetres(lon, lat);
import { defaultPlanSettings, type PlanSettings } from '../../../web/src/planner/planSettings';
import { PlanError, runPlan } from '../../../web/src/planner/runPlan';
import { nodePlanEnvironment } from '../../../scripts/lib/nodePlanEnvironment';
import { openWasmSqlRunner } from '../wasmDuckDb';
import { planFromGuess } from '../../../web/src/ingest/importPlan';
import { prepareImport } from '../../../web/src/ingest/prepareImport';
import { runImport, csvBytesInput } from '../../../web/src/ingest/runImport';

const A = fromLocalMetres(0, 0);
const B = fromLocalMetres(20_000, 0);
const C = fromLocalMetres(0, 20_000);

/** Tuesday 2026-11-17 and Saturday 2026-11-21. */
const TUESDAY = '2026-11-17';
const SATURDAY = '2026-11-21';

async function setup(): Promise<{ runner: Awaited<ReturnType<typeof openWasmSqlRunner>>['runner']; conn: DuckDBConnection }> {
  const { runner, conn } = await openWasmSqlRunner();
  const rows: string[] = [];
  let id = 0;
  const ping = (driver: number, day: string, hour: number, [lon, lat]: [number, number], member = false) => {
    rows.push(`(${driver}, TIMESTAMP '${day} ${String(hour).padStart(2, '0')}:00:00' + INTERVAL ${id++} SECOND, ${lon + (id % 7) * 1e-4}, ${lat + (id % 5) * 1e-4}, 1.0, ${member})`);
  };
  // A: drivers 1–10 on Tuesday 07–09 h (three pings each); drivers 1–3 are members.
  for (let d = 1; d <= 10; d++) for (const h of [7, 8, 9]) ping(d, TUESDAY, h, A, d <= 3);
  // B: drivers 11–16 on Saturday 14 h.
  for (let d = 11; d <= 16; d++) ping(d, SATURDAY, 14, B);
  // C: drivers 17–20, but a station is there.
  for (let d = 17; d <= 20; d++) ping(d, TUESDAY, 12, C);
  ping(21, TUESDAY, 8, A);
  ping(21, SATURDAY, 14, B);
  conn.query(`CREATE TABLE raw AS SELECT * FROM (VALUES ${rows.join(',')}) t(driver_id, ts, lon, lat, weight, member)`);
  for (const sql of pingsFromStagingSql('raw')) conn.query(sql);
  conn.query(`CREATE TABLE stations AS SELECT 'S1' AS id, ${C[0]}::DOUBLE AS lon, ${C[1]}::DOUBLE AS lat`);
  return { runner, conn };
}

const settings = (overrides: Partial<PlanSettings> = {}) => defaultPlanSettings({ candidates: 'cells', k: 2, drives: 3, startDate: '2026-12-01', driveHours: 3, nonMembersOnly: false, ...overrides });

describe('runPlan on a hand-made city', () => {
  let env: ReturnType<typeof nodePlanEnvironment>;
  let runner: Awaited<ReturnType<typeof setup>>['runner'];
  beforeEach(async () => {
    runner = (await setup()).runner;
    env = nodePlanEnvironment(runner, null);
  });

  it('puts the two drives at A and B, ranked by drivers, and skips C that a station covers', async () => {
    const plan = await runPlan(env, settings());
    expect(plan.sites.map((s) => s.drivers)).toEqual([11, 7]);
    expect(plan.sites.map((s) => s.newDrivers)).toEqual([11, 6]);
    // The solver's gains are distinct new drivers, equal to what SQL counts afterwards.
    expect(plan.sites.map((s) => s.gain)).toEqual([11, 6]);
    expect(plan.demand.drivers).toBe(17);
    expect(plan.reached.drivers).toBe(17);
    // Each site is within the reach radius of its cluster.
    const [siteA, siteB] = plan.sites;
    expect(Math.hypot(siteA.lon - A[0], siteA.lat - A[1])).toBeLessThan(0.03);
    expect(Math.hypot(siteB.lon - B[0], siteB.lat - B[1])).toBeLessThan(0.03);
    // When: A's drivers are there on Tuesday 07–10 h, B's on Saturday around 14 h.
    expect(siteA.bestSlot).toMatchObject({ weekday: 2, hourFrom: 7, hourTo: 10 });
    expect(siteB.bestSlot?.weekday).toBe(6);
    expect(siteB.bestSlot!.hourFrom).toBeLessThanOrEqual(14);
    expect(siteB.bestSlot!.hourTo).toBeGreaterThan(14);
    // Why: the top cell explaining A is A's own cell.
    expect(siteA.why[0].value).toBeGreaterThan(0);
  });

  it('plans from scratch when stations are not fixed: C becomes the third site', async () => {
    const plan = await runPlan(env, settings({ uncoveredOnly: false, k: 3 }));
    expect(plan.sites.map((s) => s.drivers)).toEqual([11, 7, 4]);
  });

  it('counts only non-members when asked', async () => {
    const plan = await runPlan(env, settings({ nonMembersOnly: true }));
    expect(plan.sites.map((s) => s.drivers)).toEqual([8, 7]);
  });

  it('keeps drives out of an excluded area', async () => {
    // A 12 km square around A: no site can be inside it, and A is beyond reach from outside.
    const [w, s] = fromLocalMetres(-6000, -6000);
    const [e, n] = fromLocalMetres(6000, 6000);
    const plan = await runPlan(env, settings({ exclusions: [[[w, s], [e, s], [e, n], [w, n], [w, s]]] }));
    expect(plan.sites.map((site) => site.drivers)).toEqual([7]);
    expect(plan.counts.excluded).toBeGreaterThan(0);
  });

  it('schedules the drives on the right weekdays from the start date, round robin', async () => {
    const plan = await runPlan(env, settings({ drives: 3 }));
    // 2026-12-01 is a Tuesday: A on 12-01 07–10 h, B on Saturday 12-05, A again on Tuesday 12-08.
    expect(plan.schedule.map((d) => [d.date, d.rank, d.hourFrom])).toEqual([
      ['2026-12-01', 1, 7],
      ['2026-12-05', 2, plan.sites[1].bestSlot!.hourFrom],
      ['2026-12-08', 1, 7],
    ]);
  });

  it('agrees between greedy and exact here, and reports the solver figures', async () => {
    const greedy = await runPlan(env, settings());
    const exact = await runPlan(env, settings({ solver: 'exact' }));
    expect(exact.solver.exactStatus).toBe('optimal');
    expect(exact.solver.exactCovered).toBe(greedy.solver.greedyCovered);
    expect(exact.solver.greedyGapPct).toBe(0);
    expect(exact.sites.map((s) => s.id)).toEqual(greedy.sites.map((s) => s.id));
  });

  it('is deterministic', async () => {
    const a = await runPlan(env, settings());
    const b = await runPlan(env, settings());
    const strip = (p: typeof a) => ({ ...p, solver: { ...p.solver, greedyMs: 0, exactMs: 0 } });
    expect(strip(a)).toEqual(strip(b));
  });

  it('counts pings per cell when asked, and the gain is then pings', async () => {
    const plan = await runPlan(env, settings({ measure: 'pings' }));
    // A: 30 pings + 1 from driver 21; B: 6 + 1.
    expect(plan.sites.map((s) => s.gain)).toEqual([31, 7]);
    expect(plan.sites.map((s) => s.newPings)).toEqual([31, 7]);
  });

  it('chooses among venues imported as candidate sites (Chinese headers, through the importer)', async () => {
    const near = (p: [number, number], dx: number) => {
      const [x, y] = toLocal(p);
      return fromLocalMetres(x + dx, y);
    };
    const rows = [['A物流园', ...near(A, 400)], ['B批发市场', ...near(B, -300)], ['远处服务区', ...near(C, 9000)]];
    const csv = new TextEncoder().encode(['名称,经度,纬度', ...rows.map((r) => r.join(','))].join('\n'));
    const prepared = prepareImport('venues.csv', csv);
    const report = await runImport(runner, { ...planFromGuess(prepared), kind: 'venues' }, csvBytesInput(csv, prepared.encoding), { salt: 's' });
    expect(report.table).toBe('venues');
    const plan = await runPlan(env, settings({ candidates: 'venues' }));
    expect(plan.sites.map((s) => [s.name, s.kind, s.drivers])).toEqual([
      ['A物流园', 'venue', 11],
      ['B批发市场', 'venue', 7],
    ]);
  });

  it('says why when nothing is left to plan for', async () => {
    await expect(runPlan(env, settings({ filter: { hourFrom: 2, hourTo: 3, weekdays: [1, 2, 3, 4, 5, 6, 7] } }))).rejects.toBeInstanceOf(PlanError);
  });
});
