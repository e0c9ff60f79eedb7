/** The SQL workspace's stored lists through their schemas (the guards queryLibrary exports). */
import { describe, expect, it } from 'vitest';
import { isSavedList, isStringList, parseStored } from '../../../web/src/sql/queryLibrary';

describe('stored query lists', () => {
  it('the guards accept the lists the workspace writes and nothing else', () => {
    expect(isStringList(['SELECT 1'])).toBe(true);
    expect(isStringList([])).toBe(true);
    expect(isStringList(['SELECT 1', 2])).toBe(false);
    expect(isStringList('SELECT 1')).toBe(false);
    expect(isSavedList([{ name: 'a', sql: 'SELECT 1' }])).toBe(true);
    expect(isSavedList([{ name: 'a' }])).toBe(false);
    expect(isSavedList([null])).toBe(false);
    expect(isSavedList({ name: 'a', sql: 'x' })).toBe(false);
  });

  it('parseStored falls back on unreadable or wrong values', () => {
    expect(parseStored('[1]', isStringList, ['kept'])).toEqual(['kept']);
    expect(parseStored(null, isStringList, ['kept'])).toEqual(['kept']);
    expect(parseStored('["a"]', isStringList, [])).toEqual(['a']);
  });
});
