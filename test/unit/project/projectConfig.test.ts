import { describe, expect, expectTypeOf, it } from 'vitest';
import fc from 'fast-check';
import { z } from 'zod';
import { translate } from '../../../web/src/i18n/messages';
import {
  defaultProjectState,
  describeStoredProblem,
  parseProjectManifestState,
  parseStoredState,
  projectStateSchema,
  readStoredKey,
  parseUrlHash,
  type ProjectState,
  type StoredProblem,
} from '../../../web/src/project/projectConfig';
import type { ReachSettings } from '../../../web/src/coverage/travelModes';
import type { DensityFilter } from '../../../web/src/density/densityFilter';
import type { Plan } from '../../../web/src/planner/planModel';
import type { PlanSettings } from '../../../web/src/planner/planSettings';
import type { EditHistory } from '../../../web/src/stations/stationEdits';
import type { ImportReport } from '../../../web/src/ingest/runImport';
import type { SavedQuery } from '../../../web/src/sql/queryLibrary';
import { customState, editedJson } from './fixtures/storedFixtures';

/** Everything but `field` (top-level) equal to `expected`. */
function expectKeptExcept(actual: ProjectState, expected: ProjectState, ...fields: (keyof ProjectState)[]) {
  const strip = (s: ProjectState) => Object.fromEntries(Object.entries(s).filter(([k]) => !fields.includes(k as keyof ProjectState)));
  expect(strip(actual)).toEqual(strip(expected));
}

const fieldsOf = (problems: StoredProblem[]) => problems.map((p) => p.field);

describe('the project state schema', () => {
  it('is the shape the app passes around (the named types of each capability)', () => {
    expectTypeOf<ProjectState['reach']>().toEqualTypeOf<ReachSettings>();
    expectTypeOf<ProjectState['filter']>().toEqualTypeOf<DensityFilter>();
    expectTypeOf<ProjectState['stationHistory']>().toEqualTypeOf<EditHistory>();
    expectTypeOf<ProjectState['savedQueries']>().toEqualTypeOf<SavedQuery[]>();
    // Plan, PlanSettings and ImportReport are interfaces elsewhere: the schema's types must be interchangeable with them.
    expectTypeOf<Plan | null>().toExtend<ProjectState['plan']>();
    expectTypeOf<ProjectState['plan']>().toExtend<Plan | null>();
    expectTypeOf<PlanSettings>().toExtend<ProjectState['planSettings']>();
    expectTypeOf<ProjectState['planSettings']>().toExtend<PlanSettings>();
    expectTypeOf<ImportReport[]>().toExtend<ProjectState['importReports']>();
    expectTypeOf<ProjectState['importReports']>().toExtend<ImportReport[]>();
  });

  it('round-trips the defaults, and a state unlike them, with no problem', () => {
    for (const state of [defaultProjectState(), customState()]) {
      const viaJson = JSON.parse(JSON.stringify(state));
      for (const where of ['file', 'snapshot'] as const) {
        expect(parseStoredState(projectStateSchema, viaJson, defaultProjectState(), where)).toEqual({ value: state, problems: [] });
        expect(parseProjectManifestState(viaJson, where)).toEqual({ value: state, problems: [] });
      }
    }
  });
});

