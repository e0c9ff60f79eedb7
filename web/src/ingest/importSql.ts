/**
 * The SQL of an import, in stages that never touch the destination table until the last one:
 *   file → import_raw (all text, with file line numbers) → import_checked (typed, one problem per
 *   row at most) → import_ready (accepted rows, in WGS-84, in the destination's schema) → swap.
 * A failure or cancel before the swap leaves every existing table as it was.
 */
import { toWgs84Sql } from '../geo/crsSql';
import type { ColumnRole } from './columnRoles';
import { TABLE_FOR_KIND, type ImportPlan } from './importPlan';

export type ProblemReason =
  | 'missing'
  | 'not_a_number'
  | 'out_of_range'
  | 'outside_china'
  | 'bad_time'
  | 'negative_weight'
  | 'bad_hour'
  | 'bad_weekday';

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const col = (i: number) => `c${i}`;

/** Reads the registered file as text columns c0…cN with `_line`, the line number in the file. */
export function rawTableSql(plan: ImportPlan, registeredName: string): string {
  const types = Array.from({ length: plan.columnCount }, (_, i) => `${quoteLiteral(col(i))}: 'VARCHAR'`).join(', ');
  return `CREATE OR REPLACE TABLE import_raw AS
    SELECT (row_number() OVER () + 1)::BIGINT AS _line, *
    FROM read_csv(${quoteLiteral(registeredName)}, delim = ${quoteLiteral(plan.delimiter)}, header = true, quote = '"', escape = '"',
                  columns = {${types}}, null_padding = true, auto_detect = false, strict_mode = false)`;
}

/** The same text columns from the scratch table `import_source` (a decoded Parquet file). */
export function rawFromSourceTableSql(plan: ImportPlan): string {
  const columns = plan.header.map((name, i) => `CAST(${quoteIdent(name)} AS VARCHAR) AS ${col(i)}`).join(', ');
  return `CREATE OR REPLACE TABLE import_raw AS SELECT (row_number() OVER () + 1)::BIGINT AS _line, ${columns} FROM import_source`;
}

function text(plan: ImportPlan, role: ColumnRole): string {
  const i = plan.roles[role];
  return i === undefined ? 'NULL::VARCHAR' : `nullif(trim(${col(i)}), '')`;
}

/** Accepted time formats: ISO or slash dates with optional seconds, or Unix epoch (s or ms, UTC). */
function timestampSql(value: string): string {
  return `CASE
    WHEN regexp_full_match(${value}, '\\d{13}') THEN epoch_ms(${value}::BIGINT) + INTERVAL 8 HOUR
    WHEN regexp_full_match(${value}, '\\d{10}') THEN epoch_ms(${value}::BIGINT * 1000) + INTERVAL 8 HOUR
    ELSE try_strptime(${value}, ['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M',
      '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H:%M:%S.%f', '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M'])
  END`;
}

/** Types every field and records the first problem of each row (reason, column, value). */
export function checkedTableSql(plan: ImportPlan): string {
  const header = (role: ColumnRole) => {
    const i = plan.roles[role];
    return quoteLiteral(i === undefined ? role : plan.header[i] ?? role);
  };
  const [lonText, latText] = plan.swapLonLat ? [text(plan, 'lat'), text(plan, 'lon')] : [text(plan, 'lon'), text(plan, 'lat')];
  const checks: [string, ProblemReason, ColumnRole, string][] = [
    ['lon_text IS NULL', 'missing', 'lon', 'lon_text'],
    ['lat_text IS NULL', 'missing', 'lat', 'lat_text'],
    ['lon IS NULL OR NOT isfinite(lon)', 'not_a_number', 'lon', 'lon_text'],
    ['lat IS NULL OR NOT isfinite(lat)', 'not_a_number', 'lat', 'lat_text'],
    ['abs(lon) > 180', 'out_of_range', 'lon', 'lon_text'],
    ['abs(lat) > 90', 'out_of_range', 'lat', 'lat_text'],
    ['lon NOT BETWEEN 73 AND 136', 'outside_china', 'lon', 'lon_text'],
    ['lat NOT BETWEEN 3 AND 54', 'outside_china', 'lat', 'lat_text'],
  ];
  if (plan.kind === 'pings') {
    checks.push(['driver_text IS NULL', 'missing', 'driver', 'driver_text'], ['time_text IS NULL', 'missing', 'time', 'time_text'], ['ts IS NULL', 'bad_time', 'time', 'time_text']);
  }
  if (plan.kind === 'stations' || plan.kind === 'venues') checks.push(['name_text IS NULL', 'missing', 'name', 'name_text']);
  if (plan.roles.weight !== undefined) checks.push(['weight_text IS NOT NULL AND weight IS NULL', 'not_a_number', 'weight', 'weight_text'], ['weight < 0', 'negative_weight', 'weight', 'weight_text']);
  if (plan.roles.hour !== undefined) checks.push(['hour_text IS NOT NULL AND (hour IS NULL OR hour NOT BETWEEN 0 AND 23)', 'bad_hour', 'hour', 'hour_text']);
  if (plan.roles.weekday !== undefined) checks.push(['weekday_text IS NOT NULL AND (weekday IS NULL OR weekday NOT BETWEEN 1 AND 7)', 'bad_weekday', 'weekday', 'weekday_text']);
  const caseOf = (pick: (c: (typeof checks)[number]) => string) => `CASE ${checks.map((c) => `WHEN ${c[0]} THEN ${pick(c)}`).join(' ')} END`;
  return `CREATE OR REPLACE TABLE import_checked AS
  WITH texts AS (
    SELECT _line, ${lonText} AS lon_text, ${latText} AS lat_text, ${text(plan, 'time')} AS time_text, ${text(plan, 'driver')} AS driver_text,
      ${text(plan, 'weight')} AS weight_text, ${text(plan, 'hour')} AS hour_text, ${text(plan, 'weekday')} AS weekday_text,
      ${text(plan, 'member')} AS member_text, ${text(plan, 'name')} AS name_text, ${text(plan, 'kind')} AS kind_text,
      ${text(plan, 'address')} AS address_text, ${text(plan, 'hours')} AS hours_text
    FROM import_raw
  ), typed AS (
    SELECT *, try_cast(lon_text AS DOUBLE) AS lon, try_cast(lat_text AS DOUBLE) AS lat, ${timestampSql('time_text')} AS ts,
      try_cast(weight_text AS DOUBLE) AS weight, try_cast(hour_text AS INTEGER) AS hour, try_cast(weekday_text AS INTEGER) AS weekday
    FROM texts
  )
  SELECT *, ${caseOf((c) => quoteLiteral(c[1]))} AS problem, ${caseOf((c) => header(c[2]))} AS problem_column, ${caseOf((c) => c[3])} AS problem_value
  FROM typed`;
}

