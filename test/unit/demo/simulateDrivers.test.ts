import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as parquet from 'parquet-wasm';
import { tableFromIPC } from 'apache-arrow';
import { FREIGHT_HUBS, GUANGZHOU_BBOX } from '../../../scripts/demo/freightHubs';
import { seededRandom } from '../../../scripts/demo/seededRandom';
import { orderByTime, reorder, simulateDrivers } from '../../../scripts/demo/simulateDrivers';
import { demoStations, demoStationsCsv } from '../../../scripts/demo/demoStations';
import { createDistrictLookup } from '../../../web/src/geo/districtLookup';
import { derivedDataFiles } from '../../../scripts/derived-data';
import { DEMO_WEEK_START_MS, readChargerCoordinates } from '../../../scripts/generate-demo-data';

const chargers = readChargerCoordinates();
const config = { seed: 7, drivers: 400, weekStartMs: DEMO_WEEK_START_MS, days: 7, chargers };
const pings = simulateDrivers(config);
const districts = createDistrictLookup(JSON.parse(derivedDataFiles(process.cwd())['boundaries/guangzhou_districts.wgs84.geojson']));

describe('seeded random numbers', () => {
  it('repeat for a seed and differ between seeds', () => {
    const a = seededRandom(1);
    const b = seededRandom(1);
    const c = seededRandom(2);
    const seqA = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(seqA);
    expect(Array.from({ length: 5 }, () => c())).not.toEqual(seqA);
    expect(seqA.every((x) => x >= 0 && x < 1)).toBe(true);
  });

  it('picks by weight', () => {
    const random = seededRandom(3);
    const counts = [0, 0];
    for (let i = 0; i < 10_000; i++) counts[random.weightedIndex([1, 3])]++;
    expect(counts[1] / 10_000).toBeGreaterThan(0.72);
    expect(counts[1] / 10_000).toBeLessThan(0.78);
  });
});

describe('simulated freight-driver week', () => {
  it('is deterministic for a seed', () => {
    const again = simulateDrivers(config);
    expect(again.length).toBe(pings.length);
    expect(again.tsMs).toEqual(pings.tsMs);
    expect(again.lon).toEqual(pings.lon);
    expect(simulateDrivers({ ...config, seed: 8 }).length).not.toBe(pings.length);
  });

  it('keeps every ping inside Guangzhou and inside the week', () => {
    const weekEnd = DEMO_WEEK_START_MS + 7 * 86_400_000;
    let outside = 0;
    for (let i = 0; i < pings.length; i++) {
      expect(pings.tsMs[i]).toBeGreaterThanOrEqual(DEMO_WEEK_START_MS);
      expect(pings.tsMs[i]).toBeLessThan(weekEnd);
      if (pings.lon[i] < GUANGZHOU_BBOX.minLon || pings.lon[i] > GUANGZHOU_BBOX.maxLon) outside++;
      if (pings.lat[i] < GUANGZHOU_BBOX.minLat || pings.lat[i] > GUANGZHOU_BBOX.maxLat) outside++;
    }
    expect(outside).toBe(0);
    // About 380 pings per driver-week at this size: ~1 M for the shipped 2,600 drivers.
    expect(pings.length / config.drivers).toBeGreaterThan(300);
    expect(pings.length / config.drivers).toBeLessThan(480);
  });

  it('lands mostly inside the districts, busiest in the urban core', () => {
    const index = districts.assignDistricts(pings.lon, pings.lat);
    const perDistrict = new Map<string, number>();
    let inside = 0;
    for (const i of index) {
      if (i < 0) continue;
      inside++;
      perDistrict.set(districts.names[i], (perDistrict.get(districts.names[i]) ?? 0) + 1);
    }
    expect(inside / pings.length).toBeGreaterThan(0.95);
    expect(perDistrict.get('白云区')!).toBeGreaterThan(perDistrict.get('从化区') ?? 0);
    expect(perDistrict.get('天河区')!).toBeGreaterThan(perDistrict.get('从化区') ?? 0);
    expect(perDistrict.size).toBeGreaterThanOrEqual(9);
  });

  it('keeps the member flag per driver, for about 12 % of drivers', () => {
    const memberOf = new Map<number, number>();
    for (let i = 0; i < pings.length; i++) {
      const seen = memberOf.get(pings.driverId[i]);
      if (seen !== undefined) expect(pings.member[i]).toBe(seen);
      else memberOf.set(pings.driverId[i], pings.member[i]);
    }
    const share = [...memberOf.values()].filter(Boolean).length / memberOf.size;
    expect(share).toBeGreaterThan(0.07);
    expect(share).toBeLessThan(0.18);
  });

  it('follows the daily and weekly rhythm', () => {
    const byHour = new Array(24).fill(0);
    const byDay = new Array(7).fill(0);
    for (let i = 0; i < pings.length; i++) {
      const date = new Date(pings.tsMs[i]);
      byHour[date.getUTCHours()]++;
      byDay[Math.floor((pings.tsMs[i] - DEMO_WEEK_START_MS) / 86_400_000)]++;
    }
    const morning = byHour[9] + byHour[10] + byHour[11];
    const smallHours = byHour[2] + byHour[3] + byHour[4];
    expect(morning).toBeGreaterThan(3 * smallHours);
    expect(smallHours).toBeGreaterThan(0); // night-market drivers
    expect(byDay[6]).toBeLessThan(0.7 * byDay[2]); // Sunday vs Wednesday
  });

  it('dwells near hubs and chargers', () => {
    const places = [...FREIGHT_HUBS.map((h) => [h.lon, h.lat]), ...Array.from(chargers.lon, (lon, i) => [lon, chargers.lat[i]])];
    let near = 0;
    const sample = Math.min(pings.length, 5000);
    for (let k = 0; k < sample; k++) {
      const i = Math.floor((k * pings.length) / sample);
      const close = places.some(([lon, lat]) => Math.hypot((pings.lon[i] - lon) * 102_300, (pings.lat[i] - lat) * 111_200) < 150);
      if (close) near++;
    }
    expect(near / sample).toBeGreaterThan(0.3);
  });

  it('sorts by time', () => {
    const sorted = reorder(pings, orderByTime(pings));
    for (let i = 1; i < sorted.length; i++) expect(sorted.tsMs[i]).toBeGreaterThanOrEqual(sorted.tsMs[i - 1]);
    expect(sorted.length).toBe(pings.length);
  });
});

