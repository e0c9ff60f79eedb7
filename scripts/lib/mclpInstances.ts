/** Small MCLP instances for tests: hand-made ones and seeded random spatial ones. */
import { toCsr, type MclpProblem } from '../../web/src/planner/mclpProblem';
import { coverSets, spacingConflicts } from '../../web/src/planner/coverSets';
import { fromLocalMetres } from '../../web/src/density/localProjection';

export function problemOf(weights: number[], covers: number[][], k: number, conflicts?: number[][]): MclpProblem {
  const cover = toCsr(covers);
  const conflict = conflicts ? toCsr(conflicts) : undefined;
  return { weights: Float64Array.from(weights), coverStarts: cover.starts, coverItems: cover.items, k, conflictStarts: conflict?.starts, conflictItems: conflict?.items };
}

/** Mulberry32: a tiny seeded generator, so every run sees the same instances. */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Demand clustered around hubs in a square of `extentM` (as freight demand is: 4 hubs per 10 km),
 * candidates spread over it, cover within `radiusM`: the shape of the real problem.
 */
export function randomSpatialProblem(seed: number, demandCount: number, candidateCount: number, k: number, radiusM = 1500, spacingM = 0, extentM = 10_000): MclpProblem {
  const random = seeded(seed);
  const scale = extentM / 10_000;
  const hubs = Array.from({ length: Math.max(4, Math.round(4 * scale)) }, () => [random() * extentM, random() * extentM]);
  const demand = { lon: new Float64Array(demandCount), lat: new Float64Array(demandCount) };
  const weights = new Float64Array(demandCount);
  for (let i = 0; i < demandCount; i++) {
    const hub = hubs[Math.floor(random() * hubs.length)];
    const spread = random() < 0.7 ? 1200 : 5000 * Math.sqrt(scale);
    const [lon, lat] = fromLocalMetres(hub[0] + (random() - 0.5) * spread, hub[1] + (random() - 0.5) * spread);
    demand.lon[i] = lon;
    demand.lat[i] = lat;
    weights[i] = 1 + Math.floor(random() * 20);
  }
  const candidates = { lon: new Float64Array(candidateCount), lat: new Float64Array(candidateCount) };
  for (let j = 0; j < candidateCount; j++) {
    const [lon, lat] = fromLocalMetres(random() * extentM, random() * extentM);
    candidates.lon[j] = lon;
    candidates.lat[j] = lat;
  }
  const cover = coverSets(demand, candidates, radiusM);
  const conflict = spacingConflicts(candidates, spacingM);
  return { weights, coverStarts: cover.starts, coverItems: cover.items, k, conflictStarts: conflict.starts, conflictItems: conflict.items };
}

/** The optimum by enumerating every set of at most k candidates (tiny instances only). */
export function bruteForceOptimum(problem: MclpProblem): number {
  const n = problem.coverStarts.length - 1;
  let best = 0;
  const chosen: number[] = [];
  const conflicts = (a: number, b: number) => {
    if (!problem.conflictStarts || !problem.conflictItems) return false;
    for (let p = problem.conflictStarts[a]; p < problem.conflictStarts[a + 1]; p++) if (problem.conflictItems[p] === b) return true;
    return false;
  };
  const visit = (from: number) => {
    const covered = new Set<number>();
    for (const j of chosen) for (let p = problem.coverStarts[j]; p < problem.coverStarts[j + 1]; p++) covered.add(problem.coverItems[p]);
    let total = 0;
    for (const i of covered) total += problem.weights[i];
    best = Math.max(best, total);
    if (chosen.length === problem.k) return;
    for (let j = from; j < n; j++) {
      if (chosen.some((c) => conflicts(c, j))) continue;
      chosen.push(j);
      visit(j + 1);
      chosen.pop();
    }
  };
  visit(0);
  return best;
}
