/** The localStorage keys the app reads at start-up, each through its schema (readStoredKey). */
import { describe, expect, it } from 'vitest';
import { readStoredKey } from '../../../web/src/project/projectConfig';
import { station, validPlan } from './fixtures/storedFixtures';

describe('localStorage keys', () => {
  it('an absent key is its default and no problem', () => {
    expect(readStoredKey('atlas.stationEdits', null)).toEqual({ value: { done: [], undone: [] }, problems: [] });
    expect(readStoredKey('atlas.sqlHistory', null)).toEqual({ value: [], problems: [] });
    expect(readStoredKey('atlas.sqlSaved', null)).toEqual({ value: [], problems: [] });
    expect(readStoredKey('atlas.lastPlan', null)).toEqual({ value: null, problems: [] });
  });

  it('good values read back as written', () => {
    const history = { done: [{ type: 'add' as const, station: station('N1') }, { type: 'delete' as const, station: station('S7') }], undone: [] };
    expect(readStoredKey('atlas.stationEdits', JSON.stringify(history))).toEqual({ value: history, problems: [] });
    expect(readStoredKey('atlas.sqlHistory', JSON.stringify(['SELECT 1', 'SELECT 2']))).toEqual({ value: ['SELECT 1', 'SELECT 2'], problems: [] });
    expect(readStoredKey('atlas.sqlSaved', JSON.stringify([{ name: 'a', sql: 'SELECT 1' }]))).toEqual({ value: [{ name: 'a', sql: 'SELECT 1' }], problems: [] });
    expect(readStoredKey('atlas.lastPlan', JSON.stringify(validPlan()))).toEqual({ value: validPlan(), problems: [] });
    expect(readStoredKey('atlas.lastPlan', 'null')).toEqual({ value: null, problems: [] });
  });

  it('corrupted JSON in any key: the default and a problem naming the key', () => {
    const defaults = { 'atlas.stationEdits': { done: [], undone: [] }, 'atlas.sqlHistory': [], 'atlas.sqlSaved': [], 'atlas.lastPlan': null };
    for (const key of ['atlas.stationEdits', 'atlas.sqlHistory', 'atlas.sqlSaved', 'atlas.lastPlan'] as const) {
      expect(readStoredKey(key, '{"done": [')).toEqual({ value: defaults[key], problems: [{ store: 'localStorage', field: key, reason: 'not valid JSON' }] });
    }
  });

  it('atlas.stationEdits of the wrong shape: no history (never a partial one), and why', () => {
    for (const text of ['{"done": 3, "undone": []}', '[]', '{"done": [{"type": "add", "station": {"id": "N1"}}], "undone": []}', '"done"']) {
      const { value, problems } = readStoredKey('atlas.stationEdits', text);
      expect(value).toEqual({ done: [], undone: [] });
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ store: 'localStorage', field: 'atlas.stationEdits' });
    }
  });

  it('atlas.sqlHistory and atlas.sqlSaved: a bad entry is dropped alone, a list that is not one is reset', () => {
    expect(readStoredKey('atlas.sqlHistory', JSON.stringify(['SELECT 1', 42, 'SELECT 2']))).toEqual({
      value: ['SELECT 1', 'SELECT 2'],
      problems: [{ store: 'localStorage', field: 'atlas.sqlHistory.1', reason: 'Invalid input: expected string, received number' }],
    });
    const saved = readStoredKey('atlas.sqlSaved', JSON.stringify([{ name: 'a', sql: 'SELECT 1' }, { name: 'b' }, null]));
    expect(saved.value).toEqual([{ name: 'a', sql: 'SELECT 1' }]);
    expect(saved.problems.map((p) => p.field)).toEqual(['atlas.sqlSaved.1', 'atlas.sqlSaved.2']);
    for (const key of ['atlas.sqlHistory', 'atlas.sqlSaved'] as const) {
      const { value, problems } = readStoredKey(key, '{"name": "a"}');
      expect(value).toEqual([]);
      expect(problems.map((p) => p.field)).toEqual([key]);
    }
  });

  it('atlas.lastPlan: another version, or a plan the panel could not render, is no plan', () => {
    const cases: unknown[] = [
      { ...validPlan(), version: 2 },
      { ...validPlan(), sites: [{ ...validPlan().sites[0], rank: 'first' }] },
      { ...validPlan(), sites: [{ ...validPlan().sites[0], profile: [1, 2, 3] }] },
      { ...validPlan(), settings: undefined },
      { version: 1 },
      [validPlan()],
    ];
    for (const plan of cases) {
      const { value, problems } = readStoredKey('atlas.lastPlan', JSON.stringify(plan));
      expect(value).toBeNull();
      expect(problems).toHaveLength(1);
      expect(problems[0]).toMatchObject({ store: 'localStorage', field: 'atlas.lastPlan' });
    }
  });
});
