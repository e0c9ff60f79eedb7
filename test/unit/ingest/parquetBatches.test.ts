/**
 * Parquet files imported by row groups: batches join consecutive groups, the next batch is decoded
 * while this one loads, and a file read in several batches imports exactly as when read whole,
 * with problem lines numbered across the whole file.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as parquet from 'parquet-wasm';
import { tableFromArrays, tableToIPC } from 'apache-arrow';
import type { DuckDBConnection } from '@duckdb/duckdb-wasm/blocking';
import { readAhead, rowGroupBatches, type OpenedParquet } from '../../../web/src/db/parquetBatches';
import { planFromGuess } from '../../../web/src/ingest/importPlan';
import { prepareParquetImport } from '../../../web/src/ingest/prepareTableImport';
import { runImport, type ImportProgress } from '../../../web/src/ingest/runImport';
import type { SqlRunner } from '../../../web/src/db/sqlRunner';
import { openWasmSqlRunner } from '../wasmDuckDb';

let runner: SqlRunner;
let conn: DuckDBConnection;

beforeAll(async () => {
  ({ runner, conn } = await openWasmSqlRunner());
});

describe('row-group batches', () => {
  it('joins consecutive row groups up to the target, and keeps a big group whole', () => {
    expect(rowGroupBatches([3, 3, 3], 5)).toEqual([[0], [1], [2]]);
    expect(rowGroupBatches([3, 3, 3], 6)).toEqual([[0, 1], [2]]);
    expect(rowGroupBatches([10, 1, 1, 4], 5)).toEqual([[0], [1, 2], [3]]);
    expect(rowGroupBatches([], 5)).toEqual([]);
  });

  it('decodes one batch ahead, in order, and stops decoding when the reader stops', async () => {
    const log: string[] = [];
    const reader = {
      read: async (groups: number[]) => {
        log.push(`read ${groups.join('+')}`);
        return new Uint8Array(groups);
      },
    };
    const seen: number[][] = [];
    for await (const batch of readAhead(reader, [[0], [1, 2], [3], [4]])) {
      log.push(`got ${[...batch].join('+')}`);
      seen.push([...batch]);
      if (seen.length === 2) break;
    }
    expect(seen).toEqual([[0], [1, 2]]);
    // Batch k+1 is asked for before batch k is handed over; nothing past k+1 after the stop.
    expect(log).toEqual(['read 0', 'read 1+2', 'got 0', 'read 3', 'got 1+2']);
  });
});

/** Ten pings in row groups of four; line 8 has a latitude out of range, line 11 no longitude. */
function pingsParquet(rowGroupSize: number): Uint8Array {
  const lon = Float64Array.from({ length: 10 }, (_, i) => 113.2 + i * 0.01);
  const lat = Float64Array.from({ length: 10 }, (_, i) => 23.1 + i * 0.01);
  lat[6] = 99;
  lon[9] = NaN;
  const table = tableFromArrays({
    driver: Array.from({ length: 10 }, (_, i) => `粤A${1000 + (i % 3)}`),
    time: Array.from({ length: 10 }, (_, i) => `2026-11-2${i % 7} 0${i}:15:00`),
    lon,
    lat,
  });
  const properties = new parquet.WriterPropertiesBuilder().setMaxRowGroupSize(rowGroupSize).build();
  return parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(table, 'stream')), properties);
}

async function openInNode(bytes: Uint8Array, reads: number[][]): Promise<OpenedParquet> {
  const file = await parquet.ParquetFile.fromFile(new Blob([new Uint8Array(bytes)]));
  const metadata = file.metadata();
  return {
    rowGroupRows: Array.from({ length: metadata.numRowGroups() }, (_, i) => metadata.rowGroup(i).numRows()),
    read: async (rowGroups) => {
      reads.push(rowGroups);
      return (await file.read({ rowGroups })).intoIPCStream();
    },
    close: () => file.free(),
  };
}

describe('a Parquet file imported by row groups', () => {
  it('gives the same report and table as when read in one batch, with lines numbered across the file', async () => {
    const load = async (batchRows: number) => {
      const reads: number[][] = [];
      const opened = await openInNode(pingsParquet(4), reads);
      expect(opened.rowGroupRows).toEqual([4, 4, 2]);
      const { prepared, input } = await prepareParquetImport(runner, 'groups.parquet', opened, 1000, batchRows);
      // Only the first batch is decoded for the preview.
      expect(reads).toEqual(batchRows >= 10 ? [[0, 1, 2]] : [[0]]);
      const progress: ImportProgress[] = [];
      const report = await runImport(runner, { ...planFromGuess(prepared), hashDriverIds: false }, input, { salt: 's', onProgress: (p) => progress.push(p) });
      opened.close();
      const rows = conn.query('SELECT driver_id, ts::VARCHAR AS ts, lon, lat FROM pings ORDER BY ts').toArray().map((r) => ({ ...r }));
      return { report, rows, reads, progress };
    };
    const whole = await load(10);
    const batched = await load(4);
    expect(batched.reads).toEqual([[0], [1], [2]]);
    expect(batched.report).toEqual(whole.report);
    expect(batched.rows).toEqual(whole.rows);
    expect(whole.report).toMatchObject({ accepted: 8, rejected: 2 });
    const lines = whole.report.problems.flatMap((p) => p.examples.map((e) => e.line)).sort((a, b) => a - b);
    expect(lines).toEqual([8, 11]);
    expect(batched.progress.map((p) => [p.done, p.total])).toEqual([[4, 10], [8, 10], [10, 10]]);
  });
});