describe('a hand-edited project file state', () => {
  const defaults = defaultProjectState();

  it('state {}: every field its default; fields every file has had are reported missing, later ones are not', () => {
    const { value, problems } = parseProjectManifestState({}, 'file');
    expect(value).toEqual(defaults);
    expect(problems.every((p) => p.store === 'file' && p.reason === 'missing')).toBe(true);
    expect(fieldsOf(problems).sort()).toEqual(
      ['view', 'filter', 'source', 'mode', 'metric', 'hexSizeM', 'overlays', 'reach', 'coverageEnabled', 'stationHistory', 'planSettings', 'plan', 'demoData'].sort(),
    );
  });

  it('a file from before saved queries, import reports and the import log: defaulted, no problem', () => {
    const raw = editedJson((s) => {
      delete s.savedQueries;
      delete s.importReports;
      delete s.importsThrough;
    });
    const { value, problems } = parseProjectManifestState(raw, 'file');
    expect(problems).toEqual([]);
    expectKeptExcept(value, customState(), 'savedQueries', 'importReports', 'importsThrough');
    expect([value.savedQueries, value.importReports, value.importsThrough]).toEqual([[], [], 0]);
  });

  it('filter null: the filter is the default window, the rest is kept exactly', () => {
    const { value, problems } = parseProjectManifestState(editedJson((s) => (s.filter = null)), 'file');
    expect(value.filter).toEqual(defaults.filter);
    expectKeptExcept(value, customState(), 'filter');
    expect(problems).toEqual([{ store: 'file', field: 'filter', reason: expect.stringContaining('expected object') }]);
  });

  it('reach.speedKmh -1: only the speed falls back, the mode, minutes and detour stay', () => {
    const { value, problems } = parseProjectManifestState(editedJson((s) => ((s.reach as ReachSettings).speedKmh = -1)), 'file');
    expect(value.reach).toEqual({ ...customState().reach, speedKmh: defaults.reach.speedKmh });
    expectKeptExcept(value, customState(), 'reach');
    expect(problems).toEqual([{ store: 'file', field: 'reach.speedKmh', reason: 'speed must be positive: -1' }]);
  });

  it('a bad station edit: the history is reset as a whole (edits replay in order), the rest kept', () => {
    const raw = editedJson((s) => {
      const history = s.stationHistory as { done: unknown[] };
      history.done[1] = { type: 'move', id: 'N1', from: { lon: 113.3, lat: 23.1 }, to: { lon: 'east', lat: 23.11 } };
    });
    const { value, problems } = parseProjectManifestState(raw, 'file');
    expect(value.stationHistory).toEqual({ done: [], undone: [] });
    expectKeptExcept(value, customState(), 'stationHistory');
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatchObject({ store: 'file', field: 'stationHistory' });
    expect(problems[0].reason).toContain('done.1.to.lon');
    // An edit of a type the app does not know is refused too, not replayed as something else.
    const unknownType = parseProjectManifestState(editedJson((s) => ((s.stationHistory as { undone: unknown[] }).undone = [{ type: 'teleport', id: 'N1' }])), 'file');
    expect(unknownType.value.stationHistory).toEqual({ done: [], undone: [] });
    expect(fieldsOf(unknownType.problems)).toEqual(['stationHistory']);
  });

  it('several bad fields at once: each falls back alone and each is named', () => {
    const raw = editedJson((s) => {
      s.filter = null;
      (s.reach as ReachSettings).speedKmh = -1;
      (s.planSettings as PlanSettings).k = 0;
      (s.overlays as Record<string, unknown>).labels = 'yes';
      s.hexSizeM = 333;
      s.mode = 'globe';
    });
    const { value, problems } = parseProjectManifestState(raw, 'file');
    expect(fieldsOf(problems).sort()).toEqual(['filter', 'hexSizeM', 'mode', 'overlays.labels', 'planSettings.k', 'reach.speedKmh']);
    expect(problems.find((p) => p.field === 'planSettings.k')?.reason).toBe('k must be a whole number 1–200: 0');
    expect(value.planSettings).toEqual({ ...customState().planSettings, k: defaults.planSettings.k });
    expect(value.overlays).toEqual({ ...customState().overlays, labels: defaults.overlays.labels });
    expectKeptExcept(value, customState(), 'filter', 'reach', 'planSettings', 'overlays', 'hexSizeM', 'mode');
  });

  it('a plan the panel could not render is dropped whole; a bad saved query or report is dropped alone', () => {
    const raw = editedJson((s) => {
      const plan = s.plan as { sites: { rank: unknown }[] };
      plan.sites[0].rank = 'first';
      (s.savedQueries as unknown[]).splice(1, 0, { name: 'no sql' });
      (s.importReports as unknown[]).push({ fileName: 'x.csv', problems: [{ problem: 'gremlins' }] });
    });
    const { value, problems } = parseProjectManifestState(raw, 'file');
    expect(value.plan).toBeNull();
    expect(value.savedQueries).toEqual(customState().savedQueries);
    expect(value.importReports).toEqual(customState().importReports);
    expect(fieldsOf(problems).sort()).toEqual(['importReports.1', 'plan', 'savedQueries.1']);
  });

  it('infinite solver figures (stored by JSON as null) read back as absent, the plan kept', () => {
    const raw = editedJson((s) => ((s.plan as { solver: Record<string, unknown> }).solver.bound = null));
    const { value, problems } = parseProjectManifestState(raw, 'file');
    expect(problems).toEqual([]);
    expect(value.plan?.solver.bound).toBeUndefined();
    expect(value.plan?.sites).toEqual(customState().plan?.sites);
  });

  it('unknown extra keys are ignored, at the top and inside', () => {
    const raw = editedJson((s) => {
      s.theme = 'dark';
      (s.reach as Record<string, unknown>).colour = 'red';
    });
    expect(parseProjectManifestState(raw, 'file')).toEqual({ value: customState(), problems: [] });
  });

  it('weekdays out of order or repeated mean the same days: tidied, not refused', () => {
    const raw = editedJson((s) => ((s.filter as DensityFilter).weekdays = [5, 1, 3, 1]));
    const { value, problems } = parseProjectManifestState(raw, 'file');
    expect(problems).toEqual([]);
    expect(value.filter.weekdays).toEqual([1, 3, 5]);
  });

  it('a state that is not an object: every field default and one problem naming the root', () => {
    for (const raw of [null, 'state', 42, [1, 2], undefined]) {
      const { value, problems } = parseProjectManifestState(raw, 'file');
      expect(value).toEqual(defaults);
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ store: 'file', field: 'state' });
    }
  });
});

