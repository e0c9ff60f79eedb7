import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  bd09ToGcj02,
  convertGeometry,
  convertInterleavedInPlace,
  fromWgs84,
  gcj02ToBd09,
  gcj02ToWgs84,
  toWgs84,
  wgs84ToGcj02,
  type LonLat,
} from '../../../web/src/geo/crs';

// ------------------------------------------------------------------------------------------------
// Reference data: 3,191 real Guangzhou EV charging stations, each with a GCJ-02, a WGS-84 and a
// BD-09 coordinate pair written with 6 decimals (see data/gz-ev-charging/PROVENANCE.md).

interface StationCoords {
  gcj: LonLat;
  wgs: LonLat;
  bd: LonLat;
}

function readStations(): StationCoords[] {
  const text = readFileSync(new URL('../../../data/gz-ev-charging/guangzhou_ev_charging_stations.csv', import.meta.url), 'utf8');
  const [header, ...lines] = text.trim().split(/\r?\n/);
  const columns = header.split(',');
  const column = (name: string): number => {
    const index = columns.indexOf(name);
    if (index < 0) throw new Error(`missing column ${name}`);
    return index;
  };
  const [gLon, gLat, wLon, wLat, bLon, bLat] = [
    'station_lg',
    'station_lt',
    'WGS84_station_lg',
    'WGS84_station_lt',
    'DB09_station_lg',
    'DB09_station_lt',
  ].map(column);
  return lines.map((line) => {
    const cells = line.split(',').map(Number);
    return { gcj: [cells[gLon], cells[gLat]], wgs: [cells[wLon], cells[wLat]], bd: [cells[bLon], cells[bLat]] };
  });
}

const stations = readStations();

/** Largest per-axis disagreement between the converted points and the file's column. */
function maxError(convert: (s: StationCoords) => LonLat, expected: (s: StationCoords) => LonLat): number {
  let max = 0;
  for (const s of stations) {
    const got = convert(s);
    const want = expected(s);
    max = Math.max(max, Math.abs(got[0] - want[0]), Math.abs(got[1] - want[1]));
  }
  return max;
}

/** The textbook crude GCJ-02 inverse: subtract the offset evaluated at the GCJ point itself. */
function oneStepInverse(lon: number, lat: number): LonLat {
  const [gLon, gLat] = wgs84ToGcj02(lon, lat);
  return [2 * lon - gLon, 2 * lat - gLat];
}

/** Degrees → metres, near enough for sizing offsets at 23°N. */
function metres(dLon: number, dLat: number, lat: number): number {
  return Math.hypot(dLon * 111_320 * Math.cos((lat * Math.PI) / 180), dLat * 110_570);
}

describe('CRS conversions against all 3,191 rows of the Guangzhou EV charging station file', () => {
  // Each column is rounded to 6 decimals, so two columns of the same point can disagree by up to
  // 5e-7° from rounding alone, and by ~1e-6° when both sides carry rounding. Tolerances below are
  // the measured maxima rounded up a little (1e-6° ≈ 0.11 m).

  it('has every row with finite coordinates', () => {
    expect(stations).toHaveLength(3191);
    for (const s of stations) for (const v of [...s.gcj, ...s.wgs, ...s.bd]) expect(Number.isFinite(v)).toBe(true);
  });

  it('WGS-84 → GCJ-02 matches the GCJ-02 columns', () => {
    // Measured max 1.339e-6° (0.15 m). Slightly above the 1e-6 two-sided rounding floor, so the
    // file's generator was not bit-for-bit our formula + rounding (see the GCJ → WGS test).
    expect(maxError((s) => wgs84ToGcj02(...s.wgs), (s) => s.gcj)).toBeLessThan(1.5e-6);
  });

  it('GCJ-02 → WGS-84 (iterated inverse) matches the WGS-84 columns', () => {
    // Measured max 1.339e-6° (0.15 m); 94.7 % of rows agree within the 5e-7 rounding floor and the
    // errors are unbiased (mean ~1e-8°), so the column was made with an accurate inverse.
    expect(maxError((s) => gcj02ToWgs84(...s.gcj), (s) => s.wgs)).toBeLessThan(1.5e-6);
    let withinRounding = 0;
    let sumLon = 0;
    let sumLat = 0;
    for (const s of stations) {
      const [lon, lat] = gcj02ToWgs84(...s.gcj);
      sumLon += lon - s.wgs[0];
      sumLat += lat - s.wgs[1];
      if (Math.max(Math.abs(lon - s.wgs[0]), Math.abs(lat - s.wgs[1])) <= 5.01e-7) withinRounding++;
    }
    expect(withinRounding / stations.length).toBeGreaterThan(0.9);
    expect(Math.abs(sumLon / stations.length)).toBeLessThan(1e-7);
    expect(Math.abs(sumLat / stations.length)).toBeLessThan(1e-7);
  });

  it('the WGS-84 column was not produced with the crude one-step inverse', () => {
    // The one-step inverse disagrees with the file by up to 1.94e-5° (~2 m), 15× our error: the
    // file's WGS-84 column is good enough to test an exact inverse against.
    expect(maxError((s) => oneStepInverse(...s.gcj), (s) => s.wgs)).toBeGreaterThan(1e-5);
  });

  it('GCJ-02 → BD-09 matches the BD-09 columns to the rounding floor', () => {
    // Measured max 5.0e-7°: pure rounding, so the BD-09 column was computed from the GCJ-02 one
    // with exactly this formula.
    expect(maxError((s) => gcj02ToBd09(...s.gcj), (s) => s.bd)).toBeLessThan(6e-7);
  });

  it('BD-09 → GCJ-02 matches the GCJ-02 columns', () => {
    // Measured max 1.355e-6°. The standard closed-form BD-09 inverse is itself approximate: here
    // it misses gcj02ToBd09's exact inverse by up to 9e-7° (0.1 m), on top of the rounding.
    expect(maxError((s) => bd09ToGcj02(...s.bd), (s) => s.gcj)).toBeLessThan(1.5e-6);
  });

  it('BD-09 → WGS-84 matches the WGS-84 columns', () => {
    // Measured max 1.820e-6° (0.2 m): the BD-09 inverse error plus the GCJ-02 one.
    expect(maxError((s) => toWgs84('BD09', ...s.bd), (s) => s.wgs)).toBeLessThan(2e-6);
  });

  it('WGS-84 → BD-09 matches the BD-09 columns', () => {
    // Measured max 1.719e-6°.
    expect(maxError((s) => fromWgs84('BD09', ...s.wgs), (s) => s.bd)).toBeLessThan(2e-6);
  });
});

