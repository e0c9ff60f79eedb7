/**
 * Issue 22, acceptance 5: crafted project files (SQL in column types, names and values; `state: {}`;
 * a null filter; unknown fields) open with nothing executed beyond the app's statements, or are
 * refused whole with a reason; the tables are unchanged after a refusal. Against the real
 * DuckDB-WASM engine, with every statement the store sends recorded.
 */
import { describe, expect, it } from 'vitest';
import * as parquet from 'parquet-wasm';
import { strToU8, zipSync } from 'fflate';
import { Table as ArrowTable, tableFromIPC, tableToIPC } from 'apache-arrow';
import { PROJECT_FORMAT, PROJECT_VERSION, ProjectError, type ProjectManifest, type ProjectTable } from '../../../web/src/project/projectFile';
import { ProjectStore } from '../../../web/src/project/projectStore';
import { exportTables, projectColumnType, type TableRunner } from '../../../web/src/project/projectTables';
import { openWasmSqlRunner } from '../wasmDuckDb';

const codec = {
  encode: async (slices: Uint8Array[]) => parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(new ArrowTable(slices.flatMap((s) => tableFromIPC(s).batches)), 'stream'))),
  decode: async (bytes: Uint8Array) => parquet.readParquet(bytes).intoIPCStream(),
};

/** SQL a crafted file might smuggle in: each, pasted into the old swap statement, runs. */
const PWN = 'CREATE TABLE pwned(x INT); SET autoload_known_extensions = true';

/** A project file's pieces, from a source database with pings and stations (one value is SQL). */
async function goodProject(): Promise<{ tables: ProjectTable[]; files: Map<string, Uint8Array> }> {
  const { runner } = await openWasmSqlRunner();
  await runner.run([
    `CREATE TABLE pings AS SELECT (1152921504606846975 - i)::BIGINT AS driver_id, TIMESTAMP '2026-11-17 08:00:00' + INTERVAL (i) MINUTE AS ts,
       113.3 + i / 1000 AS lon, 23.1::DOUBLE AS lat, 1.5::FLOAT AS weight, i % 3 = 0 AS member, (8 + i // 60)::TINYINT AS hour, 2::TINYINT AS weekday FROM range(50) t(i)`,
    `CREATE TABLE stations AS SELECT * FROM (VALUES ('S1', '''); ${PWN}; --', '司机之家', 113.3::DOUBLE, 23.1::DOUBLE, NULL::VARCHAR, '=cmd|'' /C calc''!A0', false)) v(id, name, kind, lon, lat, address, hours, synthetic)`,
  ]);
  return exportTables(runner, codec.encode);
}

/** `manifest` as an object, or as JSON text (for keys an object literal cannot hold, like __proto__). */
function zipProject(manifest: unknown, files: Map<string, Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array> = { 'project.json': strToU8(typeof manifest === 'string' ? manifest : JSON.stringify(manifest)) };
  for (const [name, bytes] of files) entries[name] = bytes;
  return zipSync(entries);
}

const manifestOf = (tables: ProjectTable[], state: unknown = { demoData: false }): ProjectManifest<unknown> => ({ format: PROJECT_FORMAT, version: PROJECT_VERSION, savedAt: '2026-11-25T00:00:00Z', revision: 2, tables, state });

/** The loaded data as the app has it before a colleague's file is opened, and every statement sent to it. */
async function targetDb() {
  const { runner } = await openWasmSqlRunner();
  // As the app starts its engine: no extension fetched or loaded behind the user's back (set here
  // unless the test engine has set, and locked, them already).
  for (const setting of ['autoinstall_known_extensions', 'autoload_known_extensions']) {
    const value = String((await runner.query(`SELECT current_setting('${setting}')::VARCHAR AS v`)).get(0)!.v);
    if (value !== 'false') await runner.run([`SET ${setting} = false`]);
  }
  await runner.run([
    'CREATE TABLE pings AS SELECT i::BIGINT AS driver_id, TIMESTAMP \'2026-11-17 08:00:00\' AS ts, 113.0 AS lon, 23.0 AS lat FROM range(7) t(i)',
    "CREATE TABLE stations AS SELECT 'OLD' AS id, '旧站' AS name",
    'CREATE TABLE heat_grid AS SELECT 1.0 AS lon',
  ]);
  const sent: string[] = [];
  const recorded: TableRunner = {
    query: (sql) => (sent.push(sql), runner.query(sql)),
    queryIpc: (sql) => (sent.push(sql), runner.queryIpc(sql)),
    run: (statements) => (sent.push(...statements), runner.run(statements)),
    insertArrowIpc: (table, ipc) => (sent.push(`insert arrow into ${table}`), runner.insertArrowIpc(table, ipc)),
  };
  return { runner, recorded, sent };
}

