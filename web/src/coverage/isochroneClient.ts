/** Main-thread client of the isochrone worker: one request in flight per id, promises out. */
import type { IsochroneRequest, IsochroneResponse } from './isochrone.worker';

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

/** The text of an OSM XML file, gunzipped first when it is compressed (.gz). */
export async function readOsmFile(file: File): Promise<string> {
  const head = new Uint8Array(await file.slice(0, 2).arrayBuffer());
  if (head[0] === 0x1f && head[1] === 0x8b) {
    const stream = file.stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).text();
  }
  return file.text();
}
