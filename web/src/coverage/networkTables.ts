/** Reached-node discs as an Arrow IPC stream, the fast way to hand thousands of rows to DuckDB. */
import { tableFromArrays, tableToIPC } from 'apache-arrow';

export function discsToArrowIpc(discs: Float64Array): Uint8Array {
  const n = discs.length / 3;
  const lon = new Float64Array(n);
  const lat = new Float64Array(n);
  const r = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    lon[i] = discs[3 * i];
    lat[i] = discs[3 * i + 1];
    r[i] = discs[3 * i + 2];
  }
  return tableToIPC(tableFromArrays({ lon, lat, r }), 'stream');
}