describe('GCJ-02 offset near Guangzhou', () => {
  it('moves WGS-84 points ~0.005° east and ~0.0025–0.003° south, i.e. 500–650 m', () => {
    // Over the stations (all in Guangzhou): dLon 0.0049–0.0056°, dLat −0.0030 to −0.0024°, 530–620 m.
    for (const s of stations) {
      const [gLon, gLat] = wgs84ToGcj02(...s.wgs);
      const dLon = gLon - s.wgs[0];
      const dLat = gLat - s.wgs[1];
      expect(dLon).toBeGreaterThan(0.0048);
      expect(dLon).toBeLessThan(0.0057);
      expect(dLat).toBeLessThan(-0.0023);
      expect(dLat).toBeGreaterThan(-0.0031);
      const distance = metres(dLon, dLat, s.wgs[1]);
      expect(distance).toBeGreaterThan(500);
      expect(distance).toBeLessThan(650);
    }
  });

  it('at Canton Tower (广州塔) is +0.0054° lon, −0.0026° lat (regression pin)', () => {
    const [lon, lat] = wgs84ToGcj02(113.3245, 23.1064);
    expect(lon - 113.3245).toBeCloseTo(0.0054, 4);
    expect(lat - 23.1064).toBeCloseTo(-0.0026, 4);
  });
});

describe('round trips', () => {
  // A grid over mainland China and a finer one over the Pearl River Delta.
  const grid: LonLat[] = [];
  for (let lon = 75; lon <= 134; lon += 1.7) for (let lat = 18; lat <= 53; lat += 1.3) grid.push([lon, lat]);
  for (let lon = 112.9; lon <= 114.1; lon += 0.037) for (let lat = 22.4; lat <= 24; lat += 0.041) grid.push([lon, lat]);

  it('WGS-84 → GCJ-02 → WGS-84 returns within 1e-8°', () => {
    let max = 0;
    for (const [lon, lat] of grid) {
      const back = gcj02ToWgs84(...wgs84ToGcj02(lon, lat));
      max = Math.max(max, Math.abs(back[0] - lon), Math.abs(back[1] - lat));
    }
    expect(max).toBeLessThan(1e-8);
  });

  it('WGS-84 → BD-09 → WGS-84 returns within 2e-6° (the closed-form BD-09 inverse is approximate)', () => {
    // Measured on a 0.17° × 0.13° grid over China: max 1.87e-6° (0.2 m); over the Pearl River
    // Delta 9.1e-7°. All of it is the BD-09 inverse: the GCJ-02 part round-trips to < 1e-8°.
    let max = 0;
    for (const [lon, lat] of grid) {
      const back = toWgs84('BD09', ...fromWgs84('BD09', lon, lat));
      max = Math.max(max, Math.abs(back[0] - lon), Math.abs(back[1] - lat));
    }
    expect(max).toBeLessThan(2e-6);
  });
});

describe('points outside China', () => {
  // GCJ-02 uses the reference algorithm's coarse box (72.004–137.8347 E, 0.8293–55.8271 N), which
  // also covers e.g. Seoul and Singapore; these points are outside it.
  const abroad: LonLat[] = [
    [-0.1276, 51.5072], // London
    [-74.006, 40.7128], // New York
    [151.2093, -33.8688], // Sydney
    [139.6917, 35.6895], // Tokyo (east of the box)
    [37.6173, 55.7558], // Moscow (west of the box)
  ];

  it('are left untouched by GCJ-02 in both directions', () => {
    for (const [lon, lat] of abroad) {
      expect(wgs84ToGcj02(lon, lat)).toEqual([lon, lat]);
      expect(gcj02ToWgs84(lon, lat)).toEqual([lon, lat]);
      expect(fromWgs84('GCJ02', lon, lat)).toEqual([lon, lat]);
      expect(toWgs84('GCJ02', lon, lat)).toEqual([lon, lat]);
    }
  });
});

