/**
 * The working state a project file and the autosave carry besides their tables: the union of
 * what each capability declares in its own config (density, map, coverage, stations, planner,
 * SQL, import). The schema is the type: ProjectState is what it parses to, and every store (a
 * project file, the autosave, the address, localStorage) reads its part through
 * parseStoredState, so a hand-edited or damaged value falls back to its own default, is named in
 * a problem, and never blanks the page.
 *
 * Absent fields: a field every project file has had since the first format is reported as
 * 'missing' when absent (the file was cut or edited by hand); importsThrough, importReports and
 * savedQueries came later and are silently defaulted, as older files rightly lack them (marked
 * `addedLater` in their configs). An absent localStorage key, or an absent part of the address,
 * is never a problem; unreadable JSON in a key is.
 */
import { z } from 'zod';
import { coverageConfigSchema, defaultCoverageConfig } from '../coverage/coverageConfig';
import { defaultDensityConfig, densityConfigSchema } from '../density/densityConfig';
import type { MessageKey } from '../i18n/messages';
import { defaultImportConfig, importConfigSchema } from '../ingest/importConfig';
import { defaultMapConfig, mapConfigSchema } from '../map/mapConfig';
import type { Plan } from '../planner/planModel';
import { defaultPlannerConfig, planSchema, plannerConfigSchema } from '../planner/plannerConfig';
import { defaultSqlConfig, queryHistorySchema, savedQueriesSchema, sqlConfigSchema, type SavedQuery } from '../sql/sqlConfig';
import { defaultStationsConfig, editHistorySchema, emptyHistory, stationsConfigSchema, type EditHistory } from '../stations/stationsConfig';
import { parseStoredJson, parseStoredState, type Parsed, type StoredProblem, type StoreName } from './storedState';

export { parseStoredState, type Parsed, type StoredProblem, type StoreName } from './storedState';
export { parseUrlHash, parseUrlState, type UrlState } from './urlState';

export const projectStateSchema = z.object({
  ...mapConfigSchema.shape,
  ...densityConfigSchema.shape,
  ...coverageConfigSchema.shape,
  ...stationsConfigSchema.shape,
  ...plannerConfigSchema.shape,
  ...importConfigSchema.shape,
  ...sqlConfigSchema.shape,
});

export type ProjectState = z.infer<typeof projectStateSchema>;

export function defaultProjectState(): ProjectState {
  return {
    ...defaultMapConfig(),
    ...defaultDensityConfig(),
    ...defaultCoverageConfig(),
    ...defaultStationsConfig(),
    ...defaultPlannerConfig(),
    ...defaultImportConfig(),
    ...defaultSqlConfig(),
  };
}

/** The state of a project file's or a snapshot's manifest (`manifest.state`, as JSON gave it). */
export function parseProjectManifestState(raw: unknown, where: 'file' | 'snapshot'): Parsed<ProjectState> {
  return parseStoredState(projectStateSchema, raw, defaultProjectState(), where, 'state');
}

/** What each localStorage key of the app holds. */
export interface StoredKeyValues {
  'atlas.stationEdits': EditHistory;
  'atlas.sqlHistory': string[];
  'atlas.sqlSaved': SavedQuery[];
  /** The last plan made in this browser; null when there is none. */
  'atlas.lastPlan': Plan | null;
}

export type StoredKey = keyof StoredKeyValues;

const STORED_KEYS: { [K in StoredKey]: { schema: z.ZodType<StoredKeyValues[K]>; defaults: () => StoredKeyValues[K] } } = {
  'atlas.stationEdits': { schema: editHistorySchema, defaults: emptyHistory },
  'atlas.sqlHistory': { schema: queryHistorySchema, defaults: () => [] },
  'atlas.sqlSaved': { schema: savedQueriesSchema, defaults: () => [] },
  'atlas.lastPlan': { schema: planSchema.nullable(), defaults: () => null },
};

/**
 * A localStorage value (`localStorage.getItem(key)`) read through its schema: null (never
 * written) gives the default and no problem; unreadable JSON or a wrong shape gives the default
 * (for the SQL lists: the good entries) and a problem naming the key.
 */
export function readStoredKey<K extends StoredKey>(key: K, raw: string | null): Parsed<StoredKeyValues[K]> {
  const { schema, defaults } = STORED_KEYS[key];
  return parseStoredJson(schema, raw, defaults(), 'localStorage', key);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

const STORE_MESSAGES: Record<StoreName, MessageKey> = {
  file: 'store_file',
  snapshot: 'store_snapshot',
  url: 'store_url',
  localStorage: 'store_localStorage',
  cli: 'store_cli',
};

/** A problem in the user's language, e.g. 项目文件中的“reach.speedKmh”无效（…），已改用默认值. */
export function describeStoredProblem(problem: StoredProblem, t: Translate): string {
  return t('storedProblem', { store: t(STORE_MESSAGES[problem.store]), field: problem.field, reason: problem.reason });
}
