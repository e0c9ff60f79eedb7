/**
 * Issue 22, acceptance 1 and 3: every statement of the hostile corpus, typed into the console
 * (the function the sql slice calls), locked and unlocked, against DuckDB-WASM in Node with the
 * app's start-up settings and small versions of the app's tables (the stations read from a
 * registered CSV, the cube built by the app's own SQL). Each is refused or harmless: the engine's
 * settings, databases, schemas and session, the atlas_derived schema and what each table name and
 * a few built-in names resolve to are as before; locked (and for every refusal) the base tables'
 * rows and the whole catalogue too.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { pingsFromStagingSql, registeredFileName, stationsFromCsvSql, chargingStationsFromCsvSql } from '../../../web/src/db/schema';
import { buildPingCubeSql } from '../../../web/src/density/pingCube';
import { HEAT_CELL_DEG } from '../../../web/src/density/densityQueries';
import { ConsoleRefusal, type ConsoleResult } from '../../../web/src/sql/sqlGuard';
import { openWasmSqlRunner } from '../wasmDuckDb';
import { HOSTILE_CORPUS, type Outcome } from './hostileCorpus';

const BASE_TABLES = ['pings', 'stations', 'heat_grid', 'venues', 'charging_stations'];

const STATIONS_CSV = 'id,name,kind,lon,lat,address,hours,synthetic\nS1,站一,司机之家,113.30,23.10,天河路 1 号,8:00-20:00,true\nS2,"站""二""",驿站,113.40,23.20,,,true\n';
const CHARGING_CSV = 'station_id,WGS84_station_lg,WGS84_station_lt,station_fast_cnt,station_slow_cnt,park_num,create_time\nC1,113.31,23.11,4,2,10,2020-01-01\nC2,113.35,23.15,0,8,20,2021-06-30\n';

let conn: DuckDBConnection;
let runConsole: (sql: string, unlocked: boolean) => Promise<ConsoleResult>;
let runAppSql: (statements: string[]) => Promise<void>;

/** The base tables as the app builds them (pings from staging, stations from a registered CSV). */
async function buildBaseTables() {
  await runAppSql([
    `CREATE OR REPLACE TABLE pings_staging AS SELECT (i % 7)::BIGINT AS driver_id, TIMESTAMP '2026-11-16 00:00:00' + INTERVAL (i * 37) MINUTE AS ts,
       113.2 + (i % 50) * 0.004 AS lon, 23.0 + (i % 31) * 0.005 AS lat, 1.0 AS weight, i % 3 = 0 AS member FROM range(400) t(i)`,
    ...pingsFromStagingSql('pings_staging'),
    stationsFromCsvSql(registeredFileName('stations.csv')),
    chargingStationsFromCsvSql(registeredFileName('charging.csv')),
    `CREATE OR REPLACE TABLE heat_grid AS SELECT 113.2 + i * 0.01 AS lon, 23.1 AS lat, 2.0::FLOAT AS weight, (i % 24)::TINYINT AS hour, (1 + i % 7)::TINYINT AS weekday FROM range(30) t(i)`,
    `CREATE OR REPLACE TABLE venues AS SELECT 'V' || i AS id, '场地 ' || i AS name, 113.3 + i * 0.01 AS lon, 23.12 AS lat FROM range(5) t(i)`,
  ]);
}

const list = (sql: string) => conn.query(sql).toArray().map((r) => JSON.stringify(r.toJSON()));
const one = (sql: string) => {
  try {
    return list(sql).join('\n');
  } catch (error) {
    return `error: ${(error as Error).message.split('\n')[0]}`;
  }
};
const checksum = (table: string) => one(`SELECT count(*)::VARCHAR || ':' || coalesce(bit_xor(hash(t::VARCHAR)), 0)::VARCHAR AS c FROM ${table} t`);

const q = (column: string) => `'"' || replace(${column}, '"', '""') || '"'`;
const named = (kind: string, name: string) => `'DROP ${kind} ' || ${q('database_name')} || '.' || ${q('schema_name')} || '.' || ${q(name)}`;

