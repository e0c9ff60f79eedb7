/**
 * The three app clients (Parquet, isochrone, planner) on the RPC, each with a fake worker behind
 * the global Worker constructor: their exported functions keep their old contracts, and a worker
 * that stops mid-call fails the call instead of leaving it waiting.
 */
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ParquetRpc } from '../../../web/src/db/parquetToIpc.worker';
import type { IsochroneRpc } from '../../../web/src/coverage/isochrone.worker';
import type { PlannerRpc } from '../../../web/src/planner/planner.worker';
import type { MclpProblem } from '../../../web/src/planner/mclpProblem';
import type { SolveOutcome } from '../../../web/src/planner/solvePlan';
import type { RoadFile } from '../../../web/src/coverage/roadFile';
import type { WorkerRegistry } from '../../../web/src/workers/rpc';
import type { RpcHandlers } from '../../../web/src/workers/rpcServer';
import { decodeParquet, encodeParquet, openParquetFile } from '../../../web/src/db/parquetDecoder';
import { askIsochroneWorker } from '../../../web/src/coverage/isochroneClient';
import { cancelSolve, PlanCancelled, solveInWorker } from '../../../web/src/planner/plannerClient';
import { fakeWorker, settleMessages, type FakeWorker } from './fakeWorker';

/** Every fake worker started, by script name, and what their handlers were asked. */
const started: Record<string, FakeWorker[]> = { parquet: [], isochrone: [], planner: [] };
const log: string[] = [];
/** Resolves the solve in flight (the planner's fake waits for the test). */
let finishSolve: ((outcome: SolveOutcome) => void) | null = null;

const OUTCOME = { greedy: { sites: [3, 1], gains: [10, 5], covered: 15, ms: 1, evaluations: 2 } } satisfies SolveOutcome;

const plannerHandlers = (): RpcHandlers<PlannerRpc> => ({
  solve({ solver }, { progress }) {
    log.push(`solve ${solver}`);
    if (solver === 'greedy') throw new Error('HiGHS failed to load');
    progress({ stage: 'greedy', done: 1, total: 2 });
    return new Promise((resolve) => (finishSolve = resolve));
  },
});

const isochroneHandlers = (): RpcHandlers<IsochroneRpc> => {
  let loaded: string | null = null;
  return {
    load({ file }) {
      if (file.format !== 'text') throw new Error('not text');
      loaded = file.text;
      log.push(`load ${file.text}`);
      return { nodes: 3, ways: 1, bbox: [113, 22, 114, 23] };
    },
    reach({ minutes }) {
      log.push(`reach ${minutes} on ${loaded}`);
      if (!loaded) throw new Error('no road network loaded');
      if (minutes === 99) return new Promise(() => undefined); // Never answers: the test stops it.
      return { polygon: null, reachedNodes: 2, snapped: 1, ms: 1, discs: Float64Array.from([113, 22, 50]), unsnapped: [] };
    },
  };
};

const parquetHandlers = (): RpcHandlers<ParquetRpc> => ({
  decode: () => {
    throw new Error('Invalid Parquet file. Corrupt footer');
  },
  encode: ({ slices }) => Uint8Array.from([slices.length]),
  open: () => ({ handle: 7, rowGroupRows: [400, 400] }),
  read: ({ rowGroups }) => (rowGroups[0] === 1 ? new Promise(() => undefined) : Uint8Array.from(rowGroups)),
  close: ({ handle }) => void log.push(`close ${handle}`),
});

beforeAll(() => {
  // The clients build `new Worker(new URL('./x.worker.ts', import.meta.url), …)`: the script name picks the fake.
  (globalThis as { Worker?: unknown }).Worker = class {
    constructor(url: URL) {
      const name = url.pathname.endsWith('planner.worker.ts') ? 'planner' : url.pathname.endsWith('isochrone.worker.ts') ? 'isochrone' : 'parquet';
      const worker = name === 'planner' ? fakeWorker(plannerHandlers()) : name === 'isochrone' ? fakeWorker(isochroneHandlers()) : fakeWorker(parquetHandlers());
      started[name].push(worker);
      return worker;
    }
  };
});

afterEach(() => {
  log.length = 0;
  finishSolve = null;
});

const registry = () => (globalThis as { __atlasWorkers?: WorkerRegistry }).__atlasWorkers!;
const rejection = (promise: Promise<unknown>) => promise.then(() => { throw new Error('resolved, expected a rejection'); }, (error: unknown) => error as Error);
const problem = {} as MclpProblem;

