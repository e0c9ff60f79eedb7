import { describe, expect, it } from 'vitest';
import { readyStore, until, type Ping } from './harness';

// Two drivers near (113.30, 23.10), two 40 km away; one ping each at 08:00 on Monday.
const near = [
  { driver: 1, lon: 113.3005, lat: 23.1003 },
  { driver: 2, lon: 113.2996, lat: 23.0998 },
];
const far = [
  { driver: 3, lon: 113.7, lat: 23.1 },
  { driver: 4, lon: 113.7004, lat: 23.1002 },
];
const pings: Ping[] = [...near, ...far].map((p) => ({ ...p, ts: '2026-11-30 08:00:00' }));

describe('coverage reacts to stations, what-if points and reach', () => {
  it('a station added near half the drivers covers half the pings; undo takes it back', async () => {
    const { store } = await readyStore(pings, []);
    const cov = () => store.getState().coverage;
    cov().setEnabled(true);
    await until(() => cov().revision > 0, 'first coverage');
    expect(cov().summary!.pingShare).toBe(0);
    let revision = cov().revision;
    await store.getState().stations.add({ id: 'N', name: 'N', kind: '司机之家', lon: 113.3, lat: 23.1, address: null, hours: null });
    await until(() => cov().revision > revision && cov().summary!.pingShare > 0, 'coverage after the edit');
    expect(cov().summary!.pingShare).toBe(0.5);
    revision = cov().revision;
    await store.getState().stations.undo();
    await until(() => cov().revision > revision && cov().summary!.pingShare === 0, 'coverage after undo');
  });

  it('what-if points count without touching the table, with the baseline kept; keeping them makes undoable stations', async () => {
    const { store } = await readyStore(pings, [{ id: 'S1', lon: 113.3, lat: 23.1 }]);
    const cov = () => store.getState().coverage;
    cov().setEnabled(true);
    await until(() => cov().summary?.pingShare === 0.5, 'coverage by S1');
    store.getState().ui.setClickMode('whatif');
    store.getState().ui.clickMap(113.7, 23.1, () => '');
    expect(cov().baseline!.pingShare).toBe(0.5);
    expect(store.getState().ui.clickMode).toBe('none');
    await until(() => cov().summary?.pingShare === 1, 'coverage with the what-if point');
    expect(store.getState().stations.list).toHaveLength(1);
    await cov().keepHypothetical();
    expect(store.getState().stations.list.map((s) => s.kind).sort()).toEqual(['假设站点', '司机之家']);
    expect(cov().hypothetical).toEqual([]);
    expect(cov().baseline).toBeNull();
    expect(store.getState().stations.history.done).toHaveLength(1);
  });

  it('a reach too short for the near drivers covers nothing (walk 5 minutes ≈ 308 m; the drivers are 40–60 m off)', async () => {
    const { store } = await readyStore(pings, [{ id: 'S1', lon: 113.3, lat: 23.1 }]);
    const cov = () => store.getState().coverage;
    cov().setEnabled(true);
    await until(() => cov().summary?.pingShare === 0.5, 'coverage by S1');
    // 0.01° of latitude is about 1.1 km: move the station away so a 5-minute walk misses both.
    await store.getState().stations.edit({ type: 'move', id: 'S1', from: { lon: 113.3, lat: 23.1 }, to: { lon: 113.3, lat: 23.11 } });
    cov().setReach({ mode: 'walk', speedKmh: 4.8, minutes: 5, detourFactor: 1.3 });
    await until(() => cov().summary?.pingShare === 0, 'no coverage at 5 minutes on foot');
  });
});