/** The catalogue of the database (`catalogue`, watched) and of temp (`temporary`, dropped after each entry). */
function objects() {
  const rows = conn.query(`SELECT database_name AS d, 'table' AS k, schema_name AS s, table_name AS n, table_oid::VARCHAR AS o, sql AS x, ${named('TABLE', 'table_name')} AS drop FROM duckdb_tables()
      UNION ALL SELECT database_name, 'view', schema_name, view_name, view_oid::VARCHAR, sql, ${named('VIEW', 'view_name')} FROM duckdb_views() WHERE NOT internal
      UNION ALL SELECT DISTINCT database_name, 'function', schema_name, function_name, '', macro_definition,
        'DROP MACRO ' || CASE WHEN function_type = 'table_macro' THEN 'TABLE ' ELSE '' END || ${q('database_name')} || '.' || ${q('schema_name')} || '.' || ${q('function_name')}
        FROM duckdb_functions() WHERE database_name IN ('memory', 'temp')
      UNION ALL SELECT database_name, 'type', schema_name, type_name, type_oid::VARCHAR, logical_type, ${named('TYPE', 'type_name')} FROM duckdb_types() WHERE NOT internal
      UNION ALL SELECT database_name, 'sequence', schema_name, sequence_name, sequence_oid::VARCHAR, '', ${named('SEQUENCE', 'sequence_name')} FROM duckdb_sequences()
      UNION ALL SELECT database_name, 'index', schema_name, index_name, index_oid::VARCHAR, table_name, ${named('INDEX', 'index_name')} FROM duckdb_indexes()
      ORDER BY ALL`).toArray().map((r) => r.toJSON() as { d: string; k: string; s: string; n: string; o: string; x: string; drop: string });
  const described = (list: typeof rows) => list.map(({ drop, ...r }) => (void drop, JSON.stringify(r)));
  return {
    catalogue: described(rows.filter((r) => r.d === 'memory')),
    // Indexes first: a table is dropped after its indexes.
    drops: rows.filter((r) => r.d === 'temp' || (r.d === 'memory' && !fixtureObjects.has(r.n))).sort((a, b) => Number(b.k === 'index') - Number(a.k === 'index')).map((r) => r.drop),
  };
}

/** What the test watches, in parts. */
function watched() {
  const derived = list(`SELECT table_name FROM duckdb_tables() WHERE schema_name = 'atlas_derived' ORDER BY 1`).map((r) => JSON.parse(r).table_name as string);
  return {
    settings: list('SELECT name, value FROM duckdb_settings() ORDER BY name'),
    databases: list('SELECT database_name, path, type, readonly FROM duckdb_databases() ORDER BY 1'),
    session: one("SELECT current_database() AS db, current_schema() AS sch, current_setting('search_path') AS path"),
    schemas: list('SELECT database_name, schema_name FROM duckdb_schemas() ORDER BY ALL'),
    derived: [
      ...list(`SELECT 'table' AS k, table_name AS n, table_oid::VARCHAR AS o, sql FROM duckdb_tables() WHERE schema_name = 'atlas_derived'
        UNION ALL SELECT 'view', view_name, view_oid::VARCHAR, sql FROM duckdb_views() WHERE schema_name = 'atlas_derived'
        UNION ALL SELECT DISTINCT 'function', function_name, '', '' FROM duckdb_functions() WHERE schema_name = 'atlas_derived' ORDER BY ALL`),
      ...derived.map((t) => `${t} ${checksum(`atlas_derived."${t}"`)}`),
    ],
    // Each table name and a few built-in names still mean what the app means by them.
    resolves: [
      ...BASE_TABLES.map((t) => `${t} ${checksum(t) === checksum(`memory.main."${t}"`) ? 'is the base table' : `resolves elsewhere: ${checksum(t)}`}`),
      one("SELECT upper('ab') || lower('AB') || hour(TIMESTAMP '2020-01-01 05:00:00') || typeof(1.5::DOUBLE) || (SELECT count(*) FROM range(3)) || (SELECT count(*) FROM duckdb_tables() WHERE table_name = 'ping_cube') AS probe"),
    ],
    base: BASE_TABLES.map((t) => `${t} ${checksum(`memory.main."${t}"`)}`),
    // Objects of the database and temporary ones, with how to drop them again (for the reset).
    ...objects(),
    prepared: list('SELECT name FROM duckdb_prepared_statements() ORDER BY 1'),
  };
}
type Watched = ReturnType<typeof watched>;

/** The parts that must never change; locked, and for any refusal, every part. */
function guarded(state: Watched, everything: boolean) {
  const { base, catalogue, drops, ...always } = state;
  void drops;
  return everything ? { base, catalogue, ...always } : always;
}

let initial: Watched;
/** The state before the next entry (the fixture; a rebuilt base table has a new oid). */
let current: Watched;
let fixtureObjects: Set<string>;

/** Back to the fixture after an entry (as `after` shows it): temp objects dropped, an allowed write undone. */
async function reset(after: Watched) {
  let touched = false;
  const attempt = (sql: string) => {
    touched = true;
    try {
      conn.query(sql);
    } catch {
      // Nothing to undo.
    }
  };
  try {
    conn.query('ROLLBACK');
    touched = true;
  } catch {
    // No transaction was left open, as it should be.
  }
  if (after.session !== initial.session) {
    attempt('USE memory.main');
    attempt('RESET search_path');
  }
  for (const db of after.databases.map((r) => JSON.parse(r).database_name as string)) if (!['memory', 'system', 'temp'].includes(db)) attempt(`DETACH "${db}"`);
  for (const drop of after.drops) attempt(drop);
  if (JSON.stringify(after.base) !== JSON.stringify(initial.base)) {
    touched = true;
    await buildBaseTables();
  }
  for (const name of after.prepared) attempt(`DEALLOCATE "${JSON.parse(name).name}"`);
  current = touched ? watched() : after;
  // The next entry starts from the fixture (oids of rebuilt tables aside).
  expect(guarded(current, false)).toEqual(guarded(initial, false));
  expect(current.base).toEqual(initial.base);
  expect(current.drops).toEqual([]);
}

