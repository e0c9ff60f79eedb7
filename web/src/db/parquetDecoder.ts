/** Main-thread client of the Parquet decoding worker: bytes in, Arrow IPC out. */
export interface DecodedParquet {
  ipc: Uint8Array;
  rows: number;
}

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, { resolve: (d: DecodedParquet) => void; reject: (e: Error) => void }>();

function decoderWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./parquetToIpc.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ id: number; ipc?: Uint8Array; rows?: number; error?: string }>) => {
      const { id, ipc, rows, error } = event.data;
      const waiter = pending.get(id);
      pending.delete(id);
      if (!waiter) return;
      if (error !== undefined || !ipc) waiter.reject(new Error(`Parquet: ${error ?? 'no data'}`));
      else waiter.resolve({ ipc, rows: rows ?? 0 });
    };
  }
  return worker;
}

/** Decodes Parquet bytes (the buffer is transferred to the worker and becomes unusable here). */
export function decodeParquet(bytes: ArrayBuffer): Promise<DecodedParquet> {
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    decoderWorker().postMessage({ id, bytes }, [bytes]);
  });
}
