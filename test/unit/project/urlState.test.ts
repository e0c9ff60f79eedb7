import { describe, expect, it } from 'vitest';
import { parseUrlHash, parseUrlState, urlStateToHash } from '../../../web/src/project/urlState';

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

describe('problems in the address', () => {
  it('a wrong hour window keeps the other parts and names the filter', () => {
    const { value, problems } = parseUrlHash('#map=11.50/23.12000/113.30000&h=25-3&d=1-5&layer=hexagons&metric=drivers&hex=500&src=pings');
    expect(value).toEqual({ view: { center: [113.3, 23.12], zoom: 11.5 }, mode: 'hexagons', metric: 'drivers', hexSizeM: 500, source: 'pings' });
    expect(problems).toEqual([{ store: 'url', field: 'filter', reason: 'hourFrom: hour out of range 0–23: 25' }]);
  });

  it('names each part that is present and bad, and says nothing of parts that are absent', () => {
    const { value, problems } = parseUrlHash('#map=99/23/113&h=7-30&d=1-5&layer=<script>&hex=333&src=users&metric=pings');
    expect(value).toEqual({ metric: 'pings' });
    expect(problems.map((p) => p.field)).toEqual(['view', 'filter', 'mode', 'hexSizeM', 'source']);
    expect(problems.every((p) => p.store === 'url')).toBe(true);
    expect(parseUrlHash('')).toEqual({ value: {}, problems: [] });
    expect(parseUrlHash('#layer=heatmap')).toEqual({ value: { mode: 'heatmap' }, problems: [] });
  });

  it('a window needs both hours and days; an empty map part is no place', () => {
    expect(parseUrlHash('#h=7-9').problems.map((p) => p.field)).toEqual(['filter']);
    expect(parseUrlHash('#d=1-5').problems.map((p) => p.field)).toEqual(['filter']);
    expect(parseUrlHash('#h=7-9&d=0-3').problems[0].reason).toContain('0-3');
    expect(parseUrlHash('#map=//').value).toEqual({});
    expect(parseUrlHash('#map=12/23').problems.map((p) => p.field)).toEqual(['view']);
  });
});
