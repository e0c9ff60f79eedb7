/**
 * Property: whatever a file turns into (cut, bytes flipped, lines dropped or repeated, columns
 * scrambled), the importer never throws anything but an ImportError, reports consistent counts
 * when it succeeds, and never changes a table when it fails.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { planFromGuess } from '../../../web/src/ingest/importPlan';
import { ImportError, prepareImport } from '../../../web/src/ingest/prepareImport';
import { runImport, csvBytesInput } from '../../../web/src/ingest/runImport';
import type { SqlRunner } from '../../../web/src/db/sqlRunner';
import { openWasmSqlRunner } from '../wasmDuckDb';

const SOURCES = ['pings_utf8_wgs84.csv', 'pings_gbk_gcj02.csv', 'heat_grid.tsv', 'stations_gb18030_gcj02.csv'].map((name) => ({
  name,
  bytes: new Uint8Array(readFileSync(`test/fixtures/import/${name}`)),
}));

type Mutation =
  | { type: 'truncate'; at: number }
  | { type: 'flip'; at: number; value: number }
  | { type: 'dropLine'; line: number }
  | { type: 'duplicateLine'; line: number }
  | { type: 'insert'; at: number; text: string };

function mutate(bytes: Uint8Array, mutations: Mutation[]): Uint8Array {
  let out = bytes;
  for (const m of mutations) {
    const lines = () => {
      const text = new TextDecoder('latin1').decode(out);
      return text.split('\n');
    };
    const encodeLatin1 = (text: string) => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0xff);
    switch (m.type) {
      case 'truncate':
        out = out.slice(0, Math.floor(m.at * out.length));
        break;
      case 'flip': {
        if (out.length === 0) break;
        const copy = out.slice();
        copy[Math.floor(m.at * copy.length)] = m.value;
        out = copy;
        break;
      }
      case 'dropLine': {
        const l = lines();
        l.splice(m.line % Math.max(1, l.length), 1);
        out = encodeLatin1(l.join('\n'));
        break;
      }
      case 'duplicateLine': {
        const l = lines();
        const i = m.line % Math.max(1, l.length);
        l.splice(i, 0, l[i] ?? '');
        out = encodeLatin1(l.join('\n'));
        break;
      }
      case 'insert': {
        const at = Math.floor(m.at * out.length);
        const inserted = new TextEncoder().encode(m.text);
        out = new Uint8Array([...out.slice(0, at), ...inserted, ...out.slice(at)]);
        break;
      }
    }
  }
  return out;
}

const mutationArb: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ type: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }) }),
  fc.record({ type: fc.constant('flip' as const), at: fc.double({ min: 0, max: 0.999, noNaN: true }), value: fc.integer({ min: 0, max: 255 }) }),
  fc.record({ type: fc.constant('dropLine' as const), line: fc.nat(30) }),
  fc.record({ type: fc.constant('duplicateLine' as const), line: fc.nat(30) }),
  fc.record({ type: fc.constant('insert' as const), at: fc.double({ min: 0, max: 1, noNaN: true }), text: fc.constantFrom(',', '"', '\n', '\t', ';', 'NaN', '经度', '\r\n,,,\r\n', '999', '-') }),
);

describe('importer under random mutations of valid files', () => {
  let runner: SqlRunner;
  let conn: DuckDBConnection;
  beforeAll(async () => {
    ({ runner, conn } = await openWasmSqlRunner());
    conn.query('CREATE TABLE pings AS SELECT 1::BIGINT AS driver_id, TIMESTAMP \'2026-11-17 08:00\' AS ts, 113.3::DOUBLE AS lon, 23.1::DOUBLE AS lat, 1::FLOAT AS weight, false AS member, 8::TINYINT AS hour, 2::TINYINT AS weekday');
  });

  it('never throws anything but ImportError and never changes a table on failure', async () => {
    const snapshot = () =>
      conn
        .query(`SELECT table_name, estimated_size FROM duckdb_tables() ORDER BY 1`)
        .toArray()
        .map((r) => `${r.table_name}:${conn.query(`SELECT count(*) AS n FROM "${r.table_name}"`).get(0)!.n}`)
        .join(' ');
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: SOURCES.length - 1 }), fc.array(mutationArb, { minLength: 1, maxLength: 4 }), async (source, mutations) => {
        const { name, bytes } = SOURCES[source];
        const mutated = mutate(bytes, mutations);
        const before = snapshot();
        try {
          const prepared = prepareImport(name, mutated);
          const plan = { ...planFromGuess(prepared), mode: 'append' as const };
          const report = await runImport(runner, plan, csvBytesInput(mutated, prepared.encoding), { salt: 's' });
          expect(report.accepted).toBeGreaterThan(0);
          expect(report.rejected).toBe(report.problems.reduce((n, p) => n + p.rows, 0));
          expect(report.fileName).toBe(name);
        } catch (error) {
          expect(error).toBeInstanceOf(ImportError);
          expect((error as Error).message.startsWith(`${name}: `)).toBe(true);
          expect(snapshot()).toBe(before);
        }
        const scratch = conn.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'import_%'").get(0)!.n;
        expect(scratch).toBe(0);
      }),
      { numRuns: 120, seed: 20261125 },
    );
  });
});
