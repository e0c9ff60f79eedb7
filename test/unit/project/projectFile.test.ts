import { describe, expect, it } from 'vitest';
import * as parquet from 'parquet-wasm';
import { strToU8, zipSync } from 'fflate';
import { packProject, ProjectError, unpackProject, PROJECT_FORMAT, PROJECT_VERSION, type ProjectManifest } from '../../../web/src/project/projectFile';
import { exportTables, importTables } from '../../../web/src/project/projectTables';
import { openWasmSqlRunner } from '../wasmDuckDb';

import { Table as ArrowTable, tableFromIPC, tableToIPC } from 'apache-arrow';
const encode = async (slices: Uint8Array[]) => parquet.writeParquet(parquet.Table.fromIPCStream(tableToIPC(new ArrowTable(slices.flatMap((s) => tableFromIPC(s).batches)), 'stream')));
const decode = async (bytes: Uint8Array) => parquet.readParquet(bytes).intoIPCStream();

async function sourceDb() {
  const { runner } = await openWasmSqlRunner();
  await runner.run([
    // Driver ids as the importer hashes them: 60-bit integers that a double would round.
    `CREATE TABLE pings AS SELECT (1152921504606846975 - i)::BIGINT AS driver_id, TIMESTAMP '2026-11-17 08:00:00' + INTERVAL (i) MINUTE AS ts,
       113.3 + i / 1000 AS lon, 23.1::DOUBLE AS lat, 1.5::FLOAT AS weight, i % 3 = 0 AS member, (8 + i // 60)::TINYINT AS hour, 2::TINYINT AS weekday FROM range(500) t(i)`,
    `CREATE TABLE stations AS SELECT 'S1' AS id, '司机之家 "一号"' AS name, '司机之家' AS kind, 113.3::DOUBLE AS lon, 23.1::DOUBLE AS lat, NULL::VARCHAR AS address, '24h' AS hours, false AS synthetic`,
  ]);
  return runner;
}

describe('project files', () => {
  it('round-trips tables exactly (types, 64-bit ids, Chinese text) and the state', async () => {
    const source = await sourceDb();
    const { tables, files } = await exportTables(source, encode);
    expect(tables.map((t) => [t.name, t.rows])).toEqual([['pings', 500], ['stations', 1]]);
    const manifest: ProjectManifest<{ note: string }> = { format: PROJECT_FORMAT, version: PROJECT_VERSION, savedAt: '2026-11-25T00:00:00Z', revision: 3, tables, state: { note: '工会' } };
    const opened = unpackProject<{ note: string }>(packProject(manifest, files), 'test.atlas');
    expect(opened.manifest).toEqual(manifest);

    const { runner: target } = await openWasmSqlRunner();
    await target.run(['CREATE TABLE heat_grid AS SELECT 1.0 AS lon', 'CREATE TABLE stations AS SELECT 1 AS old']);
    await importTables(target, opened.manifest.tables, opened.files, decode);
    const dump = async (runner: typeof source, sql: string) => (await runner.query(sql)).toArray().map((r) => JSON.stringify(r.toJSON()));
    const pingsSql = 'SELECT driver_id::VARCHAR AS id, ts::VARCHAR AS ts, lon, lat, weight, member, hour, weekday FROM pings ORDER BY ts';
    expect(await dump(target, pingsSql)).toEqual(await dump(source, pingsSql));
    expect(await dump(target, 'SELECT * FROM stations')).toEqual(await dump(source, 'SELECT * FROM stations'));
    const types = 'SELECT table_name, column_name, data_type FROM duckdb_columns() WHERE schema_name = \'main\' ORDER BY table_name, column_index';
    expect(await dump(target, types)).toEqual(await dump(source, types));
    // The project defines the set of tables: heat_grid, absent from it, is gone.
    expect(await dump(target, "SELECT table_name FROM duckdb_tables() WHERE table_name LIKE 'project_%' OR table_name = 'heat_grid'")).toEqual([]);
  });

  it('reads big tables in slices (with gaps from deletes) into one Parquet file', async () => {
    const { runner: source } = await openWasmSqlRunner();
    await source.run([
      'CREATE TABLE heat_grid AS SELECT 113 + i / 1e6 AS lon, 23.0 AS lat, i::DOUBLE AS weight, (i % 24)::TINYINT AS hour, NULL::TINYINT AS weekday FROM range(250001) t(i)',
      'DELETE FROM heat_grid WHERE weight BETWEEN 99990 AND 100010',
    ]);
    const slices: number[] = [];
    const { tables, files } = await exportTables(source, async (s) => (slices.push(s.length), encode(s)));
    expect(slices).toEqual([3]);
    expect(tables[0].rows).toBe(250001 - 21);
    const { runner: target } = await openWasmSqlRunner();
    await importTables(target, tables, files, decode);
    const sums = 'SELECT count(*)::INTEGER AS n, sum(weight)::DOUBLE AS w, sum(hour)::INTEGER AS h FROM heat_grid';
    expect((await target.query(sums)).get(0)!.toJSON()).toEqual((await source.query(sums)).get(0)!.toJSON());
  });

  it('refuses newer, older and foreign files by name and reason', () => {
    const zipWith = (json: unknown) => zipSync({ 'project.json': strToU8(JSON.stringify(json)) });
    const base = { format: PROJECT_FORMAT, savedAt: '', revision: 1, tables: [], state: {} };
    const problem = (bytes: Uint8Array) => {
      try {
        unpackProject(bytes, 'x.atlas');
        return null;
      } catch (error) {
        return error instanceof ProjectError ? [error.problem, error.message] : String(error);
      }
    };
    expect(problem(zipWith({ ...base, version: PROJECT_VERSION + 1 }))).toEqual(['newer', `x.atlas: made by a newer version of the app (project format ${PROJECT_VERSION + 1}, this app reads ${PROJECT_VERSION}); update the app to open it`]);
    expect(problem(zipWith({ ...base, version: 0 }))?.[0]).toBe('older');
    expect(problem(zipWith({ ...base, format: 'kepler', version: 1 }))?.[0]).toBe('notProject');
    expect(problem(strToU8('name,lon,lat\n'))?.[0]).toBe('notProject');
    expect(problem(zipWith({ ...base, version: 1, tables: [{ name: 'pings', rows: 1, file: 'tables/pings.parquet', columns: [] }] }))).toEqual(['corrupt', 'x.atlas: table pings is missing its data file tables/pings.parquet']);
  });

  it('leaves the loaded tables as they were when a table in the file is bad', async () => {
    const source = await sourceDb();
    const { tables, files } = await exportTables(source, encode);
    files.set('tables/stations.parquet', strToU8('not parquet'));
    const { runner: target } = await openWasmSqlRunner();
    await target.run(['CREATE TABLE stations AS SELECT 7 AS kept']);
    await expect(importTables(target, tables, files, decode)).rejects.toThrow();
    expect((await target.query('SELECT * FROM stations')).toArray().map((r) => r.toJSON())).toEqual([{ kept: 7 }]);
    expect((await target.query("SELECT count(*)::INTEGER AS n FROM duckdb_tables() WHERE table_name IN ('pings', 'project_pings')")).get(0)!.n).toBe(0);
  });
});

