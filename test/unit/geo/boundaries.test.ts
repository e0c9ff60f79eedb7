import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import { DERIVED_BOUNDARY_SOURCES, derivedDataFiles } from '../../../scripts/derived-data';
import {
  areaCentroid,
  convertFeatureCollection,
  labelPoint,
  poleOfInaccessibility,
  slimDistrictFeatures,
  type DistrictProperties,
  type FeatureCollection,
} from '../../../web/src/geo/boundaries';
import { gcj02ToWgs84 } from '../../../web/src/geo/crs';
import { DistrictLookup } from '../../../web/src/geo/districtLookup';
import { ringsOf, type PolygonalGeometry, type Position } from '../../../web/src/geo/polygons';

type DataVCollection = FeatureCollection<PolygonalGeometry, Record<string, unknown>>;
type SlimCollection = FeatureCollection<PolygonalGeometry, DistrictProperties>;

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const derived = derivedDataFiles(repoRoot);
const readSource = (derivedPath: string): DataVCollection =>
  JSON.parse(readFileSync(`${repoRoot}data/${DERIVED_BOUNDARY_SOURCES[derivedPath]}`, 'utf8')) as DataVCollection;

const DISTRICTS = 'boundaries/guangzhou_districts.wgs84.geojson';
const CITIES = 'boundaries/guangdong_cities.wgs84.geojson';
const districts = JSON.parse(derived[DISTRICTS]) as SlimCollection;
const cities = JSON.parse(derived[CITIES]) as SlimCollection;
const districtSource = readSource(DISTRICTS);

function positionsOf(collection: FeatureCollection<PolygonalGeometry, unknown>): Position[] {
  return collection.features.flatMap((f) => (f.geometry === null ? [] : ringsOf(f.geometry).flat()));
}

function bboxOf(collection: FeatureCollection<PolygonalGeometry, unknown>): [number, number, number, number] {
  const box: [number, number, number, number] = [Infinity, Infinity, -Infinity, -Infinity];
  for (const [lon, lat] of positionsOf(collection)) {
    box[0] = Math.min(box[0], lon);
    box[1] = Math.min(box[1], lat);
    box[2] = Math.max(box[2], lon);
    box[3] = Math.max(box[3], lat);
  }
  return box;
}

describe('derived WGS-84 Guangzhou districts', () => {
  it('produces exactly the two boundary files', () => {
    expect(Object.keys(derived).sort()).toEqual([CITIES, DISTRICTS]);
  });

  it('keeps the 11 districts with their Chinese names and adcodes', () => {
    expect(districts.features.map((f) => f.properties.name)).toEqual([
      '荔湾区', '越秀区', '海珠区', '天河区', '白云区', '黄埔区', '番禺区', '花都区', '南沙区', '从化区', '增城区',
    ]);
    for (const { properties } of districts.features) {
      expect(properties.name).toMatch(/^\p{Script=Han}+区$/u);
      expect(properties.adcode).toBeGreaterThanOrEqual(440103);
      expect(properties.adcode).toBeLessThanOrEqual(440118);
      expect(Object.keys(properties).sort()).toEqual(['adcode', 'labelLat', 'labelLon', 'name']);
    }
  });

  it('is shifted by the GCJ-02 offset: ~0.005° west and ~0.0025–0.003° north of the source', () => {
    const source = bboxOf(districtSource);
    const wgs = bboxOf(districts);
    for (const lonEdge of [0, 2]) {
      expect(wgs[lonEdge] - source[lonEdge]).toBeLessThan(-0.0045);
      expect(wgs[lonEdge] - source[lonEdge]).toBeGreaterThan(-0.006);
    }
    for (const latEdge of [1, 3]) {
      expect(wgs[latEdge] - source[latEdge]).toBeGreaterThan(0.0022);
      expect(wgs[latEdge] - source[latEdge]).toBeLessThan(0.0032);
    }
  });

  it('converts every vertex with gcj02ToWgs84 and rounds it to 6 decimals', () => {
    const sourcePositions = positionsOf(districtSource);
    const wgsPositions = positionsOf(districts);
    expect(wgsPositions).toHaveLength(sourcePositions.length);
    sourcePositions.forEach(([lon, lat], i) => {
      const [wLon, wLat] = gcj02ToWgs84(lon, lat);
      expect(Math.abs(wgsPositions[i][0] - wLon)).toBeLessThanOrEqual(5.0001e-7);
      expect(Math.abs(wgsPositions[i][1] - wLat)).toBeLessThanOrEqual(5.0001e-7);
    });
    for (const value of wgsPositions.flat()) expect(Math.abs(value * 1e6 - Math.round(value * 1e6))).toBeLessThan(1e-6);
  });

  it('puts every district label point inside its own polygon and no other', () => {
    const lookup = new DistrictLookup(districts);
    for (const { geometry, properties } of districts.features) {
      expect(geometry).not.toBeNull();
      if (geometry === null) continue;
      // turf as an independent judge, then our lookup to rule out overlaps.
      expect(booleanPointInPolygon([properties.labelLon, properties.labelLat], geometry), properties.name).toBe(true);
      expect(lookup.districtAt(properties.labelLon, properties.labelLat)).toBe(properties.name);
    }
  });

  it('converts the DataV centroid property from GCJ-02 (it is the area centroid of the GCJ-02 polygon)', () => {
    // Our area centroid of the WGS-84 polygon lands within ~30 m of DataV's centroid converted to
    // WGS-84, but ~600 m from the unconverted value: the property really is GCJ-02.
    districtSource.features.forEach((source, i) => {
      const geometry = districts.features[i].geometry as PolygonalGeometry;
      const ours = areaCentroid(geometry) as [number, number];
      const dataV = source.properties.centroid as [number, number];
      const converted = gcj02ToWgs84(dataV[0], dataV[1]);
      expect(Math.hypot(ours[0] - converted[0], ours[1] - converted[1])).toBeLessThan(5e-4);
      expect(Math.hypot(ours[0] - dataV[0], ours[1] - dataV[1])).toBeGreaterThan(4e-3);
    });
  });
});

