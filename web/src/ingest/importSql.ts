/**
 * The SQL of an import, in stages that never touch the destination table until the last one.
 * A file is read in slices; each slice goes
 *   slice → import_raw (text, or a Parquet column's own numeric/timestamp type, with file line
 *   numbers) → import_checked (typed, one problem per row at most) → appended to import_ready
 *   (accepted rows, in WGS-84, in the destination's schema), import_problem_counts,
 *   import_problem_examples and import_rejected (the first rejected rows, for download)
 * and, after the last slice, import_ready is swapped in. A failure or cancel before the swap
 * leaves every existing table as it was.
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
  | 'weight_too_large'
  | 'bad_hour'
  | 'bad_weekday';

/**
 * The largest weight taken. Pings keep weights as FLOAT, which ends near 3.4e38 (a bigger value
 * failed the whole import); and a weight this large is a typo or a placeholder, not a count.
 */
export const MAX_WEIGHT = 1e9;

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;
export const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;
const col = (i: number) => `c${i}`;

/**
 * Reads a registered slice of data rows (no header) as text columns c0…cN into `import_raw_csv`.
 * DuckDB's parallel reader refuses quoted line breaks alongside null_padding, so a slice that
 * has them is read with `parallel = false`.
 */
export function rawCsvTableSql(plan: ImportPlan, registeredName: string, options: { parallel?: boolean } = {}): string {
  const types = Array.from({ length: plan.columnCount }, (_, i) => `${quoteLiteral(col(i))}: 'VARCHAR'`).join(', ');
  return `CREATE OR REPLACE TABLE import_raw_csv AS
    SELECT * FROM read_csv(${quoteLiteral(registeredName)}, delim = ${quoteLiteral(plan.delimiter)}, header = false, quote = '"', escape = '"',
                  columns = {${types}}, null_padding = true, auto_detect = false, strict_mode = false${options.parallel === false ? ', parallel = false' : ''})`;
}

/**
 * Where a slice's rows start in the file: from the line the slice starts on when rows are one
 * per line, else from a table (`lineTable`, column `line`) of one file line per row, in order.
 */
export type SliceLines = { firstLine: number } | { lineTable: string };

/**
 * `import_raw`: `import_raw_csv` with `_line`, the file line the row starts on (the header is
 * line 1), from the row id (a window row_number() over the scan cost as much again as reading
 * the slice) or joined by position from a table of lines.
 */
export function rawCsvViewSql(lines: SliceLines): string {
  if ('lineTable' in lines) {
    return `CREATE OR REPLACE VIEW import_raw AS SELECT l.line::BIGINT AS _line, r.* FROM import_raw_csv r POSITIONAL JOIN ${lines.lineTable} l`;
  }
  return `CREATE OR REPLACE VIEW import_raw AS SELECT (rowid + ${lines.firstLine})::BIGINT AS _line, * FROM import_raw_csv`;
}

/** How a column of a typed source (Parquet) is read: kept in its type where the role can use it. */
export type SourceColumnType = 'text' | 'number' | 'timestamp';

/** DuckDB type name → how the import reads it. */
export function sourceColumnType(duckdbType: string): SourceColumnType {
  if (/^(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT|FLOAT|DOUBLE|DECIMAL.*)$/.test(duckdbType)) return 'number';
  if (/^(TIMESTAMP.*|DATE)$/.test(duckdbType) && !/WITH TIME ZONE/.test(duckdbType)) return 'timestamp';
  return 'text';
}

const NUMERIC_ROLES: ReadonlySet<ColumnRole> = new Set(['lon', 'lat', 'weight', 'hour', 'weekday', 'driver']);

/** Per column of the plan: text, or the typed kind kept because its role reads that type directly. */
export function keptColumnTypes(plan: ImportPlan, sourceTypes: SourceColumnType[]): SourceColumnType[] {
  const roleOf = new Map(Object.entries(plan.roles).map(([role, index]) => [index, role as ColumnRole]));
  return plan.header.map((_, i) => {
    const role = roleOf.get(i);
    const type = sourceTypes[i] ?? 'text';
    if (type === 'number' && role && NUMERIC_ROLES.has(role)) return 'number';
    if (type === 'timestamp' && role === 'time') return 'timestamp';
    return 'text';
  });
}

