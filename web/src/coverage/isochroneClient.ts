/** Main-thread client of the isochrone worker. */
import type { IsochroneRequest, IsochroneResponse, IsochroneRpc } from './isochrone.worker';
import { roadFileOf, type RoadFile } from './roadFile';
import { createRpcClient } from '../workers/rpc';

/** The network the worker holds (last loaded without error), sent again to a worker started after a crash. */
let held: RoadFile | null = null;

/** Rejects when the worker fails or stops (`isochrone worker stopped: …`), for callers that pass a signal. */
export const isochroneWorker = createRpcClient<IsochroneRpc>('isochrone', () => new Worker(new URL('./isochrone.worker.ts', import.meta.url), { type: 'module' }), {
  // A new worker starts empty; a reach after a crash is computed on the network loaded before it.
  onSpawn: (method) => {
    if (method !== 'load' && held) void isochroneWorker.call('load', { file: held }).catch(() => undefined);
  },
});

/**
 * One request, answered in the older response shapes. Never rejects: a handler's error and a
 * stopped worker both come back as `{ type: 'error', message }`, which callers already show.
 */
export async function askIsochroneWorker(request: IsochroneRequest): Promise<IsochroneResponse> {
  try {
    if (request.type === 'load') {
      const loaded = await isochroneWorker.call('load', { file: request.file });
      held = request.file;
      return { type: 'loaded', ...loaded };
    }
    const { mode, speedKmh, minutes, stations } = request;
    return { type: 'reach', ...(await isochroneWorker.call('reach', { mode, speedKmh, minutes, stations })) };
  } catch (error) {
    return { type: 'error', message: error instanceof Error ? error.message : String(error) };
  }
}

/** A road network file as the worker takes it: PBF as bytes, the rest as text (gunzipped first). */
export async function readRoadFile(file: File): Promise<RoadFile> {
  let bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  return roadFileOf(bytes);
}