describe('the parser on its own', () => {
  const schema = z.object({ a: z.number(), inner: z.object({ b: z.string(), c: z.boolean() }), later: z.number().meta({ addedLater: true }) });
  const defaults = { a: 1, inner: { b: 'x', c: false }, later: 0 };

  it('walks sub-objects, names the dotted path, and a bad sub-object falls back as a whole', () => {
    expect(parseStoredState(schema, { a: 2, inner: { b: 3, c: true }, later: 5 }, defaults, 'cli')).toEqual({
      value: { a: 2, inner: { b: 'x', c: true }, later: 5 },
      problems: [{ store: 'cli', field: 'inner.b', reason: 'Invalid input: expected string, received number' }],
    });
    const whole = parseStoredState(schema, { a: 2, inner: 'none', later: 5 }, defaults, 'cli');
    expect(whole.value).toEqual({ a: 2, inner: defaults.inner, later: 5 });
    expect(fieldsOf(whole.problems)).toEqual(['inner']);
  });

  it('checks across fields apply to what was kept: failing them resets that object', () => {
    const ordered = z.object({ from: z.number(), to: z.number() }).refine((w) => w.from <= w.to, { error: 'from after to' });
    expect(parseStoredState(ordered, { from: 12, to: 'x' }, { from: 9, to: 9 }, 'file')).toEqual({
      value: { from: 9, to: 9 },
      problems: [{ store: 'file', field: 'state', reason: 'from after to' }],
    });
  });

  it('never throws and always returns a valid state, whatever the JSON', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const { value } = parseProjectManifestState(raw, 'snapshot');
        expect(projectStateSchema.safeParse(value).success).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws when any one field of a good state is replaced by random JSON, and keeps the others', () => {
    const keys = Object.keys(customState()) as (keyof ProjectState)[];
    fc.assert(
      fc.property(fc.constantFrom(...keys), fc.jsonValue(), (key, junk) => {
        const { value, problems } = parseProjectManifestState(editedJson((s) => (s[key] = junk)), 'file');
        expect(projectStateSchema.safeParse(value).success).toBe(true);
        expectKeptExcept(value, customState(), key);
        for (const p of problems) expect(p.field === key || p.field.startsWith(`${key}.`)).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('never throws on random text in any store', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (text) => {
        parseUrlHash(text);
        parseUrlHash(`#${text}`);
        for (const key of ['atlas.stationEdits', 'atlas.sqlHistory', 'atlas.sqlSaved', 'atlas.lastPlan'] as const) readStoredKey(key, text);
      }),
      { numRuns: 300 },
    );
  });
});

describe('problems in words', () => {
  const problem: StoredProblem = { store: 'file', field: 'reach.speedKmh', reason: 'speed must be positive: -1' };

  it('says which store, which field and why, in both languages', () => {
    expect(describeStoredProblem(problem, (key, params) => translate('zh-CN', key, params))).toBe('项目文件中的“reach.speedKmh”无效（speed must be positive: -1），已改用默认值');
    expect(describeStoredProblem(problem, (key, params) => translate('en', key, params))).toBe('reach.speedKmh in the project file was invalid (speed must be positive: -1); using the default');
    for (const store of ['file', 'snapshot', 'url', 'localStorage', 'cli'] as const) {
      const text = describeStoredProblem({ ...problem, store }, (key, params) => translate('en', key, params));
      expect(text).not.toMatch(/\{|store_/);
    }
  });
});
