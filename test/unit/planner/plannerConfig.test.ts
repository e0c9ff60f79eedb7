/** Plan settings checked by one schema: the CLI, a plan run and a stored project say the same thing. */
import { describe, expect, it } from 'vitest';
import { reachRadiusM } from '../../../web/src/coverage/travelModes';
import { selectedHours } from '../../../web/src/density/densityFilter';
import { planSettingsFromArgs } from '../../../web/src/planner/planArgs';
import { checkPlanSettings, planSchema, planSettingsSchema, validPlanSettings } from '../../../web/src/planner/plannerConfig';
import { defaultPlanSettings, type PlanSettings } from '../../../web/src/planner/planSettings';

const messageOf = (f: () => unknown) => {
  try {
    f();
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

describe('plan settings from the command line', () => {
  it('a bad --k gives the message a plan run gave before', () => {
    expect(messageOf(() => planSettingsFromArgs(['--k', '0']))).toBe('k must be a whole number 1–200: 0');
    expect(messageOf(() => planSettingsFromArgs(['--k', '2.5']))).toBe('k must be a whole number 1–200: 2.5');
    expect(messageOf(() => planSettingsFromArgs(['--k', '201']))).toBe('k must be a whole number 1–200: 201');
    expect(() => planSettingsFromArgs(['--k', '0'])).toThrow(RangeError);
    // Flag parsing errors are as they were.
    expect(messageOf(() => planSettingsFromArgs(['--k', 'many']))).toBe('--k: expected a number, got "many"');
    expect(messageOf(() => planSettingsFromArgs(['--k']))).toBe('--k: missing value');
  });

  it('every other range gives its old message', () => {
    const cases: [string[], string][] = [
      [['--cell', '50'], 'cell size must be 100–5000 m: 50'],
      [['--spacing', '-1'], 'minimum spacing must be ≥ 0: -1'],
      [['--drives', '201'], 'drives must be a whole number 0–200: 201'],
      [['--start', '1 Dec'], 'start date must be YYYY-MM-DD: 1 Dec'],
      [['--drive-hours', '13'], 'drive length must be 1–12 hours: 13'],
    ];
    for (const [args, message] of cases) expect(messageOf(() => planSettingsFromArgs(args))).toBe(message);
  });

  it('reach and hours fail with the messages the plan run threw for them (reachRadiusM, selectedHours)', () => {
    const run = (reach: Partial<PlanSettings['reach']>) => messageOf(() => reachRadiusM({ ...defaultPlanSettings().reach, ...reach }));
    expect(messageOf(() => planSettingsFromArgs(['--speed', '-1']))).toBe(run({ speedKmh: -1 }));
    expect(messageOf(() => planSettingsFromArgs(['--minutes', '45']))).toBe(run({ minutes: 45 }));
    expect(messageOf(() => planSettingsFromArgs(['--detour', '0.5']))).toBe(run({ detourFactor: 0.5 }));
    expect(messageOf(() => planSettingsFromArgs(['--hours', '7-30']))).toBe(messageOf(() => selectedHours({ hourFrom: 7, hourTo: 30, weekdays: [1] })));
    expect(messageOf(() => planSettingsFromArgs(['--speed', '500']))).toBe('speed must be at most 200 km/h: 500');
    expect(messageOf(() => planSettingsFromArgs(['--exclude', '[[[113.3, 23.1]]]']))).toMatch(/^exclusions must be/);
  });

  it('good flags still give the same settings', () => {
    expect(planSettingsFromArgs([]).settings).toEqual(defaultPlanSettings());
    expect(planSettingsFromArgs(['--k', '3', '--weekdays', '6-7', '--hours', '22-5']).settings).toEqual(defaultPlanSettings({ k: 3, filter: { hourFrom: 22, hourTo: 5, weekdays: [6, 7] } }));
  });
});

describe('checkPlanSettings (what runPlan calls)', () => {
  it('passes the defaults, and refuses with the first failing check', () => {
    expect(() => checkPlanSettings(defaultPlanSettings())).not.toThrow();
    expect(messageOf(() => checkPlanSettings(defaultPlanSettings({ k: 0, driveHours: 0 })))).toBe('k must be a whole number 1–200: 0');
    expect(messageOf(() => checkPlanSettings({ ...defaultPlanSettings(), k: 'eight' } as unknown as PlanSettings))).toBe('k must be a whole number 1–200: eight');
    expect(messageOf(() => checkPlanSettings({ ...defaultPlanSettings(), solver: 'magic' } as unknown as PlanSettings))).toBe('solver must be one of greedy, exact: magic');
  });

  it('tidies weekdays (the same days) and keeps every other setting', () => {
    const settings = defaultPlanSettings({ filter: { hourFrom: 0, hourTo: 23, weekdays: [7, 1, 1] } });
    expect(validPlanSettings(settings)).toEqual({ ...settings, filter: { hourFrom: 0, hourTo: 23, weekdays: [1, 7] } });
    expect(planSettingsSchema.safeParse(defaultPlanSettings()).success).toBe(true);
  });

  it('the plan schema wants version 1', () => {
    expect(planSchema.safeParse({ version: 2 }).success).toBe(false);
  });
});
