/**
 * Importing a CSV in many slices, with a database that takes each slice's buffer over as
 * DuckDB-WASM does in the browser (registerFileBuffer transfers it to the worker): every row
 * arrives, in UTF-8 and GBK with characters cut by every slice boundary; bad rows, and DuckDB's
 * own errors, are reported at their file lines past blank lines and quoted line breaks; a stray
 * quote stops the import at its line; NaN, infinite and huge weights are rejected row by row.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { planFromGuess, type ImportPlan } from '../../../web/src/ingest/importPlan';
import { prepareImport } from '../../../web/src/ingest/prepareImport';
import { runImport, csvBytesInput, type ImportReport } from '../../../web/src/ingest/runImport';
import type { EncodingGuess } from '../../../web/src/ingest/textEncoding';
import type { SqlRunner } from '../../../web/src/db/sqlRunner';
import { openWasmSqlRunner } from '../wasmDuckDb';
import { pingRows, pingsChecksum, PINGS_CHECKSUM_SQL, sliceCsv } from '../../csvSliceData';

const SALT = 'test-salt';
const SLICE = 4096;

let runner: SqlRunner;
let conn: DuckDBConnection;
/** Buffers handed to the database, each emptied right after, as the browser's transfer does. */
let handed: number;
beforeEach(async () => {
  const opened = await openWasmSqlRunner();
  conn = opened.conn;
  handed = 0;
  runner = {
    ...opened.runner,
    registerFile: async (name, bytes) => {
      await opened.runner.registerFile(name, bytes.slice());
      structuredClone(bytes, { transfer: [bytes.buffer as ArrayBuffer] });
      handed++;
    },
  };
});

async function importBytes(name: string, bytes: Uint8Array, change: (plan: ImportPlan) => ImportPlan = (p) => p, chunkBytes = SLICE, encoding?: EncodingGuess): Promise<ImportReport> {
  const prepared = prepareImport(name, bytes);
  const plan = change({ ...planFromGuess(prepared), crs: 'WGS84', hashDriverIds: false });
  return runImport(runner, plan, csvBytesInput(bytes, encoding ?? prepared.encoding), { salt: SALT, chunkBytes });
}

const checksum = () => String(conn.query(PINGS_CHECKSUM_SQL).get(0)!.checksum);

describe('every row of a sliced CSV arrives though each slice is taken away', () => {
  const source = pingRows(3000);

  for (const encoding of ['utf-8', 'gbk'] as const) {
    it(`${encoding}: Chinese notes cut by every slice boundary, 0 rejected, same checksum as the rows`, async () => {
      const file = sliceCsv(source, { encoding, sliceBytes: SLICE });
      // Each boundary is inside a character (a UTF-8 continuation byte, a GBK trail byte).
      for (let at = SLICE; at < file.bytes.length; at += SLICE) expect(file.insideCharacter.has(at), `byte ${at}`).toBe(true);
      if (encoding === 'utf-8') for (const at of file.insideCharacter) expect(file.bytes[at] & 0xc0).toBe(0x80);
      expect(new TextDecoder(encoding).decode(file.bytes)).toContain(file.rows[0].note);
      const report = await importBytes(`pings_${encoding}.csv`, file.bytes);
      expect(report).toMatchObject({ accepted: 3000, rejected: 0, problems: [] });
      expect(handed).toBeGreaterThan(file.bytes.length / SLICE - 1);
      expect(checksum()).toBe(pingsChecksum(file.rows));
    });
  }
});

describe('file lines across slices', () => {
  it('names bad rows at their lines, past blank lines and quoted line breaks in earlier slices', async () => {
    const source = pingRows(600);
    const file = sliceCsv(source, {
      encoding: 'utf-8',
      sliceBytes: SLICE,
      extra: (i) => {
        if (i === 40 || i === 200) return { before: '\n' };
        if (i === 70) return { row: `1070,2026-11-17 08:00:00,113.2,23.1,"note over\r\nthree\nlines"` };
        if (i === 450) return { row: `1450,2026-11-17 08:00:00,abc,23.1,late` };
        if (i === 520) return { row: `1520,2026-11-17 08:00:00,113.2,95,"x\ny"` };
        return undefined;
      },
    });
    const report = await importBytes('lines.csv', file.bytes);
    expect(file.lines[450]).toBe(450 + 2 + 2 + 2);
    // The bad rows are past the second slice.
    const text = new TextDecoder().decode(file.bytes);
    expect(new TextEncoder().encode(text.slice(0, text.indexOf('1450,2026'))).length).toBeGreaterThan(2 * SLICE);
    expect(report).toMatchObject({ accepted: 598, rejected: 2 });
    expect(report.problems).toEqual([
      { problem: 'not_a_number', column: 'lon', rows: 1, examples: [{ line: file.lines[450], value: 'abc' }] },
      { problem: 'out_of_range', column: 'lat', rows: 1, examples: [{ line: file.lines[520], value: '95' }] },
    ]);
    expect(report.rejectedCsv).toContain(`\r\n${file.lines[450]},not_a_number,lon,1450,`);
  });

  it('restates an error of DuckDB (counted per slice) at the file line', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => `D${i},2026-11-17 08:00:00,113.2,23.1\n`);
    rows[50] = 'D50,"a quoted\nnote",113.2,23.1\n';
    const bytes = new TextEncoder().encode('driver,time,lon,lat\n' + rows.join(''));
    // One byte that is no UTF-8, in row 300 (line 302, one more for the quoted line break), in
    // a file taken for UTF-8 (its head would be, in a file of more than 256 KB).
    const at = bytes.indexOf(0x44, new TextEncoder().encode('driver,time,lon,lat\n' + rows.slice(0, 300).join('')).length);
    bytes[at + 1] = 0xff;
    await expect(importBytes('bad_utf8.csv', bytes, (p) => p, 2048, { encoding: 'utf-8', bomLength: 0 })).rejects.toThrow(
      /^bad_utf8\.csv: line 303: Invalid unicode \(byte sequence mismatch\) detected\. This file is not utf-8 encoded\. \(the line reads "D.*"\)$/,
    );
    expect(conn.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name LIKE 'import_%'").get(0)!.n).toBe(0);
  });

  it('reads quoted line breaks (DuckDB is told not to read such a slice in parallel)', async () => {
    const text = 'name,lon,lat,address\n' + Array.from({ length: 200 }, (_, i) => `站${i},113.3,23.1,"天河路${i}号\n${i % 3 ? '二楼' : ''}"\n`).join('');
    const report = await importBytes('stations.csv', new TextEncoder().encode(text), (p) => ({ ...p, kind: 'stations' }), 1024);
    expect(report).toMatchObject({ accepted: 200, rejected: 0 });
    expect(conn.query("SELECT address FROM stations WHERE name = '站7'").get(0)!.address).toBe('天河路7号\n二楼');
  });
});

