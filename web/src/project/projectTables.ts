/**
 * Tables in and out of a project, through Parquet. Column types are written to the manifest and
 * restored exactly on open; 64-bit integers (hashed driver ids) travel as text, because the app's
 * DuckDB returns BIGINT as DOUBLE, which would round them. Opening stages every table first and
 * swaps them all in one transaction, so a bad file leaves the loaded data as it was.
 *
 * Project files come from colleagues (by WeChat), so opening one runs only the app's statements:
 * the manifest's table names, column names and column types are checked against allow-lists
 * before any table is touched, and nothing of the file's text is pasted into SQL unchecked.
 */
import type { Table } from 'apache-arrow';
import type { ProjectColumn, ProjectTable } from './projectFile';

/** The tables a project carries (those that exist). */
export const PROJECT_TABLES = ['pings', 'heat_grid', 'stations', 'venues', 'charging_stations'] as const;

export interface TableRunner {
  query(sql: string): Promise<Table>;
  /** A result as an Arrow IPC stream (serialised by the Arrow module the engine uses). */
  queryIpc(sql: string): Promise<{ ipc: Uint8Array; rows: number }>;
  run(statements: string[]): Promise<void>;
  insertArrowIpc(table: string, ipc: Uint8Array): Promise<void>;
}

const WIDE_INTEGERS = /^(BIGINT|UBIGINT|HUGEINT|UHUGEINT)$/;
const ident = (name: string) => `"${name.replace(/"/g, '""')}"`;

/**
 * The column types a project may declare: DuckDB's plain types, as duckdb_columns() names them.
 * The app's own tables use BIGINT, INTEGER, TINYINT, DOUBLE, FLOAT, BOOLEAN, VARCHAR and
 * TIMESTAMP; the rest are what the unlocked SQL console can leave in a base table and still
 * save and reopen. Nested types (STRUCT, MAP, UNION, ENUM) carry names and text of their own and
 * are refused rather than parsed.
 */
const PLAIN_TYPES = new Set([
  'BOOLEAN', 'TINYINT', 'SMALLINT', 'INTEGER', 'BIGINT', 'HUGEINT', 'UTINYINT', 'USMALLINT', 'UINTEGER', 'UBIGINT', 'UHUGEINT',
  'FLOAT', 'DOUBLE', 'VARCHAR', 'BLOB', 'UUID', 'DATE', 'TIME', 'TIMESTAMP', 'TIMESTAMP_S', 'TIMESTAMP_MS', 'TIMESTAMP_NS',
  'TIMESTAMP WITH TIME ZONE', 'TIME WITH TIME ZONE', 'INTERVAL',
]);

/**
 * A declared column type as SQL the app writes itself, or null when it is not an allowed type.
 * The result is built from the allow-list and parsed integers, never from the file's text, so
 * `VARCHAR); CREATE TABLE pwned(x INT); --` or `INTEGER DEFAULT (…)` can never reach the engine.
 */
export function projectColumnType(declared: string): string | null {
  const match = /^([A-Z_]+(?: WITH TIME ZONE)?|DECIMAL\((\d{1,2}),(\d{1,2})\))((?:\[\d{0,5}\])*)$/.exec(declared.trim().toUpperCase());
  if (!match) return null;
  const [, base, width, scale, lists] = match;
  let type: string;
  if (width !== undefined) {
    const [w, s] = [Number(width), Number(scale)];
    if (w < 1 || w > 38 || s > w) return null;
    type = `DECIMAL(${w},${s})`;
  } else if (PLAIN_TYPES.has(base)) type = base;
  else return null;
  // List (`[]`) and fixed-size array (`[3]`) suffixes, rebuilt from their numbers.
  for (const size of lists.match(/\[(\d*)\]/g) ?? []) {
    const n = size.slice(1, -1);
    if (n !== '' && Number(n) < 1) return null;
    type += n === '' ? '[]' : `[${Number(n)}]`;
  }
  return type;
}

/**
 * What is wrong with a table a project file lists, or null: its name must be one of
 * PROJECT_TABLES, its columns named (no control characters, no two alike: DuckDB names ignore
 * case) and typed from the allow-list. Checked for every table before any is touched.
 */
export function projectTableProblem(table: ProjectTable): string | null {
  if (!(PROJECT_TABLES as readonly string[]).includes(table.name)) return `table "${table.name}" is not one of the app's tables (${PROJECT_TABLES.join(', ')})`;
  if (table.columns.length === 0) return `table ${table.name} has no columns`;
  const seen = new Set<string>();
  for (const column of table.columns) {
    if (column.name === '' || /[\u0000-\u001f\u007f]/.test(column.name)) return `table ${table.name} has a column with an unusable name ${JSON.stringify(column.name)}`;
    if (seen.has(column.name.toLowerCase())) return `table ${table.name} has the column "${column.name}" twice`;
    seen.add(column.name.toLowerCase());
    if (!projectColumnType(column.type)) return `table ${table.name}, column "${column.name}": the type ${JSON.stringify(column.type)} is not a column type a project can carry`;
  }
  return null;
}