/** Rows [from, to) of the scratch table `import_source` (a decoded Parquet file) as c0…cN: a view, nothing is copied. */
export function rawFromSourceTableSql(plan: ImportPlan, kept: SourceColumnType[], from: number, to: number, rowsBefore = 0): string {
  const columns = plan.header.map((name, i) => (kept[i] === 'text' ? `CAST(${quoteIdent(name)} AS VARCHAR)` : quoteIdent(name)) + ` AS ${col(i)}`).join(', ');
  // Lines count as in a spreadsheet of the file (header = line 1), across all its batches.
  return `CREATE OR REPLACE VIEW import_raw AS SELECT (rowid + ${2 + rowsBefore})::BIGINT AS _line, ${columns} FROM import_source WHERE rowid >= ${from} AND rowid < ${to}`;
}

/** The file column read for a role: lon and lat trade places when the plan swaps them. */
function columnOf(plan: ImportPlan, role: ColumnRole): number | undefined {
  const swapped: ColumnRole = plan.swapLonLat && role === 'lon' ? 'lat' : plan.swapLonLat && role === 'lat' ? 'lon' : role;
  return plan.roles[swapped];
}

/**
 * Accepted time formats: ISO or slash dates with optional seconds, or Unix epoch (s or ms, UTC).
 * The common case (a date as written, no spaces around it) is one strptime; the rest are tried
 * only on the rows it leaves NULL (coalesce evaluates its next argument for those rows only).
 * No sub-expression appears twice: DuckDB would compute a repeated one for every row up front.
 */
function timestampSql(value: string): string {
  const formats = `['%Y-%m-%d %H:%M:%S', '%Y-%m-%d %H:%M', '%Y/%m/%d %H:%M:%S', '%Y/%m/%d %H:%M',
      '%Y-%m-%dT%H:%M:%S', '%Y-%m-%dT%H:%M:%S.%f', '%Y-%m-%d %H:%M:%S.%f', '%Y年%m月%d日 %H:%M:%S', '%Y年%m月%d日 %H:%M']`;
  return `coalesce(try_strptime(${value}, ${formats}), CASE
    WHEN regexp_full_match(${value}, '\\s*\\d{13}\\s*') THEN epoch_ms(try_cast(${value} AS BIGINT)) + INTERVAL 8 HOUR
    WHEN regexp_full_match(${value}, '\\s*\\d{10}\\s*') THEN epoch_ms(try_cast(${value} AS DOUBLE)::BIGINT * 1000) + INTERVAL 8 HOUR
    ELSE try_strptime(trim(${value}), ${formats})
  END)`;
}

/**
 * Types every field and records the first problem of each row (reason, column, value). Numbers
 * are cast straight from the raw text (DuckDB's cast allows the spaces around them); a field is
 * trimmed only where its text is kept or when it may be blank, which is most of a check's time
 * otherwise. `kept` says which raw columns already have a number or timestamp type (Parquet).
 */
