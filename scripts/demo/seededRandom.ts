/** A small, fast, seeded PRNG (mulberry32) so the demo data is identical on every machine. */
export interface Random {
  (): number;
  uniform(min: number, max: number): number;
  normal(mean: number, sd: number): number;
  int(minInclusive: number, maxExclusive: number): number;
  weightedIndex(weights: readonly number[]): number;
}

export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  const next = (() => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Random;
  next.uniform = (min, max) => min + (max - min) * next();
  // Box–Muller; one of the pair is discarded to keep the state sequence simple.
  next.normal = (mean, sd) => mean + sd * Math.sqrt(-2 * Math.log(1 - next())) * Math.cos(2 * Math.PI * next());
  next.int = (min, max) => min + Math.floor(next() * (max - min));
  next.weightedIndex = (weights) => {
    let total = 0;
    for (const w of weights) total += w;
    let r = next() * total;
    for (let i = 0; i < weights.length; i++) {
      r -= weights[i];
      if (r < 0) return i;
    }
    return weights.length - 1;
  };
  return next;
}
