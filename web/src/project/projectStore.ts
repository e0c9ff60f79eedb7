/**
 * Builds and opens project files against the app's database: tables through Parquet (encoded in
 * the Parquet worker), plus the working state. A table that has not changed since the last build
 * reuses its Parquet bytes, so autosaving after a station edit does not re-encode a million pings.
 * Change is known from the app's table versions when it passes them (cheap), otherwise from a
 * content fingerprint computed in DuckDB (a full scan).
 */
import { packProject, parseManifest, ProjectError, unpackProject, PROJECT_FORMAT, PROJECT_VERSION, type ProjectManifest, type ProjectTable } from './projectFile';
import { exportTables, importTables, projectTablesProblem, PROJECT_TABLES, type TableRunner } from './projectTables';
import { parseProjectManifestState } from './projectConfig';
import type { ProjectState } from './projectState';
import type { StoredProblem } from './storedState';

export interface ParquetCodec {
  /** Arrow IPC streams of the same schema (slices of one table) → one Parquet file. */
  encode(ipcSlices: Uint8Array[]): Promise<Uint8Array>;
  decode(parquet: Uint8Array): Promise<Uint8Array>;
}

/** `part` names these bytes for as long as this store lives: the autosave writes a part once. */
type Cached = { fingerprint: string; table: ProjectTable; bytes: Uint8Array; part: string };

/** A project as its pieces: the manifest and each table's Parquet bytes under a stable part name. */
export interface ProjectParts<State = ProjectState> {
  manifest: ProjectManifest<State>;
  parts: { file: string; part: string; bytes: Uint8Array }[];
  key: string;
}

const manifestOf = (state: ProjectState, revision: number, tables: ProjectTable[]): ProjectManifest<ProjectState> => ({
  format: PROJECT_FORMAT,
  version: PROJECT_VERSION,
  savedAt: new Date().toISOString(),
  revision,
  tables,
  state,
});

/**
 * A project as opened: its state read through the schema (a bad field is its default), and what
 * was reset, for the page to tell the user (e.g. with describeStoredProblem).
 */
export interface OpenedProject extends ProjectManifest<ProjectState> {
  problems: StoredProblem[];
}

