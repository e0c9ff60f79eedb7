/** Rebuilds the imported tables after a reload by replaying the logged imports in order. */
import type { SqlRunner } from '../ingest/sqlRunner';
import { toUtf8 } from '../ingest/prepareImport';
import { runImport, type ImportReport } from '../ingest/runImport';
import { listImports } from './importLog';

export async function replayImports(db: SqlRunner, salt: string): Promise<{ reports: ImportReport[]; errors: string[] }> {
  const reports: ImportReport[] = [];
  const errors: string[] = [];
  for (const entry of await listImports()) {
    try {
      const bytes = new Uint8Array(await entry.bytes.arrayBuffer());
      reports.push(await runImport(db, entry.plan, toUtf8(bytes, entry.encoding), { salt }));
    } catch (error) {
      errors.push(error instanceof Error ? error.message : String(error));
    }
  }
  return { reports, errors };
}
