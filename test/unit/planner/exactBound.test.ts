/**
 * The exact planner reports a bound only when it proved one: every bound it reports is at least
 * the optimum, and a run stopped before any dual bound reports none (the panel says 上界未知).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import loadHighs, { type Highs } from 'highs';
import { solveExact } from '../../../web/src/planner/exactMclp';
import { solveGreedy } from '../../../web/src/planner/greedyMclp';
import { bruteForceOptimum, randomSpatialProblem } from '../../../scripts/lib/mclpInstances';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

describe('exact planner bounds', () => {
  it('on random small instances solved to optimality by brute force, every reported bound (optimal or time-limited) is ≥ the optimum', () => {
    let timeLimited = 0;
    for (let seed = 1; seed <= 30; seed++) {
      const problem = randomSpatialProblem(300 + seed, 60, 12, 1 + (seed % 4), 1800, seed % 3 === 0 ? 1500 : 0);
      const optimum = bruteForceOptimum(problem);
      for (const timeLimitS of [30, 1e-4]) {
        const exact = solveExact(highs, problem, { start: solveGreedy(problem).sites, timeLimitS });
        expect(exact.covered).toBeLessThanOrEqual(optimum + 1e-9);
        if (exact.status !== 'optimal') timeLimited += 1;
        if (exact.bound !== null) expect(exact.bound).toBeGreaterThanOrEqual(optimum - 1e-6);
        if (exact.status === 'optimal') expect(exact.bound).toBeCloseTo(optimum, 6);
      }
    }
    console.log(`time-limited runs among 30 tiny-limit solves: ${timeLimited}`);
  });

  it('a run stopped before HiGHS has a dual bound reports none instead of its own plan as the bound', () => {
    // Big enough that 1 µs ends the solve before presolve finishes.
    const problem = randomSpatialProblem(77, 6000, 1500, 12, 1500, 0);
    const exact = solveExact(highs, problem, { start: solveGreedy(problem).sites, timeLimitS: 1e-6 });
    expect(exact.status).toBe('timeLimit');
    expect(exact.bound).toBeNull();
    expect(exact.covered).toBeGreaterThan(0);
  });
});
