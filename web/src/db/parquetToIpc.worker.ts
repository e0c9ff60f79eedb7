/**
 * Parquet ↔ Arrow IPC off the main thread. DuckDB-WASM's own parquet extension would be
 * downloaded at run time, which this offline app never does, so Parquet is read and written with
 * parquet-wasm (arrow-rs) and handed to DuckDB as Arrow: decoding for imports and the demo,
 * encoding for project files and autosave.
 */
import initParquet, { Compression, ParquetFile, readParquet, Table, WriterPropertiesBuilder, writeParquet } from 'parquet-wasm/esm';
import { Table as ArrowTable, tableFromIPC, tableToIPC } from 'apache-arrow';
import parquetWasmUrl from 'parquet-wasm/esm/parquet_wasm_bg.wasm?url';
import { exposeRpc, withTransfer } from '../workers/rpcServer';

export type ParquetRpc = {
  decode: { params: { bytes: ArrayBuffer }; result: { ipc: Uint8Array; rows: number } };
  encode: { params: { slices: Uint8Array[] }; result: Uint8Array };
  // A file opened by handle: only its footer is read, then row groups on request.
  open: { params: { file: Blob }; result: { handle: number; rowGroupRows: number[] } };
  read: { params: { handle: number; rowGroups: number[] }; result: Uint8Array };
  close: { params: { handle: number }; result: void };
};

const open = new Map<number, ParquetFile>();
let nextHandle = 1;
const ready = initParquet({ module_or_path: parquetWasmUrl });

exposeRpc<ParquetRpc>({
  async decode({ bytes }) {
    await ready;
    const table = readParquet(new Uint8Array(bytes));
    const rows = table.recordBatches().reduce((n, batch) => n + batch.numRows, 0);
    const ipc = table.intoIPCStream();
    return withTransfer({ ipc, rows }, [ipc.buffer]);
  },
  async encode({ slices }) {
    await ready;
    const properties = new WriterPropertiesBuilder().setCompression(Compression.SNAPPY).build();
    // The slices of one table become one Arrow table, then one Parquet file.
    const whole = slices.length === 1 ? slices[0] : tableToIPC(new ArrowTable(slices.flatMap((slice) => tableFromIPC(slice).batches)), 'stream');
    const parquet = writeParquet(Table.fromIPCStream(whole), properties);
    return withTransfer(parquet, [parquet.buffer]);
  },
  async open({ file }) {
    await ready;
    const opened = await ParquetFile.fromFile(file);
    const metadata = opened.metadata();
    const rowGroupRows = Array.from({ length: metadata.numRowGroups() }, (_, i) => metadata.rowGroup(i).numRows());
    const handle = nextHandle++;
    open.set(handle, opened);
    return { handle, rowGroupRows };
  },
  async read({ handle, rowGroups }) {
    const file = open.get(handle);
    if (!file) throw new Error('the file was closed');
    const ipc = (await file.read({ rowGroups })).intoIPCStream();
    return withTransfer(ipc, [ipc.buffer]);
  },
  close({ handle }) {
    open.get(handle)?.free();
    open.delete(handle);
  },
});
