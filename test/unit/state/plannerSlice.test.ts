import { describe, expect, it } from 'vitest';
import type { Plan } from '../../../web/src/planner/planModel';
import { readyStore } from './harness';

describe('planner slice', () => {
  it('runs with the app filter, source and reach; a worker that dies rejects the run with its reason and a new run works', async () => {
    let alive = false;
    const seen: number[] = [];
    const { store } = await readyStore(
      [
        { driver: 1, ts: '2026-11-30 08:00:00', lon: 113.3, lat: 23.1 },
        { driver: 2, ts: '2026-11-30 08:30:00', lon: 113.301, lat: 23.1 },
      ],
      [],
      {
        deps: {
          workers: {
            isochrone: () => Promise.reject(new Error('unused')),
            readRoadFile: () => Promise.reject(new Error('unused')),
            cancelSolve: () => undefined,
            solve: async (problem) => {
              seen.push(problem.k);

              if (!alive) throw new Error('planner worker stopped: terminated');
              const { solvePlanProblem } = await import('../../../web/src/planner/solvePlan');
              return solvePlanProblem(problem, { solver: 'greedy', timeLimitS: 1 }, () => Promise.reject(new Error('no HiGHS for a greedy plan')));
            },
          },
        },
      },
    );
    const planner = () => store.getState().planner;
    store.getState().density.setFilter({ hourFrom: 7, hourTo: 9, weekdays: [1] });
    planner().setSettings({ ...planner().settings, k: 1, drives: 1, candidates: 'cells', uncoveredOnly: false });
    await planner().run();
    expect(planner()).toMatchObject({ running: false, error: 'planner worker stopped: terminated', plan: null });
    alive = true;
    await planner().run();
    expect(planner().error).toBeNull();
    expect(seen).toEqual([1, 1]);
    // The plan says which time window and reach it was made for: the app's, not the planner's defaults.
    expect(planner().plan!.settings.filter).toEqual({ hourFrom: 7, hourTo: 9, weekdays: [1] });
    expect(planner().plan!.settings.reach).toEqual(store.getState().coverage.reach);
    expect(planner().plan!.sites).toHaveLength(1);
  });

  it('keeps the plan shown for the next visit, and forgets it when cleared', async () => {
    const { store, fakes } = await readyStore([], []);
    const plan = { version: 1, sites: [], radiusM: 2000, settings: { startDate: '2026-12-01' } } as unknown as Plan;
    store.getState().planner.restore(plan);
    expect(JSON.parse(fakes.storage.getItem('atlas.lastPlan')!)).toMatchObject({ version: 1, radiusM: 2000 });
    const revision = store.getState().planner.revision;
    store.getState().planner.clear();
    expect(fakes.storage.getItem('atlas.lastPlan')).toBeNull();
    expect(store.getState().planner.revision).toBe(revision + 1);
  });

  it('draws an excluded area click by click and closes the ring; fewer than 3 points add nothing', async () => {
    const { store } = await readyStore([], []);
    const planner = () => store.getState().planner;
    store.getState().ui.setClickMode('add');
    planner().startDrawing();
    expect(store.getState().ui.clickMode).toBe('none');
    for (const [lon, lat] of [[113.1, 23.1], [113.2, 23.1], [113.2, 23.2]]) store.getState().ui.clickMap(lon, lat, () => '');
    planner().finishDrawing();
    expect(planner().settings.exclusions).toEqual([[[113.1, 23.1], [113.2, 23.1], [113.2, 23.2], [113.1, 23.1]]]);
    expect(planner().drawingRing).toBeNull();
    planner().startDrawing();
    store.getState().ui.clickMap(113.5, 23.5, () => '');
    planner().finishDrawing();
    expect(planner().settings.exclusions).toHaveLength(1);
    expect(store.getState().stations.list).toEqual([]);
  });

  it('cancel stops the solve in its worker', async () => {
    const { store, fakes } = await readyStore([], []);
    store.getState().planner.cancel();
    expect(fakes.cancelSolves).toBe(1);
  });
});
