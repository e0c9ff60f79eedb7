/** The tables in the database with their row counts and columns, for the schema browser and completion. */

export interface SchemaTable {
  name: string;
  rows: number;
  columns: { name: string; type: string }[];
}

export const SCHEMA_SQL = `SELECT t.table_name::VARCHAR AS table_name, t.estimated_size::DOUBLE AS rows, c.column_name::VARCHAR AS column_name, c.data_type::VARCHAR AS type
  FROM duckdb_tables() t JOIN duckdb_columns() c USING (database_name, schema_name, table_name)
  WHERE t.schema_name = 'main' AND NOT t.temporary ORDER BY t.table_name, c.column_index`;

export function schemaFromRows(rows: { table_name: string; rows: number; column_name: string; type: string }[]): SchemaTable[] {
  const tables = new Map<string, SchemaTable>();
  for (const row of rows) {
    let table = tables.get(row.table_name);
    if (!table) tables.set(row.table_name, (table = { name: row.table_name, rows: Number(row.rows), columns: [] }));
    table.columns.push({ name: row.column_name, type: row.type });
  }
  return [...tables.values()];
}