/** The first problem among a project's tables (including a table listed twice), or null. */
export function projectTablesProblem(tables: ProjectTable[]): string | null {
  const names = new Set<string>();
  for (const table of tables) {
    if (names.has(table.name)) return `table ${table.name} is listed twice`;
    names.add(table.name);
    const problem = projectTableProblem(table);
    if (problem) return problem;
  }
  return null;
}

async function existingTables(db: TableRunner): Promise<string[]> {
  const rows = (await db.query(`SELECT table_name::VARCHAR AS name FROM duckdb_tables() WHERE schema_name = 'main'`)).toArray().map((r) => String(r.name));
  return PROJECT_TABLES.filter((t) => rows.includes(t));
}

/** Encodes the project tables that exist (or just `only` of them) as Parquet, with their column types. */
/**
 * Rows are read in slices of this many, each its own query: other work queued on the database
 * (a station edit, the time filter) runs between slices instead of waiting for a million rows.
 */
const SLICE_ROWS = 100_000;

export async function exportTables(
  db: TableRunner,
  encodeParquet: (ipcSlices: Uint8Array[]) => Promise<Uint8Array>,
  only?: readonly string[],
): Promise<{ tables: ProjectTable[]; files: Map<string, Uint8Array> }> {
  const tables: ProjectTable[] = [];
  const files = new Map<string, Uint8Array>();
  for (const name of (await existingTables(db)).filter((t) => !only || only.includes(t))) {
    const columns = (await db.query(`SELECT column_name::VARCHAR AS name, data_type::VARCHAR AS type FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = '${name}' ORDER BY column_index`))
      .toArray()
      .map((r) => ({ name: String(r.name), type: String(r.type) }) as ProjectColumn);
    // What this app could not open again is not saved: the save fails and says why.
    const problem = projectTableProblem({ name, rows: 0, file: '', columns });
    if (problem) throw new Error(`cannot save the project: ${problem}`);
    const select = columns.map((c) => (WIDE_INTEGERS.test(c.type) ? `${ident(c.name)}::VARCHAR AS ${ident(c.name)}` : ident(c.name))).join(', ');
    const maxRowId = Number((await db.query(`SELECT coalesce(max(rowid), -1)::DOUBLE AS m FROM ${name}`)).get(0)?.m ?? -1);
    const slices: Uint8Array[] = [];
    let rows = 0;
    for (let from = 0; from <= Math.max(maxRowId, 0); from += SLICE_ROWS) {
      const slice = await db.queryIpc(`SELECT ${select} FROM ${name} WHERE rowid >= ${from} AND rowid < ${from + SLICE_ROWS} ORDER BY rowid`);
      slices.push(slice.ipc);
      rows += slice.rows;
    }
    const file = `tables/${name}.parquet`;
    files.set(file, await encodeParquet(slices));
    tables.push({ name, rows, file, columns });
  }
  return { tables, files };
}

/**
 * Loads a project's tables, all or nothing. Every table is checked first (projectTablesProblem);
 * values travel as Arrow from the Parquet files, never as SQL text; the only SQL is the app's own,
 * with PROJECT_TABLES names, quoted column names and types rebuilt by projectColumnType.
 */
export async function importTables(db: TableRunner, tables: ProjectTable[], files: Map<string, Uint8Array>, decodeParquet: (parquet: Uint8Array) => Promise<Uint8Array>): Promise<void> {
  const problem = projectTablesProblem(tables);
  if (problem) throw new Error(problem);
  const staged: string[] = [];
  try {
    for (const table of tables) {
      const staging = `project_${table.name}`;
      await db.run([`DROP TABLE IF EXISTS ${staging}`]);
      await db.insertArrowIpc(staging, await decodeParquet(files.get(table.file)!));
      staged.push(staging);
      const found = (await db.query(`SELECT lower(column_name::VARCHAR) AS name FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = '${staging}'`)).toArray().map((r) => String(r.name));
      const missing = table.columns.find((c) => !found.includes(c.name.toLowerCase()));
      if (missing) throw new Error(`table ${table.name}: its data file has no column "${missing.name}"`);
    }
    const swaps = tables.map((table) => {
      const select = table.columns.map((c) => `${ident(c.name)}::${projectColumnType(c.type)!} AS ${ident(c.name)}`).join(', ');
      return `CREATE OR REPLACE TABLE ${table.name} AS SELECT ${select} FROM project_${table.name}`;
    });
    const dropped = (await existingTables(db)).filter((name) => !tables.some((t) => t.name === name)).map((name) => `DROP TABLE ${name}`);
    await db.run(['BEGIN TRANSACTION', ...swaps, ...dropped, 'COMMIT']);
  } catch (error) {
    await db.run(['ROLLBACK']).catch(() => undefined);
    throw error;
  } finally {
    await db.run(staged.map((s) => `DROP TABLE IF EXISTS ${s}`)).catch(() => undefined);
  }
}
