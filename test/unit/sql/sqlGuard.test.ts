/**
 * The console's lock, decided by DuckDB: its scanner splits the text, its parser takes one
 * statement at a time, its planner says what each does, and each runs in its own transaction
 * (read-only while locked). The hostile corpus is in hostileSql.test.ts; these are the rules.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { ConsoleRefusal, READ_TABLE_FUNCTIONS, REFUSED_TABLE_FUNCTIONS, splitStatements, type ConsoleResult } from '../../../web/src/sql/sqlGuard';
import { pingsFromStagingSql } from '../../../web/src/db/schema';
import { coordinateColumns } from '../../../web/src/sql/resultLayer';
import type { ConsoleSession } from '../../../web/src/sql/sqlGuard';
import { openWasmSqlRunner } from '../wasmDuckDb';

let conn: DuckDBConnection;
let run: (sql: string, unlocked: boolean) => Promise<ConsoleResult>;
let session: ConsoleSession;

beforeAll(async () => {
  const opened = await openWasmSqlRunner();
  ({ conn, session } = opened);
  run = opened.runner.runConsoleSql;
  await opened.runner.run([
    "CREATE TABLE pings_staging AS SELECT i::BIGINT AS driver_id, TIMESTAMP '2026-11-17 08:00:00' AS ts, 113.3 AS lon, 23.1 AS lat, 1.0 AS weight, false AS member FROM range(5) t(i)",
    ...pingsFromStagingSql('pings_staging'),
    "CREATE TABLE stations AS SELECT 'S1' AS id, '站' AS name, 'x' AS kind, 113.3 AS lon, 23.1 AS lat",
    'CREATE TABLE heat_grid AS SELECT 113.3 AS lon, 23.1 AS lat, 1.0 AS weight',
    'CREATE TABLE charging_stations AS SELECT 1 AS id',
  ]);
}, 60_000);

const count = (table: string) => Number(conn.query(`SELECT count(*)::INT AS n FROM ${table}`).get(0)!.n);

describe('base tables are read-only in the console', () => {
  const refused = [
    'DROP TABLE pings',
    'drop table if exists "pings";',
    "/* tidy */ DELETE FROM stations WHERE kind = 'x'",
    'UPDATE heat_grid SET weight = 0',
    'INSERT INTO charging_stations SELECT * FROM charging_stations',
    'ALTER TABLE pings RENAME TO old',
    'CREATE OR REPLACE TABLE pings AS SELECT 1',
    'CREATE TABLE stations (id INT)',
    'SELECT 1; DROP TABLE pings',
    'TRUNCATE pings',
    // Writes to a new table of the database too: while locked, scratch work goes into temp.
    'CREATE TABLE my_pings AS SELECT * FROM pings WHERE hour = 8',
  ];
  for (const sql of refused) {
    it(`refuses: ${sql}`, async () => {
      const { error } = await run(sql, false);
      expect(error).toBeInstanceOf(ConsoleRefusal);
      expect((error as ConsoleRefusal).reason).toBe('readOnly');
      expect(error!.message).toMatch(/基础数据表只读[\s\S]*Base tables are read-only/);
      expect(count('pings')).toBe(5);
    });
  }

  const allowed: [string, unknown][] = [
    ['SELECT count(*)::INT AS n FROM pings', [{ n: 5 }]],
    ["SELECT 'drop table pings' AS joke", [{ joke: 'drop table pings' }]],
    ['-- DROP TABLE pings\nSELECT count(*)::INT AS n FROM pings', [{ n: 5 }]],
    ['CREATE TEMP TABLE my_pings AS SELECT * FROM pings WHERE hour = 8', [{ Count: 5 }]],
    ['CREATE TEMP VIEW busy AS SELECT * FROM stations', []],
    ['DROP TABLE my_pings', []],
    ['WITH x AS (SELECT * FROM pings) SELECT count(*)::INT AS n FROM x', [{ n: 5 }]],
    ["SELECT '司机之家' AS 名; SELECT 2 AS two", [{ two: 2 }]],
  ];
  for (const [sql, rows] of allowed) {
    it(`allows: ${sql.replace(/\n/g, ' ')}`, async () => {
      const { table, error } = await run(sql, false);
      expect(error).toBeNull();
      expect(table!.toArray().map((r) => r.toJSON())).toEqual(rows);
    });
  }

  it('allows changes to base tables once unlocked, still one transaction per statement', async () => {
    expect((await run('INSERT INTO heat_grid VALUES (113.4, 23.2, 2.0)', true)).error).toBeNull();
    expect(count('heat_grid')).toBe(2);
    const { error, changed } = await run('DELETE FROM heat_grid WHERE weight = 2.0; SET memory_limit = \'1MB\'', true);
    // The second statement is refused before the first runs.
    expect((error as ConsoleRefusal).reason).toBe('settings');
    expect(changed).toBe(false);
    expect(count('heat_grid')).toBe(2);
  });

  it('never changes settings, databases, schemas or the derived tables, even unlocked', async () => {
    conn.query('CREATE SCHEMA IF NOT EXISTS atlas_derived; CREATE OR REPLACE TABLE atlas_derived.ping_cube AS SELECT 1 AS cell');
    const reasons = async (sql: string) => ((await run(sql, true)).error as ConsoleRefusal | null)?.reason;
    expect(await reasons("SET memory_limit = '1MB'")).toBe('settings');
    expect(await reasons("ATTACH ':memory:' AS x")).toBe('database');
    expect(await reasons('CREATE SCHEMA s')).toBe('schema');
    expect(await reasons('DROP SCHEMA atlas_derived CASCADE')).toBe('schema');
    expect(await reasons('INSERT INTO atlas_derived.ping_cube VALUES (2)')).toBe('derived');
    expect(await reasons('DELETE FROM atlas_derived.ping_cube')).toBe('derived');
    expect(await reasons('BEGIN TRANSACTION')).toBe('transaction');
    expect(await reasons("SELECT * FROM read_csv('https://example.com/x.csv')")).toBe('files');
    expect(await reasons('INSTALL httpfs')).toBe('extension');
    expect(await reasons("CREATE TEMP VIEW pings AS SELECT 1")).toBe('shadow');
    expect(count('atlas_derived.ping_cube')).toBe(1);
    expect(count('pings')).toBe(5);
  });

  it('says in both languages why, and which statement', async () => {
    const { error } = await run('SELECT 1; ATTACH \':memory:\' AS x; USE x', false);
    expect(error!.message).toMatch(/^第 2 条语句 \/ statement 2: 控制台不能挂载、卸载或切换数据库[\s\S]*The console cannot attach, detach or switch databases/);
  });
});

