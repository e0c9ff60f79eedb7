/**
 * Class breaks and colours for density legends. The palette is ColorBrewer YlOrRd (6 classes),
 * a sequential scheme that stays ordered for the common colour-vision deficiencies.
 */
export type Rgba = [number, number, number, number];

export const DENSITY_PALETTE: Rgba[] = [
  [255, 255, 178, 200],
  [254, 217, 118, 210],
  [254, 178, 76, 220],
  [253, 141, 60, 230],
  [240, 59, 32, 240],
  [189, 0, 38, 250],
];

/**
 * Upper bounds of each class, from quantiles of the values so every colour is used, rounded to
 * "nice" integers so the legend reads well. Strictly increasing; the last equals the maximum.
 */
export function quantileBreaks(values: ArrayLike<number>, classes = DENSITY_PALETTE.length): number[] {
  if (values.length === 0) return [];
  const sorted = Float64Array.from(values).sort();
  const max = sorted[sorted.length - 1];
  const breaks: number[] = [];
  for (let c = 1; c < classes; c++) {
    const v = niceCeil(sorted[Math.min(sorted.length - 1, Math.floor((c / classes) * sorted.length))]);
    if (v < max && (breaks.length === 0 || v > breaks[breaks.length - 1])) breaks.push(v);
  }
  breaks.push(Math.ceil(max));
  return breaks;
}

const NICE_STEPS = [1, 1.5, 2, 2.5, 3, 4, 5, 6, 8, 10];

/** Rounds up to a number a legend reads easily (1, 1.5, 2, 2.5, 3, 4, 5, 6, 8 × 10^k), or an integer below 10. */
export function niceCeil(value: number): number {
  if (value <= 10) return Math.max(1, Math.ceil(value));
  const magnitude = 10 ** Math.floor(Math.log10(value));
  for (const step of NICE_STEPS) if (step * magnitude >= value) return step * magnitude;
  return 10 * magnitude;
}

export function classOf(value: number, breaks: number[]): number {
  for (let i = 0; i < breaks.length; i++) if (value <= breaks[i]) return i;
  return breaks.length - 1;
}

/** Palette colours spread over however many classes the breaks produced. */
export function paletteFor(breaks: number[]): Rgba[] {
  const n = breaks.length;
  if (n === 0) return [];
  if (n === 1) return [DENSITY_PALETTE[DENSITY_PALETTE.length - 1]];
  return breaks.map((_, i) => DENSITY_PALETTE[Math.round((i * (DENSITY_PALETTE.length - 1)) / (n - 1))]);
}

/** RGBA bytes per value, ready to be a deck.gl colour attribute. */
export function colourValues(values: ArrayLike<number>, breaks: number[]): Uint8Array {
  const palette = paletteFor(breaks);
  const out = new Uint8Array(values.length * 4);
  for (let i = 0; i < values.length; i++) {
    const colour = palette[classOf(values[i], breaks)];
    out.set(colour, i * 4);
  }
  return out;
}

/** Legend rows "lower–upper" for the breaks. */
export function legendRanges(breaks: number[]): { from: number; to: number; colour: Rgba }[] {
  const palette = paletteFor(breaks);
  return breaks.map((to, i) => ({ from: i === 0 ? 1 : breaks[i - 1] + 1, to, colour: palette[i] }));
}
