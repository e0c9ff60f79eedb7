/**
 * Runs the solvers on one problem: always the greedy (fast, and the exact solver's start), then,
 * when asked, HiGHS with a time limit. Shared by the planner worker and the CLI, so both produce
 * the same plan for the same problem.
 */
import type { Highs } from 'highs';
import { solveGreedy } from './greedyMclp';
import { solveExact, type ExactResult } from './exactMclp';
import type { MclpProblem, MclpSolution } from './mclpProblem';
import type { SolverKind } from './planSettings';

export interface SolveProgress {
  stage: 'greedy' | 'exact';
  /** Greedy: sites chosen so far of k. Exact: best plan's weight and the proven bound. */
  done: number;
  total: number;
}

export interface SolveOutcome {
  greedy: MclpSolution & { ms: number; evaluations: number };
  exact?: ExactResult;
}

export async function solvePlanProblem(
  problem: MclpProblem,
  options: { solver: SolverKind; timeLimitS: number; onProgress?: (progress: SolveProgress) => void },
  loadHighs: () => Promise<Highs>,
): Promise<SolveOutcome> {
  const started = Date.now();
  const greedy = solveGreedy(problem, { onProgress: (done, total) => options.onProgress?.({ stage: 'greedy', done, total }) });
  const outcome: SolveOutcome = { greedy: { ...greedy, ms: Date.now() - started } };
  if (options.solver === 'exact') {
    const highs = await loadHighs();
    outcome.exact = solveExact(highs, problem, {
      start: greedy.sites,
      timeLimitS: options.timeLimitS,
      onProgress: (primal, bound) => options.onProgress?.({ stage: 'exact', done: primal, total: bound }),
    });
  }
  return outcome;
}
