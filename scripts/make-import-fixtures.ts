/**
 * Writes the importer's test fixtures (test/fixtures/import/): small synthetic files in the
 * encodings, coordinate systems and shapes union staff actually receive, plus broken ones.
 * Deterministic; rerun with `npx tsx scripts/make-import-fixtures.ts` after changing it.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import * as parquet from 'parquet-wasm';
import { fromWgs84, type Crs } from '../web/src/geo/crs';

const OUT = 'test/fixtures/import';

/** GBK/GB18030 encoder built from the platform decoder: every two-byte code decoded once. */
function gbkEncoder(): (text: string) => Uint8Array {
  const decoder = new TextDecoder('gb18030');
  const table = new Map<string, [number, number]>();
  for (let b1 = 0x81; b1 <= 0xfe; b1++) {
    for (let b2 = 0x40; b2 <= 0xfe; b2++) {
      if (b2 === 0x7f) continue;
      const ch = decoder.decode(new Uint8Array([b1, b2]));
      if (ch.length === 1 && !table.has(ch)) table.set(ch, [b1, b2]);
    }
  }
  return (text) => {
    const bytes: number[] = [];
    for (const ch of text) {
      if (ch.charCodeAt(0) < 0x80) bytes.push(ch.charCodeAt(0));
      else {
        const pair = table.get(ch);
        if (!pair) throw new Error(`no GBK code for ${ch}`);
        bytes.push(...pair);
      }
    }
    return new Uint8Array(bytes);
  };
}

/** Known WGS-84 points well inside three districts (checked by the tests with the district lookup). */
export const KNOWN_POINTS = [
  { district: '天河区', lon: 113.361, lat: 23.125 },
  { district: '白云区', lon: 113.3, lat: 23.25 },
  { district: '番禺区', lon: 113.384, lat: 22.938 },
];

function pingRows(crs: Crs, count = 12): string[][] {
  const rows: string[][] = [];
  for (let i = 0; i < count; i++) {
    const p = KNOWN_POINTS[i % KNOWN_POINTS.length];
    const [lon, lat] = fromWgs84(crs, p.lon, p.lat);
    const driver = i % 2 === 0 ? '粤A12345' : '粤B67890';
    const minute = String(i * 5).padStart(2, '0');
    rows.push([driver, `2026-11-17 09:${minute}:00`, lon.toFixed(6), lat.toFixed(6)]);
  }
  return rows;
}

const csv = (rows: string[][], delimiter = ',') => rows.map((r) => r.join(delimiter)).join('\r\n') + '\r\n';
const utf8 = (text: string) => new TextEncoder().encode(text);

