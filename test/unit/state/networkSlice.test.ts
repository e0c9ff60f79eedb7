import { describe, expect, it } from 'vitest';
import type { IsochroneResponse } from '../../../web/src/coverage/isochrone.worker';
import { readyStore, until } from './harness';

const loaded: IsochroneResponse = { id: 1, type: 'loaded', nodes: 10, ways: 3, bbox: [113.2, 23.0, 113.4, 23.2] };

describe('network slice', () => {
  it('an OSM extract dropped with other files goes to the coverage tools, switches coverage on and computes reach', async () => {
    const calls: string[] = [];
    const { store } = await readyStore([], [{ id: 'S1', lon: 113.3, lat: 23.1 }], {
      deps: {
        workers: {
          isochrone: async (request) => {
            calls.push(request.type);
            if (request.type === 'load') return loaded;
            return { id: 2, type: 'reach', polygon: null, reachedNodes: 7, snapped: 1, ms: 3, discs: new Float64Array([113.3, 23.1, 200]), unsnapped: [] };
          },
          readRoadFile: async () => ({ kind: 'xml', text: '<osm/>' }) as never,
          solve: () => Promise.reject(new Error('unused')),
          cancelSolve: () => undefined,
        },
      },
    });
    store.getState().importer.addFiles([new File(['<osm/>'], 'panyu.osm')]);
    expect(store.getState().coverage.enabled).toBe(true);
    await until(() => store.getState().network.version > 0, 'the reach tables');
    expect(calls).toEqual(['load', 'reach']);
    expect(store.getState().network.info).toMatchObject({ name: 'panyu.osm', nodes: 10, error: null, isochrone: { reachedNodes: 7, snapped: 1 } });
    expect(store.getState().importer.pending).toBeNull();
  });

  it('a worker that dies mid-load is reported on the network, and the next load works', async () => {
    let fail = true;
    const { store } = await readyStore([], [], {
      deps: {
        workers: {
          isochrone: async (request) => {
            if (fail) throw new Error('isochrone worker stopped: terminated');
            return request.type === 'load' ? loaded : { id: 2, type: 'reach', polygon: null, reachedNodes: 0, snapped: 0, ms: 1, discs: new Float64Array(), unsnapped: [] };
          },
          readRoadFile: async () => ({ kind: 'xml', text: '<osm/>' }) as never,
          solve: () => Promise.reject(new Error('unused')),
          cancelSolve: () => undefined,
        },
      },
    });
    await store.getState().network.load(new File(['<osm/>'], 'a.osm'));
    expect(store.getState().network.info?.error).toBe('a.osm: isochrone worker stopped: terminated');
    fail = false;
    await store.getState().network.load(new File(['<osm/>'], 'a.osm'));
    expect(store.getState().network.info).toMatchObject({ error: null, nodes: 10 });
  });
});