export function checkedTableSql(plan: ImportPlan, kept: SourceColumnType[] = []): string {
  const keptType = (role: ColumnRole): SourceColumnType => {
    const i = columnOf(plan, role);
    return i === undefined ? 'text' : (kept[i] ?? 'text');
  };
  const raw = (role: ColumnRole) => {
    const i = columnOf(plan, role);
    return i === undefined ? 'NULL::VARCHAR' : col(i);
  };
  /** Empty, or nothing but spaces: the cheap comparison lets almost every row skip the trim. */
  const blank = (role: ColumnRole) => {
    const c = raw(role);
    return keptType(role) === 'text' ? `(${c} IS NULL OR (${c} < '!' AND trim(${c}) = ''))` : `(${c} IS NULL)`;
  };
  const trimmed = (role: ColumnRole) => (keptType(role) === 'text' ? `nullif(trim(${raw(role)}), '')` : raw(role));
  const number = (role: ColumnRole, type: 'DOUBLE' | 'INTEGER') => (keptType(role) === 'number' && type === 'DOUBLE' ? `${raw(role)}::DOUBLE` : `try_cast(${raw(role)} AS ${type})`);
  const ts = keptType('time') === 'timestamp' ? `CAST(${raw('time')} AS TIMESTAMP)` : timestampSql(raw('time'));
  const header = (role: ColumnRole) => {
    const i = plan.roles[role];
    return quoteLiteral(i === undefined ? role : plan.header[i] ?? role);
  };
  // [condition, reason, column]: the first that holds is the row's problem.
  const checks: [string, ProblemReason, ColumnRole][] = [
    [blank('lon'), 'missing', 'lon'],
    [blank('lat'), 'missing', 'lat'],
    ['lon IS NULL OR NOT isfinite(lon)', 'not_a_number', 'lon'],
    ['lat IS NULL OR NOT isfinite(lat)', 'not_a_number', 'lat'],
    ['abs(lon) > 180', 'out_of_range', 'lon'],
    ['abs(lat) > 90', 'out_of_range', 'lat'],
    ['lon NOT BETWEEN 73 AND 136', 'outside_china', 'lon'],
    ['lat NOT BETWEEN 3 AND 54', 'outside_china', 'lat'],
  ];
  if (plan.kind === 'pings') checks.push([blank('driver'), 'missing', 'driver'], [blank('time'), 'missing', 'time'], ['ts IS NULL', 'bad_time', 'time']);
  if (plan.kind === 'stations' || plan.kind === 'venues') checks.push(['name_text IS NULL', 'missing', 'name']);
  if (plan.roles.weight !== undefined) {
    // NaN and ±Infinity parse as numbers but make every sum over them NaN or infinite.
    checks.push(
      [`(weight IS NULL AND NOT ${blank('weight')}) OR NOT isfinite(weight)`, 'not_a_number', 'weight'],
      ['weight < 0', 'negative_weight', 'weight'],
      [`weight > ${MAX_WEIGHT}`, 'weight_too_large', 'weight'],
    );
  }
  if (plan.roles.hour !== undefined) checks.push([`(hour IS NULL AND NOT ${blank('hour')}) OR hour NOT BETWEEN 0 AND 23`, 'bad_hour', 'hour']);
  if (plan.roles.weekday !== undefined) checks.push([`(weekday IS NULL AND NOT ${blank('weekday')}) OR weekday NOT BETWEEN 1 AND 7`, 'bad_weekday', 'weekday']);
  // The row's problem as a small number first (one pass over the checks), then named: the names
  // and the field's text are looked up by that number, not by the checks again.
  const byCode = (pick: (c: (typeof checks)[number]) => string) => `CASE problem_code ${checks.map((c, i) => `WHEN ${i + 1} THEN ${pick(c)}`).join(' ')} END`;
  const rawColumns = plan.header.map((_, i) => col(i)).join(', ');
  return `CREATE OR REPLACE TABLE import_checked AS
  WITH typed AS (
    SELECT _line${rawColumns ? `, ${rawColumns}` : ''}, ${number('lon', 'DOUBLE')} AS lon, ${number('lat', 'DOUBLE')} AS lat, ${ts} AS ts,
      ${number('weight', 'DOUBLE')} AS weight, ${number('hour', 'INTEGER')} AS hour, ${number('weekday', 'INTEGER')} AS weekday,
      ${raw('driver')} AS driver_text, ${raw('member')} AS member_text, ${trimmed('name')} AS name_text, ${trimmed('kind')} AS kind_text,
      ${trimmed('address')} AS address_text, ${trimmed('hours')} AS hours_text
    FROM import_raw
  ), coded AS (
    SELECT *, CASE ${checks.map((c, i) => `WHEN ${c[0]} THEN ${i + 1}`).join(' ')} END::UTINYINT AS problem_code FROM typed
  )
  SELECT _line, lon, lat, ts, weight, hour, weekday, driver_text, member_text, name_text, kind_text, address_text, hours_text,
    ${byCode((c) => quoteLiteral(c[1]))} AS problem, ${byCode((c) => header(c[2]))} AS problem_column,
    ${byCode((c) => `nullif(trim(CAST(${raw(c[2])} AS VARCHAR)), '')`)} AS problem_value
  FROM coded`;
}

/** Driver ids: a salted SHA-256 folded to BIGINT when hashing; numeric ids kept otherwise. */
function driverIdSql(plan: ImportPlan, salt: string): string {
  const hashed = (input: string) => `('0x' || left(sha256(${input}), 15))::BIGINT`;
  // The raw field: trimmed here, once per distinct id rather than once per ping.
  const id = 'trim(CAST(driver_text AS VARCHAR))';
  if (plan.hashDriverIds) return hashed(`${quoteLiteral(salt)} || ${id}`);
  return `coalesce(try_cast(driver_text AS BIGINT), ${hashed(id)})`;
}

/**
 * A SELECT of the slice's accepted rows in WGS-84 and in the destination table's schema. Driver
 * ids are hashed once per distinct id (a few thousand), not once per ping, then joined back.
 */
