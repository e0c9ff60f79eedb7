/**
 * The SQL console's lock, decided by DuckDB itself rather than by reading the text here:
 *
 * - DuckDB's own scanner (`tokenize`) splits the text at its `;` tokens, and DuckDB's parser
 *   (a prepared statement) must accept each piece as exactly one statement, so no string, dollar
 *   quote, E-string or comment trick can hide a second statement inside the first.
 * - DuckDB's planner (`EXPLAIN (FORMAT JSON)`) says what the statement does: its physical
 *   operators and table functions. Queries pass; writes to tables pass when they may; settings,
 *   transactions, extensions, files and URLs, databases, prepared statements and maintenance are
 *   refused in any mode, as is any operator this list does not know.
 * - Each statement then runs in a transaction of its own: READ ONLY unless base tables are
 *   unlocked, so DuckDB refuses every write to the database (temporary tables stay free). Before
 *   COMMIT the catalogue and the settings are compared with how they were: a change to databases,
 *   schemas, settings, the atlas_derived schema, or a new object hiding an existing one (a temp
 *   view named `pings`, a macro named `upper`) is rolled back and refused.
 *
 * The engine is locked at start-up as well (ENGINE_LOCK_SQL): no external access, no extension
 * loading, no configuration change; these checks stand in front of that lock, not instead of it.
 */
import type { Table } from 'apache-arrow';
import type { ConsoleSession, EngineTokens } from '../db/consoleSession';

/** The schema the app keeps its derived tables in (the ping cube); the console only reads it. */
export const DERIVED_SCHEMA = 'atlas_derived';

export type { ConsoleSession, EngineTokens } from '../db/consoleSession';

export type RefusalReason =
  | 'readOnly'
  | 'settings'
  | 'transaction'
  | 'extension'
  | 'files'
  | 'database'
  | 'schema'
  | 'derived'
  | 'shadow'
  | 'maintenance'
  | 'prepared'
  | 'multiple'
  | 'other';

/** Why a refusal happened, in Chinese and English (the panel shows the message as it is). */
const REASONS: Record<RefusalReason, [string, string]> = {
  readOnly: [
    '基础数据表只读：这条语句会修改数据库。勾选"允许修改基础数据表"后才能修改表；不勾选时可以建临时表，例如 CREATE TEMP TABLE my_pings AS SELECT * FROM pings',
    'Base tables are read-only: this statement changes the database. Tick "允许修改基础数据表" (allow changes to base tables) to change tables; without it, work on a temporary copy, e.g. CREATE TEMP TABLE my_pings AS SELECT * FROM pings',
  ],
  settings: [
    '控制台不能更改数据库设置（SET、RESET、PRAGMA）：设置在应用启动时已锁定。',
    'The console cannot change database settings (SET, RESET, PRAGMA): they are locked when the app starts.',
  ],
  transaction: [
    '控制台不能开始或结束事务（BEGIN、COMMIT、ROLLBACK）：每条语句自成一个事务。',
    'The console cannot begin or end transactions (BEGIN, COMMIT, ROLLBACK): each statement runs in a transaction of its own.',
  ],
  extension: [
    '控制台不能安装或加载扩展（INSTALL、LOAD）：离线应用不下载任何东西。',
    'The console cannot install or load extensions (INSTALL, LOAD): the offline app downloads nothing.',
  ],
  files: [
    '控制台不能读写文件或网址（read_csv、read_text、glob、COPY、EXPORT、ATTACH 文件等）：数据请用"导入"读入，结果请用导出按钮保存。',
    'The console cannot read or write files or URLs (read_csv, read_text, glob, COPY, EXPORT …): load data with Import, save results with the export buttons.',
  ],
  database: [
    '控制台不能挂载、卸载或切换数据库（ATTACH、DETACH、USE）。',
    'The console cannot attach, detach or switch databases (ATTACH, DETACH, USE).',
  ],
  schema: ['控制台不能创建、删除或修改模式（schema）。', 'The console cannot create, drop or change schemas.'],
  derived: [
    `${DERIVED_SCHEMA} 模式中的表由应用维护（定位汇总表），控制台只能读取。`,
    `The tables in the ${DERIVED_SCHEMA} schema are kept by the app (the ping cube); the console can only read them.`,
  ],
  shadow: [
    '不能创建与现有表、视图、函数或类型同名的临时对象或宏：它会遮住应用所用的那个。',
    'Cannot create a temporary object or a macro named like an existing table, view, function or type: it would hide the one the app uses.',
  ],
  maintenance: [
    '控制台不能执行数据库维护或日志命令（CHECKPOINT、VACUUM、ANALYZE、enable_logging 等）。',
    'The console does not run maintenance or logging commands (CHECKPOINT, VACUUM, ANALYZE, enable_logging …).',
  ],
  prepared: [
    '控制台不能使用预备语句（PREPARE、EXECUTE）：直接运行语句即可。',
    'The console does not run prepared statements (PREPARE, EXECUTE): run the statement itself.',
  ],
  multiple: [
    'DuckDB 把这一段读成了多条语句（例如没有 IN (…) 列表的 PIVOT）：请用分号分开，或给 PIVOT 写出 IN (…)。',
    'DuckDB reads this part as several statements (e.g. a PIVOT without an IN (…) list): separate them with semicolons, or give the PIVOT its IN (…) list.',
  ],
  other: ['控制台不运行这类语句：只能查询；勾选"允许修改基础数据表"后可以增删改表。', 'The console does not run this kind of statement: queries only, and changes to tables once base tables are unlocked.'],
};

