/**
 * The worker RPC against an in-memory fake Worker (and once against a real MessageChannel):
 * results, progress, transfers, handler errors, aborts, and a dead worker rejecting every
 * pending call and being replaced on the next call.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { createRpcClient, WorkerCallError, WorkerStopped, type WorkerLike, type WorkerRegistry } from '../../../web/src/workers/rpc';
import { exposeRpc, withTransfer, type RpcHandlers } from '../../../web/src/workers/rpcServer';
import { fakeWorkers, settleMessages } from './fakeWorker';

type TestRpc = {
  add: { params: { a: number; b: number }; result: number };
  count: { params: { to: number }; result: string; progress: number };
  reverse: { params: { bytes: Uint8Array }; result: Uint8Array };
  fail: { params: { message: string }; result: number };
  /** Answers only when aborted (then its answer is dropped) or never. */
  hang: { params: { tag: string }; result: string };
};

/** What the handlers saw, per fake worker. */
interface Seen {
  received: Uint8Array[];
  aborted: string[];
}

function handlers(seen: Seen): RpcHandlers<TestRpc> {
  return {
    add: ({ a, b }) => a + b,
    async count({ to }, { progress }) {
      for (let i = 1; i <= to; i++) {
        await new Promise((r) => setTimeout(r));
        progress(i);
      }
      return `counted to ${to}`;
    },
    reverse({ bytes }) {
      seen.received.push(bytes);
      const reversed = Uint8Array.from(bytes).reverse();
      return withTransfer(reversed, [reversed.buffer]);
    },
    fail({ message }) {
      throw new RangeError(message);
    },
    hang({ tag }, { signal }) {
      return new Promise((resolve) => signal.addEventListener('abort', () => (seen.aborted.push(tag), resolve(`late ${tag}`))));
    },
  };
}

function setup(options?: Parameters<typeof createRpcClient<TestRpc>>[2]) {
  const seen: Seen = { received: [], aborted: [] };
  const workers = fakeWorkers(() => handlers(seen));
  const client = createRpcClient<TestRpc>('test', workers.create, options);
  return { client, workers, seen };
}

const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('resolved, expected a rejection'); }, (error: unknown) => error);

afterEach(() => {
  delete (globalThis as { __atlasWorkers?: WorkerRegistry }).__atlasWorkers;
});

describe('calls', () => {
  it('answers typed calls, concurrent ones each with its own result, from one lazily started worker', async () => {
    const { client, workers } = setup();
    expect(workers.made).toHaveLength(0);
    const results = await Promise.all([client.call('add', { a: 2, b: 3 }), client.call('add', { a: 40, b: 2 }), client.call('add', { a: -1, b: 1 })]);
    expect(results).toEqual([5, 42, 0]);
    expect(workers.made).toHaveLength(1);
    expect(client.pending).toBe(0);
    // Type errors, checked by tsc: a wrong params shape, an unknown method, a wrong progress type.
    // @ts-expect-error b is missing
    void client.call('add', { a: 1 }).catch(() => undefined);
    // @ts-expect-error no such method
    void client.call('nope', {}).catch(() => undefined);
    // @ts-expect-error count reports numbers
    void client.call('count', { to: 0 }, { onProgress: (p: string) => p });
    const sum: number = await client.call('add', { a: 1, b: 1 });
    expect(sum).toBe(2);
  });

  it('passes progress to the caller before the result', async () => {
    const { client } = setup();
    const events: string[] = [];
    const result = await client.call('count', { to: 3 }, { onProgress: (n) => events.push(`progress ${n}`) }).then((r) => (events.push(r), r));
    expect(result).toBe('counted to 3');
    expect(events).toEqual(['progress 1', 'progress 2', 'progress 3', 'counted to 3']);
  });

  it('moves transferred buffers both ways instead of copying them', async () => {
    const { client, workers, seen } = setup();
    const bytes = Uint8Array.from([1, 2, 3, 4]);
    const result = await client.call('reverse', { bytes }, { transfer: [bytes.buffer] });
    expect(Array.from(result)).toEqual([4, 3, 2, 1]);
    // Gone from the caller (detached), arrived whole in the worker.
    expect(bytes.byteLength).toBe(0);
    expect(Array.from(seen.received[0])).toEqual([1, 2, 3, 4]);
    const [worker] = workers.made;
    expect(worker.sent[0].transfer).toHaveLength(1);
    expect(worker.sent[0].transfer[0]).toBe(bytes.buffer);
    // The worker's reply listed its result's buffer as a transfer, and it left the worker.
    expect(worker.replies[0].transfer).toHaveLength(1);
    expect((worker.replies[0].transfer[0] as ArrayBuffer).byteLength).toBe(0);
  });

  it('rejects with the message of an error thrown in the handler, and the worker keeps serving', async () => {
    const { client, workers } = setup();
    const error = await rejection(client.call('fail', { message: 'no road network loaded' }));
    expect(error).toBeInstanceOf(WorkerCallError);
    expect((error as WorkerCallError).message).toBe('no road network loaded');
    expect((error as WorkerCallError).remoteName).toBe('RangeError');
    expect((error as WorkerCallError).method).toBe('fail');
    expect((error as WorkerCallError).worker).toBe('test');
    expect(await client.call('add', { a: 1, b: 2 })).toBe(3);
    expect(workers.made).toHaveLength(1);
    expect(workers.made[0].terminated).toBe(false);
  });

  it('rejects a call whose params cannot be cloned, without sending it', async () => {
    const { client, workers } = setup();
    const error = await rejection(client.call('add', { a: 1, b: (() => 2) as unknown as number }));
    expect((error as Error).name).toBe('DataCloneError');
    expect(client.pending).toBe(0);
    expect(workers.made[0].sent).toHaveLength(0);
  });
});

