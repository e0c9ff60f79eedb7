import { describe, expect, it } from 'vitest';
import { readyStore, until, type Ping } from './harness';

const pings: Ping[] = [];
// 2026-11-30 is a Monday: day d of the week is ISO weekday d + 1.
const day = (d: number) => new Date(Date.UTC(2026, 10, 30 + d)).toISOString().slice(0, 10);
for (let d = 0; d < 7; d++)
  for (const hour of [3, 7, 8, 9, 18])
    for (let driver = 1; driver <= 3; driver++) if ((driver + d + hour) % 4 !== 0) pings.push({ driver, ts: `${day(d)} ${String(hour).padStart(2, '0')}:15:00`, lon: 113.3 + driver / 100, lat: 23.1 });

/** The pings and distinct drivers a filter keeps, counted here without SQL. */
function bruteForce(hourFrom: number, hourTo: number, weekdays: number[]) {
  const kept = pings.filter((p) => {
    const d = new Date(`${p.ts.replace(' ', 'T')}Z`);
    const hour = d.getUTCHours();
    const isoDay = ((d.getUTCDay() + 6) % 7) + 1;
    const inHours = hourFrom <= hourTo ? hour >= hourFrom && hour <= hourTo : hour >= hourFrom || hour <= hourTo;
    return inHours && weekdays.includes(isoDay);
  });
  return { pings: kept.length, drivers: new Set(kept.map((p) => p.driver)).size };
}

describe('density slice and its reaction', () => {
  it('re-aggregates when the filter changes, and the totals match a count by hand', async () => {
    const { store } = await readyStore(pings, []);
    const density = () => store.getState().density;
    await until(() => density().revision > 0, 'the first aggregate');
    expect(density().totals).toEqual(bruteForce(0, 23, [1, 2, 3, 4, 5, 6, 7]));
    for (const [from, to, days] of [[7, 9, [1, 2, 3, 4, 5]], [18, 3, [6, 7]], [8, 8, [3]]] as const) {
      const revision = density().revision;
      density().setFilter({ hourFrom: from, hourTo: to, weekdays: [...days] });
      await until(() => density().revision > revision, `the aggregate for ${from}-${to}`);
      expect(density().totals).toEqual(bruteForce(from, to, [...days]));
    }
  });

  it('writes the filter into the address and schedules an autosave', async () => {
    const { store, fakes } = await readyStore(pings, []);
    const timers = fakes.timers.length;
    store.getState().density.setFilter({ hourFrom: 7, hourTo: 9, weekdays: [1, 2, 3, 4, 5] });
    expect(fakes.hashes.at(-1)).toContain('h=7-9&d=1-5');
    expect(fakes.timers.length).toBeGreaterThan(timers);
    expect(fakes.timers.at(-1)!.ms).toBe(800);
  });

  it('a link opens with its filters over the defaults', async () => {
    const { store } = await readyStore(pings, [], { url: { filter: { hourFrom: 22, hourTo: 5, weekdays: [6, 7] }, mode: 'hexagons', hexSizeM: 1000 } });
    expect(store.getState().density).toMatchObject({ filter: { hourFrom: 22, hourTo: 5, weekdays: [6, 7] }, mode: 'hexagons', hexSizeM: 1000, metric: 'drivers' });
  });
});
