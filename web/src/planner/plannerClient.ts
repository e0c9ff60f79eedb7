/**
 * Main-thread side of the planner worker. One solve at a time; cancelling terminates the worker
 * (HiGHS cannot be interrupted from outside while it runs), and the next solve starts a new one.
 */
import { createRpcClient } from '../workers/rpc';
import type { MclpProblem } from './mclpProblem';
import type { PlannerRpc } from './planner.worker';
import type { SolverKind } from './planSettings';
import type { SolveOutcome, SolveProgress } from './solvePlan';

export class PlanCancelled extends Error {
  constructor() {
    super('plan cancelled');
  }
}

const planner = createRpcClient<PlannerRpc>('planner', () => new Worker(new URL('./planner.worker.ts', import.meta.url), { type: 'module' }), { abort: 'terminate' });
let active: AbortController | null = null;

/** Rejects with PlanCancelled when cancelled, and with `planner worker stopped: …` when the worker dies. */
export function solveInWorker(problem: MclpProblem, options: { solver: SolverKind; timeLimitS: number }, onProgress: (progress: SolveProgress) => void): Promise<SolveOutcome> {
  cancelSolve();
  const controller = new AbortController();
  active = controller;
  return planner.call('solve', { problem, ...options }, { signal: controller.signal, onProgress }).finally(() => {
    if (active === controller) active = null;
  });
}

/** Stops the solve in progress, if any; its promise rejects with PlanCancelled. */
export function cancelSolve(): void {
  active?.abort(new PlanCancelled());
  active = null;
}