export class ConsoleRefusal extends Error {
  readonly reason: RefusalReason;
  constructor(reason: RefusalReason, detail: string, statement: number | null) {
    const [zh, en] = REASONS[reason];
    const where = statement === null ? '' : `第 ${statement} 条语句 / statement ${statement}: `;
    super(`${where}${zh}\n${en}${detail ? `\n(${detail})` : ''}`);
    this.name = 'ConsoleRefusal';
    this.reason = reason;
  }
}

/** Physical operators of a query: they read, and write nothing anywhere. */
const READ_OPERATORS = new Set([
  'DUMMY_SCAN', 'CHUNK_SCAN', 'COLUMN_DATA_SCAN', 'DELIM_SCAN', 'ORDER_BY', 'LIMIT', 'LIMIT_PERCENT', 'STREAMING_LIMIT',
  'RESERVOIR_SAMPLE', 'STREAMING_SAMPLE', 'TOP_N', 'WINDOW', 'STREAMING_WINDOW', 'UNNEST', 'UNGROUPED_AGGREGATE',
  'HASH_GROUP_BY', 'PERFECT_HASH_GROUP_BY', 'PARTITIONED_AGGREGATE', 'FILTER', 'PROJECTION', 'LEFT_DELIM_JOIN',
  'RIGHT_DELIM_JOIN', 'BLOCKWISE_NL_JOIN', 'NESTED_LOOP_JOIN', 'HASH_JOIN', 'PIECEWISE_MERGE_JOIN', 'IE_JOIN', 'ASOF_JOIN',
  'CROSS_PRODUCT', 'POSITIONAL_JOIN', 'POSITIONAL_SCAN', 'UNION', 'EMPTY_RESULT', 'REC_CTE', 'REC_KEY_CTE', 'CTE',
  'REC_CTE_SCAN', 'REC_REC_CTE_SCAN', 'CTE_SCAN', 'EXPRESSION_SCAN', 'RESULT_COLLECTOR', 'PIVOT', 'INOUT_FUNCTION',
]);

/**
 * Table functions (the plan names a scan by its function) that only read the database or make
 * values. Every table function of this DuckDB build is in this list or in REFUSED_TABLE_FUNCTIONS
 * (a unit test checks), so a new one is refused until someone decides.
 */