describe('derived WGS-84 Guangdong cities', () => {
  it('keeps the 21 cities, each label inside its own (multi)polygon', () => {
    expect(cities.features).toHaveLength(21);
    expect(cities.features.map((f) => f.properties.name)).toContain('广州市');
    for (const { geometry, properties } of cities.features) {
      expect(properties.name).toMatch(/^\p{Script=Han}+市$/u);
      expect(booleanPointInPolygon([properties.labelLon, properties.labelLat], geometry as PolygonalGeometry), properties.name).toBe(true);
    }
  });
});

describe('convertFeatureCollection', () => {
  it('converts geometry, keeps properties, drops stale bboxes and does not mutate the input', () => {
    const input = {
      type: 'FeatureCollection' as const,
      bbox: [113, 23, 114, 24],
      features: [
        {
          type: 'Feature' as const,
          bbox: [113, 23, 114, 24],
          properties: { name: '测试' },
          geometry: { type: 'Point' as const, coordinates: [113.3, 23.1] },
        },
        { type: 'Feature' as const, properties: { name: 'empty' }, geometry: null },
      ],
    };
    const before = JSON.stringify(input);
    const output = convertFeatureCollection(input, 'GCJ02', 'WGS84');
    expect(JSON.stringify(input)).toBe(before);
    expect(output).not.toHaveProperty('bbox');
    expect(output.features[0]).not.toHaveProperty('bbox');
    expect(output.features[0].properties).toEqual({ name: '测试' });
    expect(output.features[0].geometry?.coordinates).toEqual(gcj02ToWgs84(113.3, 23.1));
    expect(output.features[1].geometry).toBeNull();
  });
});

describe('label points', () => {
  // A U-shape (open to the north): both its area centroid and a naive centre fall in the notch.
  const uShape: PolygonalGeometry = {
    type: 'Polygon',
    coordinates: [
      [
        [0, 0],
        [3, 0],
        [3, 3],
        [2, 3],
        [2, 0.5],
        [1, 0.5],
        [1, 3],
        [0, 3],
        [0, 0],
      ],
    ],
  };

  it('uses the preferred point when it is inside', () => {
    expect(labelPoint(uShape, [[0.5, 2]])).toEqual([0.5, 2]);
  });

  it('falls back to the pole of inaccessibility when the preferred point and the centroid are outside', () => {
    const centroid = areaCentroid(uShape) as [number, number];
    expect(booleanPointInPolygon(centroid, uShape)).toBe(false);
    const [lon, lat] = labelPoint(uShape, [[1.5, 2]]);
    expect(booleanPointInPolygon([lon, lat], uShape)).toBe(true);
  });

  it('finds a pole of inaccessibility inside every real district (the last-resort label)', () => {
    for (const { geometry, properties } of districts.features) {
      const rings = ringsOf(geometry as PolygonalGeometry);
      const [lon, lat] = poleOfInaccessibility(rings, 1e-4);
      expect(booleanPointInPolygon([lon, lat], geometry as PolygonalGeometry), properties.name).toBe(true);
    }
  });

  it('labels two far-apart islands inside the larger one', () => {
    const islands: PolygonalGeometry = {
      type: 'MultiPolygon',
      coordinates: [
        [[[0, 0], [1, 0], [1, 1], [0, 1], [0, 0]]],
        [[[10, 0], [14, 0], [14, 4], [10, 4], [10, 0]]],
      ],
    };
    const [lon, lat] = labelPoint(islands);
    expect(lon).toBeGreaterThan(10);
    expect(lon).toBeLessThan(14);
    expect(lat).toBeGreaterThan(0);
    expect(lat).toBeLessThan(4);
  });

  it('slimDistrictFeatures converts GCJ-02 label properties and refuses unnamed features', () => {
    const square: PolygonalGeometry = { type: 'Polygon', coordinates: [[[113.2, 23.0], [113.4, 23.0], [113.4, 23.2], [113.2, 23.2], [113.2, 23.0]]] };
    const slim = slimDistrictFeatures({
      type: 'FeatureCollection',
      features: [{ type: 'Feature', geometry: square, properties: { name: '测试区', adcode: 440199, centroid: [113.3, 23.1], level: 'district' } }],
    });
    expect(slim.features[0].properties).toEqual({
      name: '测试区',
      adcode: 440199,
      labelLon: gcj02ToWgs84(113.3, 23.1)[0],
      labelLat: gcj02ToWgs84(113.3, 23.1)[1],
    });
    expect(() =>
      slimDistrictFeatures({ type: 'FeatureCollection', features: [{ type: 'Feature', geometry: square, properties: { adcode: 1 } }] }),
    ).toThrow(/name/);
  });
});
