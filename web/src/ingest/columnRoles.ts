/**
 * Guesses what each column of an imported table means, from English and Chinese headers first
 * and from the values second, and which kind of data the file holds. The user confirms or
 * corrects the guess in the mapping dialog before anything is loaded.
 */
import type { Crs } from '../geo/crs';

export type ColumnRole = 'lon' | 'lat' | 'time' | 'driver' | 'weight' | 'hour' | 'weekday' | 'member' | 'name' | 'kind' | 'address' | 'hours';
/** `venues` are candidate places for enrolment drives (logistics parks, service areas, markets). */
export type DataKind = 'pings' | 'heat' | 'stations' | 'venues';

export const ROLES_BY_KIND: Record<DataKind, { required: ColumnRole[]; optional: ColumnRole[] }> = {
  pings: { required: ['lon', 'lat', 'time', 'driver'], optional: ['weight', 'member'] },
  heat: { required: ['lon', 'lat'], optional: ['weight', 'hour', 'weekday'] },
  stations: { required: ['lon', 'lat', 'name'], optional: ['kind', 'address', 'hours'] },
  venues: { required: ['lon', 'lat', 'name'], optional: ['kind', 'address'] },
};

/** Header patterns, matched against a normalised header (lower case, no spaces, _ or brackets). */
const HEADER_PATTERNS: [ColumnRole, RegExp][] = [
  ['lon', /^(lon|lng|long|longitude|x|经度|gpslon|gpslng)$|(^|_)(lon|lng|lg)$|longitude|经度/],
  ['lat', /^(lat|latitude|y|纬度|gpslat)$|(^|_)(lat|lt)$|latitude|纬度/],
  ['time', /^(time|ts|timestamp|date_?time|gps_?time|locate_?time|report_?time|time_?stamp)$|定位时间|上报时间|采集时间|^时间$|日期时间|时间戳|timestamp/],
  ['driver', /^(driver|driver_?id|vehicle|vehicle_?id|plate|plate_?no|car|car_?id|uid|user_?id|device_?id|id)$|司机|车牌|车辆编号|车辆id|设备号|设备id/],
  ['weight', /^(weight|count|value|heat|num|cnt|intensity|pings)$|热度|数量|权重|次数|车辆数|热力值/],
  ['hour', /^(hour|hr|hourofday)$|^小时$|时段/],
  ['weekday', /^(weekday|dow|dayofweek|wday)$|星期|周几/],
  ['member', /^(member|ismember|is_member|union_member)$|会员/],
  ['name', /^(name|title|stationname|station_name)$|名称|站名|站点名/],
  ['kind', /^(kind|type|category|class)$|类型|类别|种类/],
  ['address', /^(address|addr)$|地址/],
  ['hours', /^(hours|openinghours|opening_hours|open_hours|openhours)$|开放时间|营业时间/],
];

export function normaliseHeader(header: string): string {
  return header.trim().toLowerCase().replace(/[\s()（）[\]【】]/g, '');
}

/** The CRS a header names, if any (e.g. "GCJ02_lng", "百度经度", "wgs84_lat"). */
export function crsNamedIn(header: string): Crs | null {
  const h = normaliseHeader(header);
  if (/gcj|高德|amap|火星|gaode|腾讯|tencent|qq/.test(h)) return 'GCJ02';
  if (/bd09|bd_|^bd|baidu|百度|db09/.test(h)) return 'BD09';
  if (/wgs|gps|4326/.test(h)) return 'WGS84';
  return null;
}

export interface ColumnGuess {
  /** Column index for each role found. */
  roles: Partial<Record<ColumnRole, number>>;
  kind: DataKind;
  crs: Crs;
  /** Why the CRS was chosen, for the dialog. */
  crsReason: 'header' | 'values' | 'default';
  /** lon and lat look exchanged (lat-like values in the lon column and vice versa). */
  swapped: boolean;
}

function numericShare(rows: string[][], column: number, min: number, max: number): number {
  let inRange = 0;
  let total = 0;
  for (const row of rows) {
    const value = row[column]?.trim();
    if (!value) continue;
    total++;
    const n = Number(value);
    if (Number.isFinite(n) && n >= min && n <= max) inRange++;
  }
  return total ? inRange / total : 0;
}

const CHINA_LON: [number, number] = [73, 136];
const CHINA_LAT: [number, number] = [3, 54];

export function guessColumns(header: string[], rows: string[][]): ColumnGuess {
  const roles: Partial<Record<ColumnRole, number>> = {};
  const normalised = header.map(normaliseHeader);
  // Files like the charging-station list carry one lon/lat pair per CRS: prefer WGS-84.
  const pairPreference = (i: number) => (crsNamedIn(header[i]) === 'WGS84' ? 0 : crsNamedIn(header[i]) === null ? 1 : 2);
  for (const [role, pattern] of HEADER_PATTERNS) {
    const candidates = normalised.map((h, i) => ({ h, i })).filter(({ h, i }) => pattern.test(h) && !Object.values(roles).includes(i));
    if (candidates.length === 0) continue;
    if (role === 'lon' || role === 'lat') candidates.sort((a, b) => pairPreference(a.i) - pairPreference(b.i) || a.i - b.i);
    roles[role] = candidates[0].i;
  }
  // No recognisable coordinate headers: look for numeric columns in China's ranges.
  if (roles.lon === undefined || roles.lat === undefined) {
    for (let i = 0; i < header.length; i++) {
      if (Object.values(roles).includes(i)) continue;
      if (roles.lon === undefined && numericShare(rows, i, ...CHINA_LON) > 0.9) roles.lon = i;
      else if (roles.lat === undefined && numericShare(rows, i, ...CHINA_LAT) > 0.9 && numericShare(rows, i, ...CHINA_LON) < 0.5) roles.lat = i;
    }
  }
  let swapped = false;
  if (roles.lon !== undefined && roles.lat !== undefined) {
    const lonLooksLat = numericShare(rows, roles.lon, 18, 54) > 0.9 && numericShare(rows, roles.lon, ...CHINA_LON) < 0.1;
    const latLooksLon = numericShare(rows, roles.lat, ...CHINA_LON) > 0.9;
    swapped = lonLooksLat && latLooksLon;
  }
  const kind: DataKind =
    roles.driver !== undefined && roles.time !== undefined ? 'pings' : roles.name !== undefined && roles.weight === undefined ? 'stations' : 'heat';
  const named = roles.lon !== undefined ? crsNamedIn(header[roles.lon]) ?? (roles.lat !== undefined ? crsNamedIn(header[roles.lat]) : null) : null;
  return { roles, kind, crs: named ?? 'WGS84', crsReason: named ? 'header' : 'default', swapped };
}
