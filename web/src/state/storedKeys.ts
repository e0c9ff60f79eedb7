/**
 * The keys this app keeps in localStorage, each read through its schema (project/projectConfig)
 * once, here. A corrupted key gives its default and a problem the project panel words for staff.
 */
import { readStoredKey, type Parsed, type StoredKey, type StoredKeyValues } from '../project/projectConfig';
import type { KeyValueStorage } from './deps';

export type { StoredProblem } from '../project/projectConfig';

export const STATION_HISTORY_KEY = 'atlas.stationEdits';
export const SQL_HISTORY_KEY = 'atlas.sqlHistory';
export const SQL_SAVED_KEY = 'atlas.sqlSaved';
export const LAST_PLAN_KEY = 'atlas.lastPlan';

export function readKey<K extends StoredKey>(storage: KeyValueStorage, key: K): Parsed<StoredKeyValues[K]> {
  return readStoredKey(key, storage.getItem(key));
}
