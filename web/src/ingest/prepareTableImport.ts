/**
 * The first look at a columnar file (Parquet) already decoded to Arrow: it goes into the scratch
 * table `import_source`, and the preview and column guesses come from its schema and first rows.
 * Nothing else changes until the import is confirmed; a cancel drops the scratch table.
 */
import { guessColumns } from './columnRoles';
import { ImportError, sampleCoordinates, type PreparedImport } from './prepareImport';
import type { SqlRunner } from '../db/sqlRunner';
import { readAhead, rowGroupBatches, type OpenedParquet } from '../db/parquetBatches';
import { TABLE_CHUNK_ROWS, type ImportInput } from './runImport';

/**
 * A Parquet file opened by row groups: its first batch goes into import_source for the preview;
 * the import input reads the further batches, one decoded ahead, only once the import starts.
 */
export async function prepareParquetImport(db: SqlRunner, fileName: string, opened: OpenedParquet, byteLength: number, batchRows = TABLE_CHUNK_ROWS): Promise<{ prepared: PreparedImport; input: ImportInput }> {
  const [first, ...rest] = rowGroupBatches(opened.rowGroupRows, batchRows);
  if (!first) throw new ImportError(fileName, 'the Parquet file has no row groups (no data)');
  const prepared = await prepareTableImport(db, fileName, await opened.read(first), byteLength);
  const totalRows = opened.rowGroupRows.reduce((a, b) => a + b, 0);
  return { prepared, input: { format: 'table', rest: { batches: readAhead(opened, rest), totalRows } } };
}

export async function prepareTableImport(db: SqlRunner, fileName: string, ipc: Uint8Array, byteLength: number): Promise<PreparedImport> {
  try {
    await db.run(['DROP TABLE IF EXISTS import_source']);
    await db.insertArrowIpc('import_source', ipc);
  } catch (error) {
    await db.run(['DROP TABLE IF EXISTS import_source']).catch(() => undefined);
    throw new ImportError(fileName, error instanceof Error ? error.message : String(error));
  }
  return previewSourceTable(db, fileName, byteLength);
}

/** The preview and guesses of a table already in `import_source` (native DuckDB reads Parquet itself). */
export async function previewSourceTable(db: SqlRunner, fileName: string, byteLength: number): Promise<PreparedImport> {
  try {
    // As text, exactly as the import will read it (timestamps as 'YYYY-MM-DD HH:MM:SS').
    const first = await db.query('SELECT CAST(COLUMNS(*) AS VARCHAR) FROM import_source LIMIT 20');
    const header = first.schema.fields.map((f) => f.name);
    if (header.length < 2) throw new ImportError(fileName, `the file has ${header.length} column; expected lon and lat columns at least`);
    const rows = first.toArray().map((row) => Object.values(row.toJSON() as Record<string, string | null>).map((v) => v ?? ''));
    if (rows.length === 0) throw new ImportError(fileName, 'the file has columns but no rows');
    const guess = guessColumns(header, rows);
    // A spread-out sample (every n-th row) for the CRS check.
    const count = Number((await db.query('SELECT count(*)::INTEGER AS n FROM import_source')).get(0)!.n);
    const step = Math.max(1, Math.floor(count / 2000));
    const sampleTable = await db.query(`SELECT CAST(COLUMNS(*) AS VARCHAR) FROM import_source WHERE rowid % ${step} = 0 LIMIT 2000`);
    const sampleRows = sampleTable.toArray().map((row) => Object.values(row.toJSON() as Record<string, string | null>).map((v) => v ?? ''));
    return {
      fileName,
      format: 'table',
      byteLength,
      encoding: { encoding: 'utf-8', bomLength: 0 },
      preview: { delimiter: '', header, rows },
      guess,
      sample: sampleCoordinates(sampleRows, guess),
    };
  } catch (error) {
    await db.run(['DROP TABLE IF EXISTS import_source']).catch(() => undefined);
    if (error instanceof ImportError) throw error;
    throw new ImportError(fileName, error instanceof Error ? error.message : String(error));
  }
}