describe('abort', () => {
  it("rejects with the signal's reason, tells the worker, and keeps the worker", async () => {
    const { client, workers, seen } = setup();
    const controller = new AbortController();
    const hung = client.call('hang', { tag: 'a' }, { signal: controller.signal });
    await settleMessages();
    controller.abort();
    const error = await rejection(hung);
    expect((error as DOMException).name).toBe('AbortError');
    expect(client.pending).toBe(0);
    await settleMessages();
    // The handler's own signal fired, and its late answer was dropped.
    expect(seen.aborted).toEqual(['a']);
    expect(workers.made[0].sent.map((s) => (s.message as { type: string }).type)).toEqual(['call', 'cancel']);
    expect(workers.made[0].terminated).toBe(false);
    expect(await client.call('add', { a: 1, b: 1 })).toBe(2);
    expect(workers.made).toHaveLength(1);
  });

  it('rejects with a custom reason, and at once (no worker started) for a signal already aborted', async () => {
    const { client, workers } = setup();
    const reason = new Error('import cancelled');
    const error = await rejection(client.call('add', { a: 1, b: 1 }, { signal: AbortSignal.abort(reason) }));
    expect(error).toBe(reason);
    expect(workers.made).toHaveLength(0);
  });

  it("in 'terminate' mode kills the worker: the call rejects with the caller's error, the others as stopped, and the next call gets a new worker", async () => {
    const { client, workers } = setup({ abort: 'terminate' });
    class Cancelled extends Error {}
    const controller = new AbortController();
    const cancelled = client.call('hang', { tag: 'solve' }, { signal: controller.signal });
    const bystander = client.call('hang', { tag: 'other' });
    await settleMessages();
    controller.abort(new Cancelled('plan cancelled'));
    expect(await rejection(cancelled)).toBeInstanceOf(Cancelled);
    const stopped = await rejection(bystander);
    expect(stopped).toBeInstanceOf(WorkerStopped);
    expect((stopped as Error).message).toBe('test worker stopped: aborted (plan cancelled)');
    expect(workers.made[0].terminated).toBe(true);
    // No cancel message: the worker is gone.
    expect(workers.made[0].sent.map((s) => (s.message as { type: string }).type)).toEqual(['call', 'call']);
    expect(await client.call('add', { a: 2, b: 2 })).toBe(4);
    expect(workers.made).toHaveLength(2);
  });

  it('stops the call when its progress callback throws, rejecting with that error', async () => {
    const { client } = setup();
    const stop = new Error('enough');
    const error = await rejection(client.call('count', { to: 5 }, { onProgress: (n) => { if (n === 2) throw stop; } }));
    expect(error).toBe(stop);
  });
});

