import { describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import { columnName, writeXlsx } from '../../../web/src/export/xlsxWriter';
import { planCommand, planSettingsFromArgs, planSettingsToArgs } from '../../../web/src/planner/planArgs';
import { defaultPlanSettings } from '../../../web/src/planner/planSettings';
import { planToCsv, planToGeoJson, planToXlsx, slotLabel } from '../../../web/src/planner/planExport';
import type { Plan } from '../../../web/src/planner/planModel';

describe('plan settings as command-line arguments', () => {
  it('round-trips every setting the app can change', () => {
    const settings = defaultPlanSettings({
      k: 5,
      filter: { hourFrom: 22, hourTo: 5, weekdays: [1, 2, 3, 4, 5, 7] },
      measure: 'pings',
      nonMembersOnly: false,
      uncoveredOnly: false,
      reach: { mode: 'walk', speedKmh: 5.5, minutes: 20, detourFactor: 1.4 },
      cellSizeM: 1000,
      candidates: 'venues',
      minSpacingM: 0,
      exclusions: [[[113.3, 23.1], [113.4, 23.1], [113.4, 23.2], [113.3, 23.1]]],
      solver: 'exact',
      exactTimeLimitS: 10,
      drives: 12,
      startDate: '2027-01-04',
      driveHours: 2,
    });
    const args = planSettingsToArgs(settings);
    expect(args).toContain('1-5,7');
    expect(planSettingsFromArgs(args).settings).toEqual(settings);
    expect(planSettingsFromArgs(planSettingsToArgs(defaultPlanSettings())).settings).toEqual(defaultPlanSettings());
  });

  it('passes file flags through and rejects bad values by name', () => {
    expect(planSettingsFromArgs(['--k', '3', '--csv', 'out.csv', '--lang', 'en']).rest).toEqual({ csv: 'out.csv', lang: 'en' });
    expect(() => planSettingsFromArgs(['--mode', 'bike'])).toThrow('--mode: expected one of walk, ebike, drive, got "bike"');
    expect(() => planSettingsFromArgs(['--k', 'many'])).toThrow('--k: expected a number');
    expect(() => planSettingsFromArgs(['--weekdays', '0-3'])).toThrow('--weekdays');
  });

  it('quotes the command for a shell', () => {
    const command = planCommand(defaultPlanSettings({ exclusions: [[[1, 2], [3, 4], [5, 6]]] }));
    expect(command.startsWith('npm run plan -- --k 8 ')).toBe(true);
    expect(command).toContain(`--exclude '[[[1,2],[3,4],[5,6]]]'`);
  });
});

const site = (rank: number, name: string) => ({
  id: `venue:${rank}`,
  name,
  kind: 'venue' as const,
  lon: 113.3 + rank / 100,
  lat: 23.1,
  rank,
  district: '天河区',
  gain: 10 / rank,
  drivers: 20,
  newDrivers: 10 / rank,
  pings: 300,
  newPings: 100,
  bestSlot: { weekday: 3, hourFrom: 7, hourTo: 10, score: 12 },
  profile: [],
  why: [{ lon: 113.31, lat: 23.12, district: '天河区', value: 5 }],
});

const plan: Plan = {
  version: 1,
  settings: defaultPlanSettings({ k: 2 }),
  measure: 'drivers',
  radiusM: 2885,
  counts: { demandCells: 10, candidates: 4, excluded: 0 },
  demand: { drivers: 40, pings: 900, weight: 900, measureTotal: 40 },
  reached: { drivers: 15, measure: 15 },
  solver: { kind: 'greedy', greedyCovered: 15, greedyMs: 1 },
  sites: [site(1, '物流园, "北门"'), site(2, '<img src=x onerror=alert(1)>')],
  schedule: [{ drive: 1, rank: 1, date: '2026-12-02', weekday: 3, hourFrom: 7, hourTo: 10, score: 12 }],
};

describe('plan exports', () => {
  it('writes a CSV with Chinese headers, quoting, the best slot and the why', () => {
    const lines = planToCsv(plan, 'zh-CN').replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0]).toBe('排名,地点,类型,区,经度,纬度,覆盖司机,新增司机,覆盖定位点,目标增益,最佳时段,原因（新增最多的网格）');
    expect(lines[1]).toBe('1,"物流园, ""北门""",场地,天河区,113.31,23.1,20,10,300,10,周三 07:00–10:00,"天河区 (113.3100, 23.1200) 5"');
    expect(lines).toHaveLength(3);
    expect(slotLabel(plan.sites[0].bestSlot, 'en')).toBe('Wed 07:00–10:00');
  });

  it('writes GeoJSON points with the drives of each site', () => {
    const geo = JSON.parse(planToGeoJson(plan));
    expect(geo.features[0].geometry.coordinates).toEqual([113.31, 23.1]);
    expect(geo.features[0].properties.drives).toHaveLength(1);
    expect(geo.features[1].properties.drives).toHaveLength(0);
  });

  it('writes an XLSX workbook with the plan and schedule sheets, text escaped', () => {
    const files = unzipSync(planToXlsx(plan, 'zh-CN'));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'xl/_rels/workbook.xml.rels', 'xl/workbook.xml', 'xl/worksheets/sheet1.xml', 'xl/worksheets/sheet2.xml']);
    expect(strFromU8(files['xl/workbook.xml'])).toContain('<sheet name="入会活动方案" sheetId="1" r:id="rId1"/>');
    const sheet = strFromU8(files['xl/worksheets/sheet1.xml']);
    expect(sheet).toContain('<c r="A2"><v>1</v></c>');
    expect(sheet).toContain('<c r="B3" t="inlineStr"><is><t xml:space="preserve">&lt;img src=x onerror=alert(1)&gt;</t></is></c>');
    expect(sheet).not.toContain('<img');
    expect(strFromU8(files['xl/worksheets/sheet2.xml'])).toContain('2026-12-02');
  });

  it('names spreadsheet columns past Z and is byte-stable', () => {
    expect([0, 25, 26, 701, 702].map(columnName)).toEqual(['A', 'Z', 'AA', 'ZZ', 'AAA']);
    const rows = [['a', 1, null, true]];
    expect(writeXlsx([{ name: 's', rows }])).toEqual(writeXlsx([{ name: 's', rows }]));
  });
});

describe('CSV cells that a spreadsheet would run', () => {
  it('defuses formulas in text but keeps numbers and negative numbers as they are', async () => {
    const { toCsv } = await import('../../../web/src/export/csvWriter');
    const csv = toCsv(['v'], [['=HYPERLINK("http://x","y")'], ['+1+1'], ['@SUM(A1)'], ['-cmd'], ['-1.5'], [-2], ['普通站点']]);
    expect(csv.split('\r\n').slice(1, -1)).toEqual([`"'=HYPERLINK(""http://x"",""y"")"`, `'+1+1`, `'@SUM(A1)`, `'-cmd`, '-1.5', '-2', '普通站点']);
  });
});