export class ProjectStore {
  private readonly cache = new Map<string, Cached>();
  /** Part names differ between page loads, whose table versions both start at 0. */
  private readonly partPrefix = `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
  private encoded = 0;

  constructor(
    private readonly db: TableRunner,
    private readonly codec: ParquetCodec,
  ) {}

  /** Row count and an order-independent sum of row hashes: changes whenever the content does. */
  private async fingerprints(versionOf?: (table: string) => string): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    const names = (await this.db.query(`SELECT table_name::VARCHAR AS name FROM duckdb_tables() WHERE schema_name = 'main'`)).toArray().map((r) => String(r.name));
    for (const name of PROJECT_TABLES.filter((t) => names.includes(t))) {
      if (versionOf) {
        found.set(name, `v${versionOf(name)}`);
        continue;
      }
      const columns = (await this.db.query(`SELECT column_name::VARCHAR AS c FROM duckdb_columns() WHERE schema_name = 'main' AND table_name = '${name}' ORDER BY column_index`)).toArray().map((r) => `"${String(r.c).replace(/"/g, '""')}"`);
      const row = (await this.db.query(`SELECT count(*)::VARCHAR || ':' || coalesce(sum(hash(${columns.join(', ')})::HUGEINT), 0)::VARCHAR AS f FROM ${name}`)).get(0);
      found.set(name, `${columns.join(',')}|${String(row?.f)}`);
    }
    return found;
  }

  /** The project's tables, re-encoding only those that changed. Returns a key that changes with any table. */
  async tables(versionOf?: (table: string) => string): Promise<{ tables: ProjectTable[]; files: Map<string, Uint8Array>; parts: Map<string, string>; key: string }> {
    const prints = await this.fingerprints(versionOf);
    const tables: ProjectTable[] = [];
    const files = new Map<string, Uint8Array>();
    const parts = new Map<string, string>();
    for (const [name, fingerprint] of prints) {
      let entry = this.cache.get(name);
      if (!entry || entry.fingerprint !== fingerprint) {
        const one = await exportTables(this.db, this.codec.encode, [name]);
        const table = one.tables[0];
        entry = { fingerprint, table, bytes: one.files.get(table.file)!, part: `${this.partPrefix}-${++this.encoded}` };
        this.cache.set(name, entry);
      }
      tables.push(entry.table);
      files.set(entry.table.file, entry.bytes);
      parts.set(entry.table.file, entry.part);
    }
    for (const name of [...this.cache.keys()]) if (!prints.has(name)) this.cache.delete(name);
    return { tables, files, parts, key: [...prints.entries()].map(([n, f]) => `${n}=${f}`).join(';') };
  }

  async build(state: ProjectState, revision: number, versionOf?: (table: string) => string): Promise<{ bytes: Uint8Array; key: string }> {
    const { tables, files, key } = await this.tables(versionOf);
    return { bytes: packProject(manifestOf(state, revision, tables), files), key };
  }

  /**
   * The same project as pieces, for the autosave: no zip to pack (a CRC over every table, and a
   * copy, on the page's thread at each save), and a table unchanged since the last save keeps
   * its part name, so the autosave writes only what changed.
   */
  async buildParts(state: ProjectState, revision: number, versionOf?: (table: string) => string): Promise<ProjectParts> {
    const { tables, files, parts, key } = await this.tables(versionOf);
    return { manifest: manifestOf(state, revision, tables), parts: tables.map((t) => ({ file: t.file, part: parts.get(t.file)!, bytes: files.get(t.file)! })), key };
  }

  /**
   * Loads a project's tables (all or nothing) and returns its manifest, the state checked.
   * `where` says which store it came from for the problems: a file the user opened, or an
   * autosave stored as a whole project file by earlier versions.
   */
  async open(bytes: Uint8Array, fileName: string, where: 'file' | 'snapshot' = 'file'): Promise<OpenedProject> {
    const { manifest, files } = unpackProject(bytes, fileName);
    return this.openTables(manifest, files, fileName, where);
  }

  /** As `open`, from the pieces an autosave stored: project.json and the table files. */
  async openParts(manifestJson: string, files: Map<string, Uint8Array>, fileName: string, where: 'file' | 'snapshot' = 'snapshot'): Promise<OpenedProject> {
    const manifest = parseManifest(manifestJson, fileName);
    for (const table of manifest.tables) if (!files.has(table.file)) throw new Error(`${fileName}: table ${table.name} is missing its data file ${table.file}`);
    return this.openTables(manifest, files, fileName, where);
  }

  private async openTables(manifest: ProjectManifest<unknown>, files: Map<string, Uint8Array>, fileName: string, where: 'file' | 'snapshot'): Promise<OpenedProject> {
    // The whole manifest is checked before any table is touched: a refusal changes nothing.
    const problem = projectTablesProblem(manifest.tables);
    if (problem) throw new ProjectError('corrupt', `${fileName}: not opened, nothing was changed: ${problem}`);
    // The state never throws (a bad field is its default), so it cannot leave half a load either.
    const { value: state, problems } = parseProjectManifestState(manifest.state, where);
    try {
      await importTables(this.db, manifest.tables, files, this.codec.decode);
    } catch (error) {
      throw new ProjectError('corrupt', `${fileName}: not opened, nothing was changed: ${error instanceof Error ? error.message : String(error)}`);
    }
    // What was just loaded is what a save would write: seed the cache with it.
    this.cache.clear();
    // Only the known fields: whatever else a file carries goes no further than this.
    const { format, version, savedAt, revision, tables } = manifest;
    return { format, version, savedAt, revision, tables, state, problems };
  }
}
