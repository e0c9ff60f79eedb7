import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { filterPredicateSql, selectedHours } from '../../../web/src/density/densityFilter';
import { filteredTotalsSql, heatCellsSql, hexCellsSql, interleaveLonLat, pingsByHourSql } from '../../../web/src/density/densityQueries';
import { pingsFromStagingSql } from '../../../web/src/db/schema';
import { openWasmDuckDb } from '../wasmDuckDb';

describe('time filter', () => {
  it('selects hour windows, wrapping past midnight', () => {
    expect(selectedHours({ hourFrom: 9, hourTo: 11, weekdays: [] })).toEqual([9, 10, 11]);
    expect(selectedHours({ hourFrom: 22, hourTo: 1, weekdays: [] })).toEqual([22, 23, 0, 1]);
    expect(selectedHours({ hourFrom: 0, hourTo: 23, weekdays: [] })).toHaveLength(24);
    expect(() => selectedHours({ hourFrom: 24, hourTo: 1, weekdays: [] })).toThrow(/out of range/);
  });

  it('writes no predicate for the whole week and a precise one otherwise', () => {
    expect(filterPredicateSql({ hourFrom: 0, hourTo: 23, weekdays: [1, 2, 3, 4, 5, 6, 7] })).toBe('true');
    expect(filterPredicateSql({ hourFrom: 22, hourTo: 5, weekdays: [7, 6] })).toBe('(hour >= 22 OR hour <= 5) AND weekday IN (6, 7)');
    expect(filterPredicateSql({ hourFrom: 0, hourTo: 23, weekdays: [] })).toBe('false');
  });
});

describe('density aggregates on a hand-made pings table', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openWasmDuckDb();
    // 2026-11-16 is a Monday. Driver 1: two pings at the same spot on Monday 09:xx;
    // driver 2: one ping there Monday 09:30 and one far away Sunday 03:00 (a member).
    conn.query(`CREATE TABLE raw AS SELECT * FROM (VALUES
      (1, TIMESTAMP '2026-11-16 09:05:00', 113.3001, 23.1001, 1.0, false),
      (1, TIMESTAMP '2026-11-16 09:45:00', 113.3002, 23.1002, 1.0, false),
      (2, TIMESTAMP '2026-11-16 09:30:00', 113.3003, 23.1003, 2.0, true),
      (2, TIMESTAMP '2026-11-22 03:00:00', 113.5000, 23.3000, 1.0, true)
    ) t(driver_id, ts, lon, lat, weight, member)`);
    for (const sql of pingsFromStagingSql('raw')) conn.query(sql);
  });

  it('derives hour and ISO weekday at load', () => {
    const rows = conn.query('SELECT hour, weekday FROM pings ORDER BY ts').toArray().map((r) => [r.hour, r.weekday]);
    expect(rows).toEqual([[9, 1], [9, 1], [9, 1], [3, 7]]);
  });

  it('counts pings and distinct drivers per filter', () => {
    const totals = (f: Parameters<typeof filteredTotalsSql>[0]) => conn.query(filteredTotalsSql(f)).get(0)!.toJSON();
    expect(totals({ hourFrom: 0, hourTo: 23, weekdays: [1, 2, 3, 4, 5, 6, 7] })).toEqual({ pings: 4, drivers: 2 });
    expect(totals({ hourFrom: 9, hourTo: 9, weekdays: [1] })).toEqual({ pings: 3, drivers: 2 });
    expect(totals({ hourFrom: 22, hourTo: 4, weekdays: [7] })).toEqual({ pings: 1, drivers: 1 });
    expect(totals({ hourFrom: 10, hourTo: 20, weekdays: [1, 2, 3, 4, 5, 6, 7] })).toEqual({ pings: 0, drivers: 0 });
  });

  it('bins the Monday cluster into one hexagon with 3 pings, 2 drivers, 1 member', () => {
    const rows = conn.query(hexCellsSql({ hourFrom: 9, hourTo: 9, weekdays: [1] }, 500)).toArray().map((r) => r.toJSON());
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ pings: 3, drivers: 2, member_drivers: 1, weight: 4 });
  });

  it('sums weight per heat cell', () => {
    const rows = conn.query(heatCellsSql({ hourFrom: 0, hourTo: 23, weekdays: [1, 2, 3, 4, 5, 6, 7] })).toArray().map((r) => r.toJSON());
    expect(rows.map((r) => r.weight).sort()).toEqual([1, 4]);
  });

  it('profiles pings by hour within the weekday selection', () => {
    const rows = conn.query(pingsByHourSql({ hourFrom: 9, hourTo: 9, weekdays: [7] })).toArray().map((r) => r.toJSON());
    expect(rows).toEqual([{ hour: 3, pings: 1 }]);
  });

  it('interleaves coordinates for deck.gl', () => {
    expect(Array.from(interleaveLonLat([1, 2], [3, 4]))).toEqual([1, 3, 2, 4]);
  });
});

describe('density from a heat grid', () => {
  let conn: DuckDBConnection;
  beforeAll(async () => {
    conn = await openWasmDuckDb();
    // Two cells: one with hours (8 h: 10, 20 h: 5), one with no hour at all (weight 7).
    conn.query(`CREATE TABLE heat_grid AS SELECT * FROM (VALUES
      (113.3001, 23.1001, 10.0, 8, NULL), (113.3001, 23.1001, 5.0, 20, NULL), (113.5, 23.3, 7.0, NULL, NULL)
    ) t(lon, lat, weight, hour, weekday)`);
  });

  it('sums weight, keeps rows without an hour in every window, and has no drivers', () => {
    const totals = (f: Parameters<typeof filteredTotalsSql>[0]) => conn.query(filteredTotalsSql(f, 'heat_grid')).get(0)!.toJSON();
    expect(totals({ hourFrom: 0, hourTo: 23, weekdays: [1, 2, 3, 4, 5, 6, 7] })).toEqual({ pings: 22, drivers: 0 });
    expect(totals({ hourFrom: 7, hourTo: 9, weekdays: [1] })).toEqual({ pings: 17, drivers: 0 });
    const hex = conn.query(hexCellsSql({ hourFrom: 19, hourTo: 21, weekdays: [1, 2, 3, 4, 5, 6, 7] }, 500, 'heat_grid')).toArray().map((r) => r.pings).sort((a, b) => a - b);
    expect(hex).toEqual([5, 7]);
    const heat = conn.query(heatCellsSql({ hourFrom: 0, hourTo: 23, weekdays: [1, 2, 3, 4, 5, 6, 7] }, undefined, 'heat_grid')).toArray().map((r) => r.weight).sort((a, b) => a - b);
    expect(heat).toEqual([7, 15]);
  });
});
