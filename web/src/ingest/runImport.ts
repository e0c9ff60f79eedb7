/**
 * Runs a confirmed import: stages the file through the SQL in importSql.ts, reports accepted and
 * rejected rows, and swaps the result into the destination table. Any failure or cancel drops the
 * scratch tables and leaves every existing table exactly as it was.
 */
import { CRS_MACROS_SQL } from '../geo/crsSql';
import { ROLES_BY_KIND } from './columnRoles';
import { missingRoles, TABLE_FOR_KIND, type ImportPlan } from './importPlan';
import { checkedTableSql, DROP_SCRATCH_SQL, rawFromSourceTableSql, PROBLEM_COUNTS_SQL, PROBLEM_EXAMPLES_SQL, rawTableSql, readyTableSql, swapSql, type ProblemReason } from './importSql';
import { toCsv } from './csvWriter';
import { ImportError } from './prepareImport';
import type { SqlRunner } from './sqlRunner';

export interface ProblemGroup {
  problem: ProblemReason;
  column: string;
  rows: number;
  examples: { line: number; value: string | null }[];
}

export interface ImportReport {
  fileName: string;
  table: string;
  accepted: number;
  rejected: number;
  problems: ProblemGroup[];
  /** Rows of the destination table after the import. */
  tableRows: number;
  /** The rejected rows as CSV (line, problem, column, then the file's own columns), for download. */
  rejectedCsv: string;
  /** True when the rejected rows were more than the CSV keeps. */
  rejectedCsvTruncated: boolean;
}

/** Rejected rows kept for download; beyond this the report still counts them. */
const MAX_REJECTED_ROWS_KEPT = 100_000;

export type ImportStage = 'reading' | 'checking' | 'converting' | 'saving';

export class ImportCancelled extends Error {
  constructor(fileName: string) {
    super(`${fileName}: import cancelled; nothing was changed`);
    this.name = 'ImportCancelled';
  }
}

export interface ImportOptions {
  salt: string;
  signal?: AbortSignal;
  onStage?: (stage: ImportStage) => void;
}

/**
 * `utf8` is the file's text for a CSV plan; a 'table' plan reads `import_source`, which
 * prepareTableImport filled (pass an empty array).
 */
export async function runImport(db: SqlRunner, plan: ImportPlan, utf8: Uint8Array, options: ImportOptions): Promise<ImportReport> {
  const missing = missingRoles(plan, ROLES_BY_KIND[plan.kind].required);
  if (missing.length) throw new ImportError(plan.fileName, `no column chosen for: ${missing.join(', ')}`);
  const registered = `import_${Date.now()}_${Math.random().toString(36).slice(2)}.csv`;
  const step = (stage: ImportStage) => {
    if (options.signal?.aborted) throw new ImportCancelled(plan.fileName);
    options.onStage?.(stage);
  };
  // A cancel during a long statement interrupts it; the error it raises is reported as a cancel.
  const interrupt = () => void db.cancel?.();
  options.signal?.addEventListener('abort', interrupt);
  try {
    step('reading');
    if (plan.format === 'csv') {
      await db.registerFile(registered, utf8);
      await db.run([...CRS_MACROS_SQL, rawTableSql(plan, registered)]);
    } else {
      await db.run([...CRS_MACROS_SQL, rawFromSourceTableSql(plan)]);
    }
    step('checking');
    await db.run([checkedTableSql(plan)]);
    const counts = (await db.query(PROBLEM_COUNTS_SQL)).toArray().map((r) => r.toJSON() as { problem: ProblemReason; problem_column: string; rows: number });
    const examples = (await db.query(PROBLEM_EXAMPLES_SQL)).toArray().map((r) => r.toJSON() as { problem: string; problem_column: string; line: number; value: string | null });
    const total = Number((await db.query('SELECT count(*)::INTEGER AS n FROM import_raw')).get(0)!.n);
    const rejected = counts.reduce((n, c) => n + c.rows, 0);
    const problems = counts.map((c) => ({
      problem: c.problem,
      column: c.problem_column,
      rows: c.rows,
      examples: examples.filter((e) => e.problem === c.problem && e.problem_column === c.problem_column).map(({ line, value }) => ({ line, value })),
    }));
    const rejectedTable = await db.query(
      `SELECT r._line::INTEGER AS line, c.problem, c.problem_column, ${plan.header.map((_, i) => `r.c${i}`).join(', ')}
       FROM import_raw r JOIN import_checked c USING (_line) WHERE c.problem IS NOT NULL ORDER BY r._line LIMIT ${MAX_REJECTED_ROWS_KEPT}`,
    );
    const rejectedCsv = toCsv(
      ['line', 'problem', 'column', ...plan.header],
      rejectedTable.toArray().map((row) => Object.values(row.toJSON() as Record<string, unknown>)),
    );
    if (total - rejected === 0) {
      const first = problems[0];
      const why = first ? `; most common problem: ${first.problem} in column "${first.column}" (line ${first.examples[0]?.line}, value "${first.examples[0]?.value ?? ''}")` : '';
      throw new ImportError(plan.fileName, `no valid rows among ${total}${why}`);
    }
    step('converting');
    await db.run([readyTableSql(plan, options.salt)]);
    step('saving');
    const table = TABLE_FOR_KIND[plan.kind];
    const exists = (await db.query(`SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = '${table}'`)).get(0)!.n > 0;
    await db.run(swapSql(plan, exists));
    const tableRows = Number((await db.query(`SELECT count(*)::INTEGER AS n FROM ${table}`)).get(0)!.n);
    return {
      fileName: plan.fileName,
      table,
      accepted: total - rejected,
      rejected,
      problems,
      tableRows,
      rejectedCsv,
      rejectedCsvTruncated: rejected > MAX_REJECTED_ROWS_KEPT,
    };
  } catch (error) {
    await db.run(['ROLLBACK']).catch(() => undefined);
    await db.run(DROP_SCRATCH_SQL).catch(() => undefined);
    if (error instanceof ImportError || error instanceof ImportCancelled) throw error;
    if (options.signal?.aborted) throw new ImportCancelled(plan.fileName);
    throw new ImportError(plan.fileName, error instanceof Error ? error.message : String(error));
  } finally {
    options.signal?.removeEventListener('abort', interrupt);
    if (plan.format === 'csv') await db.dropFile(registered).catch(() => undefined);
  }
}
