/** Main-thread client of the Parquet worker: Parquet bytes → Arrow IPC, and Arrow IPC → Parquet. */
import type { OpenedParquet } from './parquetBatches';

export interface DecodedParquet {
  ipc: Uint8Array;
  rows: number;
}

type Reply = { id: number; ipc?: Uint8Array; rows?: number; parquet?: Uint8Array; file?: number; rowGroupRows?: number[]; error?: string };

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (reply: Reply) => void; reject: (e: Error) => void }>();

function parquetWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./parquetToIpc.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<Reply>) => {
      const waiter = pending.get(event.data.id);
      pending.delete(event.data.id);
      if (!waiter) return;
      if (event.data.error !== undefined) waiter.reject(new Error(`Parquet: ${event.data.error}`));
      else waiter.resolve(event.data);
    };
  }
  return worker;
}

function ask(message: Record<string, unknown>, transfer: Transferable[]): Promise<Reply> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    parquetWorker().postMessage({ ...message, id }, transfer);
  });
}

/** Decodes Parquet bytes (the buffer is transferred to the worker and becomes unusable here). */
export async function decodeParquet(bytes: ArrayBuffer): Promise<DecodedParquet> {
  const reply = await ask({ bytes }, [bytes]);
  if (!reply.ipc) throw new Error('Parquet: no data');
  return { ipc: reply.ipc, rows: reply.rows ?? 0 };
}

/** Opens a Parquet file by handle: the worker reads its footer now and row groups on request. */
export async function openParquetFile(file: Blob): Promise<OpenedParquet> {
  const reply = await ask({ open: file }, []);
  const handle = reply.file!;
  return {
    rowGroupRows: reply.rowGroupRows ?? [],
    async read(rowGroups) {
      const batch = await ask({ file: handle, rowGroups }, []);
      if (!batch.ipc) throw new Error('Parquet: no data');
      return batch.ipc;
    },
    close: () => parquetWorker().postMessage({ id: 0, close: handle }),
  };
}

/** Encodes Arrow IPC streams of one schema (slices of a table) as one Parquet file (Snappy). */
export async function encodeParquet(slices: Uint8Array[]): Promise<Uint8Array> {
  const reply = await ask({ encode: slices }, slices.map((s) => s.buffer));
  if (!reply.parquet) throw new Error('Parquet: nothing encoded');
  return reply.parquet;
}
