/**
 * Runs a confirmed import: stages the file through the SQL in importSql.ts, reports accepted and
 * rejected rows, and swaps the result into the destination table. Any failure or cancel drops the
 * scratch tables and leaves every existing table exactly as it was.
 */
import { CRS_MACROS_SQL } from '../geo/crsSql';
import { ROLES_BY_KIND } from './columnRoles';
import { missingRoles, TABLE_FOR_KIND, type ImportPlan } from './importPlan';
import {
  appendSliceSql,
  checkedTableSql,
  DROP_SCRATCH_SQL,
  DROP_SLICE_SQL,
  keptColumnTypes,
  PROBLEM_COUNTS_SQL,
  PROBLEM_EXAMPLES_SQL,
  rawCsvTableSql,
  rawCsvViewSql,
  rawFromSourceTableSql,
  sourceColumnType,
  swapSql,
  type ProblemReason,
} from './importSql';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import { csvChunks, CsvFormatError, type BlobLike, type CsvChunk } from './csvChunks';
import type { EncodingGuess } from './textEncoding';
import { toCsv } from '../export/csvWriter';
import { ImportError } from './prepareImport';
import type { SqlRunner } from '../db/sqlRunner';
import { registeredFileName } from '../db/schema';

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

/** How far the import has read: bytes of a CSV file, or rows of a decoded Parquet file. */
export interface ImportProgress {
  done: number;
  total: number;
  unit: 'bytes' | 'rows';
  /** Rows read so far. */
  rows: number;
}

export interface ImportOptions {
  salt: string;
  signal?: AbortSignal;
  onStage?: (stage: ImportStage) => void;
  onProgress?: (progress: ImportProgress) => void;
  /** Bytes of text per CSV slice (tests use small slices to cross slice boundaries; see csvChunks). */
  chunkBytes?: number;
  /** Rows per slice of a decoded Parquet file. */
  chunkRows?: number;
  /**
   * The database's memory now, in bytes, and what it may grow to: after each slice the import
   * projects the final size and stops with a reason before the tab would run out of memory.
   */
  memory?: { usedBytes(): Promise<number>; budgetBytes: number };
}

/**
 * What a confirmed import reads: the file itself (CSV, read slice by slice) or `import_source`
 * (a Parquet file's first batch, decoded for the preview), then the file's further batches, each
 * loaded into `import_source` in turn.
 */
export type ImportInput =
  | { format: 'csv'; file: BlobLike; encoding: EncodingGuess }
  | { format: 'table'; rest?: { batches: AsyncIterable<Uint8Array>; totalRows: number } };

/** Rows of a decoded Parquet file per slice. */
export const TABLE_CHUNK_ROWS = 1_000_000;

const mb = (bytes: number) => `${Math.round(bytes / 1024 ** 2).toLocaleString('en')} MB`;

/**
 * DuckDB's own CSV errors ("CSV Error on Line: 3" …) count lines from the start of the slice it
 * read: this restates one with the file's line and without the reader's settings, or null for
 * any other error.
 */
export function csvErrorAtFileLine(error: unknown, chunk: Pick<CsvChunk, 'fileLine'>): CsvFormatError | null {
  const message = error instanceof Error ? error.message : String(error);
  const at = /CSV Error on Line: (\d+)/.exec(message);
  if (!at) return null;
  const lines = message.split('\n').map((l) => l.trim());
  const original = lines.find((l) => l.startsWith('Original Line:'))?.slice('Original Line:'.length).trim();
  // The reason follows the quoted line; DuckDB's suggestions and settings after it do not apply here.
  const start = lines.findIndex((l) => l.startsWith('Original Line:'));
  const reason = lines.slice(start + 1).find((l) => l !== '' && !l.startsWith('Possible Solution')) ?? lines[0].replace(/^.*CSV Error on Line: \d+\s*/, '');
  const shown = original === undefined ? '' : ` (the line reads ${JSON.stringify(original.length > 80 ? `${original.slice(0, 80)}…` : original)})`;
  return new CsvFormatError(`line ${chunk.fileLine(Number(at[1])).toLocaleString('en')}: ${reason}${shown}`);
}