describe('convertInterleavedInPlace', () => {
  it('converts Float64 [lon, lat, …] in place like the point functions, and matches the file', () => {
    const positions = new Float64Array(stations.flatMap((s) => s.wgs));
    convertInterleavedInPlace(positions, 'WGS84', 'GCJ02');
    let max = 0;
    stations.forEach((s, i) => {
      const [lon, lat] = wgs84ToGcj02(...s.wgs);
      expect(positions[2 * i]).toBe(lon);
      expect(positions[2 * i + 1]).toBe(lat);
      max = Math.max(max, Math.abs(positions[2 * i] - s.gcj[0]), Math.abs(positions[2 * i + 1] - s.gcj[1]));
    });
    expect(max).toBeLessThan(1.5e-6);

    convertInterleavedInPlace(positions, 'GCJ02', 'BD09');
    stations.forEach((s, i) => {
      expect(Math.abs(positions[2 * i] - s.bd[0])).toBeLessThan(2e-6);
      expect(Math.abs(positions[2 * i + 1] - s.bd[1])).toBeLessThan(2e-6);
    });

    convertInterleavedInPlace(positions, 'BD09', 'WGS84');
    stations.forEach((s, i) => {
      // BD-09 round trip through the approximate closed-form inverse: < 1e-6°.
      expect(Math.abs(positions[2 * i] - s.wgs[0])).toBeLessThan(1e-6);
      expect(Math.abs(positions[2 * i + 1] - s.wgs[1])).toBeLessThan(1e-6);
    });
  });

  it('works on Float32 within float32 resolution', () => {
    // Float32 spacing at 113° is 7.6e-6°, so input and output rounding allow ~1e-5° (~1 m).
    const positions = new Float32Array(stations.flatMap((s) => s.wgs));
    convertInterleavedInPlace(positions, 'WGS84', 'GCJ02');
    stations.forEach((s, i) => {
      expect(Math.abs(positions[2 * i] - s.gcj[0])).toBeLessThan(1e-5);
      expect(Math.abs(positions[2 * i + 1] - s.gcj[1])).toBeLessThan(1e-5);
    });
  });

  it('leaves the array alone when from === to, and ignores a trailing odd value', () => {
    const same = new Float64Array([113.3, 23.1, 113.4, 23.2]);
    convertInterleavedInPlace(same, 'GCJ02', 'GCJ02');
    expect(Array.from(same)).toEqual([113.3, 23.1, 113.4, 23.2]);

    const odd = new Float64Array([113.3, 23.1, 999]);
    convertInterleavedInPlace(odd, 'WGS84', 'GCJ02');
    expect(odd[0]).toBe(wgs84ToGcj02(113.3, 23.1)[0]);
    expect(odd[2]).toBe(999);
  });
});

describe('convertGeometry', () => {
  const outer = [
    [113.2, 23.0],
    [113.5, 23.0],
    [113.5, 23.3],
    [113.2, 23.3],
    [113.2, 23.0],
  ];
  const hole = [
    [113.3, 23.1],
    [113.3, 23.2],
    [113.4, 23.2],
    [113.3, 23.1],
  ];

  it('converts every position of a Polygon with a hole and leaves the input untouched', () => {
    const polygon = { type: 'Polygon' as const, coordinates: [outer, hole] };
    const before = JSON.stringify(polygon);
    const converted = convertGeometry(polygon, 'GCJ02', 'WGS84');
    expect(JSON.stringify(polygon)).toBe(before);
    expect(converted.type).toBe('Polygon');
    expect(converted.coordinates).toHaveLength(2);
    converted.coordinates.forEach((ring, r) =>
      ring.forEach((p, i) => expect(p).toEqual(gcj02ToWgs84(polygon.coordinates[r][i][0], polygon.coordinates[r][i][1]))),
    );
  });

  it('handles Point, LineString and MultiPolygon, and returns the same object when from === to', () => {
    const point = { type: 'Point' as const, coordinates: [113.3, 23.1] };
    expect(convertGeometry(point, 'WGS84', 'BD09').coordinates).toEqual(fromWgs84('BD09', 113.3, 23.1));
    const line = { type: 'LineString' as const, coordinates: [outer[0], outer[1]] };
    expect(convertGeometry(line, 'WGS84', 'GCJ02').coordinates).toEqual([wgs84ToGcj02(113.2, 23.0), wgs84ToGcj02(113.5, 23.0)]);
    const multi = { type: 'MultiPolygon' as const, coordinates: [[outer], [hole]] };
    const convertedMulti = convertGeometry(multi, 'WGS84', 'GCJ02');
    expect(convertedMulti.coordinates[1][0][2]).toEqual(wgs84ToGcj02(113.4, 23.2));
    expect(convertGeometry(multi, 'WGS84', 'WGS84')).toBe(multi);
  });
});