describe('statements as DuckDB reads them', () => {
  const pieces = async (text: string) => (await splitStatements(session, text)).map((p) => p.text);

  it('splits where DuckDB would, whatever strings, quotes and comments hold', async () => {
    expect(await pieces("SELECT E'\\''; DROP TABLE pings; --'")).toEqual(["SELECT E'\\''", 'DROP TABLE pings']);
    expect(await pieces("SELECT $$'$$; DROP TABLE pings; --'")).toEqual(["SELECT $$'$$", 'DROP TABLE pings']);
    expect(await pieces("SELECT $t$'$t$; DELETE FROM stations; --'")).toEqual(["SELECT $t$'$t$", 'DELETE FROM stations']);
    expect(await pieces('SELECT 1 -- c\r; DROP TABLE pings')).toEqual(['SELECT 1 -- c', 'DROP TABLE pings']);
    expect(await pieces(`SELECT "a""b", 'it''s; x' FROM t`)).toEqual([`SELECT "a""b", 'it''s; x' FROM t`]);
    expect(await pieces("SELECT '司机;之家' AS 名; SELECT 2")).toEqual(["SELECT '司机;之家' AS 名", 'SELECT 2']);
    expect(await pieces('  ;; -- only a comment\n')).toEqual([]);
  });

  it('decides every table function of this DuckDB build', () => {
    const functions = conn.query("SELECT DISTINCT function_name FROM duckdb_functions() WHERE function_type IN ('table', 'table_macro') ORDER BY 1").toArray().map((r) => String(r.function_name));
    const decided = new Set([...READ_TABLE_FUNCTIONS, ...Object.keys(REFUSED_TABLE_FUNCTIONS)]);
    expect(functions.filter((f) => !decided.has(f))).toEqual([]);
  });
});

describe('results that can be drawn', () => {
  const columnsOf = (sql: string) => {
    const table = conn.query(sql);
    const columns = table.schema.fields.map((f) => ({ name: f.name, numeric: ['Float', 'Int', 'Decimal'].some((t) => String(f.type).startsWith(t)) }));
    return { columns, sample: table.toArray().slice(0, 50).map((r) => r.toJSON()) };
  };

  it('finds lon/lat by name, in English or Chinese', () => {
    const a = columnsOf('SELECT 113.3::DOUBLE AS lng, 23.1::DOUBLE AS lat, 5 AS n');
    expect(coordinateColumns(a.columns, a.sample)).toEqual({ lon: 'lng', lat: 'lat' });
    const b = columnsOf('SELECT 113.3::DOUBLE AS 经度, 23.1::DOUBLE AS 纬度');
    expect(coordinateColumns(b.columns, b.sample)).toEqual({ lon: '经度', lat: '纬度' });
  });

  it('finds coordinates by their values, and refuses tables without them', () => {
    const a = columnsOf('SELECT 42 AS n, 113.3::DOUBLE AS a, 23.1::DOUBLE AS b');
    expect(coordinateColumns(a.columns, a.sample)).toEqual({ lon: 'a', lat: 'b' });
    const b = columnsOf('SELECT 8 AS hour, 1200 AS pings');
    expect(coordinateColumns(b.columns, b.sample)).toBeNull();
  });
});
