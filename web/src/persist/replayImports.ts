/** Rebuilds the imported tables after a reload by replaying the logged imports in order. */
import type { SqlRunner } from '../ingest/sqlRunner';
import { toUtf8 } from '../ingest/prepareImport';
import { runImport, TABLE_INPUT, type ImportReport } from '../ingest/runImport';
import { listImports } from './importLog';
import { prepareTableImport } from '../ingest/prepareTableImport';
import { decodeParquet } from '../db/parquetDecoder';

/** Replays the logged imports newer than `afterId` (0: all of them). */
export async function replayImports(db: SqlRunner, salt: string, afterId = 0): Promise<{ reports: ImportReport[]; errors: string[] }> {
  const reports: ImportReport[] = [];
  const errors: string[] = [];
  for (const entry of (await listImports()).filter((e) => e.id > afterId)) {
    try {
      const buffer = await entry.bytes.arrayBuffer();
      if (entry.plan.format === 'table') {
        await prepareTableImport(db, entry.plan.fileName, (await decodeParquet(buffer)).ipc, buffer.byteLength);
        reports.push(await runImport(db, entry.plan, TABLE_INPUT, { salt }));
      } else {
        reports.push(await runImport(db, entry.plan, { format: 'csv', file: entry.bytes, encoding: entry.encoding }, { salt }));
      }
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { reports, errors };
}
