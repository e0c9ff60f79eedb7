import { describe, expect, it } from 'vitest';
import { bestSlot, isoWeekday, profileIndex, rankedSlots, scheduleDrives } from '../../../web/src/planner/driveSchedule';

function profileWith(entries: [weekday: number, hour: number, value: number][]): number[] {
  const profile = new Array(7 * 24).fill(0);
  for (const [d, h, v] of entries) profile[profileIndex(d, h)] = v;
  return profile;
}

describe('drive timing', () => {
  it('finds the best run of consecutive hours', () => {
    const profile = profileWith([[3, 6, 2], [3, 7, 9], [3, 8, 8], [3, 9, 1], [5, 20, 10]]);
    expect(bestSlot(profile, 2)).toEqual({ weekday: 3, hourFrom: 7, hourTo: 9, score: 17 });
    // One hour: Friday 20 h (10) beats Wednesday 7 h (9).
    expect(bestSlot(profile, 1)).toEqual({ weekday: 5, hourFrom: 20, hourTo: 21, score: 10 });
    expect(bestSlot(new Array(168).fill(0), 3)).toBeNull();
  });

  it('knows ISO weekdays', () => {
    expect(isoWeekday('2026-12-01')).toBe(2);
    expect(isoWeekday('2026-12-06')).toBe(7);
  });

  it('never puts two drives at once: a clash moves to the next week', () => {
    // Both sites peak on Wednesday 08–10 h.
    const same = rankedSlots(profileWith([[3, 8, 5], [3, 9, 5]]), 2);
    const drives = scheduleDrives([same, same], 2, '2026-12-01');
    expect(drives.map((d) => [d.date, d.rank, d.hourFrom, d.hourTo])).toEqual([
      ['2026-12-02', 1, 8, 10],
      ['2026-12-09', 2, 8, 10],
    ]);
  });

  it('cycles through sites when there are more drives than sites, a week apart per site', () => {
    const a = rankedSlots(profileWith([[1, 10, 3]]), 1);
    const drives = scheduleDrives([a], 3, '2026-12-01');
    expect(drives.map((d) => d.date)).toEqual(['2026-12-07', '2026-12-14', '2026-12-21']);
  });
});
