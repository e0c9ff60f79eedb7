/** Main-thread client of the isochrone worker: one request in flight per id, promises out. */
import type { IsochroneRequest, IsochroneResponse } from './isochrone.worker';
import { roadFileOf, type RoadFile } from './roadFile';

type Distribute<T> = T extends unknown ? Omit<T, 'id'> : never;

let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, (response: IsochroneResponse) => void>();

function isochroneWorker(): Worker {
  if (!worker) {
    worker = new Worker(new URL('./isochrone.worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<IsochroneResponse>) => {
      pending.get(event.data.id)?.(event.data);
      pending.delete(event.data.id);
    };
  }
  return worker;
}

export function askIsochroneWorker(request: Distribute<IsochroneRequest>): Promise<IsochroneResponse> {
  const id = nextId++;
  return new Promise((resolve) => {
    pending.set(id, resolve);
    isochroneWorker().postMessage({ ...request, id });
  });
}

/** A road network file as the worker takes it: PBF as bytes, the rest as text (gunzipped first). */
export async function readRoadFile(file: File): Promise<RoadFile> {
  let bytes = new Uint8Array(await file.arrayBuffer());
  if (bytes[0] === 0x1f && bytes[1] === 0x8b) bytes = new Uint8Array(await new Response(new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'))).arrayBuffer());
  return roadFileOf(bytes);
}