/** What must not change: every table and view (any schema), each table's rows, the extension settings. */
async function dbState(runner: TableRunner) {
  const list = async (sql: string) => (await runner.query(sql)).toArray().map((r) => JSON.stringify(r.toJSON()));
  const tables = (await runner.query(`SELECT table_name::VARCHAR AS t FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY 1`)).toArray().map((r) => String(r.t));
  const rows: Record<string, string[]> = {};
  for (const table of tables) rows[table] = await list(`SELECT * FROM "${table}" ORDER BY ALL`);
  return {
    tables: await list('SELECT database_name, schema_name, table_name FROM duckdb_tables() ORDER BY ALL'),
    views: await list('SELECT view_name FROM duckdb_views() WHERE NOT internal ORDER BY ALL'),
    macros: await list("SELECT function_name FROM duckdb_functions() WHERE function_type LIKE '%macro%' AND NOT internal ORDER BY ALL"),
    rows,
    settings: await list("SELECT current_setting('autoload_known_extensions')::VARCHAR AS autoload, current_setting('autoinstall_known_extensions')::VARCHAR AS autoinstall"),
  };
}

async function refusal(bytes: Uint8Array, runner: TableRunner): Promise<[string, string] | null> {
  try {
    await new ProjectStore(runner, codec).open(bytes, '同事.atlas');
    return null;
  } catch (error) {
    return error instanceof ProjectError ? [error.problem, error.message] : ['not a ProjectError', String(error)];
  }
}

const REFUSED = '同事.atlas: not opened, nothing was changed: ';

describe('a crafted project file is refused whole, by name and reason, and changes nothing', async () => {
  const good = await goodProject();
  const withStations = (edit: (stations: ProjectTable) => ProjectTable) => good.tables.map((t) => (t.name === 'stations' ? edit(structuredClone(t)) : t));
  const typed = (column: string, type: string) => withStations((t) => ({ ...t, columns: t.columns.map((c) => (c.name === column ? { ...c, type } : c)) }));
  const named = (column: string, name: string) => withStations((t) => ({ ...t, columns: t.columns.map((c) => (c.name === column ? { ...c, name } : c)) }));

  // The last field: checked only once the data is staged (a column name is looked up in its data file).
  const cases: [string, ProjectTable[], string, 'staged'?][] = [
    [
      'SQL after a column type, shaped to run in the swap statement',
      typed('id', `VARCHAR FROM project_stations; ${PWN}; SELECT NULL::VARCHAR`),
      `table stations, column "id": the type "VARCHAR FROM project_stations; ${PWN}; SELECT NULL::VARCHAR" is not a column type a project can carry`,
    ],
    ['a column type closed early', typed('name', 'VARCHAR); CREATE TABLE pwned(x INT); --'), 'table stations, column "name": the type "VARCHAR); CREATE TABLE pwned(x INT); --" is not a column type a project can carry'],
    ['a column type with a default', typed('lon', "INTEGER DEFAULT (nextval('x'))"), `table stations, column "lon": the type "INTEGER DEFAULT (nextval('x'))" is not a column type a project can carry`],
    ['a nested type carrying text', typed('kind', "ENUM('a', 'b')"), `table stations, column "kind": the type "ENUM('a', 'b')" is not a column type a project can carry`],
    ['a column type that is a comment', typed('hours', 'VARCHAR --'), 'table stations, column "hours": the type "VARCHAR --" is not a column type a project can carry'],
    ['a column name that is not in the data, carrying SQL', named('name', `name" FROM project_stations; ${PWN}; --`), `table stations: its data file has no column "name" FROM project_stations; ${PWN}; --"`, 'staged'],
    ['a column name with a control character', named('name', 'na\u0000me'), 'table stations has a column with an unusable name "na\\u0000me"'],
    ['a column listed twice', named('kind', 'NAME'), 'table stations has the column "NAME" twice'],
    ['a table name carrying SQL', withStations((t) => ({ ...t, name: `stations; ${PWN}` })), `table "stations; ${PWN}" is not one of the app's tables (pings, heat_grid, stations, venues, charging_stations)`],
    ['a table listed twice', [...good.tables, good.tables[0]], 'table pings is listed twice'],
    ['a table with no columns', withStations((t) => ({ ...t, columns: [] })), 'table stations has no columns'],
  ];

  it.each(cases)('%s', async (_, tables, reason, staged) => {
    const { runner, recorded, sent } = await targetDb();
    const before = await dbState(runner);
    expect(await refusal(zipProject(manifestOf(tables), good.files), recorded)).toEqual(['corrupt', REFUSED + reason]);
    // Checked before anything is touched: the database was not even asked. Or, for a column name,
    // only the scratch tables were made (and dropped), with the app's names.
    const scratch = ['pings', 'stations'].flatMap((t) => [`DROP TABLE IF EXISTS project_${t}`, `insert arrow into project_${t}`, `SELECT lower(column_name::VARCHAR) AS name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = 'project_${t}'`]);
    expect(sent).toEqual(staged ? [...scratch, 'ROLLBACK', 'DROP TABLE IF EXISTS project_pings', 'DROP TABLE IF EXISTS project_stations'] : []);
    expect(await dbState(runner)).toEqual(before);
  });

  it('a type the data cannot take, in the second table: the first is not swapped in either', async () => {
    const { runner, recorded } = await targetDb();
    const before = await dbState(runner);
    // Valid SQL, wrong for the data: the cast fails inside the swap, which rolls back.
    const result = await refusal(zipProject(manifestOf(typed('name', 'INTEGER')), good.files), recorded);
    expect(result?.[0]).toBe('corrupt');
    expect(result?.[1]).toMatch(/^同事\.atlas: not opened, nothing was changed: Conversion Error: Could not convert string/);
    expect(await dbState(runner)).toEqual(before);
  });

  it('the allow-list rebuilds each type from its own words and numbers, and refuses the rest', () => {
    expect(['BIGINT', 'timestamp', ' DOUBLE ', 'DECIMAL(18,3)', 'VARCHAR[]', 'INTEGER[3]', 'TIMESTAMP WITH TIME ZONE'].map(projectColumnType)).toEqual([
      'BIGINT',
      'TIMESTAMP',
      'DOUBLE',
      'DECIMAL(18,3)',
      'VARCHAR[]',
      'INTEGER[3]',
      'TIMESTAMP WITH TIME ZONE',
    ]);
    for (const bad of ['', 'VARCHAR; SELECT 1', 'pwned', 'DECIMAL(40,2)', 'DECIMAL(5,6)', 'INTEGER[0]', 'STRUCT(a INTEGER)', 'MAP(VARCHAR, INTEGER)', 'VARCHAR COLLATE nocase', 'INTEGER NOT NULL', 'INT8', 'TIMESTAMP WITH TIME ZONE[]; --'])
      expect([bad, projectColumnType(bad)]).toEqual([bad, null]);
  });
});