export function readySelectSql(plan: ImportPlan, salt: string): string {
  const accepted = '(SELECT * FROM import_checked WHERE problem IS NULL)';
  const keep = ['_line', 'ts', 'driver_text', 'weight', 'hour', 'weekday', 'member_text', 'name_text', 'kind_text', 'address_text', 'hours_text'];
  const wgs = `(${toWgs84Sql(accepted, plan.crs, keep)})`;
  switch (plan.kind) {
    case 'pings':
      return `WITH ids AS (SELECT driver_text, ${driverIdSql(plan, salt)} AS driver_id FROM (SELECT DISTINCT driver_text FROM import_checked WHERE problem IS NULL))
        SELECT ids.driver_id, ts, lon, lat, coalesce(weight, 1)::FLOAT AS weight,
          coalesce(lower(trim(member_text)) IN ('1', 'true', 'yes', 'y', '是', '会员'), false) AS member,
          hour(ts)::TINYINT AS hour, isodow(ts)::TINYINT AS weekday
        FROM ${wgs} p JOIN ids USING (driver_text) ORDER BY _line`;
    case 'heat':
      return `SELECT lon, lat, coalesce(weight, 1)::DOUBLE AS weight, hour::TINYINT AS hour, weekday::TINYINT AS weekday FROM ${wgs} ORDER BY _line`;
    case 'stations':
      return `SELECT 'IMP-' || _line AS id, name_text AS name, coalesce(kind_text, '其他') AS kind, lon, lat,
          address_text AS address, hours_text AS hours, false AS synthetic
        FROM ${wgs} ORDER BY _line`;
    case 'venues':
      return `SELECT 'V' || _line AS id, name_text AS name, coalesce(kind_text, '场地') AS kind, lon, lat, address_text AS address
        FROM ${wgs} ORDER BY _line`;
  }
}

/** Examples kept per problem and column, for the report. */
const EXAMPLES_PER_PROBLEM = 3;

/**
 * After each slice: its accepted rows, problem counts and first examples, and up to `keepRejected`
 * rejected rows (file columns as text), appended to the import's running tables.
 */
export function appendSliceSql(plan: ImportPlan, salt: string, firstSlice: boolean, keepRejected: number): string[] {
  const into = (table: string, select: string) => (firstSlice ? `CREATE OR REPLACE TABLE ${table} AS ${select}` : `INSERT INTO ${table} ${select}`);
  const rawColumns = plan.header.map((_, i) => `CAST(r.${col(i)} AS VARCHAR) AS ${col(i)}`).join(', ');
  return [
    into('import_ready', readySelectSql(plan, salt)),
    into('import_problem_counts', `SELECT problem, problem_column, count(*)::BIGINT AS rows FROM import_checked WHERE problem IS NOT NULL GROUP BY ALL`),
    into(
      'import_problem_examples',
      `SELECT problem, problem_column, _line, problem_value FROM import_checked WHERE problem IS NOT NULL
       QUALIFY row_number() OVER (PARTITION BY problem, problem_column ORDER BY _line) <= ${EXAMPLES_PER_PROBLEM}`,
    ),
    into(
      'import_rejected',
      `SELECT r._line, c.problem, c.problem_column, ${rawColumns}
       FROM import_raw r JOIN import_checked c USING (_line) WHERE c.problem IS NOT NULL ORDER BY r._line LIMIT ${keepRejected}`,
    ),
  ];
}

export const PROBLEM_COUNTS_SQL = `SELECT problem, problem_column, sum(rows)::INTEGER AS rows FROM import_problem_counts
  GROUP BY ALL ORDER BY rows DESC, problem, problem_column`;

export const PROBLEM_EXAMPLES_SQL = `SELECT problem, problem_column, _line::INTEGER AS line, problem_value AS value FROM import_problem_examples
  QUALIFY row_number() OVER (PARTITION BY problem, problem_column ORDER BY _line) <= ${EXAMPLES_PER_PROBLEM} ORDER BY _line`;

/** Moves `import_ready` into the destination in one transaction, then drops the scratch tables. */
export function swapSql(plan: ImportPlan, destinationExists: boolean): string[] {
  const table = TABLE_FOR_KIND[plan.kind];
  const move =
    plan.mode === 'append' && destinationExists
      ? [`INSERT INTO ${table} SELECT * FROM import_ready`, 'DROP TABLE import_ready']
      : [`DROP TABLE IF EXISTS ${table}`, `ALTER TABLE import_ready RENAME TO ${table}`];
  return ['BEGIN TRANSACTION', ...move, 'COMMIT', ...DROP_SCRATCH_SQL];
}

/** The tables that hold one slice; dropped after each slice's rows are appended. */
export const DROP_SLICE_SQL = ['DROP VIEW IF EXISTS import_raw', 'DROP TABLE IF EXISTS import_raw_csv', 'DROP TABLE IF EXISTS import_lines', 'DROP TABLE IF EXISTS import_checked'];

export const DROP_SCRATCH_SQL = [
  'DROP TABLE IF EXISTS import_source',
  ...DROP_SLICE_SQL,
  'DROP TABLE IF EXISTS import_ready',
  'DROP TABLE IF EXISTS import_problem_counts',
  'DROP TABLE IF EXISTS import_problem_examples',
  'DROP TABLE IF EXISTS import_rejected',
];
