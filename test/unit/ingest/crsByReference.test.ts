import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as parquet from 'parquet-wasm';
import { tableFromIPC } from 'apache-arrow';
import { fromWgs84 } from '../../../web/src/geo/crs';
import { suggestCrsByReference } from '../../../web/src/ingest/crsByReference';
import { readChargerCoordinates } from '../../../scripts/generate-demo-data';

const chargers = readChargerCoordinates();
// 2,000 demo pings: drivers dwell at chargers, so many sit within metres of one in WGS-84.
const table = tableFromIPC(parquet.readParquet(new Uint8Array(readFileSync('data/demo/pings_week_demo_synthetic.parquet'))).intoIPCStream());
const lon = table.getChild('lon')!.toArray() as Float64Array;
const lat = table.getChild('lat')!.toArray() as Float64Array;
const sample = Array.from({ length: 2000 }, (_, k) => {
  const i = Math.floor((k * lon.length) / 2000);
  return { lon: lon[i], lat: lat[i] };
});

describe('CRS suggestion from the values', () => {
  it('recognises WGS-84, GCJ-02 and BD-09 versions of the same pings', () => {
    for (const crs of ['WGS84', 'GCJ02', 'BD09'] as const) {
      const shifted = sample.map((p) => {
        const [x, y] = fromWgs84(crs, p.lon, p.lat);
        return { lon: x, lat: y };
      });
      const evidence = suggestCrsByReference(shifted, chargers);
      expect(evidence?.crs, JSON.stringify(evidence?.shares)).toBe(crs);
    }
  });

  it('says nothing when the points have no relation to the reference', () => {
    const unrelated = Array.from({ length: 500 }, (_, i) => ({ lon: 113.2 + (i % 25) * 0.013, lat: 23.0 + Math.floor(i / 25) * 0.011 }));
    expect(suggestCrsByReference(unrelated, chargers)).toBeNull();
    expect(suggestCrsByReference([], chargers)).toBeNull();
  });

  it('does not read a CRS into a handful of points, one of which happens to sit near a charger', () => {
    // Three venues typed by hand: under BD-09 one of them lands within 60 m of a charger by chance.
    const venues = [{ lon: 113.27, lat: 23.2 }, { lon: 113.35, lat: 23.17 }, { lon: 113.36, lat: 22.95 }];
    expect(suggestCrsByReference(venues, chargers, 60)).toBeNull();
    // The same chance hit is found when the bar is one point.
    const nearOne = suggestCrsByReference([...venues, ...venues, ...venues, ...venues, ...venues], chargers, 60);
    expect(nearOne?.crs).toBe('BD09');
  });
});

describe('the importer uses the values when no header names the CRS', () => {
  it('picks GCJ-02 for unlabelled pings that line up with chargers only after conversion', async () => {
    const { prepareImport, refineCrsFromValues } = await import('../../../web/src/ingest/prepareImport');
    const bytes = new Uint8Array(readFileSync('test/fixtures/import/pings_gcj02_unlabelled.csv'));
    const prepared = prepareImport('pings_gcj02_unlabelled.csv', bytes);
    expect(prepared.guess).toMatchObject({ crs: 'WGS84', crsReason: 'default' });
    expect(prepared.sample).toHaveLength(200);
    expect(refineCrsFromValues(prepared, chargers).guess).toMatchObject({ crs: 'GCJ02', crsReason: 'values' });
    // A header that names the CRS is not overruled.
    const named = prepareImport('pings_gbk_gcj02.csv', new Uint8Array(readFileSync('test/fixtures/import/pings_gbk_gcj02.csv')));
    expect(refineCrsFromValues(named, chargers).guess.crsReason).toBe('header');
  });
});
