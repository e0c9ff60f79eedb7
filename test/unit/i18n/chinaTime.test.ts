import { describe, expect, it } from 'vitest';
import { chinaDate, chinaFileStamp } from '../../../web/src/i18n/chinaTime';
import { defaultPlanSettings } from '../../../web/src/planner/planSettings';

// 2026-12-02 06:49 in Guangzhou is 2026-12-01 22:49 UTC.
const EARLY_MORNING_IN_GUANGZHOU = Date.UTC(2026, 11, 1, 22, 49);

describe('dates in China Standard Time', () => {
  it('the default first drive at 06:49 on 2 December in Guangzhou is 2 December, not the UTC date', () => {
    expect(new Date(EARLY_MORNING_IN_GUANGZHOU).toISOString().slice(0, 10)).toBe('2026-12-01');
    expect(defaultPlanSettings({}, EARLY_MORNING_IN_GUANGZHOU).startDate).toBe('2026-12-02');
    expect(chinaDate(EARLY_MORNING_IN_GUANGZHOU)).toBe('2026-12-02');
  });

  it('turns over at midnight in Guangzhou (16:00 UTC)', () => {
    expect(chinaDate(Date.UTC(2026, 11, 2, 15, 59, 59))).toBe('2026-12-02');
    expect(chinaDate(Date.UTC(2026, 11, 2, 16, 0, 0))).toBe('2026-12-03');
    expect(chinaFileStamp(Date.UTC(2026, 11, 31, 16, 0, 5))).toBe('2027-01-01-00-00-05');
  });
});