export const READ_TABLE_FUNCTIONS = [
  'seq_scan', 'range', 'generate_series', 'unnest', 'repeat', 'repeat_row', 'summary', 'query', 'query_table',
  'test_all_types', 'test_vector_types', 'histogram', 'histogram_values', 'which_secret',
  'duckdb_approx_database_count', 'duckdb_columns', 'duckdb_connection_count', 'duckdb_constraints', 'duckdb_databases',
  'duckdb_dependencies', 'duckdb_extensions', 'duckdb_external_file_cache', 'duckdb_functions', 'duckdb_indexes',
  'duckdb_keywords', 'duckdb_log_contexts', 'duckdb_logs', 'duckdb_logs_parsed', 'duckdb_memory', 'duckdb_optimizers',
  'duckdb_prepared_statements', 'duckdb_schemas', 'duckdb_secret_types', 'duckdb_secrets', 'duckdb_sequences',
  'duckdb_settings', 'duckdb_table_sample', 'duckdb_tables', 'duckdb_temporary_files', 'duckdb_types', 'duckdb_variables',
  'duckdb_views', 'pragma_collations', 'pragma_database_size', 'pragma_metadata_info', 'pragma_platform', 'pragma_show',
  'pragma_storage_info', 'pragma_table_info', 'pragma_user_agent', 'pragma_version',
];

/** Table functions the console refuses, with why: they open files or URLs, act, or read raw memory. */
export const REFUSED_TABLE_FUNCTIONS: Record<string, RefusalReason> = {
  read_csv: 'files', read_csv_auto: 'files', read_text: 'files', read_blob: 'files', glob: 'files', sniff_csv: 'files',
  checkpoint: 'maintenance', force_checkpoint: 'maintenance', enable_logging: 'maintenance', disable_logging: 'maintenance',
  truncate_duckdb_logs: 'maintenance',
  // Scan Arrow data at a memory address: only DuckDB-WASM's own insert path has one to give.
  arrow_scan: 'other', arrow_scan_dumb: 'other',
};

/** Operators that change tables, views, macros, types, sequences or indexes. */
const WRITE_OPERATORS = new Set([
  'INSERT', 'BATCH_INSERT', 'DELETE', 'UPDATE', 'MERGE_INTO', 'CREATE_TABLE', 'CREATE_TABLE_AS', 'BATCH_CREATE_TABLE_AS',
  'CREATE_INDEX', 'CREATE_VIEW', 'CREATE_MACRO', 'CREATE_SEQUENCE', 'CREATE_TYPE', 'ALTER', 'DROP',
]);

/** Why other operators are refused in any mode; unknown ones are refused as 'other'. */
const REFUSED_OPERATORS: Record<string, RefusalReason> = {
  SET: 'settings', RESET: 'settings', SET_VARIABLE: 'settings', PRAGMA: 'settings',
  TRANSACTION: 'transaction', LOAD: 'extension', UPDATE_EXTENSIONS: 'extension',
  COPY_TO_FILE: 'files', BATCH_COPY_TO_FILE: 'files', COPY_DATABASE: 'files', EXPORT: 'files',
  ATTACH: 'database', DETACH: 'database', CREATE_SCHEMA: 'schema', CREATE_SECRET: 'other',
  PREPARE: 'prepared', EXECUTE: 'prepared', VACUUM: 'maintenance', EXPLAIN: 'other', EXPLAIN_ANALYZE: 'other',
};

/**
 * Kinds of statement the console never runs, by their first keyword (a token of DuckDB's own
 * scanner; in DuckDB's grammar it names the statement). They are refused before DuckDB even
 * prepares them, because binding some acts already (EXPORT DATABASE creates its folder). This
 * only ever refuses: what runs is still decided by the planner.
 */
const REFUSED_BY_KEYWORD: Record<string, RefusalReason> = {
  ATTACH: 'database', DETACH: 'database', USE: 'database', EXPORT: 'files', IMPORT: 'files', PRAGMA: 'settings',
  SET: 'settings', RESET: 'settings', ANALYZE: 'maintenance', VACUUM: 'maintenance', CHECKPOINT: 'maintenance',
  BEGIN: 'transaction', START: 'transaction', COMMIT: 'transaction', END: 'transaction', ROLLBACK: 'transaction',
  ABORT: 'transaction', PREPARE: 'prepared', EXECUTE: 'prepared', INSTALL: 'extension', LOAD: 'extension',
  FORCE: 'extension', COPY: 'files', DEALLOCATE: 'prepared', ANALYSE: 'maintenance',
};

