/**
 * Tables in and out of a project, through Parquet. Column types are written to the manifest and
 * restored exactly on open; 64-bit integers (hashed driver ids) travel as text, because the app's
 * DuckDB returns BIGINT as DOUBLE, which would round them. Opening stages every table first and
 * swaps them all in one transaction, so a bad file leaves the loaded data as it was.
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

export async function importTables(db: TableRunner, tables: ProjectTable[], files: Map<string, Uint8Array>, decodeParquet: (parquet: Uint8Array) => Promise<Uint8Array>): Promise<void> {
  const staged: string[] = [];
  try {
    for (const table of tables) {
      if (!(PROJECT_TABLES as readonly string[]).includes(table.name)) throw new Error(`unexpected table in project: ${table.name}`);
      const staging = `project_${table.name}`;
      await db.run([`DROP TABLE IF EXISTS ${staging}`]);
      await db.insertArrowIpc(staging, await decodeParquet(files.get(table.file)!));
      staged.push(staging);
    }
    const swaps = tables.map((table) => {
      const select = table.columns.map((c) => `${ident(c.name)}::${c.type} AS ${ident(c.name)}`).join(', ');
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