describe('synthetic union stations', () => {
  it('are labelled synthetic, leave the named gap hubs uncovered, and sit in Guangzhou', () => {
    const stations = demoStations();
    expect(stations.length).toBeGreaterThan(20);
    expect(stations.every((s) => s.name.startsWith('（演示）'))).toBe(true);
    expect(new Set(stations.map((s) => s.kind))).toEqual(new Set(['会员之家', '司机之家', '爱心驿站']));
    for (const s of stations) expect(districts.districtAt(s.lon, s.lat)).not.toBeNull();
    const jiangnan = FREIGHT_HUBS.find((h) => h.name === '江南果菜批发市场')!;
    const nearest = Math.min(...stations.map((s) => Math.hypot((s.lon - jiangnan.lon) * 102_300, (s.lat - jiangnan.lat) * 111_200)));
    expect(nearest).toBeGreaterThan(1000);
    expect(demoStationsCsv(stations).split('\n')[0]).toBe('id,name,kind,lon,lat,address,hours,synthetic');
  });
});

describe('the shipped demo Parquet file', () => {
  const path = 'data/demo/pings_week_demo_synthetic.parquet';
  it.skipIf(!existsSync(path))('has the documented schema, ~1 M rows and a minority of members', () => {
    const table = tableFromIPC(parquet.readParquet(new Uint8Array(readFileSync(path))).intoIPCStream());
    expect(table.schema.fields.map((f) => `${f.name}:${f.type}`)).toEqual([
      'driver_id:Int32',
      'ts:Timestamp<MILLISECOND>',
      'lon:Float64',
      'lat:Float64',
      'weight:Float32',
      'member:Bool',
    ]);
    expect(table.numRows).toBeGreaterThan(900_000);
    expect(table.numRows).toBeLessThan(1_100_000);
    const member = table.getChild('member')!;
    let members = 0;
    for (const m of member) if (m) members++;
    expect(members / table.numRows).toBeGreaterThan(0.05);
    expect(members / table.numRows).toBeLessThan(0.2);
  });
});
