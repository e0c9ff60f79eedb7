import { describe, expect, it } from 'vitest';
import { readyStore, until } from './harness';

describe('sql slice', () => {
  it('runs a query, keeps it in the history (newest first, in storage) and finds its coordinates', async () => {
    const { store, fakes } = await readyStore([{ driver: 1, ts: '2026-11-30 08:00:00', lon: 113.3, lat: 23.1 }], []);
    const sql = () => store.getState().sql;
    await sql().run('SELECT lon, lat FROM pings', false);
    await sql().run('SELECT 42 AS answer', false);
    expect(sql().error).toBeNull();
    expect(sql().result!.rows).toEqual([{ answer: 42 }]);
    expect(sql().history).toEqual(['SELECT 42 AS answer', 'SELECT lon, lat FROM pings']);
    expect(JSON.parse(fakes.storage.getItem('atlas.sqlHistory')!)).toEqual(sql().history);
    await sql().run('SELECT lon, lat FROM pings', false);
    expect(Array.from(sql().result!.positions!)).toEqual([113.3, 23.1]);
  });

  it('refuses a write to a base table unless unlocked; an unlocked write moves every table version and the catalogue', async () => {
    const { store } = await readyStore([{ driver: 1, ts: '2026-11-30 08:00:00', lon: 113.3, lat: 23.1 }], []);
    const sql = () => store.getState().sql;
    await sql().run('DELETE FROM pings', false);
    expect(sql().error).toMatch(/基础数据表只读[\s\S]*Base tables are read-only/);
    expect(sql().history).toEqual([]);
    // Locked, a new table of the database is refused too; a temporary one is the scratch space.
    await sql().run('CREATE TABLE venues AS SELECT 1 AS id', false);
    expect(sql().error).toMatch(/read-only/);
    await sql().run('CREATE TEMP TABLE mine AS SELECT * FROM pings', false);
    expect(sql().error).toBeNull();
    expect(sql().result!.rows).toEqual([{ Count: 1 }]);
    const before = store.getState().data.versionOf('pings');
    await sql().run('DELETE FROM pings', true);
    expect(store.getState().data.versionOf('pings')).not.toBe(before);
    expect(Number((await store.getState().data.db!.query('SELECT count(*)::INT AS n FROM pings')).get(0)!.n)).toBe(0);
    await sql().run('CREATE TABLE venues AS SELECT 1 AS id', true);
    expect(store.getState().data.tables.map((t) => t.name)).toContain('venues');
  });

  it('saves named queries (kept in storage), and the schema browser follows new tables', async () => {
    const { store, fakes } = await readyStore([], []);
    const sql = () => store.getState().sql;
    sql().save({ name: 'night', sql: 'SELECT 1' });
    sql().save({ name: 'alpha', sql: 'SELECT 2' });
    sql().save({ name: 'night', sql: 'SELECT 3' });
    expect(sql().saved).toEqual([{ name: 'alpha', sql: 'SELECT 2' }, { name: 'night', sql: 'SELECT 3' }]);
    expect(JSON.parse(fakes.storage.getItem('atlas.sqlSaved')!)).toEqual(sql().saved);
    await sql().run('CREATE TABLE sites AS SELECT 1 AS id', true);
    await until(() => sql().schema.some((t) => t.name === 'sites'), 'the new table in the schema');
  });

  it('reads history and saved queries kept by an earlier visit', async () => {
    const { store } = await readyStore([], [], { storage: { 'atlas.sqlHistory': '["SELECT 9"]', 'atlas.sqlSaved': '[{"name":"x","sql":"SELECT 8"}]' } });
    expect(store.getState().sql.history).toEqual(['SELECT 9']);
    expect(store.getState().sql.saved).toEqual([{ name: 'x', sql: 'SELECT 8' }]);
  });
});
