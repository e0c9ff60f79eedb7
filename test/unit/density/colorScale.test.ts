import { describe, expect, it } from 'vitest';
import { classOf, colourValues, DENSITY_PALETTE, legendRanges, niceCeil, quantileBreaks } from '../../../web/src/density/colorScale';

describe('density colour scale', () => {
  it('rounds up to nice numbers', () => {
    expect([0.2, 3.1, 10, 11, 150, 201, 999, 1000, 1001].map(niceCeil)).toEqual([1, 4, 10, 15, 150, 250, 1000, 1000, 1500]);
  });

  it('breaks 1..600 into increasing classes ending at the maximum', () => {
    const values = Array.from({ length: 600 }, (_, i) => i + 1);
    const breaks = quantileBreaks(values);
    expect(breaks[breaks.length - 1]).toBe(600);
    for (let i = 1; i < breaks.length; i++) expect(breaks[i]).toBeGreaterThan(breaks[i - 1]);
    expect(breaks.length).toBeGreaterThanOrEqual(4);
  });

  it('collapses classes for constant data and colours by class', () => {
    expect(quantileBreaks([5, 5, 5])).toEqual([5]);
    const breaks = [10, 100];
    expect(classOf(3, breaks)).toBe(0);
    expect(classOf(10, breaks)).toBe(0);
    expect(classOf(11, breaks)).toBe(1);
    const colours = colourValues([3, 50], breaks);
    expect(Array.from(colours.slice(0, 4))).toEqual(DENSITY_PALETTE[0]);
    expect(Array.from(colours.slice(4, 8))).toEqual(DENSITY_PALETTE[DENSITY_PALETTE.length - 1]);
    expect(legendRanges(breaks).map(({ from, to }) => [from, to])).toEqual([[1, 10], [11, 100]]);
  });
});