function refusedByKeyword(piece: Piece): RefusalReason | null {
  const [first, second] = piece.tokens.map((t) => t.word.toUpperCase());
  if (first === 'FORCE' && second === 'CHECKPOINT') return 'maintenance';
  return REFUSED_BY_KEYWORD[first] ?? null;
}

const TOKEN_OPERATOR = 3;
const TOKEN_KEYWORD = 4;

export interface Piece {
  text: string;
  /** Its tokens: where each starts in `text`, its first word (or character), and its type. */
  tokens: { at: number; word: string; type: number }[];
}

/** The statements of `text`, split at the semicolons DuckDB's scanner finds. */
export async function splitStatements(session: Pick<ConsoleSession, 'tokenize'>, text: string): Promise<Piece[]> {
  const bytes = new TextEncoder().encode(text);
  const decoder = new TextDecoder();
  const slice = (from: number, to: number) => decoder.decode(bytes.subarray(from, to));
  let tokens: EngineTokens;
  try {
    tokens = await session.tokenize(text);
  } catch {
    // The parser then gets the whole text as one piece, and refuses it if it holds more than one.
    tokens = { offsets: [0], types: [TOKEN_KEYWORD] };
  }
  const pieces: Piece[] = [];
  let current: { start: number; tokens: { byte: number; type: number }[] } | null = null;
  const close = (end: number) => {
    if (!current) return;
    const { start, tokens: inPiece } = current;
    const text = slice(start, end);
    // Offsets are UTF-8 bytes; the piece's text is indexed in UTF-16 units.
    const placed = inPiece.map((t, i) => {
      const at = slice(start, t.byte).length;
      const chunk = slice(t.byte, inPiece[i + 1]?.byte ?? end);
      return { at, word: /^[\p{L}\p{N}_]+/u.exec(chunk)?.[0] ?? chunk.slice(0, 1), type: t.type };
    });
    pieces.push({ text: text.trimEnd(), tokens: placed });
    current = null;
  };
  for (let i = 0; i < tokens.offsets.length; i++) {
    const byte = tokens.offsets[i];
    if (tokens.types[i] === TOKEN_OPERATOR && bytes[byte] === 0x3b) {
      close(byte);
      continue;
    }
    current ??= { start: byte, tokens: [] };
    current.tokens.push({ byte, type: tokens.types[i] });
  }
  close(bytes.length);
  return pieces.filter((p) => p.text.trim() !== '');
}

export type StatementKind = 'read' | 'write';

export interface Decision {
  kind: StatementKind;
  /** Tables the plan scans (names only): a DELETE, UPDATE or MERGE scans its target. */
  scans: string[];
  /** The plan's operators, upper case (for tests and messages). */
  operators: string[];
}

interface PlanNode {
  name: string;
  children?: PlanNode[];
  extra_info?: Record<string, unknown>;
}

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));
const firstLine = (error: unknown) => errorText(error).split('\n')[0];

/** A DuckDB error that is the engine's lock speaking, as a refusal; other errors as they are. */
function engineRefusal(error: unknown, statement: number | null): Error {
  if (error instanceof ConsoleRefusal) return error;
  const message = errorText(error);
  if (/transaction is launched in read-only mode|read-only transaction/i.test(message)) return new ConsoleRefusal('readOnly', firstLine(error), statement);
  if (/configuration has been locked/i.test(message)) return new ConsoleRefusal('settings', firstLine(error), statement);
  if (/external extensions is disabled|extension/i.test(message) && /Permission Error/i.test(message)) return new ConsoleRefusal('extension', firstLine(error), statement);
  if (/Permission Error/i.test(message)) return new ConsoleRefusal('files', firstLine(error), statement);
  if (/Cannot prepare multiple statements/i.test(message)) return new ConsoleRefusal('multiple', firstLine(error), statement);
  return error instanceof Error ? error : new Error(message);
}

