/**
 * An in-memory Worker for the RPC tests: messages cross by structuredClone with the transfer list
 * (so transferred buffers really detach) on a later macrotask, like postMessage; terminate()
 * drops everything in flight and, like a real terminated Worker, sends no event at all.
 */
import type { RpcMethods, WorkerLike } from '../../../web/src/workers/rpc';
import { exposeRpc, type RpcEndpoint, type RpcHandlers } from '../../../web/src/workers/rpcServer';

export interface Sent {
  message: unknown;
  transfer: Transferable[];
}

export interface FakeWorker extends WorkerLike {
  /** Client → worker, as posted. */
  sent: Sent[];
  /** Worker → client, as posted. */
  replies: Sent[];
  terminated: boolean;
  /** Fires the Worker's `error` event, as an uncaught error in the worker would. */
  crash(message: string): void;
}

export function fakeWorker<M extends RpcMethods<M>>(handlers: RpcHandlers<M>): FakeWorker {
  const endpoint: RpcEndpoint = {
    onmessage: null,
    postMessage(message, transfer) {
      const copy = structuredClone(message, { transfer });
      worker.replies.push({ message, transfer });
      setTimeout(() => {
        if (!worker.terminated) worker.onmessage?.({ data: copy } as MessageEvent);
      });
    },
  };
  const worker: FakeWorker = {
    sent: [],
    replies: [],
    terminated: false,
    onmessage: null,
    onerror: null,
    onmessageerror: null,
    postMessage(message, transfer) {
      if (worker.terminated) throw new Error('posted to a terminated fake worker');
      const copy = structuredClone(message, { transfer });
      worker.sent.push({ message, transfer });
      setTimeout(() => {
        if (!worker.terminated) endpoint.onmessage?.({ data: copy } as MessageEvent);
      });
    },
    terminate() {
      worker.terminated = true;
    },
    crash(message) {
      worker.onerror?.({ message } as ErrorEvent);
    },
  };
  exposeRpc(handlers, endpoint);
  return worker;
}

/** A factory that makes a fresh fake worker per call and keeps them all, newest last. */
export function fakeWorkers<M extends RpcMethods<M>>(handlers: () => RpcHandlers<M>) {
  const made: FakeWorker[] = [];
  return {
    made,
    create: () => {
      const worker = fakeWorker(handlers());
      made.push(worker);
      return worker;
    },
  };
}

/** Lets queued messages (each a setTimeout hop) be delivered. */
export async function settleMessages(rounds = 5): Promise<void> {
  for (let i = 0; i < rounds; i++) await new Promise((resolve) => setTimeout(resolve));
}