beforeAll(async () => {
  const opened = await openWasmSqlRunner();
  conn = opened.conn;
  runConsole = opened.runner.runConsoleSql;
  runAppSql = opened.runner.run;
  await opened.runner.registerFile(registeredFileName('stations.csv'), new TextEncoder().encode(STATIONS_CSV));
  await opened.runner.registerFile(registeredFileName('charging.csv'), new TextEncoder().encode(CHARGING_CSV));
  await buildBaseTables();
  // The cube, as the app builds it after the pings load.
  await runAppSql(buildPingCubeSql(HEAT_CELL_DEG));
  fixtureObjects = new Set(conn.query('SELECT table_name AS n FROM duckdb_tables() UNION ALL SELECT view_name FROM duckdb_views() WHERE NOT internal').toArray().map((r) => String(r.n)));
  initial = watched();
  current = initial;
}, 120_000);

/** What each entry did, per mode, written to test-output/hostile-sql.json for review. */
const outcomes: { why: string; sql: string; mode: string; result: string }[] = [];

afterAll(() => {
  conn?.close();
  mkdirSync('test-output', { recursive: true });
  writeFileSync('test-output/hostile-sql.json', JSON.stringify(outcomes, null, 2));
});

describe('the engine starts locked', () => {
  it('refuses every setting change outside the console too, and reads registered files only', () => {
    expect(() => conn.query("SET memory_limit = '1MB'")).toThrow(/configuration has been locked/);
    expect(() => conn.query('SET lock_configuration = false')).toThrow(/configuration has been locked/);
    expect(() => conn.query("SELECT * FROM read_csv('https://example.com/x.csv')")).toThrow(/Permission Error/);
    expect(() => conn.query("SELECT * FROM read_text('/etc/hostname')")).toThrow(/Permission Error/);
    expect(() => conn.query('LOAD httpfs')).toThrow(/Permission Error|disabled/);
    expect(conn.query(`SELECT count(*)::INT AS n FROM read_csv('${registeredFileName('stations.csv')}')`).get(0)!.n).toBe(2);
    const settings = Object.fromEntries(conn.query("SELECT name, value FROM duckdb_settings() WHERE name IN ('enable_external_access', 'lock_configuration', 'autoload_known_extensions', 'autoinstall_known_extensions', 'perfect_ht_threshold')").toArray().map((r) => [r.name, r.value]));
    expect(settings).toEqual({ enable_external_access: 'false', lock_configuration: 'true', autoload_known_extensions: 'false', autoinstall_known_extensions: 'false', perfect_ht_threshold: '22' });
  });
});

describe(`the hostile corpus (${HOSTILE_CORPUS.length} statements), typed into the console`, () => {
  it('has at least 100 statements, none twice', () => {
    expect(HOSTILE_CORPUS.length).toBeGreaterThanOrEqual(100);
    expect(new Set(HOSTILE_CORPUS.map((e) => e.sql)).size).toBe(HOSTILE_CORPUS.length);
  });

  for (const mode of ['locked', 'unlocked'] as const) {
    describe(mode, () => {
      for (const entry of HOSTILE_CORPUS) {
        const outcome: Outcome = entry[mode];
        it(`${outcome}: ${entry.why} — ${JSON.stringify(entry.sql)}`, async () => {
          const before = current;
          let after: Watched | null = null;
          try {
            const result = await runConsole(entry.sql, mode === 'unlocked');
            after = watched();
            outcomes.push({ why: entry.why, sql: entry.sql, mode, result: result.error instanceof ConsoleRefusal ? `refused (${result.error.reason})` : result.error ? `failed: ${result.error.message.split('\n')[0]}` : 'ran' });
            const describeResult = result.error ? `${result.error.name}: ${result.error.message}` : 'ran';
            if (outcome === 'refused') expect(result.error, describeResult).toBeInstanceOf(ConsoleRefusal);
            if (outcome === 'allowed') expect(result.error, describeResult).toBeNull();
            const everything = mode === 'locked' || outcome !== 'allowed';
            expect(guarded(after, everything), describeResult).toEqual(guarded(before, everything));
          } finally {
            await reset(after ?? watched());
          }
        }, 30_000);
      }
    });
  }
});
