import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { derivedDataFiles } from '../../../scripts/derived-data';
import type { DistrictProperties, FeatureCollection } from '../../../web/src/geo/boundaries';
import { DistrictLookup, OUTSIDE, createDistrictLookup } from '../../../web/src/geo/districtLookup';
import { pointInRings, type PolygonalGeometry, type Position } from '../../../web/src/geo/polygons';

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [
  [x0, y0],
  [x1, y0],
  [x1, y1],
  [x0, y1],
  [x0, y0],
];

/**
 *   A: 0..10 square with a 3..7 hole.
 *   B: three parts: 20..22; 30..32 with a 30.5..31.5 hole; and an island 4..6 inside A's hole.
 *   C: a triangle wound clockwise, given without the closing vertex.
 */
const handMade: FeatureCollection<PolygonalGeometry, { name: string }> = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'A' }, geometry: { type: 'Polygon', coordinates: [square(0, 0, 10, 10), square(3, 3, 7, 7)] } },
    {
      type: 'Feature',
      properties: { name: 'B' },
      geometry: {
        type: 'MultiPolygon',
        coordinates: [[square(20, 0, 22, 2)], [square(30, 0, 32, 2), square(30.5, 0.5, 31.5, 1.5)], [square(4, 4, 6, 6)]],
      },
    },
    {
      type: 'Feature',
      properties: { name: 'C' },
      geometry: {
        type: 'Polygon',
        coordinates: [
          [
            [40, 0],
            [42, 4],
            [44, 0],
          ],
        ],
      },
    },
  ],
};

describe('DistrictLookup on hand-made polygons', () => {
  const lookup = new DistrictLookup(handMade);
  const cases: [number, number, string | null][] = [
    [1, 1, 'A'], // A's ring, outside its hole
    [9.5, 5, 'A'],
    [3.5, 3.5, null], // A's hole, not on B's island
    [5, 5, 'B'], // B's island inside A's hole
    [21, 1, 'B'],
    [30.2, 0.2, 'B'],
    [31, 1, null], // hole of B's second part
    [42, 1, 'C'],
    [41, 3.5, null], // beside the triangle's apex, inside its bbox
    [15, 5, null], // between features
    [-1, 5, null],
    [11, 5, null],
    [5, 10.5, null],
  ];

  it.each(cases)('(%d, %d) → %s', (lon, lat, expected) => {
    expect(lookup.districtAt(lon, lat)).toBe(expected);
  });

  it('assignDistricts returns indices into names, −1 outside', () => {
    expect(lookup.names).toEqual(['A', 'B', 'C']);
    const lon = Float64Array.from(cases, (c) => c[0]);
    const lat = Float64Array.from(cases, (c) => c[1]);
    const indices = lookup.assignDistricts(lon, lat);
    expect(indices).toBeInstanceOf(Int16Array);
    expect(Array.from(indices, (i) => (i === OUTSIDE ? null : lookup.names[i]))).toEqual(cases.map((c) => c[2]));
  });

  it('returns null for NaN, and rejects mismatched columns', () => {
    expect(lookup.districtAt(Number.NaN, 1)).toBeNull();
    expect(() => lookup.assignDistricts(new Float64Array(2), new Float64Array(3))).toThrow(/lengths differ/);
  });

  it('pointInRings applies even-odd over holes', () => {
    const rings = [square(0, 0, 10, 10), square(3, 3, 7, 7)];
    expect(pointInRings(1, 1, rings)).toBe(true);
    expect(pointInRings(5, 5, rings)).toBe(false);
    expect(pointInRings(11, 5, rings)).toBe(false);
  });

  it('refuses features without a name or with non-polygon geometry', () => {
    const unnamed = { type: 'FeatureCollection' as const, features: [{ type: 'Feature' as const, properties: {}, geometry: null }] };
    expect(() => createDistrictLookup(unnamed)).toThrow(/name/);
    const line = {
      type: 'FeatureCollection' as const,
      features: [{ type: 'Feature' as const, properties: { name: 'L' }, geometry: { type: 'LineString', coordinates: [[0, 0], [1, 1]] } }],
    };
    expect(() => createDistrictLookup(line)).toThrow(/Polygon/);
  });
});

describe('DistrictLookup on the shipped Guangzhou districts (WGS-84)', () => {
  const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
  const files = derivedDataFiles(repoRoot);
  const districts = JSON.parse(files['boundaries/guangzhou_districts.wgs84.geojson']) as FeatureCollection<PolygonalGeometry, DistrictProperties>;
  const cities = JSON.parse(files['boundaries/guangdong_cities.wgs84.geojson']) as FeatureCollection<PolygonalGeometry, DistrictProperties>;
  const lookup = new DistrictLookup(districts);
  const cityLookup = new DistrictLookup(cities);

  it('maps every district label point to that district', () => {
    expect(districts.features).toHaveLength(11);
    for (const { properties } of districts.features) {
      expect(lookup.districtAt(properties.labelLon, properties.labelLat)).toBe(properties.name);
    }
  });

  it('maps a point in the sea south of Nansha (伶仃洋) to null', () => {
    // Also outside every Guangdong city at this generalisation, so it is water, not a gap.
    expect(lookup.districtAt(113.7, 22.45)).toBeNull();
    expect(cityLookup.districtAt(113.7, 22.45)).toBeNull();
  });

  it('maps Futian CBD in Shenzhen to null, while the city layer says 深圳市', () => {
    expect(lookup.districtAt(114.0579, 22.5431)).toBeNull();
    expect(cityLookup.districtAt(114.0579, 22.5431)).toBe('深圳市');
  });

  it('agrees with turf booleanPointInPolygon on 2,000 random points in the Guangzhou bbox', () => {
    let [minLon, minLat, maxLon, maxLat] = [Infinity, Infinity, -Infinity, -Infinity];
    for (const feature of districts.features) {
      for (const ring of feature.geometry?.type === 'MultiPolygon' ? feature.geometry.coordinates.flat() : (feature.geometry?.coordinates ?? [])) {
        for (const [lon, lat] of ring) {
          minLon = Math.min(minLon, lon);
          maxLon = Math.max(maxLon, lon);
          minLat = Math.min(minLat, lat);
          maxLat = Math.max(maxLat, lat);
        }
      }
    }
    // Seeded (mulberry32) so that a failure is reproducible.
    let seed = 20261116;
    const random = (): number => {
      seed = (seed + 0x6d2b79f5) | 0;
      let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
      t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
      return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
    const count = 2000;
    const lon = new Float64Array(count);
    const lat = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      lon[i] = minLon + random() * (maxLon - minLon);
      lat[i] = minLat + random() * (maxLat - minLat);
    }

    const ours = lookup.assignDistricts(lon, lat);
    const hits = new Set<number>();
    for (let i = 0; i < count; i++) {
      const turfIndex = districts.features.findIndex((f) => f.geometry !== null && booleanPointInPolygon([lon[i], lat[i]], f.geometry));
      expect(ours[i], `point ${i} (${lon[i]}, ${lat[i]})`).toBe(turfIndex);
      if (turfIndex >= 0) hits.add(turfIndex);
    }
    // Not vacuous: Guangzhou fills ~40 % of its bbox, and the sample reaches most districts.
    const insideShare = ours.filter((i) => i !== OUTSIDE).length / count;
    expect(insideShare).toBeGreaterThan(0.3);
    expect(insideShare).toBeLessThan(0.55);
    expect(hits.size).toBeGreaterThanOrEqual(9);
  });
});