/** Reads a registered CSV slice into `import_raw`, each row with the file line it starts on. */
async function readCsvSlice(db: SqlRunner, plan: ImportPlan, registered: string, chunk: CsvChunk): Promise<void> {
  try {
    await db.run([rawCsvTableSql(plan, registered, { parallel: !chunk.quotedLineBreaks })]);
  } catch (error) {
    throw csvErrorAtFileLine(error, chunk) ?? error;
  }
  if (chunk.rowLines) {
    // Rows are not one per line: their lines come from the slicer, joined by position. Should
    // the reader have found other rows than the slicer, lines fall back to one row per line.
    const read = Number((await db.query('SELECT count(*)::BIGINT AS n FROM import_raw_csv')).get(0)!.n);
    if (read === chunk.rowLines.length) {
      await db.insertArrowIpc('import_lines', tableToIPC(tableFromArrays({ line: chunk.rowLines }), 'stream'));
      await db.run([rawCsvViewSql({ lineTable: 'import_lines' })]);
      return;
    }
  }
  await db.run([rawCsvViewSql({ firstLine: chunk.startLine })]);
}

/** Stages each slice as `import_raw`, and gives the SQL that checks it, with how far it reaches. */
async function* slices(db: SqlRunner, plan: ImportPlan, input: ImportInput, options: ImportOptions): AsyncGenerator<{ sql: string[]; progress: Omit<ImportProgress, 'rows'>; cleanup?: () => Promise<unknown> }> {
  if (input.format === 'table') {
    const types = (await db.query(`SELECT data_type FROM information_schema.columns WHERE table_name = 'import_source' ORDER BY ordinal_position`))
      .toArray()
      .map((r) => sourceColumnType(String(r.data_type)));
    const kept = keptColumnTypes(plan, types);
    const sourceRows = async () => Number((await db.query('SELECT count(*)::BIGINT AS n FROM import_source')).get(0)!.n);
    let inSource = await sourceRows();
    const total = input.rest?.totalRows ?? inSource;
    const step = options.chunkRows ?? TABLE_CHUNK_ROWS;
    let before = 0;
    const batches = input.rest?.batches[Symbol.asyncIterator]();
    try {
      for (;;) {
        for (let from = 0; from < inSource; from += step) {
          const to = Math.min(inSource, from + step);
          yield { sql: [rawFromSourceTableSql(plan, kept, from, to, before), checkedTableSql(plan, kept)], progress: { done: before + to, total, unit: 'rows' } };
        }
        before += inSource;
        const next = batches ? await batches.next() : null;
        if (!next || next.done) return;
        await db.run(['DROP TABLE IF EXISTS import_source']);
        await db.insertArrowIpc('import_source', next.value);
        inSource = await sourceRows();
      }
    } finally {
      // Stopped early (cancel, error, memory guard): no more batches are decoded.
      await batches?.return?.(undefined);
    }
  }
  for await (const chunk of csvChunks(input.file, input.encoding, { chunkBytes: options.chunkBytes, delimiter: plan.delimiter })) {
    const registered = registeredFileName(`import_${Date.now()}_${Math.random().toString(36).slice(2)}.csv`);
    // The database takes the chunk's buffer over; the slicer never reads it again.
    await db.registerFile(registered, chunk.utf8);
    const cleanup = () => db.dropFile(registered);
    try {
      await readCsvSlice(db, plan, registered, chunk);
    } catch (error) {
      await cleanup().catch(() => undefined);
      throw error;
    }
    yield { sql: [checkedTableSql(plan)], progress: { done: chunk.bytesDone, total: chunk.bytesTotal, unit: 'bytes' }, cleanup };
  }
}

/**
 * Imports `input` under `plan`. A CSV file is read slice by slice (never whole); a Parquet file
 * has been decoded into `import_source` by prepareTableImport.
 */
