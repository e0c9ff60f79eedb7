/**
 * Typed request/response calls to a dedicated worker, after maplibre-gl-js's worker actor: one
 * method map per worker (name → params, result, progress), transferables both ways, abort by
 * AbortSignal, and every pending call rejected when the worker dies, so no caller waits forever.
 * The worker side is rpcServer.ts. Bottom layer: imports nothing from the rest of the app.
 */

/** One method: what it takes, what it answers, and what it reports while it runs. */
export interface RpcMethod {
  params: unknown;
  result: unknown;
  progress?: unknown;
}

/** A worker's methods by name, e.g. `{ reach: { params: ReachParams; result: Reach } }`. */
export type RpcMethods<M> = { [K in keyof M]: RpcMethod };

export type ParamsOf<M, K extends keyof M> = M[K] extends { params: infer P } ? P : never;
export type ResultOf<M, K extends keyof M> = M[K] extends { result: infer R } ? R : never;
export type ProgressOf<M, K extends keyof M> = M[K] extends { progress: infer P } ? P : never;

/** The wire format, both directions. */
export type RpcRequest = { type: 'call'; id: number; method: string; params: unknown } | { type: 'cancel'; id: number };
export type RpcReply =
  | { type: 'result'; id: number; result: unknown }
  | { type: 'progress'; id: number; progress: unknown }
  | { type: 'error'; id: number; error: { name: string; message: string } };

/** What the client needs of a Worker (a DOM Worker fits; tests pass a fake or a MessagePort). */
export interface WorkerLike {
  postMessage(message: unknown, transfer: Transferable[]): void;
  terminate(): void;
  onmessage: ((event: MessageEvent) => void) | null;
  onerror: ((event: ErrorEvent) => void) | null;
  onmessageerror: ((event: MessageEvent) => void) | null;
}

export interface CallOptions<P> {
  /** Moved, not copied, to the worker (the caller's buffers become unusable). */
  transfer?: Transferable[];
  signal?: AbortSignal;
  onProgress?: (progress: P) => void;
}

export interface RpcClientOptions<M> {
  /**
   * What an abort does. 'reject' (default): the call rejects with the signal's reason and the
   * worker is told to drop it. 'terminate': the worker is killed too, for work that cannot be
   * interrupted from outside (HiGHS); other pending calls reject as stopped.
   */
  abort?: 'reject' | 'terminate';
  /**
   * Called when a fresh worker starts, before the call that started it is sent: a client whose
   * worker holds state (a loaded road network) can send it again here. `method` is that call's.
   */
  onSpawn?: (method: keyof M) => void;
}

/** The worker died or was terminated; the message names the worker, in English (the UI words it). */
export class WorkerStopped extends Error {
  override name = 'WorkerStopped';
  constructor(
    readonly worker: string,
    readonly reason: string,
  ) {
    super(`${worker} worker stopped: ${reason}`);
  }
}

/** A worker's handler threw: the message is the worker's own. */
export class WorkerCallError extends Error {
  override name = 'WorkerCallError';
  constructor(
    readonly worker: string,
    readonly method: string,
    message: string,
    readonly remoteName: string,
  ) {
    super(message);
  }
}

interface Pending {
  method: string;
  resolve: (result: unknown) => void;
  reject: (error: unknown) => void;
  onProgress?: (progress: unknown) => void;
  /** Detaches the abort listener. */
  release: () => void;
}

/** What the page exposes of each client, for the browser tests: `window.__atlasWorkers.planner.terminate()`. */
export interface WorkerHandle {
  readonly name: string;
  readonly pending: number;
  readonly generation: number;
  terminate(reason?: string): void;
}

const reasonOf = (value: unknown): string => (value instanceof Error ? value.message : String(value));

export class RpcClient<M extends RpcMethods<M>> implements WorkerHandle {
  private worker: WorkerLike | null = null;
  private nextId = 1;
  // Only ever calls sent to the current worker: a stop rejects them all.
  private readonly calls = new Map<number, Pending>();
  private stops = 0;

  constructor(
    readonly name: string,
    private readonly create: () => WorkerLike,
    private readonly options: RpcClientOptions<M> = {},
  ) {
    registerWorker(this);
  }

