/**
 * Every importer fixture with its expected outcome: accepted/rejected counts, the CRS and
 * encoding detected, where the points land, and the exact reason for files that cannot load.
 */
import { readFileSync } from 'node:fs';
import { beforeEach, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { derivedDataFiles } from '../../../scripts/derived-data';
import { createDistrictLookup } from '../../../web/src/geo/districtLookup';
import { planFromGuess } from '../../../web/src/ingest/importPlan';
import { ImportError, prepareImport } from '../../../web/src/ingest/prepareImport';
import { runImport, csvBytesInput, TABLE_INPUT } from '../../../web/src/ingest/runImport';
import type { SqlRunner } from '../../../web/src/db/sqlRunner';
import { openWasmSqlRunner } from '../wasmDuckDb';

const fixture = (name: string) => new Uint8Array(readFileSync(`test/fixtures/import/${name}`));
const districts = createDistrictLookup(JSON.parse(derivedDataFiles(process.cwd())['boundaries/guangzhou_districts.wgs84.geojson']));
const SALT = 'test-salt';

let runner: SqlRunner;
let conn: DuckDBConnection;
beforeEach(async () => {
  ({ runner, conn } = await openWasmSqlRunner());
});

async function importFixture(name: string) {
  const prepared = prepareImport(name, fixture(name));
  const plan = planFromGuess(prepared);
  const report = await runImport(runner, plan, csvBytesInput(fixture(name), prepared.encoding), { salt: SALT });
  return { prepared, plan, report };
}

function districtsOf(table: string): string[] {
  return conn
    .query(`SELECT lon, lat FROM ${table} ORDER BY lon, lat`)
    .toArray()
    .map((r) => districts.districtAt(r.lon, r.lat) ?? 'outside');
}

const expectedDistricts = (n: number) => ['天河区', '白云区', '番禺区'].flatMap((d) => Array(n / 3).fill(d)).sort();

describe('importing pings', () => {
  it('loads UTF-8 WGS-84 pings with English headers', async () => {
    const { prepared, report } = await importFixture('pings_utf8_wgs84.csv');
    expect(prepared.guess).toMatchObject({ kind: 'pings', crs: 'WGS84', swapped: false });
    expect(report).toMatchObject({ table: 'pings', accepted: 12, rejected: 0, tableRows: 12 });
    expect(districtsOf('pings').sort()).toEqual(expectedDistricts(12));
  });

  it('loads UTF-8 with BOM and Chinese headers', async () => {
    const { prepared, report } = await importFixture('pings_utf8bom_chinese_headers.csv');
    expect(prepared.encoding).toEqual({ encoding: 'utf-8', bomLength: 3 });
    expect(prepared.guess.roles).toEqual({ driver: 0, time: 1, lon: 2, lat: 3 });
    expect(report.accepted).toBe(12);
  });

  it('decodes GBK and converts GCJ-02 (named in the header) so points land in the right district', async () => {
    const { prepared, report } = await importFixture('pings_gbk_gcj02.csv');
    expect(prepared.encoding.encoding).toBe('gb18030');
    expect(prepared.preview.header).toEqual(['车牌号', '定位时间', '高德经度', '高德纬度']);
    expect(prepared.guess).toMatchObject({ crs: 'GCJ02', crsReason: 'header' });
    expect(report.accepted).toBe(12);
    expect(districtsOf('pings').sort()).toEqual(expectedDistricts(12));
    // Converted back to within a centimetre of the original WGS-84 point.
    const first = conn.query(`SELECT lon, lat FROM pings ORDER BY ts LIMIT 1`).get(0)!;
    expect(Math.abs(first.lon - 113.361)).toBeLessThan(1e-6);
    expect(Math.abs(first.lat - 23.125)).toBeLessThan(1e-6);
  });

  it('converts BD-09 named by Baidu headers', async () => {
    const { prepared } = await importFixture('pings_bd09_baidu_headers.csv');
    expect(prepared.guess.crs).toBe('BD09');
    expect(districtsOf('pings').sort()).toEqual(expectedDistricts(12));
  });

  it('detects and repairs swapped lon/lat', async () => {
    const { prepared, report } = await importFixture('pings_swapped_latlon.csv');
    expect(prepared.guess.swapped).toBe(true);
    expect(report.accepted).toBe(12);
    expect(districtsOf('pings').sort()).toEqual(expectedDistricts(12));
  });

  it('reads Unix epoch milliseconds as UTC and stores local time', async () => {
    await importFixture('pings_epoch_ms.csv');
    const row = conn.query(`SELECT strftime(ts, '%Y-%m-%d %H:%M') AS t, hour FROM pings`).get(0)!;
    expect(row.t).toBe('2026-11-17 09:30');
    expect(row.hour).toBe(9);
  });

  it('reads fields padded with spaces and Unix epoch seconds; a padded plate is the same driver', async () => {
    const bytes = new TextEncoder().encode(
      [
        'driver,time,lon,lat,member',
        ' 粤A12345 , 1794879000 ,  113.3610 , 23.1250 , 是 ',
        '粤A12345,2026-11-17 09:30:00,113.3611,23.1251,0',
        ' 粤B67890,  2026/11/17 10:05 ,113.3612,23.1252,',
        '粤B67890,   ,113.3613,23.1253,1',
      ].join('\n') + '\n',
    );
    const prepared = prepareImport('padded.csv', bytes);
    const report = await runImport(runner, planFromGuess(prepared), csvBytesInput(bytes, prepared.encoding), { salt: SALT });
    expect(report.accepted).toBe(3);
    expect(report.problems).toEqual([{ problem: 'missing', column: 'time', rows: 1, examples: [{ line: 5, value: null }] }]);
    const rows = conn.query(`SELECT strftime(ts, '%Y-%m-%d %H:%M') AS t, lon, member, driver_id FROM pings ORDER BY lon`).toArray().map((r) => r.toJSON());
    expect(rows.map((r) => r.t)).toEqual(['2026-11-17 09:30', '2026-11-17 09:30', '2026-11-17 10:05']);
    expect(rows.map((r) => r.lon)).toEqual([113.361, 113.3611, 113.3612]);
    expect(rows.map((r) => r.member)).toEqual([true, false, false]);
    expect(rows[0]!.driver_id).toBe(rows[1]!.driver_id);
    expect(rows[2]!.driver_id).not.toBe(rows[0]!.driver_id);
  });

  it('hashes driver ids with the salt: two plates give two stable ids, no plate is stored', async () => {
    await importFixture('pings_utf8_wgs84.csv');
    const ids = conn.query('SELECT DISTINCT driver_id FROM pings ORDER BY 1').toArray().map((r) => r.driver_id);
    expect(ids).toHaveLength(2);
    const text = conn.query("SELECT count(*) AS n FROM pings WHERE driver_id::VARCHAR LIKE '%12345%'").get(0)!.n;
    expect(text).toBe(0);
    // Same salt, same ids on a second import.
    await importFixture('pings_utf8_wgs84.csv');
    expect(conn.query('SELECT DISTINCT driver_id FROM pings ORDER BY 1').toArray().map((r) => r.driver_id)).toEqual(ids);
  });

  it('takes a semicolon-delimited file', async () => {
    const { prepared, report } = await importFixture('semicolon_delimited.csv');
    expect(prepared.preview.delimiter).toBe(';');
    expect(report.accepted).toBe(4);
  });
});

describe('importing heat grids and stations', () => {
  it('loads a tab-separated heat grid with weights and hours', async () => {
    const { prepared, report } = await importFixture('heat_grid.tsv');
    expect(prepared.guess.kind).toBe('heat');
    expect(report).toMatchObject({ table: 'heat_grid', accepted: 6 });
    const rows = conn.query('SELECT hour, sum(weight) AS w FROM heat_grid GROUP BY hour ORDER BY hour').toArray().map((r) => [r.hour, r.w]);
    expect(rows).toEqual([[8, 60], [20, 6]]);
  });

  it('loads GB18030 stations in GCJ-02 into the stations table', async () => {
    const { prepared, report } = await importFixture('stations_gb18030_gcj02.csv');
    expect(prepared.guess).toMatchObject({ kind: 'stations', crs: 'GCJ02' });
    expect(report).toMatchObject({ table: 'stations', accepted: 3 });
    const rows = conn.query('SELECT name, kind, lon, lat FROM stations ORDER BY name').toArray();
    for (const r of rows) expect(r.name).toContain(districts.districtAt(r.lon, r.lat)!);
  });
});

describe('rejected rows', () => {
  it('groups every bad row by reason and column with its line and value', async () => {
    const { report } = await importFixture('mixed_problems.csv');
    expect(report.accepted).toBe(2);
    expect(report.rejected).toBe(7);
    const byReason = Object.fromEntries(report.problems.map((p) => [`${p.problem}:${p.column}`, p.examples.map((e) => [e.line, e.value])]));
    expect(byReason).toEqual({
      'not_a_number:lon': [[3, 'abc'], [4, 'NaN']],
      'out_of_range:lat': [[5, '95.0']],
      'outside_china:lon': [[6, '-0.1276']],
      'bad_time:time': [[7, 'yesterday']],
      'missing:driver': [[8, null]],
      'missing:lon': [[9, null]],
    });
    expect(report.rejectedCsv.split('\r\n')[0]).toBe('line,problem,column,driver,time,lon,lat');
    expect(report.rejectedCsv).toContain('3,not_a_number,lon,A,2026-11-17 08:05:00,abc,23.125');
  });

  it('keeps the complete rows of a truncated file and reports the cut one', async () => {
    const { report } = await importFixture('truncated.csv');
    expect(report.accepted).toBe(3);
    expect(report.rejected).toBe(1);
    expect(report.problems[0]).toMatchObject({ problem: 'missing', column: 'lat', examples: [{ line: 5, value: null }] });
  });
});

describe('files that cannot be imported say exactly why', () => {
  const cases: [string, RegExp][] = [
    ['empty.csv', /^empty\.csv: the file is empty \(0 bytes\)$/],
    ['blank_lines.csv', /^blank_lines\.csv: the file holds only blank lines$/],
    ['header_only.csv', /^header_only\.csv: the file has a header but no data rows$/],
    ['one_column.csv', /^one_column\.csv: line 1 has 1 column; expected a header with lon and lat columns/],
    ['binary_junk.bin', /^binary_junk\.bin: byte 10 is NUL: this is a binary file, not text$/],
  ];
  for (const [name, message] of cases) {
    it(name, () => {
      expect(() => prepareImport(name, fixture(name))).toThrow(ImportError);
      expect(() => prepareImport(name, fixture(name))).toThrow(message);
    });
  }

  it('refuses a file with no valid row and leaves existing tables untouched', async () => {
    await importFixture('pings_utf8_wgs84.csv');
    const text = 'driver,time,lon,lat\r\nA,2026-11-17 08:00:00,abc,23.1\r\n';
    const bytes = new TextEncoder().encode(text);
    const prepared = prepareImport('bad.csv', bytes);
    await expect(runImport(runner, planFromGuess(prepared), csvBytesInput(bytes, prepared.encoding), { salt: SALT })).rejects.toThrow(
      'bad.csv: no valid rows among 1; most common problem: not_a_number in column "lon" (line 2, value "abc")',
    );
    expect(conn.query('SELECT count(*) AS n FROM pings').get(0)!.n).toBe(12);
    const scratch = conn.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'import_%'").get(0)!.n;
    expect(scratch).toBe(0);
  });

  it('appends when asked, replaces by default', async () => {
    await importFixture('pings_utf8_wgs84.csv');
    const prepared = prepareImport('pings_utf8_wgs84.csv', fixture('pings_utf8_wgs84.csv'));
    const report = await runImport(runner, { ...planFromGuess(prepared), mode: 'append' }, csvBytesInput(fixture('pings_utf8_wgs84.csv'), prepared.encoding), { salt: SALT });
    expect(report.tableRows).toBe(24);
    await importFixture('pings_utf8_wgs84.csv');
    expect(conn.query('SELECT count(*) AS n FROM pings').get(0)!.n).toBe(12);
  });
});

describe('importing Parquet', () => {
  it('loads the demo Parquet file as pings through the same checks', async () => {
    const parquet = await import('parquet-wasm');
    const { prepareTableImport } = await import('../../../web/src/ingest/prepareTableImport');
    const bytes = new Uint8Array(readFileSync('data/demo/pings_week_demo_synthetic.parquet'));
    const ipc = parquet.readParquet(bytes).intoIPCStream();
    const prepared = await prepareTableImport(runner, 'pings_week_demo_synthetic.parquet', ipc, bytes.length);
    expect(prepared.preview.header).toEqual(['driver_id', 'ts', 'lon', 'lat', 'weight', 'member']);
    expect(prepared.guess).toMatchObject({ kind: 'pings', crs: 'WGS84', roles: { driver: 0, time: 1, lon: 2, lat: 3, weight: 4, member: 5 } });
    const report = await runImport(runner, { ...planFromGuess(prepared), hashDriverIds: false }, TABLE_INPUT, { salt: SALT });
    expect(report).toMatchObject({ table: 'pings', rejected: 0, accepted: 1_026_646 });
    const stats = conn.query('SELECT count(DISTINCT driver_id)::INTEGER AS drivers, count(*) FILTER (WHERE member)::INTEGER AS member_pings, min(ts)::VARCHAR AS first FROM pings').get(0)!.toJSON();
    expect(stats.drivers).toBe(2600);
    expect(stats.first.startsWith('2026-11-16 0')).toBe(true);
    expect(conn.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'import_%'").get(0)!.n).toBe(0);
  });
});

describe('importing GeoJSON points', () => {
  it('turns point features into station rows with their properties', async () => {
    const { geojsonPointsToCsv } = await import('../../../web/src/ingest/geojsonPoints');
    const csv = new TextEncoder().encode(geojsonPointsToCsv('stations_points.geojson', readFileSync('test/fixtures/import/stations_points.geojson', 'utf8')));
    const prepared = prepareImport('stations_points.geojson', csv);
    expect(prepared.preview.header).toEqual(['name', 'type', 'capacity', 'lon', 'lat']);
    expect(prepared.guess).toMatchObject({ kind: 'stations', crs: 'WGS84', roles: { name: 0, kind: 1, lon: 3, lat: 4 } });
    const report = await runImport(runner, planFromGuess(prepared), csvBytesInput(csv, prepared.encoding), { salt: SALT });
    expect(report).toMatchObject({ table: 'stations', accepted: 3 });
    const rows = conn.query('SELECT name, lon, lat FROM stations').toArray();
    for (const r of rows) expect(r.name).toContain(districts.districtAt(r.lon, r.lat)!);
  });

  it('says why a GeoJSON of lines or broken JSON cannot be imported', async () => {
    const { geojsonPointsToCsv } = await import('../../../web/src/ingest/geojsonPoints');
    const read = (name: string) => readFileSync(`test/fixtures/import/${name}`, 'utf8');
    expect(() => geojsonPointsToCsv('lines.geojson', read('lines.geojson'))).toThrow(
      'lines.geojson: 1 features, but none is a Point (found: LineString); road networks are imported with the coverage tools',
    );
    expect(() => geojsonPointsToCsv('not_json.geojson', read('not_json.geojson'))).toThrow(/^not_json\.geojson: not valid JSON: /);
  });
});

describe('importing in slices', () => {
  const tableOf = (table: string) => conn.query(`SELECT * FROM ${table}`).toArray().map((r) => JSON.stringify(r.toJSON()));

  it('gives the same report and rows whether the file is read whole or 16 bytes at a time', async () => {
    const name = 'mixed_problems.csv';
    const prepared = prepareImport(name, fixture(name));
    const plan = planFromGuess(prepared);
    const whole = await runImport(runner, plan, csvBytesInput(fixture(name), prepared.encoding), { salt: SALT });
    const wholeRows = tableOf('pings');
    const progress: { done: number; total: number; rows: number }[] = [];
    const sliced = await runImport(runner, plan, csvBytesInput(fixture(name), prepared.encoding), { salt: SALT, chunkBytes: 16, onProgress: (p) => progress.push(p) });
    expect(sliced).toEqual(whole);
    expect(tableOf('pings')).toEqual(wholeRows);
    expect(progress.length).toBeGreaterThan(3);
    expect(progress.at(-1)).toMatchObject({ done: fixture(name).length, total: fixture(name).length, rows: whole.accepted + whole.rejected });
    for (let i = 1; i < progress.length; i++) expect(progress[i].done).toBeGreaterThan(progress[i - 1].done);
  });

  it('reads a Parquet file in row slices with the same result', async () => {
    const parquet = await import('parquet-wasm');
    const { prepareTableImport } = await import('../../../web/src/ingest/prepareTableImport');
    const bytes = fixture('pings_gcj02.parquet');
    const load = async (chunkRows?: number) => {
      const prepared = await prepareTableImport(runner, 'pings_gcj02.parquet', parquet.readParquet(bytes).intoIPCStream(), bytes.length);
      const report = await runImport(runner, planFromGuess(prepared), TABLE_INPUT, { salt: SALT, chunkRows });
      return { report, rows: tableOf('pings') };
    };
    const whole = await load();
    expect(whole.report.accepted).toBeGreaterThan(5);
    expect(await load(2)).toEqual(whole);
  });

  it('stops with a reason before the tables outgrow the memory budget, and changes nothing', async () => {
    await importFixture('pings_utf8_wgs84.csv');
    const before = tableOf('pings');
    const name = 'mixed_problems.csv';
    const prepared = prepareImport(name, fixture(name));
    // Pretend every slice takes 1 MB: a file of many slices cannot fit in a 3 MB budget.
    let used = 0;
    const memory = { usedBytes: async () => (used += 1024 ** 2) - 1024 ** 2, budgetBytes: 3 * 1024 ** 2 };
    await expect(runImport(runner, planFromGuess(prepared), csvBytesInput(fixture(name), prepared.encoding), { salt: SALT, chunkBytes: 16, memory })).rejects.toThrow(
      /^mixed_problems\.csv: stopped after \d+ rows: at this rate the whole file needs about \d+ MB in the database, more than the 3 MB this tab can hold/,
    );
    expect(tableOf('pings')).toEqual(before);
    expect(conn.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'import_%'").get(0)!.n).toBe(0);
  });
});