export async function runImport(db: SqlRunner, plan: ImportPlan, input: ImportInput, options: ImportOptions): Promise<ImportReport> {
  const missing = missingRoles(plan, ROLES_BY_KIND[plan.kind].required);
  if (missing.length) throw new ImportError(plan.fileName, `no column chosen for: ${missing.join(', ')}`);
  if (input.format !== plan.format) throw new ImportError(plan.fileName, `the plan reads ${plan.format} but the input is ${input.format}`);
  const step = (stage: ImportStage) => {
    if (options.signal?.aborted) throw new ImportCancelled(plan.fileName);
    options.onStage?.(stage);
  };
  // A cancel during a long statement interrupts it; the error it raises is reported as a cancel.
  const interrupt = () => void db.cancel?.();
  options.signal?.addEventListener('abort', interrupt);
  try {
    step('reading');
    await db.run([...CRS_MACROS_SQL, ...DROP_SCRATCH_SQL.filter((sql) => !sql.endsWith('import_source'))]);
    let total = 0;
    let rejected = 0;
    let first = true;
    const usedBefore = options.memory ? await options.memory.usedBytes() : 0;
    for await (const slice of slices(db, plan, input, options)) {
      try {
        step('reading');
        await db.run(slice.sql);
        const counts = (await db.query(`SELECT count(*)::BIGINT AS n, count(problem)::BIGINT AS bad FROM import_checked`)).get(0)!;
        await db.run(appendSliceSql(plan, options.salt, first, Math.max(0, MAX_REJECTED_ROWS_KEPT - rejected)));
        total += Number(counts.n);
        rejected += Number(counts.bad);
        first = false;
        await db.run(DROP_SLICE_SQL);
      } finally {
        await slice.cleanup?.();
      }
      options.onProgress?.({ ...slice.progress, rows: total });
      if (options.memory && slice.progress.done < slice.progress.total) {
        const grown = (await options.memory.usedBytes()) - usedBefore;
        const projected = usedBefore + (grown * slice.progress.total) / slice.progress.done;
        if (projected > options.memory.budgetBytes) {
          throw new ImportError(
            plan.fileName,
            `stopped after ${total.toLocaleString('en')} rows: at this rate the whole file needs about ${mb(projected)} in the database, more than the ${mb(options.memory.budgetBytes)} this tab can hold; split the file, import fewer columns, or aggregate the pings into a heat grid first (npm run build:cube)`,
          );
        }
      }
    }
    step('checking');
    if (first) throw new ImportError(plan.fileName, 'no valid rows among 0: the file has a header but no data rows');
    const counts = (await db.query(PROBLEM_COUNTS_SQL)).toArray().map((r) => r.toJSON() as { problem: ProblemReason; problem_column: string; rows: number });
    const examples = (await db.query(PROBLEM_EXAMPLES_SQL)).toArray().map((r) => r.toJSON() as { problem: string; problem_column: string; line: number; value: string | null });
    const problems = counts.map((c) => ({
      problem: c.problem,
      column: c.problem_column,
      rows: c.rows,
      examples: examples.filter((e) => e.problem === c.problem && e.problem_column === c.problem_column).map(({ line, value }) => ({ line, value })),
    }));
    const rejectedTable = await db.query(`SELECT * EXCLUDE (_line), _line::INTEGER AS line FROM import_rejected ORDER BY _line LIMIT ${MAX_REJECTED_ROWS_KEPT}`);
    const rejectedCsv = toCsv(
      ['line', 'problem', 'column', ...plan.header],
      rejectedTable.toArray().map((row) => {
        const r = row.toJSON() as Record<string, unknown>;
        return [r.line, r.problem, r.problem_column, ...plan.header.map((_, i) => r[`c${i}`])];
      }),
    );
    if (total - rejected === 0) {
      const first = problems[0];
      const why = first ? `; most common problem: ${first.problem} in column "${first.column}" (line ${first.examples[0]?.line}, value "${first.examples[0]?.value ?? ''}")` : '';
      throw new ImportError(plan.fileName, `no valid rows among ${total}${why}`);
    }
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
  }
}

/** A CSV file already in memory (tests, the CLI, replays of small files), in its own encoding. */
export const csvBytesInput = (bytes: Uint8Array, encoding: EncodingGuess): ImportInput => ({ format: 'csv', file: new Blob([bytes as Uint8Array<ArrayBuffer>]), encoding });

export const TABLE_INPUT: ImportInput = { format: 'table' };
