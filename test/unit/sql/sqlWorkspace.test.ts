import { beforeAll, describe, expect, it } from 'vitest';
import { strFromU8, unzipSync } from 'fflate';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { EXAMPLE_QUERIES, HISTORY_LIMIT, isSavedList, parseStored, pushHistory, saveQuery } from '../../../web/src/sql/queryLibrary';
import { resultCells, resultToCsv, resultToXlsx } from '../../../web/src/sql/resultExport';
import { chartSeries } from '../../../web/src/sql/resultChart';
import { SCHEMA_SQL, schemaFromRows } from '../../../web/src/sql/schemaQuery';
import { openWasmDuckDb } from '../wasmDuckDb';

let conn: DuckDBConnection;
beforeAll(async () => {
  conn = await openWasmDuckDb();
  conn.query(`CREATE TABLE pings AS SELECT (1152921504606846975 - i)::BIGINT AS driver_id, TIMESTAMP '2026-11-17 08:00:00' + INTERVAL (i) MINUTE AS ts, 113.3 + i / 100 AS lon, 23.1 AS lat, (i % 24)::TINYINT AS hour, '司机, "甲"' AS note FROM range(30) t(i)`);
});

describe('result exports', () => {
  it('CSV keeps 64-bit ids exact, timestamps readable, text quoted', () => {
    const table = conn.query('SELECT driver_id::VARCHAR AS id, driver_id, ts, lon, note FROM pings ORDER BY ts LIMIT 2');
    const lines = resultToCsv(table).replace('\ufeff', '').trim().split('\r\n');
    expect(lines[0]).toBe('id,driver_id,ts,lon,note');
    // driver_id comes back as a double here (castBigIntToDouble), the VARCHAR copy is exact.
    expect(lines[1].startsWith('1152921504606846975,')).toBe(true);
    expect(lines[1]).toContain(',2026-11-17 08:00:00.000,113.3,"司机, ""甲"""');
    expect(lines).toHaveLength(3);
  });

  it('XLSX has every row and the header', () => {
    const table = conn.query('SELECT hour, count(*)::INTEGER AS n FROM pings GROUP BY hour ORDER BY hour');
    const { bytes, truncated } = resultToXlsx(table);
    expect(truncated).toBe(false);
    const sheet = strFromU8(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    expect((sheet.match(/<row /g) ?? []).length).toBe(25);
    expect(sheet).toContain('<c r="A1" t="inlineStr"><is><t xml:space="preserve">hour</t></is></c>');
    expect(resultCells(table, 3).rows).toEqual([[0, 2], [1, 2], [2, 2]]);
  });
});

describe('quick chart', () => {
  it('bars for few rows, a thinned line for many, null without a numeric y', () => {
    const few = chartSeries(conn.query('SELECT hour, count(*)::INTEGER AS n FROM pings GROUP BY hour ORDER BY hour'), 'hour', 'n')!;
    expect(few.kind).toBe('bar');
    expect(few.values).toHaveLength(24);
    expect(few.max).toBe(2);
    const many = chartSeries(conn.query('SELECT i, i * i AS sq FROM range(5000) t(i)'), 'i', 'sq', 400)!;
    expect(many.kind).toBe('line');
    expect(many.values.length).toBeLessThanOrEqual(400);
    expect(many.labels[0]).toBe('0');
    expect(chartSeries(conn.query('SELECT note, note AS n2 FROM pings'), 'note', 'n2')).toBeNull();
  });
});

describe('query library', () => {
  it('keeps history newest first, without repeats, capped', () => {
    let history: string[] = [];
    for (let i = 0; i < HISTORY_LIMIT + 5; i++) history = pushHistory(history, `SELECT ${i}`);
    history = pushHistory(history, 'SELECT 10');
    expect(history[0]).toBe('SELECT 10');
    expect(history.filter((q) => q === 'SELECT 10')).toHaveLength(1);
    expect(history).toHaveLength(HISTORY_LIMIT);
    expect(pushHistory(history, '   ')).toEqual(history);
  });

  it('saves by name (replacing), ignores empty, survives bad storage', () => {
    let saved = saveQuery([], { name: '夜间', sql: 'SELECT 1' });
    saved = saveQuery(saved, { name: '夜间', sql: 'SELECT 2' });
    saved = saveQuery(saved, { name: ' ', sql: 'SELECT 3' });
    expect(saved).toEqual([{ name: '夜间', sql: 'SELECT 2' }]);
    expect(parseStored('{broken', isSavedList, [])).toEqual([]);
    expect(parseStored(JSON.stringify(saved), isSavedList, [])).toEqual(saved);
  });

  it('has the same examples in both languages, and they run', () => {
    expect(EXAMPLE_QUERIES.en.map((q) => q.sql)).toEqual(EXAMPLE_QUERIES['zh-CN'].map((q) => q.sql));
    conn.query(`CREATE OR REPLACE TABLE stations AS SELECT 'S' AS id, '司机之家' AS kind, 113.3 AS lon, 23.1 AS lat`);
    conn.query(`ALTER TABLE pings ADD COLUMN IF NOT EXISTS member BOOLEAN DEFAULT false`);
    for (const q of EXAMPLE_QUERIES.en) expect(() => conn.query(q.sql), q.name).not.toThrow();
  });
});

describe('schema browser', () => {
  it('lists tables with rows and typed columns', () => {
    const schema = schemaFromRows(conn.query(SCHEMA_SQL).toArray().map((r) => r.toJSON() as never));
    const pings = schema.find((t) => t.name === 'pings')!;
    expect(pings.rows).toBe(30);
    expect(pings.columns.slice(0, 2)).toEqual([{ name: 'driver_id', type: 'BIGINT' }, { name: 'ts', type: 'TIMESTAMP' }]);
  });
});
