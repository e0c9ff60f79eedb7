import { describe, expect, it } from 'vitest';
import { parseUrlState, urlStateToHash } from '../../../web/src/project/urlState';

describe('view and filters in the address', () => {
  it('round-trips, weekdays as ranges, and a window across midnight', () => {
    const state = { view: { center: [113.30001, 23.12] as [number, number], zoom: 11.5 }, filter: { hourFrom: 22, hourTo: 5, weekdays: [1, 2, 3, 4, 5, 7] }, mode: 'hexagons' as const, metric: 'drivers' as const, hexSizeM: 1000, source: 'pings' as const };
    const hash = urlStateToHash(state);
    expect(hash).toBe('#map=11.50/23.12000/113.30001&h=22-5&d=1-5,7&layer=hexagons&metric=drivers&hex=1000&src=pings');
    expect(parseUrlState(hash)).toEqual(state);
    expect(parseUrlState(urlStateToHash({ ...state, filter: { hourFrom: 0, hourTo: 23, weekdays: [] } })).filter).toEqual({ hourFrom: 0, hourTo: 23, weekdays: [] });
  });

  it('ignores what is malformed instead of guessing', () => {
    expect(parseUrlState('#map=99/23/113&h=7-30&d=1-5&layer=<script>&hex=333&src=users')).toEqual({});
    expect(parseUrlState('')).toEqual({});
    expect(parseUrlState('#h=7-9&d=0-3')).toEqual({});
    expect(parseUrlState('#layer=heatmap&metric=pings')).toEqual({ mode: 'heatmap', metric: 'pings' });
  });
});
