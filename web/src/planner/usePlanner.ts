/**
 * Runs a plan in the app: DuckDB (its worker) for demand and figures, the planner worker for the
 * solve, with phase and progress for the panel and cancel at any point. The last plan is kept in
 * localStorage, so a reload shows it again (plans are small: no pings in them).
 */
import { useCallback, useRef, useState } from 'react';
import type { AtlasDb } from '../db/atlasDb';
import { cancelSolve, PlanCancelled, solveInWorker } from './plannerClient';
import type { Plan } from './planModel';
import type { PlanSettings } from './planSettings';
import { PlanError, runPlan, type PlanEnvironment, type PlanPhase } from './runPlan';
import type { SolveProgress } from './solvePlan';

const PLAN_KEY = 'atlas.lastPlan';

export interface PlannerState {
  running: boolean;
  phase: PlanPhase | null;
  progress: SolveProgress | null;
  plan: Plan | null;
  error: string | null;
  /** Bumped on every finished plan (tests wait on it). */
  revision: number;
}

function savedPlan(): Plan | null {
  try {
    const plan = JSON.parse(localStorage.getItem(PLAN_KEY) ?? 'null') as Plan | null;
    return plan && plan.version === 1 ? plan : null;
  } catch {
    return null;
  }
}

export function usePlanner(db: AtlasDb | null, districtsOf: PlanEnvironment['districtsOf']) {
  const [state, setState] = useState<PlannerState>(() => ({ running: false, phase: null, progress: null, plan: savedPlan(), error: null, revision: 0 }));
  const cancelled = useRef(false);

  const run = useCallback(
    async (settings: PlanSettings) => {
      if (!db) return;
      cancelled.current = false;
      setState((s) => ({ ...s, running: true, phase: 'demand', progress: null, error: null }));
      const env: PlanEnvironment = {
        query: (sql) => db.query(sql),
        run: (statements) => db.run(statements),
        solve: solveInWorker,
        districtsOf,
      };
      try {
        const plan = await runPlan(env, settings, (phase, progress) => {
          if (cancelled.current) throw new PlanCancelled();
          setState((s) => ({ ...s, phase, progress: progress ?? null }));
        });
        localStorage.setItem(PLAN_KEY, JSON.stringify(plan));
        setState((s) => ({ running: false, phase: null, progress: null, plan, error: null, revision: s.revision + 1 }));
      } catch (error) {
        // A PlanError carries its reason as the message key's suffix; the panel words it.
        const message = error instanceof PlanCancelled ? null : error instanceof PlanError ? error.reason : error instanceof Error ? error.message : String(error);
        setState((s) => ({ ...s, running: false, phase: null, progress: null, error: message }));
      }
    },
    [db, districtsOf],
  );

  const cancel = useCallback(() => {
    cancelled.current = true;
    cancelSolve();
  }, []);

  /** Shows a plan from a project file or snapshot (and keeps it for the next visit). */
  const restore = useCallback((plan: Plan | null) => {
    if (plan) localStorage.setItem(PLAN_KEY, JSON.stringify(plan));
    else localStorage.removeItem(PLAN_KEY);
    setState((s) => ({ ...s, plan, error: null, revision: s.revision + 1 }));
  }, []);

  const clear = useCallback(() => {
    localStorage.removeItem(PLAN_KEY);
    setState((s) => ({ ...s, plan: null, revision: s.revision + 1 }));
  }, []);

  return { ...state, run, cancel, clear, restore };
}