describe('project store (autosave builds)', () => {
  it('re-encodes only the tables whose content changed, and opens what it built', async () => {
    const { ProjectStore } = await import('../../../web/src/project/projectStore');
    const source = await sourceDb();
    const encoded: number[] = [];
    const store = new ProjectStore(source, { encode: async (slices) => (encoded.push(slices.length), encode(slices)), decode });
    const state = { demoData: false } as never;
    const first = await store.build(state, 1);
    expect(encoded.length).toBe(2);
    const again = await store.build(state, 2);
    expect(encoded.length).toBe(2);
    expect(again.key).toBe(first.key);
    await source.run([`UPDATE stations SET name = '改名' WHERE id = 'S1'`]);
    const changed = await store.build(state, 3);
    expect(encoded.length).toBe(3);
    expect(changed.key).not.toBe(first.key);

    const { runner: target } = await openWasmSqlRunner();
    const manifest = await new ProjectStore(target, { encode, decode }).open(changed.bytes, 'auto.atlas');
    expect(manifest.revision).toBe(3);
    expect((await target.query('SELECT name FROM stations')).get(0)!.name).toBe('改名');
    expect((await target.query('SELECT count(*)::INTEGER AS n FROM pings')).get(0)!.n).toBe(500);
  });
  it('gives autosave parts: an unchanged table keeps its part, a changed one gets a new part, and the parts open', async () => {
    const { ProjectStore } = await import('../../../web/src/project/projectStore');
    const source = await sourceDb();
    const store = new ProjectStore(source, { encode, decode });
    const state = { demoData: false } as never;
    const partOf = (parts: { file: string; part: string }[], file: string) => parts.find((p) => p.file === file)!.part;
    const first = await store.buildParts(state, 1);
    expect(first.parts.map((p) => p.file).sort()).toEqual(['tables/pings.parquet', 'tables/stations.parquet']);
    await source.run([`UPDATE stations SET name = '改名' WHERE id = 'S1'`]);
    const second = await store.buildParts(state, 2);
    expect(partOf(second.parts, 'tables/pings.parquet')).toBe(partOf(first.parts, 'tables/pings.parquet'));
    expect(partOf(second.parts, 'tables/stations.parquet')).not.toBe(partOf(first.parts, 'tables/stations.parquet'));
    // Another store (another page load) never reuses a part name.
    const other = await new ProjectStore(source, { encode, decode }).buildParts(state, 1);
    for (const part of other.parts) expect(second.parts.map((p) => p.part)).not.toContain(part.part);

    const { runner: target } = await openWasmSqlRunner();
    const files = new Map(second.parts.map((p) => [p.file, p.bytes]));
    const manifest = await new ProjectStore(target, { encode, decode }).openParts(JSON.stringify(second.manifest), files, 'autosave');
    expect(manifest.revision).toBe(2);
    expect((await target.query('SELECT name FROM stations')).get(0)!.name).toBe('改名');
    expect((await target.query('SELECT count(*)::INTEGER AS n FROM pings')).get(0)!.n).toBe(500);
    // Through openSnapshot, as the app starts: the parts, and a whole project file stored by earlier versions.
    const { openSnapshot } = await import('../../../web/src/project/openSnapshot');
    const blobs = new Map(second.parts.map((p) => [p.file, new Blob([p.bytes as BlobPart])]));
    const fromParts = await openSnapshot(new ProjectStore(target, { encode, decode }), { kind: 'parts', revision: 2, manifestJson: JSON.stringify(second.manifest), files: blobs });
    expect(fromParts.revision).toBe(2);
    await source.run([`UPDATE stations SET name = '再改' WHERE id = 'S1'`]);
    const zipped = await store.build(state, 4);
    const fromZip = await openSnapshot(new ProjectStore(target, { encode, decode }), { kind: 'zip', revision: 4, bytes: new Blob([zipped.bytes as BlobPart]) });
    expect(fromZip.revision).toBe(4);
    expect((await target.query('SELECT name FROM stations')).get(0)!.name).toBe('再改');
    files.delete('tables/pings.parquet');
    await expect(new ProjectStore(target, { encode, decode }).openParts(JSON.stringify(second.manifest), files, 'autosave')).rejects.toThrow(/pings.*missing its data file/);
  });
});
