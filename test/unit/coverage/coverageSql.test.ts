import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { coverageByHourSql, coverageCellsSql, coverageTotalsSql, coveredPingsSql } from '../../../web/src/coverage/coverageSql';
import { defaultReach, reachRadiusM } from '../../../web/src/coverage/travelModes';
import { ALL_DAY } from '../../../web/src/density/densityFilter';
import { fromLocalMetres, toLocalMetres } from '../../../web/src/density/localProjection';
import { pingsFromStagingSql } from '../../../web/src/db/schema';
import { openWasmDuckDb } from '../wasmDuckDb';

function seeded(seed: number) {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

async function dbWith(pings: { driver: number; hour: number; lon: number; lat: number }[], stations: { lon: number; lat: number }[]) {
  const conn = await openWasmDuckDb();
  const rows = pings.map((p, i) => `(${p.driver}, TIMESTAMP '2026-11-17 ${String(p.hour).padStart(2, '0')}:00:00' + INTERVAL ${i} SECOND, ${p.lon}, ${p.lat}, 1.0, false)`);
  conn.query(`CREATE TABLE raw AS SELECT * FROM (VALUES ${rows.join(',')}) t(driver_id, ts, lon, lat, weight, member)`);
  for (const sql of pingsFromStagingSql('raw')) conn.query(sql);
  const st = stations.map((s, i) => `('S${i}', ${s.lon}, ${s.lat})`).join(',');
  conn.query(`CREATE TABLE stations AS SELECT * FROM (VALUES ${st}) t(id, lon, lat)`);
  return conn;
}

describe('reach radius', () => {
  it('is speed × minutes ÷ detour factor', () => {
    expect(reachRadiusM({ mode: 'ebike', speedKmh: 15, minutes: 15, detourFactor: 1.25 })).toBeCloseTo(3000, 9);
    expect(reachRadiusM(defaultReach('walk', 15))).toBeCloseTo((4800 / 60) * 15 / 1.3, 9);
    expect(() => reachRadiusM({ mode: 'walk', speedKmh: 5, minutes: 45, detourFactor: 1.3 })).toThrow(/5–30/);
  });
});

describe('coverage on hand-made points', () => {
  let conn: DuckDBConnection;
  // One station at the origin of the local projection; pings due east at 500, 1000, 1500 and 2500 m.
  const at = (xM: number, yM: number) => {
    const [lon, lat] = fromLocalMetres(xM, yM);
    return { lon, lat };
  };
  beforeAll(async () => {
    conn = await dbWith(
      [
        { driver: 1, hour: 8, ...at(500, 0) },
        { driver: 1, hour: 9, ...at(1000, 0) },
        { driver: 2, hour: 9, ...at(1500, 0) },
        { driver: 3, hour: 18, ...at(0, -2500) },
      ],
      [at(0, 0)],
    );
  });

  it('covers exactly the pings within the radius', () => {
    const totals = (radius: number) => conn.query(coverageTotalsSql(coveredPingsSql(ALL_DAY, radius, [], 500))).get(0)!.toJSON();
    expect(totals(1200)).toMatchObject({ pings: 4, covered_pings: 2, drivers: 3, covered_drivers: 1 });
    expect(totals(1600)).toMatchObject({ covered_pings: 3, covered_drivers: 2 });
    expect(totals(400)).toMatchObject({ covered_pings: 0, covered_drivers: 0 });
  });

  it('adds a hypothetical station and counts what it reaches', () => {
    const sql = coveredPingsSql(ALL_DAY, 1200, [at(0, -2000)], 500);
    expect(conn.query(coverageTotalsSql(sql)).get(0)!.toJSON()).toMatchObject({ covered_pings: 3, covered_drivers: 2 });
  });

  it('splits coverage by hour and finds the gap cells with their peak hour', () => {
    const covered = coveredPingsSql(ALL_DAY, 1200, [], 500);
    expect(conn.query(coverageByHourSql(covered)).toArray().map((r) => r.toJSON())).toEqual([
      { hour: 8, pings: 1, covered_pings: 1 },
      { hour: 9, pings: 2, covered_pings: 1 },
      { hour: 18, pings: 1, covered_pings: 0 },
    ]);
    const gaps = conn.query(coverageCellsSql(covered)).toArray().map((r) => r.toJSON()).filter((c) => c.pings > c.covered_pings);
    expect(gaps.map((g) => [g.uncovered_drivers, g.peak_hour]).sort()).toEqual([[1, 18], [1, 9]]);
  });
});

describe('coverage equals a brute-force check', () => {
  it('on 3,000 random pings and 40 random stations', async () => {
    const random = seeded(11);
    const pings = Array.from({ length: 3000 }, (_, i) => ({ driver: i % 300, hour: i % 24, lon: 113.2 + random() * 0.3, lat: 23.0 + random() * 0.25 }));
    const stations = Array.from({ length: 40 }, () => ({ lon: 113.2 + random() * 0.3, lat: 23.0 + random() * 0.25 }));
    const conn = await dbWith(pings, stations);
    const radius = 1700;
    const got = conn
      .query(`SELECT rid, covered FROM ${coveredPingsSql(ALL_DAY, radius, [], 500)} ORDER BY rid`)
      .toArray()
      .map((r) => r.covered);
    // pings were inserted in order, so rowid i is ping i; brute force: every ping against every station.
    const expected = pings.map((p) => {
      const [px, py] = toLocalMetres(p.lon, p.lat);
      return stations.some((s) => {
        const [sx, sy] = toLocalMetres(s.lon, s.lat);
        return Math.hypot(px - sx, py - sy) <= radius;
      });
    });
    expect(got).toEqual(expected);
    expect(expected.filter(Boolean).length).toBeGreaterThan(300); // the case is not trivial
    expect(expected.filter((c) => !c).length).toBeGreaterThan(300);
  });
});

describe('a ring that spans two districts', () => {
  it('counts covered pings on both sides of the border in their own district', async () => {
    const { summariseCoverage } = await import('../../../web/src/coverage/coverageSummary');
    const { createDistrictLookup } = await import('../../../web/src/geo/districtLookup');
    const { hexCentresInterleaved } = await import('../../../web/src/density/densityQueries');
    const at = (xM: number, yM: number) => {
      const [lon, lat] = fromLocalMetres(xM, yM);
      return { lon, lat };
    };
    // Two square districts meeting along x = 0; the station sits on the border.
    const square = (name: string, x0: number, x1: number) => {
      const ring = [at(x0, -5000), at(x1, -5000), at(x1, 5000), at(x0, 5000), at(x0, -5000)].map((p) => [p.lon, p.lat]);
      return { type: 'Feature' as const, properties: { name }, geometry: { type: 'Polygon' as const, coordinates: [ring] } };
    };
    const lookup = createDistrictLookup({ type: 'FeatureCollection', features: [square('西区', -5000, 0), square('东区', 0, 5000)] } as never);
    const conn = await dbWith(
      [
        { driver: 1, hour: 8, ...at(-500, 0) }, // west, 500 m from the station: covered
        { driver: 2, hour: 8, ...at(700, 100) }, // east, ~707 m: covered
        { driver: 3, hour: 9, ...at(2500, 0) }, // east, 2.5 km: not covered
      ],
      [at(0, 0)],
    );
    const covered = coveredPingsSql(ALL_DAY, 1200, [], 100);
    const cells = conn.query(coverageCellsSql(covered));
    const q = cells.getChild('q')!.toArray() as Int32Array;
    const r = cells.getChild('r')!.toArray() as Int32Array;
    const centres = hexCentresInterleaved(q, r, 100);
    const lon = Float64Array.from({ length: q.length }, (_, i) => centres[2 * i]);
    const lat = Float64Array.from({ length: q.length }, (_, i) => centres[2 * i + 1]);
    const summary = summariseCoverage({
      totals: conn.query(coverageTotalsSql(covered)).get(0)!.toJSON() as never,
      byHour: [],
      cells: {
        centres,
        pings: Int32Array.from(cells.getChild('pings')!.toArray()),
        coveredPings: Int32Array.from(cells.getChild('covered_pings')!.toArray()),
        uncoveredDrivers: Int32Array.from(cells.getChild('uncovered_drivers')!.toArray()),
        peakHour: Int32Array.from(cells.getChild('peak_hour')!.toArray()),
        district: lookup.assignDistricts(lon, lat),
      },
      districtNames: lookup.names,
    });
    expect(summary.byDistrict).toEqual([
      { district: '东区', pings: 2, coveredPings: 1, share: 0.5 },
      { district: '西区', pings: 1, coveredPings: 1, share: 1 },
    ]);
    expect(summary.pingShare).toBeCloseTo(2 / 3, 12);
    expect(summary.gaps).toHaveLength(1);
    expect(summary.gaps[0]).toMatchObject({ district: '东区', uncoveredDrivers: 1, peakHour: 9 });
  });
});

describe('coverage of a heat grid', () => {
  it('weighs cells by their heat and has no drivers', async () => {
    const conn = await openWasmDuckDb();
    const at = (xM: number, yM: number) => fromLocalMetres(xM, yM);
    const [a, b] = [at(300, 0), at(5000, 0)];
    conn.query(`CREATE TABLE heat_grid AS SELECT * FROM (VALUES (${a[0]}, ${a[1]}, 30.0, 8, NULL), (${b[0]}, ${b[1]}, 10.0, NULL, NULL)) t(lon, lat, weight, hour, weekday)`);
    const [sLon, sLat] = at(0, 0);
    conn.query(`CREATE TABLE stations AS SELECT 'S' AS id, ${sLon} AS lon, ${sLat} AS lat`);
    const totals = conn.query(coverageTotalsSql(coveredPingsSql(ALL_DAY, 1000, [], 500, false, 'heat_grid'))).get(0)!.toJSON();
    expect(totals).toMatchObject({ pings: 2, covered_pings: 1, weight: 40, covered_weight: 30, drivers: 0 });
    // The hour filter keeps cells without an hour.
    const evening = conn.query(coverageTotalsSql(coveredPingsSql({ hourFrom: 18, hourTo: 20, weekdays: [1, 2, 3, 4, 5, 6, 7] }, 1000, [], 500, false, 'heat_grid'))).get(0)!.toJSON();
    expect(evening).toMatchObject({ weight: 10, covered_weight: 0 });
  });
});
