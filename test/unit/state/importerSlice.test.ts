import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { readyStore, until } from './harness';

const fixture = (name: string) => new File([readFileSync(`test/fixtures/import/${name}`)], name);

describe('importer slice', () => {
  it('reviews a dropped heat grid, imports it, shows it as the data source and logs it', async () => {
    const logged: string[] = [];
    const { store } = await readyStore([{ driver: 1, ts: '2026-11-30 08:00:00', lon: 113.3, lat: 23.1 }], [], {
      deps: {
        persist: {
          ...(await import('./harness')).testDeps().deps.persist,
          logImport: async (plan) => {
            logged.push(plan.fileName);
            return 7;
          },
        },
      },
    });
    const importer = () => store.getState().importer;
    importer().addFiles([fixture('heat_grid.tsv')]);
    await until(() => importer().pending !== null, 'the file under review');
    expect(importer().pending!.plan.kind).toBe('heat');
    const revision = store.getState().density.revision;
    const before = store.getState().data.versionOf('heat_grid');
    await importer().start();
    expect(importer().errors).toEqual([]);
    expect(importer().reports[0]).toMatchObject({ fileName: 'heat_grid.tsv', table: 'heat_grid', rejected: 0 });
    expect(importer().pending).toBeNull();
    expect(importer().importsThrough).toBe(7);
    expect(logged).toEqual(['heat_grid.tsv']);
    expect(store.getState().data.versionOf('heat_grid')).not.toBe(before);
    expect(store.getState().density.source).toBe('heat_grid');
    // Weights 10+20+30 at 08 h and 1+2+3 at 20 h (the fixture's own sums).
    await until(() => store.getState().density.revision > revision && store.getState().density.totals?.pings === 66, 'the heat grid drawn');
    expect(store.getState().data.demoData).toBe(true);
  });

  it('a file that cannot be read is reported by name and the next queued file is reviewed', async () => {
    const { store } = await readyStore([], []);
    const importer = () => store.getState().importer;
    importer().addFiles([fixture('binary_junk.bin'), fixture('pings_utf8_wgs84.csv')]);
    await until(() => importer().pending !== null, 'the second file under review');
    expect(importer().errors).toHaveLength(1);
    expect(importer().errors[0]).toContain('binary_junk.bin');
    expect(importer().pending!.file.name).toBe('pings_utf8_wgs84.csv');
    importer().cancel();
    await until(() => importer().pending === null, 'the review declined');
    expect(importer().reports).toEqual([]);
  });
});