describe('a dead worker', () => {
  it('terminate() mid-call rejects every pending call with a message naming the worker', async () => {
    const { client, workers } = setup();
    const calls = [client.call('hang', { tag: '1' }), client.call('hang', { tag: '2' }), client.call('count', { to: 1000 })];
    await settleMessages();
    expect(client.pending).toBe(3);
    client.terminate();
    const errors = await Promise.all(calls.map(rejection));
    expect(errors.map((e) => (e as Error).message)).toEqual(['test worker stopped: terminated', 'test worker stopped: terminated', 'test worker stopped: terminated']);
    expect(errors.every((e) => e instanceof WorkerStopped && e.worker === 'test' && e.reason === 'terminated')).toBe(true);
    expect(workers.made[0].terminated).toBe(true);
    expect(client.pending).toBe(0);
    expect(client.generation).toBe(1);
  });

  it('terminate(reason) puts the reason in the message', async () => {
    const { client } = setup();
    const call = client.call('hang', { tag: 'x' });
    client.terminate('the page is closing');
    expect(((await rejection(call)) as Error).message).toBe('test worker stopped: the page is closing');
  });

  it("the worker's error event rejects every pending call, and the worker is killed", async () => {
    const { client, workers } = setup();
    const calls = [client.call('hang', { tag: '1' }), client.call('add', { a: 1, b: 1 })];
    workers.made[0].crash('Uncaught RuntimeError: memory access out of bounds');
    const errors = await Promise.all(calls.map(rejection));
    expect(errors.map((e) => (e as Error).message)).toEqual([
      'test worker stopped: Uncaught RuntimeError: memory access out of bounds',
      'test worker stopped: Uncaught RuntimeError: memory access out of bounds',
    ]);
    expect(workers.made[0].terminated).toBe(true);
    // An error event without a message (a module that failed to load) still says what happened.
    const next = client.call('hang', { tag: '3' });
    workers.made[1].crash('');
    expect(((await rejection(next)) as Error).message).toBe('test worker stopped: uncaught error in the worker');
  });

  it('a messageerror rejects every pending call', async () => {
    const { client, workers } = setup();
    const call = client.call('hang', { tag: '1' });
    workers.made[0].onmessageerror?.({} as MessageEvent);
    expect(((await rejection(call)) as Error).message).toBe('test worker stopped: a message from the worker could not be read');
  });

  it('the next call after a death starts a new worker, which answers; the old one is never used again', async () => {
    const spawned: string[] = [];
    const { client, workers } = setup({ onSpawn: (method) => spawned.push(method) });
    expect(await client.call('add', { a: 1, b: 2 })).toBe(3);
    client.terminate();
    const pending = client.call('add', { a: 3, b: 4 });
    workers.made[1].crash('boom');
    await rejection(pending);
    expect(await client.call('count', { to: 1 })).toBe('counted to 1');
    expect(workers.made).toHaveLength(3);
    expect(workers.made.map((w) => w.terminated)).toEqual([true, true, false]);
    expect(workers.made.map((w) => w.sent.length)).toEqual([1, 1, 1]);
    expect(spawned).toEqual(['add', 'add', 'count']);
    expect(client.generation).toBe(2);
  });

  it('a call sent from onSpawn reaches the new worker before the call that started it', async () => {
    const order: string[] = [];
    const client = createRpcClient<TestRpc>('test', fakeWorkers(() => handlers({ received: [], aborted: [] })).create, {
      onSpawn: (method) => {
        if (method === 'count') void client.call('add', { a: 0, b: 0 }).then(() => order.push('replayed'));
      },
    });
    await client.call('count', { to: 1 }).then(() => order.push('count'));
    expect(order).toEqual(['replayed', 'count']);
  });

  it("is reachable from the page's global registry, whose terminate rejects the pending calls", async () => {
    const { client } = setup();
    const registry = (globalThis as { __atlasWorkers?: WorkerRegistry }).__atlasWorkers!;
    expect(registry.test).toBe(client);
    const call = client.call('hang', { tag: '1' });
    expect(registry.test.pending).toBe(1);
    registry.test.terminate();
    expect(((await rejection(call)) as Error).message).toBe('test worker stopped: terminated');
  });
});

describe('over a real MessageChannel', () => {
  it('calls, transfers and reports progress between two ports', async () => {
    const { port1, port2 } = new MessageChannel();
    const seen: Seen = { received: [], aborted: [] };
    exposeRpc<TestRpc>(handlers(seen), port1);
    const asWorker = port2 as unknown as WorkerLike;
    asWorker.terminate = () => {
      port1.close();
      port2.close();
    };
    const client = createRpcClient<TestRpc>('channel', () => asWorker);
    try {
      const bytes = Uint8Array.from([9, 8, 7]);
      expect(Array.from(await client.call('reverse', { bytes }, { transfer: [bytes.buffer] }))).toEqual([7, 8, 9]);
      expect(bytes.byteLength).toBe(0);
      const progress: number[] = [];
      expect(await client.call('count', { to: 2 }, { onProgress: (n) => progress.push(n) })).toBe('counted to 2');
      expect(progress).toEqual([1, 2]);
      expect(((await rejection(client.call('fail', { message: 'bad' }))) as Error).message).toBe('bad');
    } finally {
      client.terminate();
    }
  });
});