describe('the planner client', () => {
  it('registers the three workers for the browser tests', () => {
    expect(Object.keys(registry()).sort()).toEqual(['isochrone', 'parquet', 'planner']);
  });

  it('solves with progress, and cancelSolve rejects with PlanCancelled and kills the worker', async () => {
    const progress: number[] = [];
    const first = solveInWorker(problem, { solver: 'exact', timeLimitS: 5 }, (p) => progress.push(p.done));
    await settleMessages();
    expect(progress).toEqual([1]);
    cancelSolve();
    expect(await rejection(first)).toBeInstanceOf(PlanCancelled);
    expect(started.planner[0].terminated).toBe(true);

    // The next solve starts a new worker.
    const second = solveInWorker(problem, { solver: 'exact', timeLimitS: 5 }, () => undefined);
    await settleMessages();
    finishSolve!(OUTCOME);
    expect(await second).toEqual(OUTCOME);
    expect(started.planner).toHaveLength(2);
  });

  it('a second solve cancels the first', async () => {
    const first = solveInWorker(problem, { solver: 'exact', timeLimitS: 5 }, () => undefined);
    const second = solveInWorker(problem, { solver: 'exact', timeLimitS: 5 }, () => undefined);
    expect(await rejection(first)).toBeInstanceOf(PlanCancelled);
    await settleMessages();
    finishSolve!(OUTCOME);
    expect(await second).toEqual(OUTCOME);
  });

  it("rejects with the worker's error, and with a stopped error when the worker is terminated", async () => {
    expect((await rejection(solveInWorker(problem, { solver: 'greedy', timeLimitS: 5 }, () => undefined))).message).toBe('HiGHS failed to load');
    const running = solveInWorker(problem, { solver: 'exact', timeLimitS: 5 }, () => undefined);
    await settleMessages();
    registry().planner.terminate();
    const error = await rejection(running);
    expect(error).not.toBeInstanceOf(PlanCancelled);
    expect(error.message).toBe('planner worker stopped: terminated');
  });
});

describe('the isochrone client', () => {
  const network: RoadFile = { format: 'text', text: 'nanshan' };

  it('answers in the older shapes, a handler error included', async () => {
    expect(await askIsochroneWorker({ type: 'reach', mode: 'drive', speedKmh: 30, minutes: 10, stations: [] })).toEqual({ type: 'error', message: 'no road network loaded' });
    expect(await askIsochroneWorker({ type: 'load', file: network })).toEqual({ type: 'loaded', nodes: 3, ways: 1, bbox: [113, 22, 114, 23] });
    const reach = await askIsochroneWorker({ type: 'reach', mode: 'drive', speedKmh: 30, minutes: 10, stations: [{ lon: 113, lat: 22 }] });
    expect(reach.type === 'reach' && Array.from(reach.discs)).toEqual([113, 22, 50]);
  });

  it('answers a reach cut short by a stopped worker with an error, and the next reach runs on the network given again to a new worker', async () => {
    const hung = askIsochroneWorker({ type: 'reach', mode: 'drive', speedKmh: 30, minutes: 99, stations: [] });
    await settleMessages();
    registry().isochrone.terminate();
    expect(await hung).toEqual({ type: 'error', message: 'isochrone worker stopped: terminated' });
    const before = started.isochrone.length;
    const reach = await askIsochroneWorker({ type: 'reach', mode: 'drive', speedKmh: 30, minutes: 15, stations: [] });
    expect(reach.type).toBe('reach');
    expect(started.isochrone).toHaveLength(before + 1);
    expect(log).toEqual(['reach 99 on nanshan', 'load nanshan', 'reach 15 on nanshan']);
  });

  it('a load cut short keeps the network loaded before it for the next worker', async () => {
    registry().isochrone.terminate();
    const loading = askIsochroneWorker({ type: 'load', file: { format: 'text', text: 'shenzhen' } });
    registry().isochrone.terminate('killed');
    expect(await loading).toEqual({ type: 'error', message: 'isochrone worker stopped: killed' });
    await askIsochroneWorker({ type: 'reach', mode: 'drive', speedKmh: 30, minutes: 5, stations: [] });
    expect(log).toEqual(['load nanshan', 'reach 5 on nanshan']);
  });
});

describe('the Parquet client', () => {
  it("prefixes the worker's errors with Parquet", async () => {
    expect((await rejection(decodeParquet(new ArrayBuffer(4)))).message).toBe('Parquet: Invalid Parquet file. Corrupt footer');
    const slices = [new Uint8Array(2), new Uint8Array(3)];
    expect(Array.from(await encodeParquet(slices))).toEqual([2]);
    expect(slices[0].byteLength).toBe(0);
  });

  it('fails the reads of a file whose worker stopped, and does not start a worker to close it', async () => {
    const opened = await openParquetFile(new Blob([]));
    expect(opened.rowGroupRows).toEqual([400, 400]);
    expect(Array.from(await opened.read([0]))).toEqual([0]);
    const reading = opened.read([1]);
    await settleMessages();
    registry().parquet.terminate();
    expect((await rejection(reading)).message).toBe('parquet worker stopped: terminated');
    const workers = started.parquet.length;
    expect((await rejection(opened.read([0]))).message).toBe('parquet worker stopped: the file was open in a worker that has stopped');
    opened.close();
    await settleMessages();
    expect(started.parquet).toHaveLength(workers);
    expect(log).toEqual([]);

    // A file opened on the new worker reads and closes normally.
    const again = await openParquetFile(new Blob([]));
    expect(Array.from(await again.read([0]))).toEqual([0]);
    again.close();
    await settleMessages();
    expect(log).toEqual(['close 7']);
  });
});
