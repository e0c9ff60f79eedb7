/** Main-thread client of the Parquet worker: Parquet bytes → Arrow IPC, and Arrow IPC → Parquet. */
import type { OpenedParquet } from './parquetBatches';
import type { ParquetRpc } from './parquetToIpc.worker';
import { createRpcClient, WorkerCallError, WorkerStopped } from '../workers/rpc';

export interface DecodedParquet {
  ipc: Uint8Array;
  rows: number;
}

const parquet = createRpcClient<ParquetRpc>('parquet', () => new Worker(new URL('./parquetToIpc.worker.ts', import.meta.url), { type: 'module' }));

/** The worker's own errors say they come from Parquet; a stopped worker says so itself. */
const named = (error: unknown): never => {
  throw error instanceof WorkerCallError ? new Error(`Parquet: ${error.message}`) : error;
};

/** Decodes Parquet bytes (the buffer is transferred to the worker and becomes unusable here). */
export function decodeParquet(bytes: ArrayBuffer): Promise<DecodedParquet> {
  return parquet.call('decode', { bytes }, { transfer: [bytes] }).catch(named);
}

/** Opens a Parquet file by handle: the worker reads its footer now and row groups on request. */
export async function openParquetFile(file: Blob): Promise<OpenedParquet> {
  const { handle, rowGroupRows } = await parquet.call('open', { file }).catch(named);
  // The handle lives in the worker that opened it: a new worker after a crash has no such file.
  const generation = parquet.generation;
  const lost = () => parquet.generation !== generation;
  return {
    rowGroupRows,
    async read(rowGroups) {
      if (lost()) throw new WorkerStopped('parquet', 'the file was open in a worker that has stopped');
      return parquet.call('read', { handle, rowGroups }).catch(named);
    },
    close: () => {
      if (!lost()) void parquet.call('close', { handle }).catch(() => undefined);
    },
  };
}

/** Encodes Arrow IPC streams of one schema (slices of a table) as one Parquet file (Snappy). */
export function encodeParquet(slices: Uint8Array[]): Promise<Uint8Array> {
  return parquet.call('encode', { slices }, { transfer: slices.map((s) => s.buffer) }).catch(named);
}