/**
 * What one statement does, as DuckDB's planner sees it; throws a ConsoleRefusal for what the
 * console never runs, or DuckDB's error for a statement that does not parse or bind.
 */
export async function decideStatement(session: ConsoleSession, piece: Piece, statement: number | null = null, depth = 0): Promise<Decision> {
  const first = piece.tokens[0]?.word.toUpperCase() ?? '';
  const early = refusedByKeyword(piece);
  if (early) throw new ConsoleRefusal(early, first, statement);
  if (first === 'EXPLAIN') return decideExplain(session, piece, statement, depth);
  try {
    await session.prepare(piece.text);
  } catch (error) {
    throw engineRefusal(error, statement);
  }
  let plan: PlanNode[];
  try {
    const rows = await session.preparedRows(`EXPLAIN (FORMAT JSON) ${piece.text}`);
    const physical = rows.find((r) => r.explain_key === 'physical_plan') ?? rows[0];
    plan = JSON.parse(String(physical?.explain_value)) as PlanNode[];
  } catch (error) {
    const refused = engineRefusal(error, statement);
    if (refused instanceof ConsoleRefusal) throw refused;
    // DuckDB can plan every query; what it cannot plan (COMMENT ON, CREATE SECRET …) is not one.
    throw new ConsoleRefusal('other', first, statement);
  }
  const operators: string[] = [];
  const scans: string[] = [];
  let writes = false;
  const read = new Set(READ_TABLE_FUNCTIONS.map((f) => f.toUpperCase()));
  const visit = (node: PlanNode) => {
    const name = String(node.name).trim().toUpperCase();
    operators.push(name);
    const table = node.extra_info?.Table;
    if (typeof table === 'string') scans.push(table);
    if (WRITE_OPERATORS.has(name)) writes = true;
    else if (!READ_OPERATORS.has(name) && !read.has(name)) {
      const reason = REFUSED_OPERATORS[name] ?? REFUSED_TABLE_FUNCTIONS[name.toLowerCase()] ?? 'other';
      throw new ConsoleRefusal(reason, name, statement);
    }
    for (const child of node.children ?? []) visit(child);
  };
  for (const node of plan) visit(node);
  return { kind: writes ? 'write' : 'read', scans, operators };
}

/**
 * `EXPLAIN [ANALYZE] [(options)] statement` is decided as the statement it explains (ANALYZE runs
 * it); DuckDB cannot explain an EXPLAIN, so the inner statement is found from the scanner's tokens.
 */
async function decideExplain(session: ConsoleSession, piece: Piece, statement: number | null, depth: number): Promise<Decision> {
  const { tokens } = piece;
  let i = 1;
  if (/^ANALY[SZ]E$/i.test(tokens[i]?.word ?? '')) i++;
  if (tokens[i]?.type === TOKEN_OPERATOR && tokens[i].word === '(') {
    for (let open = 0; i < tokens.length; i++) {
      if (tokens[i].type === TOKEN_OPERATOR) open += tokens[i].word === '(' ? 1 : tokens[i].word === ')' ? -1 : 0;
      if (open === 0) break;
    }
    i++;
  }
  if (i >= tokens.length || depth > 2) throw new ConsoleRefusal('other', 'EXPLAIN', statement);
  const from = tokens[i].at;
  const inner = { text: piece.text.slice(from), tokens: tokens.slice(i).map((t) => ({ ...t, at: t.at - from })) };
  const decision = await decideStatement(session, inner, statement, depth + 1);
  // And the whole is one statement to DuckDB's parser too.
  try {
    await session.prepare(piece.text);
  } catch (error) {
    throw engineRefusal(error, statement);
  }
  return decision;
}

