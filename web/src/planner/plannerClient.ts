/**
 * Main-thread side of the planner worker. One solve at a time; cancelling terminates the worker
 * (HiGHS cannot be interrupted from outside while it runs), and the next solve starts a new one.
 */
import type { MclpProblem } from './mclpProblem';
import type { PlannerRequest, PlannerResponse } from './planner.worker';
import type { SolverKind } from './planSettings';
import type { SolveOutcome, SolveProgress } from './solvePlan';

export class PlanCancelled extends Error {
  constructor() {
    super('plan cancelled');
  }
}

let worker: Worker | null = null;
let nextId = 1;
let active: { id: number; reject: (error: Error) => void } | null = null;

function plannerWorker(): Worker {
  worker ??= new Worker(new URL('./planner.worker.ts', import.meta.url), { type: 'module' });
  return worker;
}

export function solveInWorker(problem: MclpProblem, options: { solver: SolverKind; timeLimitS: number }, onProgress: (progress: SolveProgress) => void): Promise<SolveOutcome> {
  cancelSolve();
  const id = nextId++;
  const target = plannerWorker();
  return new Promise((resolve, reject) => {
    active = { id, reject };
    target.onmessage = (event: MessageEvent<PlannerResponse>) => {
      const message = event.data;
      if (message.id !== id) return;
      if (message.type === 'progress') onProgress(message.progress);
      else {
        active = null;
        if (message.type === 'done') resolve(message.outcome);
        else reject(new Error(message.message));
      }
    };
    target.onerror = (event) => {
      active = null;
      reject(new Error(event.message || 'planner worker failed'));
    };
    const request: PlannerRequest = { id, problem, ...options };
    target.postMessage(request);
  });
}

/** Stops the solve in progress, if any; its promise rejects with PlanCancelled. */
export function cancelSolve(): void {
  if (!active) return;
  worker?.terminate();
  worker = null;
  active.reject(new PlanCancelled());
  active = null;
}