  /** Calls in flight (the e2e tests wait for one before terminating the worker). */
  get pending(): number {
    return this.calls.size;
  }

  /**
   * Bumped each time the worker stops: state a worker held (an open file) belongs to the
   * generation it was made in, and is gone once the generation moves on.
   */
  get generation(): number {
    return this.stops;
  }

  call<K extends keyof M & string>(method: K, params: ParamsOf<M, K>, options: CallOptions<ProgressOf<M, K>> = {}): Promise<ResultOf<M, K>> {
    const { signal } = options;
    return new Promise<ResultOf<M, K>>((resolve, reject) => {
      // Aborted before it started: no worker is started for it.
      if (signal?.aborted) return reject(signal.reason);
      const worker = this.spawn(method);
      const id = this.nextId++;
      const onAbort = () => this.abandon(id, signal!.reason);
      signal?.addEventListener('abort', onAbort, { once: true });
      this.calls.set(id, {
        method,
        resolve: resolve as (result: unknown) => void,
        reject,
        onProgress: options.onProgress as ((progress: unknown) => void) | undefined,
        release: () => signal?.removeEventListener('abort', onAbort),
      });
      try {
        worker.postMessage({ type: 'call', id, method, params } satisfies RpcRequest, options.transfer ?? []);
      } catch (error) {
        // Params that cannot be cloned (or a buffer already transferred): nothing was sent.
        this.settle(id)?.reject(error);
      }
    });
  }

  /** Kills the worker; every pending call rejects with `<name> worker stopped: <reason>`. The next call starts a new worker. */
  terminate(reason = 'terminated'): void {
    this.stop(reason);
  }

  private spawn(method: keyof M): WorkerLike {
    if (this.worker) return this.worker;
    const worker = this.create();
    this.worker = worker;
    worker.onmessage = (event) => this.receive(event.data as RpcReply);
    // After an uncaught error the worker may live on, but in an unknown state: it is killed.
    worker.onerror = (event) => this.stop(event.message || 'uncaught error in the worker');
    worker.onmessageerror = () => this.stop('a message from the worker could not be read');
    this.options.onSpawn?.(method);
    return worker;
  }

  private receive(reply: RpcReply): void {
    const call = this.calls.get(reply.id);
    if (!call) return; // An abandoned (aborted) call may still answer.
    if (reply.type === 'progress') {
      try {
        call.onProgress?.(reply.progress);
      } catch (error) {
        // A progress callback that throws wants out: the call stops as if aborted with that error.
        this.abandon(reply.id, error);
      }
      return;
    }
    this.settle(reply.id);
    if (reply.type === 'result') call.resolve(reply.result);
    else call.reject(new WorkerCallError(this.name, call.method, reply.error.message, reply.error.name));
  }

  /** Takes a call out of the pending map (once). */
  private settle(id: number): Pending | undefined {
    const call = this.calls.get(id);
    if (!call) return undefined;
    this.calls.delete(id);
    call.release();
    return call;
  }

  private abandon(id: number, reason: unknown): void {
    const call = this.settle(id);
    if (!call) return;
    call.reject(reason);
    if (this.options.abort === 'terminate') this.stop(`aborted (${reasonOf(reason)})`);
    else this.worker?.postMessage({ type: 'cancel', id } satisfies RpcRequest, []);
  }

  /** Kills the worker and rejects every pending call: a terminated worker sends no event, so the client must. */
  private stop(reason: string): void {
    const worker = this.worker;
    if (!worker) return;
    this.worker = null;
    this.stops++;
    worker.onmessage = worker.onerror = worker.onmessageerror = null;
    worker.terminate();
    for (const id of [...this.calls.keys()]) this.settle(id)?.reject(new WorkerStopped(this.name, reason));
  }
}

export function createRpcClient<M extends RpcMethods<M>>(name: string, create: () => WorkerLike, options?: RpcClientOptions<M>): RpcClient<M> {
  return new RpcClient<M>(name, create, options);
}

/** Every client by worker name, on the page's global: the browser tests terminate workers through it. */
export type WorkerRegistry = Record<string, WorkerHandle>;

function registerWorker(client: WorkerHandle): void {
  const scope = globalThis as { __atlasWorkers?: WorkerRegistry };
  (scope.__atlasWorkers ??= {})[client.name] = client;
}
