/**
 * The two stores that carry a whole project, end to end: a .atlas file the user opens, and the
 * autosave snapshot (in parts, and as a zip as earlier versions stored it). A hand-edited state
 * opens with its tables; what did not parse is its default and is named in manifest.problems.
 */
import { describe, expect, it } from 'vitest';
import * as parquet from 'parquet-wasm';
import { Table as ArrowTable, tableFromIPC, tableToIPC } from 'apache-arrow';
import { packProject, type ProjectManifest } from '../../../web/src/project/projectFile';
import { defaultProjectState, type ProjectState } from '../../../web/src/project/projectConfig';
import { ProjectStore } from '../../../web/src/project/projectStore';
import { openSnapshot } from '../../../web/src/project/openSnapshot';
import type { ReachSettings } from '../../../web/src/coverage/travelModes';
import { openWasmSqlRunner } from '../wasmDuckDb';
import { customState, editedJson } from './fixtures/storedFixtures';

const codec = {
  encode: async (slices: Uint8Array[]) => parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(new ArrowTable(slices.flatMap((s) => tableFromIPC(s).batches)), 'stream'))),
  decode: async (bytes: Uint8Array) => parquet.readParquet(bytes).intoIPCStream(),
};

/** A project with one station, whose manifest state is `state` as JSON left it (possibly broken). */
async function builtProject(state: unknown) {
  const { runner } = await openWasmSqlRunner();
  await runner.run([`CREATE TABLE stations AS SELECT 'S1' AS id, '司机之家' AS name, '司机之家' AS kind, 113.3::DOUBLE AS lon, 23.1::DOUBLE AS lat, NULL::VARCHAR AS address, '24h' AS hours, false AS synthetic`]);
  const parts = await new ProjectStore(runner, codec).buildParts(customState(), 5);
  const manifest = { ...parts.manifest, state } as ProjectManifest<unknown>;
  return { manifest, parts: parts.parts };
}

const hasStation = async (runner: Awaited<ReturnType<typeof openWasmSqlRunner>>['runner']) => (await runner.query('SELECT id FROM stations')).toArray().map((r) => String(r.id));

describe('a project file with a hand-edited state', () => {
  it('opens: the tables load, the bad fields are their defaults and named, the rest is kept', async () => {
    const broken = editedJson((s) => {
      s.filter = null;
      (s.reach as ReachSettings).speedKmh = -1;
      (s.stationHistory as { done: unknown[] }).done.push({ type: 'delete', station: { id: 'S1' } });
    });
    const { manifest, parts } = await builtProject(broken);
    const bytes = packProject(manifest, new Map(parts.map((p) => [p.file, p.bytes])));
    const { runner } = await openWasmSqlRunner();
    const opened = await new ProjectStore(runner, codec).open(bytes, 'edited.atlas');
    expect(await hasStation(runner)).toEqual(['S1']);
    expect(opened.revision).toBe(5);
    const defaults = defaultProjectState();
    const expected: ProjectState = { ...customState(), filter: defaults.filter, reach: { ...customState().reach, speedKmh: defaults.reach.speedKmh }, stationHistory: defaults.stationHistory };
    expect(opened.state).toEqual(expected);
    expect(opened.problems.map((p) => [p.store, p.field])).toEqual([
      ['file', 'filter'],
      ['file', 'reach.speedKmh'],
      ['file', 'stationHistory'],
    ]);
  });

  it('an empty state opens as the defaults', async () => {
    const { manifest, parts } = await builtProject({});
    const { runner } = await openWasmSqlRunner();
    const opened = await new ProjectStore(runner, codec).open(packProject(manifest, new Map(parts.map((p) => [p.file, p.bytes]))), 'empty.atlas');
    expect(opened.state).toEqual(defaultProjectState());
    expect(opened.problems.length).toBeGreaterThan(0);
    expect(opened.problems.every((p) => p.store === 'file' && p.reason === 'missing')).toBe(true);
  });
});

describe('an autosave snapshot with a bad state', () => {
  it('opens from its parts and from a zip, the problems from the snapshot store', async () => {
    const broken = editedJson((s) => {
      (s.overlays as Record<string, unknown>).stations = 'on';
      s.importsThrough = -3;
    });
    const { manifest, parts } = await builtProject(broken);
    const expected = { ...customState(), overlays: { ...customState().overlays, stations: true }, importsThrough: 0 };

    const { runner } = await openWasmSqlRunner();
    const fromParts = await openSnapshot(new ProjectStore(runner, codec), {
      kind: 'parts',
      revision: 5,
      manifestJson: JSON.stringify(manifest),
      files: new Map(parts.map((p) => [p.file, new Blob([p.bytes as BlobPart])])),
    });
    expect(fromParts.state).toEqual(expected);
    expect(fromParts.problems.map((p) => [p.store, p.field])).toEqual([
      ['snapshot', 'overlays.stations'],
      ['snapshot', 'importsThrough'],
    ]);
    expect(await hasStation(runner)).toEqual(['S1']);

    const zip = packProject(manifest, new Map(parts.map((p) => [p.file, p.bytes])));
    const fromZip = await openSnapshot(new ProjectStore(runner, codec), { kind: 'zip', revision: 5, bytes: new Blob([zip as BlobPart]) });
    expect(fromZip.state).toEqual(expected);
    expect(fromZip.problems.every((p) => p.store === 'snapshot')).toBe(true);
  });

  it('a snapshot whose state is not an object still opens, every field default, one problem', async () => {
    const { manifest, parts } = await builtProject('garbage');
    const { runner } = await openWasmSqlRunner();
    const opened = await new ProjectStore(runner, codec).openParts(JSON.stringify(manifest), new Map(parts.map((p) => [p.file, p.bytes])), 'autosave');
    expect(opened.state).toEqual(defaultProjectState());
    expect(opened.problems).toEqual([{ store: 'snapshot', field: 'state', reason: expect.stringContaining('expected object') }]);
  });

  it('a manifest whose table list is wrong is refused as corrupt before anything loads', async () => {
    const { manifest } = await builtProject(customState());
    const { runner } = await openWasmSqlRunner();
    await expect(new ProjectStore(runner, codec).openParts(JSON.stringify({ ...manifest, tables: { stations: 1 } }), new Map(), 'autosave')).rejects.toThrow(/lists its tables wrongly/);
  });
});
