/**
 * The exact MCLP as a mixed-integer programme, solved by HiGHS compiled to WebAssembly:
 *
 *   maximise   Σ_i w_i · y_i
 *   subject to y_i ≤ Σ_{j covers i} x_j     for every coverable demand i
 *              Σ_j x_j ≤ k
 *              x_a + x_b ≤ 1                 for every pair closer than the minimum spacing
 *              x_j ∈ {0, 1},  0 ≤ y_i ≤ 1    (y is integral at an optimum)
 *
 * Demand points covered by exactly the same candidates are merged first (their weights add up):
 * on real demand this removes most rows. The greedy plan is passed in as the starting incumbent,
 * so the answer is never worse than the greedy one, even when the time limit stops the search;
 * the proven bound then says how far from the optimum it can be. A bound is reported only when
 * HiGHS proved one: when it stops (time limit, still in presolve) without a dual bound, there is
 * none, and the panel says so rather than showing a 0 % gap for a plan that may not be optimal.
 *
 * The HiGHS module is injected: the worker loads it from our own build, Node from node_modules.
 */
import type { Highs } from 'highs';
import { candidateCount, rankSites, type MclpProblem, type MclpSolution } from './mclpProblem';

export type ExactStatus = 'optimal' | 'timeLimit' | 'interrupted' | 'other';

export interface ExactResult extends MclpSolution {
  status: ExactStatus;
  /** The proven upper bound on the covered weight (equals `covered` when optimal); null when none was proved. */
  bound: number | null;
  /** Rows and columns after merging identical demand. */
  rows: number;
  cols: number;
  ms: number;
}

export interface ExactOptions {
  timeLimitS?: number;
  /** A feasible plan to start from (normally the greedy one). */
  start?: readonly number[];
  /** MIP progress: the best plan's weight and the proven bound so far. */
  onProgress?: (primal: number, bound: number) => void;
}

/** Demand merged by identical covering sets: for each class, its weight and covering candidates. */
function mergeDemand(problem: MclpProblem): { weight: number[]; coverers: number[][] } {
  const n = candidateCount(problem);
  const coverers: number[][] = Array.from({ length: problem.weights.length }, () => []);
  for (let j = 0; j < n; j++) for (let p = problem.coverStarts[j]; p < problem.coverStarts[j + 1]; p++) coverers[problem.coverItems[p]].push(j);
  const classes = new Map<string, number>();
  const weight: number[] = [];
  const merged: number[][] = [];
  for (let i = 0; i < coverers.length; i++) {
    if (coverers[i].length === 0 || !(problem.weights[i] > 0)) continue;
    const key = coverers[i].join(',');
    const c = classes.get(key);
    if (c === undefined) {
      classes.set(key, weight.length);
      weight.push(problem.weights[i]);
      merged.push(coverers[i]);
    } else weight[c] += problem.weights[i];
  }
  return { weight, coverers: merged };
}

export function solveExact(highs: Highs, problem: MclpProblem, options: ExactOptions = {}): ExactResult {
  const started = Date.now();
  const n = candidateCount(problem);
  const { weight, coverers } = mergeDemand(problem);
  const m = weight.length;
  const numCols = n + m;
  // Rows: one per demand class, the budget, then one per conflicting pair.
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  coverers.forEach((list, c) => {
    indices.push(n + c);
    values.push(1);
    for (const j of list) {
      indices.push(j);
      values.push(-1);
    }
    starts.push(indices.length);
    rowLower.push(-highs.infinity);
    rowUpper.push(0);
  });
  for (let j = 0; j < n; j++) {
    indices.push(j);
    values.push(1);
  }
  starts.push(indices.length);
  rowLower.push(-highs.infinity);
  rowUpper.push(problem.k);
  if (problem.conflictStarts && problem.conflictItems) {
    for (let a = 0; a < n; a++) {
      for (let p = problem.conflictStarts[a]; p < problem.conflictStarts[a + 1]; p++) {
        const b = problem.conflictItems[p];
        if (b <= a) continue;
        indices.push(a, b);
        values.push(1, 1);
        starts.push(indices.length);
        rowLower.push(-highs.infinity);
        rowUpper.push(1);
      }
    }
  }
  const numRows = rowLower.length;
  const colCost = new Float64Array(numCols);
  colCost.set(weight, n);
  const integrality = new Int32Array(numCols);
  integrality.fill(highs.constants.variableType.integer, 0, n);

  const model = highs.createModel({
    numCols,
    numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost,
    colLower: new Float64Array(numCols),
    colUpper: new Float64Array(numCols).fill(1),
    rowLower: new Float64Array(rowLower),
    rowUpper: new Float64Array(rowUpper),
    matrix: { format: 'csr', numRows, numCols, starts: new Int32Array(starts), indices: new Int32Array(indices), values: new Float64Array(values) },
    integrality,
  });
  try {
    model.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 1e-9, time_limit: options.timeLimitS ?? 30, random_seed: 0 });
    if (options.start && options.start.length) {
      const colValue = new Float64Array(numCols);
      for (const j of options.start) colValue[j] = 1;
      coverers.forEach((list, c) => {
        if (list.some((j) => colValue[j] === 1)) colValue[n + c] = 1;
      });
      model.setSolution({ colValue });
    }
    const callbacks = options.onProgress
      ? {
          [highs.constants.callbackType.mipLogging]: (event: { data: { mip_primal_bound?: number; mip_dual_bound?: number } }) => {
            options.onProgress?.(event.data.mip_primal_bound ?? 0, event.data.mip_dual_bound ?? Infinity);
            return undefined;
          },
        }
      : undefined;
    const run = model.run(callbacks);
    const codes = highs.constants.modelStatus;
    const status: ExactStatus = run.modelStatus === codes.optimal ? 'optimal' : run.modelStatus === codes.timeLimit ? 'timeLimit' : run.modelStatus === codes.interrupted ? 'interrupted' : 'other';
    const solution = model.getSolution();
    const chosen: number[] = [];
    for (let j = 0; j < n; j++) if (solution.colValue[j] > 0.5) chosen.push(j);
    const ranked = rankSites(problem, chosen);
    return { ...ranked, status, bound: status === 'optimal' ? ranked.covered : provedBound(model, ranked.covered), rows: numRows, cols: numCols, ms: Date.now() - started };
  } finally {
    model.dispose();
  }
}

/**
 * HiGHS's dual bound when it has proved one: finite, and not below the plan in hand (a value below
 * a feasible plan cannot bound the optimum). Otherwise null: the plan's own covered weight is no bound.
 */
function provedBound(model: { info: { get(name: string): unknown } }, covered: number): number | null {
  let dual: number;
  try {
    dual = Number(model.info.get('mip_dual_bound'));
  } catch {
    return null;
  }
  const tolerance = 1e-9 * Math.max(1, Math.abs(covered));
  return Number.isFinite(dual) && dual >= covered - tolerance ? Math.max(dual, covered) : null;
}
