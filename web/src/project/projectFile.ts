/**
 * The project file (.atlas): one zip holding `project.json` (format, version, revision, the
 * tables it carries with their column types, and the working state) and one Parquet file per
 * table. It is what "save project" writes, what a colleague opens on another machine, and what
 * autosave keeps in the browser. Files from a newer or an older format version are refused with
 * a message that says which, never half-loaded.
 */
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import { z } from 'zod';

export const PROJECT_FORMAT = 'outreach-atlas-project';
export const PROJECT_VERSION = 1;

export interface ProjectColumn {
  name: string;
  type: string;
}

export interface ProjectTable {
  name: string;
  rows: number;
  file: string;
  columns: ProjectColumn[];
}

export interface ProjectManifest<State = Record<string, unknown>> {
  format: typeof PROJECT_FORMAT;
  version: number;
  savedAt: string;
  /** Counts saves of this working state; autosave shows which one was restored. */
  revision: number;
  tables: ProjectTable[];
  state: State;
}

export type ProjectProblem = 'notProject' | 'newer' | 'older' | 'corrupt';

export class ProjectError extends Error {
  constructor(
    readonly problem: ProjectProblem,
    message: string,
  ) {
    super(message);
  }
}

export function packProject<State>(manifest: ProjectManifest<State>, files: Map<string, Uint8Array>): Uint8Array {
  const entries: Record<string, Uint8Array | [Uint8Array, { level: 0 }]> = { 'project.json': strToU8(JSON.stringify(manifest, null, 1)) };
  // Parquet is compressed already: store it as is.
  for (const table of manifest.tables) {
    const bytes = files.get(table.file);
    if (!bytes) throw new Error(`no data for table ${table.name}`);
    entries[table.file] = [bytes, { level: 0 }];
  }
  return zipSync(entries, { level: 6 });
}

/**
 * `State` is what the caller takes the state to be; nothing here checks it (the format is for any
 * state). The app reads it through parseProjectManifestState (projectStore.ts), hence `unknown`.
 */
export function unpackProject<State = unknown>(bytes: Uint8Array, fileName = 'project'): { manifest: ProjectManifest<State>; files: Map<string, Uint8Array> } {
  let entries: Record<string, Uint8Array>;
  try {
    entries = unzipSync(bytes);
  } catch {
    throw new ProjectError('notProject', `${fileName}: not an Outreach Atlas project file (not a zip archive)`);
  }
  const json = entries['project.json'];
  if (!json) throw new ProjectError('notProject', `${fileName}: not an Outreach Atlas project file (no project.json inside)`);
  const manifest = parseManifest<State>(strFromU8(json), fileName);
  const files = new Map<string, Uint8Array>();
  for (const table of manifest.tables) {
    const data = entries[table.file];
    if (!data) throw new ProjectError('corrupt', `${fileName}: table ${table.name} is missing its data file ${table.file}`);
    files.set(table.file, data);
  }
  return { manifest, files };
}

const tablesSchema = z.array(
  z.object({
    name: z.string().min(1),
    rows: z.number().int().min(0),
    file: z.string().min(1),
    columns: z.array(z.object({ name: z.string(), type: z.string() })),
  }),
);

/**
 * The manifest of a project (project.json), checked for format, version and its list of tables
 * (which the open walks: a wrong one is a corrupt file). The revision and the save time only
 * label the project, so a bad one is reset rather than refused. The state is not checked here.
 */
export function parseManifest<State = unknown>(json: string, fileName = 'project'): ProjectManifest<State> {
  let manifest: ProjectManifest<State>;
  try {
    manifest = JSON.parse(json) as ProjectManifest<State>;
  } catch {
    throw new ProjectError('corrupt', `${fileName}: project.json is not valid JSON`);
  }
  if (typeof manifest !== 'object' || manifest === null || Array.isArray(manifest)) throw new ProjectError('notProject', `${fileName}: not an Outreach Atlas project file (project.json is not an object)`);
  if (manifest.format !== PROJECT_FORMAT) throw new ProjectError('notProject', `${fileName}: not an Outreach Atlas project file (format "${String(manifest.format)}")`);
  if (!Number.isInteger(manifest.version)) throw new ProjectError('corrupt', `${fileName}: project.json has no version`);
  if (manifest.version > PROJECT_VERSION) throw new ProjectError('newer', `${fileName}: made by a newer version of the app (project format ${manifest.version}, this app reads ${PROJECT_VERSION}); update the app to open it`);
  if (manifest.version < PROJECT_VERSION) throw new ProjectError('older', `${fileName}: made by an older version of the app (project format ${manifest.version}); this app reads format ${PROJECT_VERSION} only`);
  // No list means no tables (as unpacking always read it); a list that is there must be right.
  const tables = tablesSchema.safeParse(manifest.tables ?? []);
  if (!tables.success) throw new ProjectError('corrupt', `${fileName}: project.json lists its tables wrongly (${tables.error.issues[0]?.path.join('.')}: ${tables.error.issues[0]?.message})`);
  return {
    ...manifest,
    tables: tables.data,
    revision: Number.isInteger(manifest.revision) && manifest.revision >= 0 ? manifest.revision : 0,
    savedAt: typeof manifest.savedAt === 'string' ? manifest.savedAt : '',
  };
}
