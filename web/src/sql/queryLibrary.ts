/**
 * Queries an analyst keeps: worked examples in Chinese and English, the history of what was run,
 * and named saved queries. History and saved queries live in localStorage and in project files.
 */
import type { Locale } from '../i18n/messages';
import { queryHistorySchema, savedQueriesSchema, type SavedQuery } from './sqlConfig';

// Declared (and checked on load) in sqlConfig.ts.
export type { SavedQuery };

export const EXAMPLE_QUERIES: Record<Locale, SavedQuery[]> = {
  'zh-CN': [
    { name: '每小时定位点与司机数', sql: 'SELECT hour, count(*) AS pings, count(DISTINCT driver_id) AS drivers\nFROM pings GROUP BY hour ORDER BY hour' },
    { name: '最热的网格（约 1 公里）', sql: 'SELECT round(lon, 2) AS lon, round(lat, 2) AS lat, count(DISTINCT driver_id) AS drivers\nFROM pings GROUP BY ALL ORDER BY drivers DESC LIMIT 50' },
    { name: '从未到过任何站点 3 公里内的司机', sql: "WITH near AS (\n  SELECT DISTINCT p.driver_id FROM pings p, stations s\n  WHERE abs(p.lon - s.lon) < 0.03 AND abs(p.lat - s.lat) < 0.027\n)\nSELECT count(DISTINCT driver_id) AS drivers_never_near_a_station\nFROM pings WHERE driver_id NOT IN (SELECT driver_id FROM near)" },
    { name: '会员与非会员的夜间活动', sql: 'SELECT member, count(*) AS pings, count(DISTINCT driver_id) AS drivers\nFROM pings WHERE hour >= 22 OR hour <= 5 GROUP BY member' },
    { name: '各类站点数量', sql: 'SELECT kind, count(*) AS stations FROM stations GROUP BY kind ORDER BY stations DESC' },
  ],
  en: [
    { name: 'Pings and drivers per hour', sql: 'SELECT hour, count(*) AS pings, count(DISTINCT driver_id) AS drivers\nFROM pings GROUP BY hour ORDER BY hour' },
    { name: 'Top cells (about 1 km)', sql: 'SELECT round(lon, 2) AS lon, round(lat, 2) AS lat, count(DISTINCT driver_id) AS drivers\nFROM pings GROUP BY ALL ORDER BY drivers DESC LIMIT 50' },
    { name: 'Drivers never within 3 km of a station', sql: "WITH near AS (\n  SELECT DISTINCT p.driver_id FROM pings p, stations s\n  WHERE abs(p.lon - s.lon) < 0.03 AND abs(p.lat - s.lat) < 0.027\n)\nSELECT count(DISTINCT driver_id) AS drivers_never_near_a_station\nFROM pings WHERE driver_id NOT IN (SELECT driver_id FROM near)" },
    { name: 'Members and non-members at night', sql: 'SELECT member, count(*) AS pings, count(DISTINCT driver_id) AS drivers\nFROM pings WHERE hour >= 22 OR hour <= 5 GROUP BY member' },
    { name: 'Stations by kind', sql: 'SELECT kind, count(*) AS stations FROM stations GROUP BY kind ORDER BY stations DESC' },
  ],
};

export const HISTORY_LIMIT = 50;

/** The newest query first; a query run again moves to the top instead of repeating. */
export function pushHistory(history: readonly string[], sql: string): string[] {
  const text = sql.trim();
  if (!text) return [...history];
  return [text, ...history.filter((q) => q !== text)].slice(0, HISTORY_LIMIT);
}

/** Saves under a name, replacing a query of the same name; sorted by name. */
export function saveQuery(saved: readonly SavedQuery[], query: SavedQuery): SavedQuery[] {
  const name = query.name.trim();
  if (!name || !query.sql.trim()) return [...saved];
  return [...saved.filter((q) => q.name !== name), { name, sql: query.sql }].sort((a, b) => a.name.localeCompare(b.name, 'zh-CN'));
}

/**
 * A stored JSON value if it passes `check`, else `fallback`. Kept for callers that only need the
 * value; readStoredKey in project/projectConfig.ts also says what was wrong.
 */
export function parseStored<T>(text: string | null, check: (value: unknown) => value is T, fallback: T): T {
  try {
    const value: unknown = JSON.parse(text ?? 'null');
    return check(value) ? value : fallback;
  } catch {
    return fallback;
  }
}

export const isStringList = (v: unknown): v is string[] => queryHistorySchema.safeParse(v).success;
export const isSavedList = (v: unknown): v is SavedQuery[] => savedQueriesSchema.safeParse(v).success;
