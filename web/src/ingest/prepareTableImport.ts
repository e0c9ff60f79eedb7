/**
 * The first look at a columnar file (Parquet) already decoded to Arrow: it goes into the scratch
 * table `import_source`, and the preview and column guesses come from its schema and first rows.
 * Nothing else changes until the import is confirmed; a cancel drops the scratch table.
 */
import { guessColumns } from './columnRoles';
import { ImportError, type PreparedImport } from './prepareImport';
import type { SqlRunner } from './sqlRunner';

export async function prepareTableImport(db: SqlRunner, fileName: string, ipc: Uint8Array, byteLength: number): Promise<PreparedImport> {
  try {
    await db.run(['DROP TABLE IF EXISTS import_source']);
    await db.insertArrowIpc('import_source', ipc);
    // As text, exactly as the import will read it (timestamps as 'YYYY-MM-DD HH:MM:SS').
    const first = await db.query('SELECT CAST(COLUMNS(*) AS VARCHAR) FROM import_source LIMIT 20');
    const header = first.schema.fields.map((f) => f.name);
    if (header.length < 2) throw new ImportError(fileName, `the file has ${header.length} column; expected lon and lat columns at least`);
    const rows = first.toArray().map((row) => Object.values(row.toJSON() as Record<string, string | null>).map((v) => v ?? ''));
    if (rows.length === 0) throw new ImportError(fileName, 'the file has columns but no rows');
    return {
      fileName,
      format: 'table',
      byteLength,
      encoding: { encoding: 'utf-8', bomLength: 0 },
      preview: { delimiter: '', header, rows },
      guess: guessColumns(header, rows),
    };
  } catch (error) {
    await db.run(['DROP TABLE IF EXISTS import_source']).catch(() => undefined);
    if (error instanceof ImportError) throw error;
    throw new ImportError(fileName, error instanceof Error ? error.message : String(error));
  }
}