export interface ConsoleResult {
  /** The last statement's result (null when none ran). */
  table: Table | null;
  /** A statement that writes ran to its end, so tables may have changed. */
  changed: boolean;
  /** Why the run stopped, if it did; statements before that one stay done. */
  error: Error | null;
}

/**
 * Runs the console's text, one statement at a time, each decided by the engine and run in a
 * transaction of its own. Every statement is decided before the first runs, so a refused one
 * stops the whole text; one that cannot bind yet (it reads a table an earlier one creates) is
 * decided again when its turn comes, as every statement is.
 */
export async function runConsoleSql(session: ConsoleSession, sql: string, unlocked: boolean): Promise<ConsoleResult> {
  const result: ConsoleResult = { table: null, changed: false, error: null };
  try {
    const pieces = await splitStatements(session, sql);
    const label = (i: number) => (pieces.length > 1 ? i + 1 : null);
    for (const [i, piece] of pieces.entries()) {
      try {
        await decideStatement(session, piece, label(i));
      } catch (error) {
        if (error instanceof ConsoleRefusal) throw error;
      }
    }
    for (const [i, piece] of pieces.entries()) {
      const decision = await decideStatement(session, piece, label(i));
      result.table = await runStatement(session, piece.text, decision, unlocked, label(i));
      result.changed ||= decision.kind === 'write';
    }
  } catch (error) {
    result.error = error instanceof Error ? error : new Error(String(error));
  }
  return result;
}

/** Operators that scan the table they change: their plan names the target. */
const TARGET_SCANNING = new Set(['DELETE', 'UPDATE', 'MERGE_INTO']);

const quoteLiteral = (s: string) => `'${s.replace(/'/g, "''")}'`;
const quoteIdent = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** A built-in function by its catalog name, which no user macro can hide. */
const sys = (name: string) => `system.main.${name}`;

const DERIVED_TABLES_SQL = `SELECT table_name::VARCHAR AS name FROM ${sys('duckdb_tables')}()
  WHERE database_name = ${sys('current_database')}() AND schema_name = ${quoteLiteral(DERIVED_SCHEMA)} ORDER BY 1`;

/**
 * What a statement must not change, as rows (kind, database, schema, name, detail). Always:
 * databases, settings and the session's schema, which a transaction does not undo. For a write
 * also the catalogue: schemas, every table, view, type, sequence and index with its oid and
 * definition, and the names that would hide another object (a temporary table or view named like
 * one of the database, a type named like a built-in one); for a macro also the functions (macros
 * named like built-in functions). duckdb_functions() is the slow one, hence the parts. Every
 * function is called by its system name (`system.main.…`), so a macro made by the statement
 * cannot answer for the one it hides.
 */
const SESSION_SNAPSHOT_SQL = `
SELECT 'database' AS kind, database_name AS db, '' AS sch, '' AS name, ${sys('concat_ws')}('|', path, type, readonly) AS detail FROM ${sys('duckdb_databases')}()
UNION ALL SELECT 'setting', '', '', name, coalesce(value, '') FROM ${sys('duckdb_settings')}()
UNION ALL SELECT 'session', ${sys('current_database')}(), ${sys('current_schema')}(), '', ${sys('current_setting')}('search_path')`;

/**
 * Tables and views that an unqualified name can reach, in the order DuckDB looks (temp, then the
 * database, then the system views): one named like a later one hides it.
 */
const RELATIONS = `(SELECT database_name AS db, table_name AS name FROM ${sys('duckdb_tables')}() WHERE schema_name = 'main'
    UNION ALL SELECT database_name, view_name FROM ${sys('duckdb_views')}() WHERE schema_name IN ('main', 'pg_catalog'))`;