describe('a stray quote', () => {
  it('stops the import at the line where the never-closed quote opened, and changes nothing', async () => {
    const rows = Array.from({ length: 400 }, (_, i) => (i === 250 ? `D${i},"2026-11-17 08:00:00,113.2,23.1\n` : `D${i},2026-11-17 08:00:00,113.2,23.1\n`));
    const bytes = new TextEncoder().encode('driver,time,lon,lat\n' + rows.join(''));
    await expect(importBytes('stray.csv', bytes)).rejects.toThrow(/^stray\.csv: line 252 \(D250,"2026-11-17 08:00:00,113\.2,23\.1\): a double quote \("\) opens a field here that is not closed within 100 line breaks/);
    expect(conn.query("SELECT count(*) AS n FROM duckdb_tables() WHERE table_name IN ('pings') OR table_name LIKE 'import_%'").get(0)!.n).toBe(0);
  });

  it('inside a field is a character: every row imports', async () => {
    const rows = Array.from({ length: 300 }, (_, i) => `D${i},2026-11-17 08:00:00,113.2,23.1,${i === 9 ? '12" screen' : 'ok'}\n`);
    const report = await importBytes('inch.csv', new TextEncoder().encode('driver,time,lon,lat,note\n' + rows.join('')));
    expect(report).toMatchObject({ accepted: 300, rejected: 0 });
  });
});

describe('weights that are not finite, or absurdly large, are rejected row by row', () => {
  const weights = ['1', 'NaN', 'Infinity', '-Infinity', '1e308', '2e9', 'inf', '5', ' nan '];

  it('in a heat grid, each named with its line and value, across slices', async () => {
    const pad = Array.from({ length: 60 }, () => '113.3\t23.1\t1\t8\n').join('');
    const text = 'lon\tlat\tweight\thour\n' + pad + weights.map((w) => `113.3\t23.1\t${w}\t8\n`).join('');
    const report = await importBytes('heat.tsv', new TextEncoder().encode(text), (p) => p, 256);
    expect(report.accepted).toBe(62);
    const line = (w: string) => 62 + weights.indexOf(w);
    expect(report.problems).toEqual([
      { problem: 'not_a_number', column: 'weight', rows: 5, examples: [{ line: line('NaN'), value: 'NaN' }, { line: line('Infinity'), value: 'Infinity' }, { line: line('-Infinity'), value: '-Infinity' }] },
      { problem: 'weight_too_large', column: 'weight', rows: 2, examples: [{ line: line('1e308'), value: '1e308' }, { line: line('2e9'), value: '2e9' }] },
    ]);
    const sums = conn.query('SELECT sum(weight) AS w, bool_and(isfinite(weight)) AS finite FROM heat_grid').get(0)!;
    expect(sums.w).toBe(66);
    expect(sums.finite).toBe(true);
  });

  it('in pings (stored as FLOAT, where 1e308 used to fail the whole import)', async () => {
    const text = 'driver,time,lon,lat,weight\n' + weights.map((w, i) => `D${i},2026-11-17 08:00:00,113.3,23.1,${w}\n`).join('');
    const report = await importBytes('weights.csv', new TextEncoder().encode(text));
    expect(report).toMatchObject({ accepted: 2, rejected: 7 });
    expect(report.problems.map((p) => [p.problem, p.rows, p.examples.map((e) => e.line)])).toEqual([
      ['not_a_number', 5, [3, 4, 5]],
      ['weight_too_large', 2, [6, 7]],
    ]);
    expect(conn.query('SELECT sum(weight) AS w FROM pings').get(0)!.w).toBe(6);
  });
});