function main() {
  mkdirSync(OUT, { recursive: true });
  const gbk = gbkEncoder();
  const write = (name: string, bytes: Uint8Array | string) => writeFileSync(join(OUT, name), typeof bytes === 'string' ? utf8(bytes) : bytes);

  write('pings_utf8_wgs84.csv', csv([['driver_id', 'timestamp', 'lng', 'lat'], ...pingRows('WGS84')]));
  write('pings_utf8bom_chinese_headers.csv', new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(csv([['司机', '定位时间', '经度', '纬度'], ...pingRows('WGS84')]))]));
  write('pings_gbk_gcj02.csv', gbk(csv([['车牌号', '定位时间', '高德经度', '高德纬度'], ...pingRows('GCJ02')])));
  write('pings_bd09_baidu_headers.csv', csv([['vehicle', 'gps_time', '百度经度', '百度纬度'], ...pingRows('BD09')]));
  write('pings_swapped_latlon.csv', csv([['driver', 'time', 'lon', 'lat'], ...pingRows('WGS84').map(([d, t, lon, lat]) => [d, t, lat, lon])]));
  write('pings_epoch_ms.csv', csv([['driver', 'ts', 'longitude', 'latitude'], ['7', String(Date.UTC(2026, 10, 17, 1, 30)), '113.361', '23.125']]));
  write(
    'heat_grid.tsv',
    csv(
      [['lng', 'lat', 'count', 'hour'], ...KNOWN_POINTS.flatMap((p, i) => [[p.lon.toFixed(4), p.lat.toFixed(4), String(10 * (i + 1)), '8'], [p.lon.toFixed(4), p.lat.toFixed(4), String(i + 1), '20']])],
      '\t',
    ),
  );
  write(
    'stations_gb18030_gcj02.csv',
    gbk(csv([['名称', '类型', 'gcj_lng', 'gcj_lat', '地址'], ...KNOWN_POINTS.map((p, i) => {
      const [lon, lat] = fromWgs84('GCJ02', p.lon, p.lat);
      return [`测试${p.district}司机之家${i + 1}`, '司机之家', lon.toFixed(6), lat.toFixed(6), `${p.district}某路${i + 1}号`];
    })])),
  );
  // Parquet with AMap coordinates and plate numbers, as a platform export might be.
  const gcj = pingRows('GCJ02');
  const arrow = tableFromArrays({
    plate: gcj.map((r) => r[0]),
    gps_time: gcj.map((r) => r[1]),
    gcj_lng: Float64Array.from(gcj, (r) => Number(r[2])),
    gcj_lat: Float64Array.from(gcj, (r) => Number(r[3])),
  });
  write('pings_gcj02.parquet', parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(arrow, 'stream'))));
  // Pings dwelling at real EV chargers, in GCJ-02 but with neutral headers: only the values tell.
  const chargers = readFileSync('data/gz-ev-charging/guangzhou_ev_charging_stations.csv', 'utf8').trim().split('\n').slice(1, 201);
  write(
    'pings_gcj02_unlabelled.csv',
    csv([
      ['driver', 'time', 'lng', 'lat'],
      ...chargers.map((line, i) => {
        const cells = line.split(',');
        const [lon, lat] = fromWgs84('GCJ02', Number(cells[8]), Number(cells[9]));
        return [`V${i % 17}`, `2026-11-18 ${String(8 + (i % 10)).padStart(2, '0')}:15:00`, lon.toFixed(6), lat.toFixed(6)];
      }),
    ]),
  );
  // GeoJSON points (stations) and a GeoJSON of lines, which is not a point layer.
  write(
    'stations_points.geojson',
    JSON.stringify({
      type: 'FeatureCollection',
      features: KNOWN_POINTS.map((p, i) => ({
        type: 'Feature',
        properties: { name: `GeoJSON ${p.district}爱心驿站`, type: '爱心驿站', capacity: 10 + i },
        geometry: { type: 'Point', coordinates: [p.lon, p.lat] },
      })),
    }),
  );
  write('lines.geojson', JSON.stringify({ type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: [[113.3, 23.1], [113.4, 23.2]] } }] }));
  write('not_json.geojson', '{"type": "FeatureCollection", "features": [');
  // Broken and awkward files.
  write('empty.csv', new Uint8Array());
  write('blank_lines.csv', '\r\n\r\n  \r\n');
  write('header_only.csv', 'driver,time,lon,lat\r\n');
  write('one_column.csv', 'driver time lon lat\r\nA 2026-11-17 113.3 23.1\r\n');
  write('truncated.csv', csv([['driver', 'time', 'lon', 'lat'], ...pingRows('WGS84', 3)]) + 'A,2026-11-17 10:00:00,113.3');
  write(
    'mixed_problems.csv',
    csv([
      ['driver', 'time', 'lon', 'lat'],
      ['A', '2026-11-17 08:00:00', '113.361', '23.125'], // line 2 ok
      ['A', '2026-11-17 08:05:00', 'abc', '23.125'], // line 3 not a number
      ['B', '2026-11-17 08:10:00', 'NaN', '23.125'], // line 4 NaN
      ['B', '2026-11-17 08:15:00', '113.3', '95.0'], // line 5 out of range
      ['C', '2026-11-17 08:20:00', '-0.1276', '51.5072'], // line 6 outside China (London)
      ['C', 'yesterday', '113.3', '23.25'], // line 7 bad time
      ['', '2026-11-17 08:30:00', '113.3', '23.25'], // line 8 missing driver
      ['D', '2026-11-17 08:35:00', '', '23.25'], // line 9 missing lon
      ['D', '2026-11-17 08:40:00', '113.3', '23.25'], // line 10 ok
    ]),
  );
  write('semicolon_delimited.csv', csv([['driver', 'time', 'lon', 'lat'], ...pingRows('WGS84', 4)], ';'));
  const junk = new Uint8Array(4096);
  let s = 12345;
  for (let i = 0; i < junk.length; i++) junk[i] = (s = (Math.imul(s, 1103515245) + 12345) >>> 0) >>> 24;
  junk[10] = 0;
  write('binary_junk.bin', junk);
  console.log(`fixtures written to ${OUT}`);
}

main();
