import { describe, expect, it } from 'vitest';
import { MESSAGES, translate } from '../../../web/src/i18n/messages';

describe('UI messages', () => {
  it('has every key in both languages, non-empty', () => {
    const zh = Object.keys(MESSAGES['zh-CN']).sort();
    const en = Object.keys(MESSAGES.en).sort();
    expect(en).toEqual(zh);
    for (const locale of ['zh-CN', 'en'] as const) for (const value of Object.values(MESSAGES[locale])) expect(value.trim()).not.toBe('');
  });

  it('is Chinese by default in content and fills parameters', () => {
    expect(MESSAGES['zh-CN'].appTitle).toMatch(/[\u4e00-\u9fff]/);
    expect(translate('en', 'legendHex', { metric: 'Drivers' })).toBe('Drivers per hexagon');
    expect(translate('zh-CN', 'legendHex', { metric: '司机人数' })).toBe('每个六边形的司机人数');
    expect(MESSAGES.en.weekdayNames.split(',')).toHaveLength(7);
    expect(MESSAGES['zh-CN'].weekdayNames.split(',')).toHaveLength(7);
  });
});
