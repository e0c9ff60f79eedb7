/**
 * Worker side of rpc.ts: answers each call with its handler's result (or its error's message),
 * forwards progress, and aborts a handler's signal when the caller abandons the call.
 */
import type { ParamsOf, ProgressOf, ResultOf, RpcMethods, RpcReply, RpcRequest } from './rpc';

/** A result sent with buffers moved, not copied, back to the caller. */
export class Transferred<R> {
  constructor(
    readonly value: R,
    readonly transfer: Transferable[],
  ) {}
}

export const withTransfer = <R>(value: R, transfer: Transferable[]): Transferred<R> => new Transferred(value, transfer);

export interface HandlerContext<P> {
  /** Aborted when the caller abandons the call (its answer would be dropped anyway). */
  signal: AbortSignal;
  progress(progress: P, transfer?: Transferable[]): void;
}

export type RpcHandlers<M extends RpcMethods<M>> = {
  [K in keyof M & string]: (params: ParamsOf<M, K>, context: HandlerContext<ProgressOf<M, K>>) => ResultOf<M, K> | Transferred<ResultOf<M, K>> | Promise<ResultOf<M, K> | Transferred<ResultOf<M, K>>>;
};

/** The worker's global scope, or one end of a MessageChannel in tests. */
export interface RpcEndpoint {
  postMessage(message: unknown, transfer: Transferable[]): void;
  onmessage: ((event: MessageEvent) => void) | null;
}

export function exposeRpc<M extends RpcMethods<M>>(handlers: RpcHandlers<M>, endpoint: RpcEndpoint = self as unknown as RpcEndpoint): void {
  const running = new Map<number, AbortController>();
  const post = (reply: RpcReply, transfer: Transferable[] = []) => endpoint.postMessage(reply, transfer);

  endpoint.onmessage = async (event) => {
    const request = event.data as RpcRequest;
    if (request.type === 'cancel') {
      running.get(request.id)?.abort();
      return;
    }
    if (request.type !== 'call') return;
    const { id, method } = request;
    const controller = new AbortController();
    running.set(id, controller);
    try {
      const handler = (handlers as Record<string, RpcHandlers<M>[keyof M & string] | undefined>)[method];
      if (!handler) throw new Error(`no method ${method}`);
      const context: HandlerContext<never> = {
        signal: controller.signal,
        progress: (progress, transfer) => post({ type: 'progress', id, progress }, transfer),
      };
      const answer: unknown = await handler(request.params as never, context);
      // The caller has stopped waiting.
      if (controller.signal.aborted) return;
      if (answer instanceof Transferred) post({ type: 'result', id, result: answer.value }, answer.transfer);
      else post({ type: 'result', id, result: answer });
    } catch (error) {
      post({ type: 'error', id, error: error instanceof Error ? { name: error.name, message: error.message } : { name: 'Error', message: String(error) } });
    } finally {
      running.delete(id);
    }
  };
}
