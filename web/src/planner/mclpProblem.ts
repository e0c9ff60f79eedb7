/**
 * A maximal-covering location problem (MCLP) in compact form: demand weights, and for every
 * candidate site the demand it covers, as a compressed sparse row (CSR) structure. Typed arrays
 * throughout, so an instance of 50 k demand cells × 20 k candidates moves to a worker in one copy.
 *
 * Existing stations are "fixed" by the demand: the caller either drops the demand they already
 * cover (the default: plan for the gaps) or keeps it (plan from scratch).
 */
export interface MclpProblem {
  /** Weight of each demand unit (drivers, pings or heat weight). */
  weights: Float64Array;
  /** Candidate j covers demand coverItems[coverStarts[j] .. coverStarts[j + 1]). */
  coverStarts: Uint32Array;
  coverItems: Uint32Array;
  /** How many sites to choose. */
  k: number;
  /**
   * Candidates too close to each other to both be chosen (minimum spacing), in the same CSR form:
   * candidate j conflicts with conflictItems[conflictStarts[j] .. conflictStarts[j + 1]).
   */
  conflictStarts?: Uint32Array;
  conflictItems?: Uint32Array;
}

export interface MclpSolution {
  /** Chosen candidates, best first (each adds the most of what is left). */
  sites: number[];
  /** Weight newly covered by each site, given the sites before it. */
  gains: number[];
  /** Total covered weight. */
  covered: number;
}

export function candidateCount(problem: MclpProblem): number {
  return problem.coverStarts.length - 1;
}

/** Builds a CSR structure from a list per row. */
export function toCsr(lists: readonly (readonly number[])[]): { starts: Uint32Array; items: Uint32Array } {
  const starts = new Uint32Array(lists.length + 1);
  for (let j = 0; j < lists.length; j++) starts[j + 1] = starts[j] + lists[j].length;
  const items = new Uint32Array(starts[lists.length]);
  lists.forEach((list, j) => items.set(list, starts[j]));
  return { starts, items };
}

/** The covered weight of a set of sites, and each site's gain in the given order. */
export function evaluateSites(problem: MclpProblem, sites: readonly number[]): MclpSolution {
  const covered = new Uint8Array(problem.weights.length);
  const gains: number[] = [];
  let total = 0;
  for (const j of sites) {
    let gain = 0;
    for (let p = problem.coverStarts[j]; p < problem.coverStarts[j + 1]; p++) {
      const i = problem.coverItems[p];
      if (!covered[i]) {
        covered[i] = 1;
        gain += problem.weights[i];
      }
    }
    gains.push(gain);
    total += gain;
  }
  return { sites: [...sites], gains, covered: total };
}

/**
 * Orders a chosen set for presentation: repeatedly the site that adds the most given those
 * already listed (ties to the lower index), so "marginal gain over the sites above" is meaningful
 * for an exact solution as well as a greedy one.
 */
export function rankSites(problem: MclpProblem, sites: readonly number[]): MclpSolution {
  const left = [...sites].sort((a, b) => a - b);
  const covered = new Uint8Array(problem.weights.length);
  const order: number[] = [];
  while (left.length) {
    let best = -1;
    let bestGain = -1;
    for (const [slot, j] of left.entries()) {
      let gain = 0;
      for (let p = problem.coverStarts[j]; p < problem.coverStarts[j + 1]; p++) if (!covered[problem.coverItems[p]]) gain += problem.weights[problem.coverItems[p]];
      if (gain > bestGain) {
        bestGain = gain;
        best = slot;
      }
    }
    const [j] = left.splice(best, 1);
    order.push(j);
    for (let p = problem.coverStarts[j]; p < problem.coverStarts[j + 1]; p++) covered[problem.coverItems[p]] = 1;
  }
  return evaluateSites(problem, order);
}

/** True when no two of the sites conflict (minimum spacing holds). */
export function respectsSpacing(problem: MclpProblem, sites: readonly number[]): boolean {
  if (!problem.conflictStarts || !problem.conflictItems) return true;
  const chosen = new Set(sites);
  for (const j of sites) {
    for (let p = problem.conflictStarts[j]; p < problem.conflictStarts[j + 1]; p++) if (chosen.has(problem.conflictItems[p])) return false;
  }
  return true;
}
