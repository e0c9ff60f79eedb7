/**
 * The slicer cuts where DuckDB's CSV reader (the same DuckDB-WASM build as the browser) ends a
 * row: for random text of fields, delimiters, spaces, quotes and line breaks of every kind, the
 * slicer counts as many rows as DuckDB reads from the whole text, and the slices read one by one
 * give exactly the rows of the whole.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { csvChunks, CsvFormatError, scanRows } from '../../../web/src/ingest/csvChunks';
import { rawCsvTableSql } from '../../../web/src/ingest/importSql';
import type { ImportPlan } from '../../../web/src/ingest/importPlan';
import type { SqlRunner } from '../../../web/src/db/sqlRunner';
import { registeredFileName } from '../../../web/src/db/schema';
import { openWasmSqlRunner } from '../wasmDuckDb';

let runner: SqlRunner;
let conn: DuckDBConnection;
beforeAll(async () => {
  ({ runner, conn } = await openWasmSqlRunner());
});

const plan = (delimiter: string) => ({ delimiter, columnCount: 3 }) as ImportPlan;
let files = 0;

/** DuckDB's rows of `bytes`, read as the importer reads a slice. */
async function duckDbRows(bytes: Uint8Array, delimiter: string, parallel: boolean): Promise<string[]> {
  const name = registeredFileName(`diff_${files++}.csv`);
  await runner.registerFile(name, bytes.slice());
  try {
    await runner.run([rawCsvTableSql(plan(delimiter), name, { parallel })]);
    return conn.query('SELECT c0, c1, c2 FROM import_raw_csv ORDER BY rowid').toArray().map((r) => JSON.stringify([r.c0, r.c1, r.c2]));
  } finally {
    await runner.dropFile(name);
  }
}

const piece = fc.constantFrom('a', 'bc', '车', ' ', '  ', '"', '""', 'NL', 'NL', 'DELIM', 'DELIM', '"x"', 'NLNL');
/**
 * Line breaks: LF and CR LF mixed, or CR alone (old Mac files). DuckDB guesses one kind per
 * file, so a lone CR among CR LFs is read differently whole and in slices; no file mixes those.
 */
const lineBreaks = fc.constantFrom(['\n'], ['\r\n'], ['\n', '\r\n'], ['\r']);

describe('the slicer and DuckDB agree on rows', () => {
  for (const delimiter of [',', '\t', '|']) {
    it(`for random text with ${JSON.stringify(delimiter)} as delimiter`, async () => {
      const encoder = new TextEncoder();
      let compared = 0;
      await fc.assert(
        fc.asyncProperty(fc.array(piece, { minLength: 1, maxLength: 30 }), lineBreaks, fc.integer({ min: 1, max: 12 }), async (pieces, breaks, chunkBytes) => {
          const nl = (i: number) => breaks[i % breaks.length];
          const body = pieces.map((p, i) => (p === 'DELIM' ? delimiter : p === 'NL' ? nl(i) : p === 'NLNL' ? nl(i) + nl(i + 1) : p)).join('');
          const bytes = encoder.encode(body);
          const d = delimiter.charCodeAt(0);
          let scan;
          try {
            scan = scanRows(bytes, { delimiter: d, firstLine: 1, final: true, cutByte: breaks[0] === '\r' ? 0x0d : 0x0a });
          } catch (error) {
            // A quote that swallows a line break and never closes is refused, not compared.
            expect(error).toBeInstanceOf(CsvFormatError);
            return;
          }
          // A quote cut off by the end of the text is closed by the slicer (DuckDB misreads it open).
          let whole: string[];
          try {
            whole = await duckDbRows(scan.openQuoteLine >= 0 ? encoder.encode(body + '"') : bytes, delimiter, scan.quotedBreaks.length === 0);
          } catch {
            // DuckDB refuses some text after a closing quote ("x"车: invalid unicode); the import
            // reports that at its line. Only text DuckDB reads whole is compared.
            return;
          }
          expect(scan.rows, JSON.stringify(body)).toBe(whole.length);
          // The same text after a header, cut into slices and read slice by slice.
          const sliced: string[] = [];
          const file = new Blob([encoder.encode(`h1${delimiter}h2${delimiter}h3${breaks[0]}`), bytes as Uint8Array<ArrayBuffer>]);
          for await (const chunk of csvChunks(file, { encoding: 'utf-8', bomLength: 0 }, { chunkBytes, delimiter })) {
            const rows = await duckDbRows(chunk.utf8, delimiter, !chunk.quotedLineBreaks);
            expect(rows.length, JSON.stringify(body)).toBe(chunk.rows);
            sliced.push(...rows);
          }
          expect(sliced, JSON.stringify(body)).toEqual(whole);
          compared++;
        }),
        { numRuns: 300, seed: 2026 + delimiter.charCodeAt(0) },
      );
      expect(compared).toBeGreaterThan(150);
    });
  }
});
