/**
 * Solves planning problems off the main thread: the greedy takes well under a second, but an
 * exact HiGHS solve can run to its time limit, and the map must stay responsive meanwhile.
 * HiGHS's WebAssembly comes from our own build (no CDN) and is loaded on the first exact solve.
 */
import loadHighs, { type Highs } from 'highs';
import highsWasmUrl from 'highs/runtime?url';
import type { MclpProblem } from './mclpProblem';
import type { SolverKind } from './planSettings';
import { solvePlanProblem, type SolveOutcome, type SolveProgress } from './solvePlan';

export interface PlannerRequest {
  id: number;
  problem: MclpProblem;
  solver: SolverKind;
  timeLimitS: number;
}

export type PlannerResponse =
  | { id: number; type: 'progress'; progress: SolveProgress }
  | { id: number; type: 'done'; outcome: SolveOutcome }
  | { id: number; type: 'error'; message: string };

let highs: Promise<Highs> | null = null;
const post = (message: PlannerResponse) => (self as unknown as Worker).postMessage(message);

self.onmessage = async (event: MessageEvent<PlannerRequest>) => {
  const { id, problem, solver, timeLimitS } = event.data;
  try {
    let lastPost = 0;
    const outcome = await solvePlanProblem(
      problem,
      {
        solver,
        timeLimitS,
        onProgress: (progress) => {
          // HiGHS logs often; a few updates a second are enough for a progress bar.
          const now = Date.now();
          if (progress.stage === 'greedy' || now - lastPost > 200) {
            lastPost = now;
            post({ id, type: 'progress', progress });
          }
        },
      },
      () => (highs ??= loadHighs({ locateFile: () => highsWasmUrl })),
    );
    post({ id, type: 'done', outcome });
  } catch (error) {
    post({ id, type: 'error', message: error instanceof Error ? error.message : String(error) });
  }
};
