/**
 * Issue 22, acceptance 5, through the store: a colleague's project file with SQL in a column type
 * is refused with a reason, and the stations, their edit history (and its localStorage copy), the
 * import log and the tables are as they were. One with SQL in its values opens, the SQL as text.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { parquetCodec as codec, readyStore, testDeps } from './harness';

const PINGS = [
  { driver: 1, ts: '2026-11-30 08:00:00', lon: 113.3, lat: 23.1 },
  { driver: 2, ts: '2026-12-01 19:00:00', lon: 113.31, lat: 23.11 },
];
const PWN = 'CREATE TABLE pwned(x INT)';

/** A project file made by a colleague's app: three stations, one named with SQL. */
async function colleaguesFile(): Promise<Record<string, Uint8Array>> {
  const { store, fakes } = await readyStore(PINGS, [{ id: 'C1', lon: 113.3, lat: 23.1 }], { deps: { parquet: codec } });
  await store.getState().stations.add({ id: 'C2', name: `'); ${PWN}; --`, kind: '爱心驿站', lon: 113.32, lat: 23.12, address: null, hours: null });
  await store.getState().project.saveFile();
  return unzipSync(fakes.downloads.at(-1)!.content as Uint8Array);
}

async function myStore() {
  let clearedImports = 0;
  const persist = { ...testDeps().deps.persist, clearImports: async () => void (clearedImports += 1) };
  const ready = await readyStore(PINGS.slice(0, 1), [{ id: 'S1', lon: 113.3, lat: 23.1 }], { deps: { parquet: codec, persist } });
  await ready.store.getState().stations.add({ id: 'N1', name: '我的新站', kind: '司机之家', lon: 113.31, lat: 23.11, address: null, hours: null });
  const everything = async () => {
    const s = ready.store.getState();
    const tables = (await ready.db.query("SELECT table_name::VARCHAR AS t, estimated_size::INTEGER AS n FROM duckdb_tables() ORDER BY 1")).toArray().map((r) => `${r.t}:${r.n}`);
    return {
      stations: s.stations.list,
      history: s.stations.history,
      storedHistory: ready.fakes.storage.getItem('atlas.stationEdits'),
      catalogue: s.data.tables,
      tables,
      filter: s.density.filter,
      problems: s.project.problems,
      clearedImports,
    };
  };
  return { ...ready, everything };
}

const open = (store: Awaited<ReturnType<typeof myStore>>['store'], files: Record<string, Uint8Array>) =>
  store.getState().project.openFile(new File([zipSync(files) as Uint8Array<ArrayBuffer>], '同事.atlas'));

describe('opening a colleague’s project file through the store', () => {
  it('SQL in a column type: refused with the file and the column named; stations, history, import log and tables unchanged', async () => {
    const files = await colleaguesFile();
    const manifest = JSON.parse(strFromU8(files['project.json']));
    const stations = manifest.tables.find((t: { name: string }) => t.name === 'stations');
    stations.columns.find((c: { name: string }) => c.name === 'name').type = `VARCHAR FROM project_stations; ${PWN}; SELECT NULL::VARCHAR`;
    manifest.state.filter = { hourFrom: 18, hourTo: 20, weekdays: [2] };
    files['project.json'] = strToU8(JSON.stringify(manifest));

    const mine = await myStore();
    const before = await mine.everything();
    expect(before.history.done).toHaveLength(1);
    expect(before.storedHistory).toContain('我的新站');
    await open(mine.store, files);
    expect(mine.store.getState().project.error).toBe(
      `同事.atlas: not opened, nothing was changed: table stations, column "name": the type "VARCHAR FROM project_stations; ${PWN}; SELECT NULL::VARCHAR" is not a column type a project can carry`,
    );
    expect(await mine.everything()).toEqual(before);
  });

  it('SQL in station names: opens, the SQL is a name, nothing else ran', async () => {
    const files = await colleaguesFile();
    const mine = await myStore();
    await open(mine.store, files);
    const s = mine.store.getState();
    expect(s.project.error).toBeNull();
    expect(s.stations.list.map((st) => [st.id, st.name])).toEqual([['C1', '站 C1'], ['C2', `'); ${PWN}; --`]]);
    expect(s.stations.history.done).toHaveLength(1);
    expect((await mine.db.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'pwned'")).get(0)!.n).toBe(0);
    // An edit on the SQL-named station is one UPDATE with the name as a literal.
    await s.stations.undo();
    expect(mine.store.getState().stations.list.map((st) => st.id)).toEqual(['C1']);
    expect((await mine.db.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name = 'pwned'")).get(0)!.n).toBe(0);
  });
});