const CATALOG_SNAPSHOT_SQL = `
SELECT 'schema' AS kind, database_name AS db, schema_name AS sch, '' AS name, '' AS detail FROM ${sys('duckdb_schemas')}()
UNION ALL SELECT 'table', database_name, schema_name, table_name, ${sys('concat_ws')}('|', table_oid, sql) FROM ${sys('duckdb_tables')}()
UNION ALL SELECT 'view', database_name, schema_name, view_name, ${sys('concat_ws')}('|', view_oid, sql) FROM ${sys('duckdb_views')}() WHERE NOT internal
UNION ALL SELECT 'type', database_name, schema_name, type_name, ${sys('concat_ws')}('|', type_oid, logical_type) FROM ${sys('duckdb_types')}() WHERE NOT internal
UNION ALL SELECT 'sequence', database_name, schema_name, sequence_name, sequence_oid::VARCHAR FROM ${sys('duckdb_sequences')}()
UNION ALL SELECT 'index', database_name, schema_name, index_name, ${sys('concat_ws')}('|', index_oid, table_name) FROM ${sys('duckdb_indexes')}()
UNION ALL SELECT DISTINCT 'shadow', '', '', ${sys('concat_ws')}(' ', 'type', ${sys('lower')}(type_name)), '' FROM ${sys('duckdb_types')}()
  WHERE NOT internal AND ${sys('lower')}(type_name) IN (SELECT ${sys('lower')}(type_name) FROM ${sys('duckdb_types')}() WHERE internal)
UNION ALL SELECT DISTINCT 'shadow', '', '', ${sys('concat_ws')}(' ', 'relation', ${sys('lower')}(a.name)), ''
  FROM ${RELATIONS} a JOIN ${RELATIONS} b ON ${sys('lower')}(a.name) = ${sys('lower')}(b.name) AND a.db <> b.db
  WHERE a.db = 'temp' OR b.db = 'system'`;

const FUNCTION_SNAPSHOT_SQL = `
SELECT DISTINCT 'function' AS kind, database_name AS db, schema_name AS sch, function_name AS name,
    ${sys('concat_ws')}('|', function_oid, function_type, macro_definition) AS detail
  FROM ${sys('duckdb_functions')}() WHERE database_name <> 'system'
UNION ALL SELECT DISTINCT 'shadow', '', '', ${sys('concat_ws')}(' ', 'function', ${sys('lower')}(function_name)), '' FROM ${sys('duckdb_functions')}()
  WHERE database_name <> 'system' AND ${sys('lower')}(function_name) IN (SELECT ${sys('lower')}(function_name) FROM ${sys('duckdb_functions')}() WHERE database_name = 'system')`;

interface SnapshotRow {
  kind: string;
  db: string;
  sch: string;
  name: string;
  detail: string;
}

interface SnapshotParts {
  catalog: boolean;
  functions: boolean;
  /** The derived tables whose rows to count. */
  derived: string[];
}

async function snapshot(session: ConsoleSession, parts: SnapshotParts): Promise<Map<string, SnapshotRow>> {
  const queries = [SESSION_SNAPSHOT_SQL, ...(parts.catalog ? [CATALOG_SNAPSHOT_SQL] : []), ...(parts.functions ? [FUNCTION_SNAPSHOT_SQL] : [])];
  const rows: SnapshotRow[] = [];
  for (const sql of queries) {
    for (const r of await session.rows(sql)) rows.push({ kind: String(r.kind), db: String(r.db ?? ''), sch: String(r.sch ?? ''), name: String(r.name ?? ''), detail: String(r.detail ?? '') });
  }
  // An INSERT does not name its target in the plan: the derived tables' row counts tell.
  for (const table of parts.derived) {
    let detail: string;
    try {
      detail = String((await session.rows(`SELECT ${sys('count_star')}()::VARCHAR AS n FROM ${quoteIdent(DERIVED_SCHEMA)}.${quoteIdent(table)}`))[0]?.n);
    } catch {
      detail = 'gone';
    }
    rows.push({ kind: 'rows', db: '', sch: DERIVED_SCHEMA, name: table, detail });
  }
  return new Map(rows.map((r) => [JSON.stringify(r), r]));
}

const PRIORITY: RefusalReason[] = ['database', 'settings', 'schema', 'derived', 'shadow', 'readOnly'];

