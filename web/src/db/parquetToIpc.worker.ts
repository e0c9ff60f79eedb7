/**
 * Parquet ↔ Arrow IPC off the main thread. DuckDB-WASM's own parquet extension would be
 * downloaded at run time, which this offline app never does, so Parquet is read and written with
 * parquet-wasm (arrow-rs) and handed to DuckDB as Arrow: decoding for imports and the demo,
 * encoding for project files and autosave.
 */
import initParquet, { Compression, ParquetFile, readParquet, Table, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/esm';
import { Table as ArrowTable, tableFromIPC, tableToIPC } from 'apache-arrow';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';

type Request =
  | { id: number; bytes: ArrayBuffer }
  | { id: number; encode: Uint8Array[] }
  // A file opened by handle: only its footer is read, then row groups on request.
  | { id: number; open: Blob }
  | { id: number; file: number; rowGroups: number[] }
  | { id: number; close: number };

const open = new Map<number, ParquetFile>();

const ready = initParquet({ module_or_path: parquetWasmUrl });
const post = (message: unknown, transfer: Transferable[] = []) => (self as unknown as Worker).postMessage(message, transfer);

self.onmessage = async (event: MessageEvent<Request>) => {
  const request = event.data;
  try {
    await ready;
    if ('encode' in request) {
      const properties = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).build();
      // The slices of one table become one Arrow table, then one Parquet file.
      const whole = request.encode.length === 1 ? request.encode[0] : tableToIPC(new ArrowTable(request.encode.flatMap((slice) => tableFromIPC(slice).batches)), 'stream');
      const parquet = writeParquet(Table.fromIPCStream(whole), properties);
      post({ id: request.id, parquet }, [parquet.buffer]);
      return;
    }
    if ('open' in request) {
      const file = await ParquetFile.fromFile(request.open);
      const metadata = file.metadata();
      const rowGroupRows = Array.from({ length: metadata.numRowGroups() }, (_, i) => metadata.rowGroup(i).numRows());
      open.set(request.id, file);
      post({ id: request.id, file: request.id, rowGroupRows });
      return;
    }
    if ('rowGroups' in request) {
      const file = open.get(request.file);
      if (!file) throw new Error('the file was closed');
      const ipc = (await file.read({ rowGroups: request.rowGroups })).intoIPCStream();
      post({ id: request.id, ipc }, [ipc.buffer]);
      return;
    }
    if ('close' in request) {
      open.get(request.close)?.free();
      open.delete(request.close);
      return;
    }
    const table = readParquet(new Uint8Array(request.bytes));
    const rows = table.recordBatches().reduce((n, batch) => n + batch.numRows, 0);
    const ipc = table.intoIPCStream();
    post({ id: request.id, ipc, rows }, [ipc.buffer]);
  } catch (error) {
    post({ id: request.id, error: error instanceof Error ? error.message : String(error) });
  }
};
