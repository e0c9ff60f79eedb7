/**
 * Solves planning problems off the main thread: the greedy takes well under a second, but an
 * exact HiGHS solve can run to its time limit, and the map must stay responsive meanwhile.
 * HiGHS's WebAssembly comes from our own build (no CDN) and is loaded on the first exact solve.
 */
import loadHighs, { type Highs } from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import { exposeRpc } from '../workers/rpcServer';
import type { MclpProblem } from './mclpProblem';
import type { SolverKind } from './planSettings';
import { solvePlanProblem, type SolveOutcome, type SolveProgress } from './solvePlan';

export interface PlannerRequest {
  problem: MclpProblem;
  solver: SolverKind;
  timeLimitS: number;
}

export type PlannerRpc = {
  solve: { params: PlannerRequest; result: SolveOutcome; progress: SolveProgress };
};

let highs: Promise<Highs> | null = null;

exposeRpc<PlannerRpc>({
  solve({ problem, solver, timeLimitS }, { progress }) {
    let lastPost = 0;
    return solvePlanProblem(
      problem,
      {
        solver,
        timeLimitS,
        onProgress: (update) => {
          // HiGHS logs often; a few updates a second are enough for a progress bar.
          const now = Date.now();
          if (update.stage === 'greedy' || now - lastPost > 200) {
            lastPost = now;
            progress(update);
          }
        },
      },
      () => (highs ??= loadHighs({ locateFile: () => highsWasmUrl })),
    );
  },
});
