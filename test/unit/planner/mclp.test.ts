import { beforeAll, describe, expect, it } from 'vitest';
import loadHighs, { type Highs } from 'highs';
import { solveGreedy } from '../../../web/src/planner/greedyMclp';
import { solveExact } from '../../../web/src/planner/exactMclp';
import { evaluateSites, respectsSpacing } from '../../../web/src/planner/mclpProblem';
import { bruteForceOptimum, problemOf, randomSpatialProblem } from '../../../scripts/lib/mclpInstances';

let highs: Highs;
beforeAll(async () => {
  highs = await loadHighs();
});

/**
 * Demand 0..4 with weights 5, 5, 6, 5, 0; candidate A covers {0, 1}, B {1, 2}, C {2, 3}, D {4}.
 * One site: B and C both cover 11; the tie goes to B (lower index).
 * Two sites: greedy adds A after B (5, tied with C, lower index) for 16; the optimum is A + C = 21.
 */
const gapExample = (k: number) => problemOf([5, 5, 6, 5, 0], [[0, 1], [1, 2], [2, 3], [4]], k);

describe('greedy MCLP (lazy evaluation)', () => {
  it('picks the best single site, ties to the lower index', () => {
    const plan = solveGreedy(gapExample(1));
    expect(plan.sites).toEqual([1]);
    expect(plan.covered).toBe(11);
  });

  it('is greedy, not optimal, on the textbook gap example', () => {
    const plan = solveGreedy(gapExample(2));
    expect(plan.sites).toEqual([1, 0]);
    expect(plan.gains).toEqual([11, 5]);
    expect(plan.covered).toBe(16);
  });

  it('stops when nothing is left to gain, even below k', () => {
    const plan = solveGreedy(gapExample(4));
    expect(plan.covered).toBe(21);
    // D covers only weight 0, so it is never chosen.
    expect(plan.sites).not.toContain(3);
    expect(plan.sites.length).toBe(3);
  });

  it('honours the minimum spacing', () => {
    // B conflicts with A and C: with B first, nothing else may be added.
    const spaced = problemOf([5, 5, 6, 5], [[0, 1], [1, 2], [2, 3]], 2, [[1], [0, 2], [1]]);
    const plan = solveGreedy(spaced);
    expect(plan.sites).toEqual([1]);
    expect(respectsSpacing(spaced, plan.sites)).toBe(true);
  });

  it('agrees with a full re-evaluation greedy on random instances (the laziness is exact)', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const problem = randomSpatialProblem(seed, 300, 80, 6, 1500, 800);
      const lazy = solveGreedy(problem);
      // Plain greedy: every round, every allowed candidate, highest gain, lowest index on ties.
      const chosen: number[] = [];
      const banned = new Set<number>();
      for (let round = 0; round < problem.k; round++) {
        let best = -1;
        let bestGain = 0;
        const base = evaluateSites(problem, chosen).covered;
        for (let j = 0; j < problem.coverStarts.length - 1; j++) {
          if (banned.has(j) || chosen.includes(j)) continue;
          const gain = evaluateSites(problem, [...chosen, j]).covered - base;
          if (gain > bestGain) {
            bestGain = gain;
            best = j;
          }
        }
        if (best < 0) break;
        chosen.push(best);
        for (let p = problem.conflictStarts![best]; p < problem.conflictStarts![best + 1]; p++) banned.add(problem.conflictItems![p]);
      }
      expect(lazy.sites).toEqual(chosen);
      expect(lazy.evaluations).toBeLessThan((problem.coverStarts.length - 1) * problem.k);
    }
  });

  it('is deterministic', () => {
    const problem = randomSpatialProblem(7, 500, 120, 8);
    expect(solveGreedy(problem)).toEqual(solveGreedy(problem));
  });
});

describe('exact MCLP (HiGHS)', () => {
  it('finds the hand-worked optimum the greedy misses', () => {
    const exact = solveExact(highs, gapExample(2), { start: solveGreedy(gapExample(2)).sites });
    expect(exact.status).toBe('optimal');
    expect(exact.covered).toBe(21);
    // Ranked for presentation: C (11) before A (10).
    expect(exact.sites).toEqual([2, 0]);
    expect(exact.gains).toEqual([11, 10]);
    expect(exact.bound).toBe(21);
  });

  it('agrees with the greedy where the greedy is optimal (one site)', () => {
    const exact = solveExact(highs, gapExample(1));
    expect(exact.covered).toBe(solveGreedy(gapExample(1)).covered);
  });

  it('respects the minimum spacing', () => {
    // A–C too close: the best pairs left are A + B and B + C, each 16 (they share one demand).
    const spaced = problemOf([5, 5, 6, 5], [[0, 1], [1, 2], [2, 3]], 2, [[2], [], [0]]);
    const exact = solveExact(highs, spaced);
    expect(exact.covered).toBe(16);
    expect(respectsSpacing(spaced, exact.sites)).toBe(true);
  });

  it('matches brute force and is never below the greedy on random instances', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const problem = randomSpatialProblem(100 + seed, 60, 12, 1 + (seed % 4), 1800, seed % 3 === 0 ? 1500 : 0);
      const greedy = solveGreedy(problem);
      const exact = solveExact(highs, problem, { start: greedy.sites });
      expect(exact.status).toBe('optimal');
      expect(exact.covered).toBeCloseTo(bruteForceOptimum(problem), 6);
      expect(exact.covered).toBeGreaterThanOrEqual(greedy.covered - 1e-9);
      expect(respectsSpacing(problem, exact.sites)).toBe(true);
      expect(exact.sites.length).toBeLessThanOrEqual(problem.k);
    }
  });

  it('greedy reaches at least 95 % of the optimum on random instances (worst ratio reported)', () => {
    let worst = 1;
    let worstSeed = 0;
    for (let seed = 1; seed <= 40; seed++) {
      const problem = randomSpatialProblem(1000 + seed, 400, 120, 3 + (seed % 8), 1500, seed % 2 ? 1000 : 0);
      const greedy = solveGreedy(problem);
      const exact = solveExact(highs, problem, { start: greedy.sites, timeLimitS: 20 });
      expect(exact.status).toBe('optimal');
      const ratio = greedy.covered / exact.covered;
      if (ratio < worst) {
        worst = ratio;
        worstSeed = seed;
      }
    }
    console.log(`greedy/optimum worst ratio over 40 random instances: ${worst.toFixed(4)} (seed ${1000 + worstSeed})`);
    expect(worst).toBeGreaterThanOrEqual(0.95);
  });

  it('is deterministic', () => {
    const problem = randomSpatialProblem(9, 300, 60, 5);
    const a = solveExact(highs, problem);
    const b = solveExact(highs, problem);
    expect(a.sites).toEqual(b.sites);
    expect(a.covered).toBe(b.covered);
  });
});
