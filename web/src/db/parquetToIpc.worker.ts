/**
 * Decodes Parquet into an Arrow IPC stream off the main thread. DuckDB-WASM's own parquet
 * extension would be downloaded at run time, which this offline app never does, so Parquet is
 * read with parquet-wasm (arrow-rs) and handed to DuckDB as Arrow.
 */
import initParquet, { readParquet } from 'parquet-wasm/esm';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

interface DecodeRequest {
  id: number;
  bytes: ArrayBuffer;
}

const ready = initParquet({ module_or_path: parquetWasmUrl });

self.onmessage = async (event: MessageEvent<DecodeRequest>) => {
  const { id, bytes } = event.data;
  try {
    await ready;
    const table = readParquet(new Uint8Array(bytes));
    const rows = table.recordBatches().reduce((n, batch) => n + batch.numRows, 0);
    const ipc = table.intoIPCStream();
    (self as unknown as Worker).postMessage({ id, ipc, rows }, [ipc.buffer]);
  } catch (error) {
    (self as unknown as Worker).postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
};