/** Driver ids: a salted SHA-256 folded to BIGINT when hashing; numeric ids kept otherwise. */
function driverIdSql(plan: ImportPlan, salt: string): string {
  const hashed = (input: string) => `('0x' || left(sha256(${input}), 15))::BIGINT`;
  if (plan.hashDriverIds) return hashed(`${quoteLiteral(salt)} || driver_text`);
  return `coalesce(try_cast(driver_text AS BIGINT), ${hashed('driver_text')})`;
}

/** Accepted rows in WGS-84 and in the destination table's schema, as table `import_ready`. */
export function readyTableSql(plan: ImportPlan, salt: string): string {
  const accepted = '(SELECT * FROM import_checked WHERE problem IS NULL)';
  const keep = ['_line', 'ts', 'driver_text', 'weight', 'hour', 'weekday', 'member_text', 'name_text', 'kind_text', 'address_text', 'hours_text'];
  const wgs = `(${toWgs84Sql(accepted, plan.crs, keep)})`;
  switch (plan.kind) {
    case 'pings':
      return `CREATE OR REPLACE TABLE import_ready AS
        SELECT ${driverIdSql(plan, salt)} AS driver_id, ts, lon, lat, coalesce(weight, 1)::FLOAT AS weight,
          coalesce(lower(member_text) IN ('1', 'true', 'yes', 'y', '是', '会员'), false) AS member,
          hour(ts)::TINYINT AS hour, isodow(ts)::TINYINT AS weekday
        FROM ${wgs} ORDER BY ts`;
    case 'heat':
      return `CREATE OR REPLACE TABLE import_ready AS
        SELECT lon, lat, coalesce(weight, 1)::DOUBLE AS weight, hour::TINYINT AS hour, weekday::TINYINT AS weekday FROM ${wgs}`;
    case 'stations':
      return `CREATE OR REPLACE TABLE import_ready AS
        SELECT 'IMP-' || _line AS id, name_text AS name, coalesce(kind_text, '其他') AS kind, lon, lat,
          address_text AS address, hours_text AS hours, false AS synthetic
        FROM ${wgs}`;
    case 'venues':
      return `CREATE OR REPLACE TABLE import_ready AS
        SELECT 'V' || _line AS id, name_text AS name, coalesce(kind_text, '场地') AS kind, lon, lat, address_text AS address
        FROM ${wgs}`;
  }
}

export const PROBLEM_COUNTS_SQL = `SELECT problem, problem_column, count(*)::INTEGER AS rows FROM import_checked
  WHERE problem IS NOT NULL GROUP BY ALL ORDER BY rows DESC, problem, problem_column`;

export const PROBLEM_EXAMPLES_SQL = `SELECT problem, problem_column, _line::INTEGER AS line, problem_value AS value FROM import_checked
  WHERE problem IS NOT NULL QUALIFY row_number() OVER (PARTITION BY problem, problem_column ORDER BY _line) <= 3 ORDER BY _line`;

/** Moves `import_ready` into the destination in one transaction, then drops the scratch tables. */
export function swapSql(plan: ImportPlan, destinationExists: boolean): string[] {
  const table = TABLE_FOR_KIND[plan.kind];
  const move =
    plan.mode === 'append' && destinationExists
      ? [`INSERT INTO ${table} SELECT * FROM import_ready`, 'DROP TABLE import_ready']
      : [`DROP TABLE IF EXISTS ${table}`, `ALTER TABLE import_ready RENAME TO ${table}`];
  return ['BEGIN TRANSACTION', ...move, 'COMMIT', ...DROP_SCRATCH_SQL];
}

export const DROP_SCRATCH_SQL = ['DROP TABLE IF EXISTS import_source', 'DROP TABLE IF EXISTS import_raw', 'DROP TABLE IF EXISTS import_checked', 'DROP TABLE IF EXISTS import_ready'];