describe('a crafted project file that is well formed opens with only the app statements', async () => {
  const good = await goodProject();
  /** The statements opening the untouched file sends: the app's own, the reference for every case. */
  const reference = async () => {
    const { recorded, sent } = await targetDb();
    await new ProjectStore(recorded, codec).open(zipProject(manifestOf(good.tables), good.files), '同事.atlas');
    return sent;
  };
  const appStatements = await reference();

  const cases: [string, unknown, string[]][] = [
    ['state: {} (every field at its default, each named)', {}, ['filter', 'source', 'mode']],
    ['state: null', null, ['state']],
    ['state that is SQL text', `'); ${PWN}; --`, ['state']],
    ['a null filter and SQL in a saved query, a station edit and an import report', {
      filter: null,
      savedQueries: [{ name: 'x', sql: PWN }],
      stationHistory: { done: [{ type: 'details', id: "S1'; DROP TABLE pings; --", from: { name: 'a', kind: 'b', address: null, hours: null }, to: { name: `'); ${PWN}; --`, kind: 'b', address: null, hours: null } }], undone: [] },
      unknownField: { sql: PWN },
    }, ['filter']],
  ];

  it.each(cases)('%s', async (_, state, named) => {
    const { runner, recorded, sent } = await targetDb();
    const manifest = { ...manifestOf(good.tables.map((t) => ({ ...t, onOpen: PWN, columns: t.columns.map((c) => ({ ...c, default: PWN })) })), state), run: PWN };
    const json = JSON.stringify(manifest).replace(/^\{/, '{"__proto__":{"polluted":true},');
    const opened = await new ProjectStore(recorded, codec).open(zipProject(json, good.files), '同事.atlas');
    expect(sent).toEqual(appStatements);
    for (const field of named) expect(opened.problems.map((p) => p.field)).toContain(field);
    // Only the known fields come out of the file.
    expect(Object.keys(opened).sort()).toEqual(['format', 'problems', 'revision', 'savedAt', 'state', 'tables', 'version']);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const after = await dbState(runner);
    expect(after.tables.filter((t) => t.includes('pwned'))).toEqual([]);
    expect(after.settings).toEqual(['{"autoload":"false","autoinstall":"false"}']);
    // The SQL in the station's name is a name.
    expect(after.rows.stations[0]).toContain(`'); ${PWN}; --`);
    expect(Object.keys(after.rows).sort()).toEqual(['pings', 'stations']);
  });
});