/** The first thing a statement changed that it must not have, or null. */
function forbiddenChange(before: Map<string, SnapshotRow>, after: Map<string, SnapshotRow>, unlocked: boolean): { reason: RefusalReason; detail: string } | null {
  const found: { reason: RefusalReason; detail: string }[] = [];
  const check = (row: SnapshotRow, added: boolean) => {
    const what = [row.kind, row.db, row.sch, row.name].filter(Boolean).join(' ');
    if (row.kind === 'database' || row.kind === 'session') found.push({ reason: 'database', detail: what });
    else if (row.kind === 'setting') found.push({ reason: 'settings', detail: what });
    else if (row.kind === 'schema') found.push({ reason: 'schema', detail: what });
    else if (row.kind === 'shadow') {
      if (added) found.push({ reason: 'shadow', detail: row.name });
    } else if (row.sch.toLowerCase() === DERIVED_SCHEMA) found.push({ reason: 'derived', detail: what });
    else if (!unlocked && row.db !== 'temp') found.push({ reason: 'readOnly', detail: what });
  };
  for (const [key, row] of after) if (!before.has(key)) check(row, true);
  for (const [key, row] of before) if (!after.has(key)) check(row, false);
  found.sort((a, b) => PRIORITY.indexOf(a.reason) - PRIORITY.indexOf(b.reason));
  return found[0] ?? null;
}

/**
 * After a rollback, what a transaction does not undo: the session's database, schema and
 * search path (lock_configuration does not cover them), and an attached database.
 */
async function restoreSession(session: ConsoleSession, before: Map<string, SnapshotRow>, after: Map<string, SnapshotRow>): Promise<void> {
  const find = (rows: Map<string, SnapshotRow>, kind: string) => [...rows.values()].filter((r) => r.kind === kind);
  const [was] = find(before, 'session');
  const [now] = find(after, 'session');
  if (was && now && JSON.stringify(was) !== JSON.stringify(now)) {
    await session.rows(`USE ${quoteIdent(was.db)}`).catch(() => undefined);
    await session.rows(was.detail ? `SET search_path = ${quoteLiteral(was.detail)}` : 'RESET search_path').catch(() => undefined);
  }
  const attached = find(before, 'database').map((r) => r.db);
  for (const row of find(after, 'database')) if (!attached.includes(row.db)) await session.rows(`DETACH ${quoteIdent(row.db)}`).catch(() => undefined);
}

async function runStatement(session: ConsoleSession, text: string, decision: Decision, unlocked: boolean, statement: number | null): Promise<Table> {
  const writes = unlocked && decision.kind === 'write';
  const derived = writes ? (await session.rows(DERIVED_TABLES_SQL)).map((r) => String(r.name)) : [];
  if (writes && decision.operators.some((op) => TARGET_SCANNING.has(op))) {
    const hit = decision.scans.find((t) => derived.some((d) => d.toLowerCase() === t.toLowerCase()));
    if (hit) throw new ConsoleRefusal('derived', hit, statement);
  }
  // Read only while locked: DuckDB then refuses any change to the database itself (temporary
  // objects aside). Unlocked, a query may still advance a sequence of the user's (nextval).
  await session.rows(unlocked ? 'BEGIN TRANSACTION' : 'BEGIN TRANSACTION READ ONLY');
  let open = true;
  try {
    const parts = { catalog: decision.kind === 'write', functions: decision.operators.includes('CREATE_MACRO'), derived };
    const before = await snapshot(session, parts);
    const table = await session.execute(text);
    const after = await snapshot(session, parts);
    const change = forbiddenChange(before, after, unlocked);
    if (change) {
      await session.rows('ROLLBACK');
      open = false;
      await restoreSession(session, before, after);
      throw new ConsoleRefusal(change.reason, change.detail, statement);
    }
    await session.rows('COMMIT');
    open = false;
    return table;
  } catch (error) {
    if (open) await session.rows('ROLLBACK').catch(() => undefined);
    if (/no transaction is active/i.test(errorText(error))) throw new ConsoleRefusal('transaction', firstLine(error), statement);
    throw engineRefusal(error, statement);
  }
}
