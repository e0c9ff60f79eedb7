/** Rebuilds the imported tables after a reload by replaying the logged imports in order. */
import type { SqlRunner } from '../db/sqlRunner';
import { runImport, type ImportReport } from '../ingest/runImport';
import { listImports } from './importLog';
import { prepareParquetImport } from '../ingest/prepareTableImport';
import { openParquetFile } from '../db/parquetDecoder';

/** Replays the logged imports newer than `afterId` (0: all of them). */
export async function replayImports(db: SqlRunner, salt: string, afterId = 0): Promise<{ reports: ImportReport[]; errors: string[] }> {
  const reports: ImportReport[] = [];
  const errors: string[] = [];
  for (const entry of (await listImports()).filter((e) => e.id > afterId)) {
    try {
      if (entry.plan.format === 'table') {
        const opened = await openParquetFile(entry.bytes);
        try {
          const { input } = await prepareParquetImport(db, entry.plan.fileName, opened, entry.bytes.size);
          reports.push(await runImport(db, entry.plan, input, { salt }));
        } finally {
          opened.close();
        }
      } else {
        reports.push(await runImport(db, entry.plan, { format: 'csv', file: entry.bytes, encoding: entry.encoding }, { salt }));
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { reports, errors };
}
