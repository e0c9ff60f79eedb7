/**
 * Hostile SQL for the console (issue 22): each entry is typed into the console locked and
 * unlocked. `refused`: the console must refuse it (a ConsoleRefusal) in that mode; `harmless`: it
 * may run or fail, but must change nothing the test watches; `allowed` (unlocked only): a write
 * to the user's own tables the unlock is for, which may change the base tables but nothing else.
 * Whatever the outcome, settings, databases, schemas, the atlas_derived schema and what names
 * resolve to must stay as they were; locked, the base tables and the catalogue too.
 */
export type Outcome = 'refused' | 'harmless' | 'allowed';

export interface HostileEntry {
  sql: string;
  locked: Outcome;
  unlocked: Outcome;
  /** What the entry tries. */
  why: string;
}

const both = (outcome: Outcome) => ({ locked: outcome, unlocked: outcome });
/** A write to a base table: refused while locked, what the unlock allows. */
const baseWrite = { locked: 'refused', unlocked: 'allowed' } as const;

const entry = (why: string, sql: string, outcome: { locked: Outcome; unlocked: Outcome }): HostileEntry => ({ why, sql, ...outcome });

export const HOSTILE_CORPUS: HostileEntry[] = [
  // Quoting and comment tricks that hide a second statement from a tokenizer that misreads them.
  entry('E-string with an escaped quote', "SELECT E'\\''; DROP TABLE pings; --'", baseWrite),
  entry('dollar quote holding a quote', "SELECT $$'$$; DROP TABLE pings; --'", baseWrite),
  entry('tagged dollar quote', "SELECT $t$'$t$; DELETE FROM stations; --'", baseWrite),
  entry('nested tagged dollar quotes', "SELECT $a$ $b$ $a$; DROP TABLE venues; -- $b$", baseWrite),
  entry('E-string hex escape of a quote', "SELECT e'\\x27'; DROP TABLE heat_grid; --'", baseWrite),
  entry('backslash in a standard string', "SELECT '\\'; DROP TABLE pings; --'", baseWrite),
  entry('doubled quote inside a string', "SELECT 'a''; DROP TABLE pings; --'", both('harmless')),
  entry('-- comment ended by a lone CR, then ;', 'SELECT 1 -- hidden\r; DROP TABLE pings', baseWrite),
  entry('-- comment ended by a lone CR, no ;', 'SELECT 1 -- hidden\r DROP TABLE pings', both('harmless')),
  entry('-- comment ended by CR LF', 'SELECT 1 -- hidden\r\n; DELETE FROM stations', baseWrite),
  entry('nested block comment holding ;', 'SELECT 1 /* a /* nested */ ; */ ; DROP TABLE pings', baseWrite),
  entry('unterminated block comment', 'SELECT 1 /* ; DROP TABLE pings', both('harmless')),
  entry('block comment before a write', '/* ; */ DROP TABLE charging_stations', baseWrite),
  entry('line comment before a write', '--\nDROP TABLE pings', baseWrite),
  entry('empty statements around a write', 'SELECT 1;;; DROP TABLE pings;;', baseWrite),
  entry('quoted identifier holding ;', 'SELECT "x"";DROP TABLE pings;--" FROM (SELECT 1 AS "x"";DROP TABLE pings;--")', both('harmless')),
  entry('a string that reads like a write', "SELECT 'drop table pings' AS joke", both('harmless')),
  entry('a comment hiding the rest of the line', "SELECT 'x' -- '; DROP TABLE pings", both('harmless')),
  entry('unicode escape string', "SELECT U&'\\0041'; DROP TABLE pings", both('harmless')),
  entry('unicode escape identifier', 'SELECT U&"\\0070ings" FROM pings', both('harmless')),
  entry('unicode escape with UESCAPE', "SELECT U&'!0041' UESCAPE '!'; DROP TABLE pings", both('harmless')),
  entry('full-width semicolon is not a separator', 'SELECT 1；DROP TABLE pings', both('harmless')),
  entry('Chinese text before a hidden write', "SELECT '司机之家' AS 名; DELETE FROM stations", baseWrite),

  // Catalog- and schema-qualified names, and case.
  entry('catalog.schema.table', 'DELETE FROM memory.main.pings', baseWrite),
  entry('catalog.schema.table, quoted', 'INSERT INTO "memory"."main"."venues" SELECT * FROM venues', baseWrite),
  entry('catalog.table', 'TRUNCATE memory.pings', baseWrite),
  entry('schema.table', 'UPDATE main.heat_grid SET weight = 0', baseWrite),
  entry('upper-case quoted name (names are case-insensitive)', 'DROP TABLE "PINGS"', baseWrite),
  entry('mixed case name', 'DELETE FROM PiNgS', baseWrite),
  entry('rename a base table', 'ALTER TABLE memory.main.pings RENAME TO p2', baseWrite),
  entry('replace a base table', 'CREATE OR REPLACE TABLE memory.main.charging_stations AS SELECT 1 AS x', baseWrite),
  entry('add a column to a base table', 'ALTER TABLE stations ADD COLUMN evil INT', baseWrite),
  entry('comment on a base table', "COMMENT ON TABLE pings IS 'x'", both('refused')),
  entry('comment on a column', "COMMENT ON COLUMN pings.lon IS 'x'", both('refused')),

  // The atlas_derived schema: the app's; never written from the console.
  entry('drop the derived schema', 'DROP SCHEMA atlas_derived CASCADE', both('refused')),
  entry('drop a derived table', 'DROP TABLE atlas_derived.ping_cube', both('refused')),
  entry('delete derived rows', 'DELETE FROM atlas_derived.ping_cube', both('refused')),
  entry('update derived rows', 'UPDATE atlas_derived.heat_cells SET lon = 0', both('refused')),
  entry('insert derived rows', 'INSERT INTO atlas_derived.ping_cube SELECT * FROM atlas_derived.ping_cube', both('refused')),
  entry('insert derived rows, catalog-qualified', 'INSERT INTO memory.atlas_derived.heat_cells SELECT * FROM memory.atlas_derived.heat_cells LIMIT 1', both('refused')),
  entry('create a table in the derived schema', 'CREATE TABLE atlas_derived.evil AS SELECT 1 AS x', both('refused')),
  entry('create a view in the derived schema', 'CREATE VIEW atlas_derived.v AS SELECT 1 AS x', both('refused')),
  entry('create a macro in the derived schema', 'CREATE MACRO atlas_derived.m() AS 1', both('refused')),
  entry('rename a derived table', 'ALTER TABLE atlas_derived.driver_slots RENAME TO d', both('refused')),
  entry('truncate a derived table', 'TRUNCATE atlas_derived.driver_slots', both('refused')),
  entry('merge into a derived table', 'MERGE INTO atlas_derived.ping_cube c USING (SELECT 0 AS cell) s ON c.cell = s.cell WHEN MATCHED THEN DELETE', both('refused')),
  entry('replace a derived table', 'CREATE OR REPLACE TABLE atlas_derived.heat_cells AS SELECT * FROM atlas_derived.heat_cells', both('refused')),
  entry('drop a derived table after a read', 'SELECT 1; DROP TABLE IF EXISTS atlas_derived.ping_cube', both('refused')),
  entry('comment on a derived table', "COMMENT ON TABLE atlas_derived.ping_cube IS 'x'", both('refused')),

  // Schemas, search_path, and objects that hide others.
  entry('create a schema', 'CREATE SCHEMA s', both('refused')),
  entry('a schema that shadows pings via search_path', "CREATE SCHEMA s; CREATE TABLE s.pings AS SELECT 1 AS x; SET search_path = 's,main'", both('refused')),
  entry('search_path to the derived schema', "SET search_path = 'atlas_derived,main'", both('refused')),
  entry('SET schema', "SET schema = 'atlas_derived'", both('refused')),
  entry('drop the main schema', 'DROP SCHEMA main CASCADE', { locked: 'refused', unlocked: 'harmless' }),
  entry('drop a system schema', 'DROP SCHEMA IF EXISTS pg_catalog', { locked: 'refused', unlocked: 'harmless' }),
  entry('a schema in temp', 'CREATE SCHEMA temp.s', both('refused')),
  entry('a temp view named pings', 'CREATE TEMP VIEW pings AS SELECT 42 AS driver_id', both('refused')),
  entry('a temp table named stations', 'CREATE TEMP TABLE stations AS SELECT * FROM stations WHERE false', both('refused')),
  entry('a temp view named like heat_grid, other case', 'CREATE TEMPORARY VIEW "Heat_Grid" AS SELECT 1 AS x', both('refused')),
  entry('a temp table named venues, qualified', 'CREATE TEMP TABLE temp.main.venues AS SELECT 1 AS x', both('refused')),
  entry('a temp view named like a system view', 'CREATE TEMP VIEW duckdb_tables AS SELECT 1 AS x', both('refused')),
  entry('a view of the database named like a system view', 'CREATE VIEW duckdb_tables AS SELECT 1 AS x', both('refused')),
  entry('a table named like a pg_catalog view', 'CREATE TABLE pg_tables AS SELECT 1 AS x', both('refused')),
  entry('a temp view named like a derived table (the app names those in full)', 'CREATE TEMP VIEW ping_cube AS SELECT 1 AS x', both('harmless')),
  entry('a temp macro hiding upper()', "CREATE TEMP MACRO upper(x) AS 'pwned'", both('refused')),
  entry('a macro hiding hour()', 'CREATE MACRO hour(ts) AS 0', both('refused')),
  entry('a table macro hiding duckdb_tables()', 'CREATE MACRO duckdb_tables() AS TABLE SELECT 1 AS x', both('refused')),
  entry('a temp macro replacing lower()', 'CREATE OR REPLACE TEMP MACRO lower(s) AS s', both('refused')),
  entry('a macro hiding count_star()', 'CREATE TEMP MACRO count_star() AS 0', both('refused')),
  entry('a type named DOUBLE', 'CREATE TYPE DOUBLE AS VARCHAR', both('harmless')),
  entry('a type named like a built-in alias', 'CREATE TYPE "float8" AS VARCHAR', both('harmless')),
  entry('a view over a base table in main', 'CREATE VIEW pings_v AS SELECT * FROM pings', baseWrite),
  entry('replace a base table with a view', 'CREATE OR REPLACE VIEW pings AS SELECT 1 AS x', both('harmless')),

  // Databases.
  entry('attach and switch', "ATTACH ':memory:' AS x; USE x", both('refused')),
  entry('attach in memory', "ATTACH ':memory:' AS x", both('refused')),
  entry('attach a URL', "ATTACH 'https://example.com/db.duckdb' AS remote", both('refused')),
  entry('attach a registered path', "ATTACH '/atlas-files/x.db' AS x", both('refused')),
  entry('attach read-only', "ATTACH 'x.db' (READ_ONLY)", both('refused')),
  entry('detach the database', 'DETACH memory', both('refused')),
  entry('detach temp', 'DETACH DATABASE IF EXISTS temp', both('refused')),
  entry('use the derived schema', 'USE atlas_derived', both('refused')),
  entry('use catalog.schema', 'USE memory.atlas_derived', both('refused')),

  // Settings, in every spelling.
  entry('memory limit', "SET memory_limit = '1MB'", both('refused')),
  entry('memory limit, PRAGMA', "PRAGMA memory_limit = '1MB'", both('refused')),
  entry('threads, GLOBAL', 'SET GLOBAL threads = 1', both('refused')),
  entry('threads, PRAGMA', 'PRAGMA threads = 1', both('refused')),
  entry('profiling, SESSION', "SET SESSION enable_profiling = 'json'", both('refused')),
  entry('profiling, PRAGMA', 'PRAGMA enable_profiling', both('refused')),
  entry('autoload extensions', 'SET autoload_known_extensions = true', both('refused')),
  entry('autoinstall extensions', 'SET autoinstall_known_extensions = true', both('refused')),
  entry('external access', 'SET enable_external_access = true', both('refused')),
  entry('allowed directories', "SET allowed_directories = ['/']", both('refused')),
  entry('unlock the configuration', 'SET lock_configuration = false', both('refused')),
  entry('reset the lock', 'RESET lock_configuration', both('refused')),
  entry('reset a setting', 'RESET memory_limit', both('refused')),
  entry('the cube tuning', 'SET perfect_ht_threshold = 1', both('refused')),
  entry('time zone', "SET TimeZone = 'UTC'", both('refused')),
  entry('explain output', "SET explain_output = 'all'", both('refused')),
  entry('a session variable', 'SET VARIABLE x = 42', both('refused')),
  entry('reset a session variable', 'RESET VARIABLE x', both('refused')),
  entry('a pragma that reads', "PRAGMA table_info('pings')", both('refused')),
  entry('disable the optimizer', 'PRAGMA disable_optimizer', both('refused')),
  entry('checkpoint on shutdown', 'PRAGMA enable_checkpoint_on_shutdown', both('refused')),
  entry('setting after a read', "SELECT 1; SET memory_limit = '1MB'", both('refused')),
  entry('enable logging', 'CALL enable_logging()', both('refused')),
  entry('enable logging as a table', 'SELECT * FROM enable_logging()', both('refused')),
  entry('disable logging', 'CALL disable_logging()', both('refused')),
  entry('truncate the logs', 'CALL truncate_duckdb_logs()', both('refused')),

  // Extensions.
  entry('install httpfs', 'INSTALL httpfs', both('refused')),
  entry('load httpfs', 'LOAD httpfs', both('refused')),
  entry('force install', 'FORCE INSTALL httpfs', both('refused')),
  entry('install from a repository', "INSTALL httpfs FROM 'https://example.com'", both('refused')),
  entry('load a file', "LOAD '/atlas-files/evil.duckdb_extension'", both('refused')),
  entry('update extensions', 'UPDATE EXTENSIONS', both('refused')),
  entry('a function of an extension not loaded', "SELECT * FROM read_parquet('s3://bucket/x.parquet')", both('harmless')),
  entry('json of an extension not loaded', "SELECT * FROM read_json('https://example.com/x.json')", both('harmless')),

  // Files and URLs.
  entry('read_csv of a URL', "SELECT * FROM read_csv('https://example.com/x.csv')", both('refused')),
  entry('read_csv_auto of a URL', "SELECT * FROM read_csv_auto('http://example.com/x.csv')", both('refused')),
  entry('a URL as a table', "SELECT * FROM 'https://example.com/x.csv'", both('refused')),
  entry('read_text of a URL', "SELECT * FROM read_text('https://example.com/')", both('refused')),
  entry('read_blob of a local path', "SELECT * FROM read_blob('/etc/passwd')", both('refused')),
  entry('read_csv of a registered path', "SELECT * FROM read_csv('/atlas-files/stations.csv')", both('refused')),
  entry('glob everything', "SELECT * FROM glob('*')", both('refused')),
  entry('glob the registered files', "SELECT * FROM glob('/atlas-files/*')", both('refused')),
  entry('sniff a URL', "SELECT * FROM sniff_csv('https://example.com/x.csv')", both('refused')),
  entry('a URL read inside a subquery', "SELECT count(*) FROM pings WHERE lon IN (SELECT column0 FROM read_csv('https://example.com/x.csv'))", both('refused')),
  entry('a URL read inside query()', "SELECT * FROM query('SELECT * FROM read_csv(''https://example.com/x.csv'')')", both('refused')),
  entry('a table from a URL', "CREATE TABLE t AS SELECT * FROM read_csv('https://example.com/x.csv')", both('refused')),
  entry('copy to a URL', "COPY pings TO 'https://example.com/up.csv'", both('refused')),
  entry('copy to a registered path', "COPY (SELECT * FROM stations) TO '/atlas-files/out.csv'", both('refused')),
  entry('copy from a URL', "COPY stations FROM 'https://example.com/x.csv'", both('refused')),
  entry('copy a database', 'COPY FROM DATABASE memory TO temp', both('refused')),
  entry('export the database', "EXPORT DATABASE '/atlas-files/dump'", both('refused')),
  entry('import a database', "IMPORT DATABASE 'https://example.com/dump'", both('refused')),
  entry('a view that reads a file, then used', "CREATE TEMP VIEW v AS SELECT * FROM read_text('/atlas-files/a'); SELECT * FROM v", both('refused')),
  entry('a macro that reads a file, then used', "CREATE TEMP MACRO m() AS TABLE SELECT * FROM read_text('/atlas-files/a'); SELECT * FROM m()", both('refused')),
  entry('a computed URL', "SELECT * FROM read_csv((SELECT 'https://example.com/x.csv'))", both('harmless')),
  entry('the environment', "SELECT getenv('HOME')", both('harmless')),

  // Transactions.
  entry('begin and leave open', 'BEGIN TRANSACTION', both('refused')),
  entry('begin, write, commit', 'BEGIN; DELETE FROM pings; COMMIT', both('refused')),
  entry('start a read-write transaction', 'START TRANSACTION READ WRITE', both('refused')),
  entry('commit', 'COMMIT', both('refused')),
  entry('rollback', 'ROLLBACK', both('refused')),
  entry('abort', 'ABORT', both('refused')),
  entry('end', 'END', both('refused')),
  entry('commit the console transaction, then write', 'SELECT 1; COMMIT; DROP TABLE pings', both('refused')),

  // Prepared statements.
  entry('prepare a delete', 'PREPARE p AS DELETE FROM pings', both('refused')),
  entry('prepare and execute', 'PREPARE p AS SELECT 1; EXECUTE p', both('refused')),
  entry('execute', 'EXECUTE p', both('harmless')),
  entry('deallocate', 'DEALLOCATE p', both('harmless')),

  // Maintenance.
  entry('checkpoint', 'CHECKPOINT', both('refused')),
  entry('force checkpoint', 'FORCE CHECKPOINT', both('refused')),
  entry('checkpoint by CALL', 'CALL checkpoint()', both('refused')),
  entry('checkpoint as a table', 'SELECT * FROM force_checkpoint()', both('refused')),
  entry('a temp macro over checkpoint(), then used', 'CREATE TEMP MACRO ck() AS TABLE SELECT * FROM checkpoint(); SELECT * FROM ck()', both('refused')),
  entry('vacuum', 'VACUUM', both('refused')),
  entry('vacuum analyze', 'VACUUM ANALYZE pings', both('refused')),
  entry('analyze', 'ANALYZE', both('refused')),
  entry('analyse, the other spelling', 'ANALYSE', both('refused')),
  entry('raw Arrow memory (no SQL value is a pointer)', 'SELECT * FROM arrow_scan(0, 0, 0)', both('harmless')),
  entry('a secret', "CREATE SECRET (TYPE s3, KEY_ID 'x', SECRET 'y')", both('harmless')),

  // Writes hidden in CTEs, RETURNING, EXPLAIN and macros.
  entry('a CTE that deletes', 'WITH d AS (DELETE FROM pings RETURNING *) SELECT count(*) FROM d', both('harmless')),
  entry('WITH before a delete', 'WITH x AS (SELECT 1) DELETE FROM pings', baseWrite),
  entry('WITH before an insert of no rows', 'WITH x AS (SELECT 1) INSERT INTO stations SELECT * FROM stations LIMIT 0', baseWrite),
  entry('insert returning', 'INSERT INTO pings SELECT * FROM pings RETURNING driver_id', baseWrite),
  entry('update returning', "UPDATE stations SET name = 'x' RETURNING *", baseWrite),
  entry('delete returning', 'DELETE FROM heat_grid RETURNING *', baseWrite),
  entry('insert or replace', 'INSERT OR REPLACE INTO stations SELECT * FROM stations', both('harmless')),
  entry('EXPLAIN ANALYZE runs the delete', 'EXPLAIN ANALYZE DELETE FROM pings', baseWrite),
  entry('EXPLAIN (ANALYZE) runs the drop', 'EXPLAIN (ANALYZE) DROP TABLE pings', baseWrite),
  entry('EXPLAIN of a drop', 'EXPLAIN DROP TABLE pings', both('harmless')),
  entry('EXPLAIN of a setting', "EXPLAIN SET memory_limit = '1MB'", both('refused')),
  entry('EXPLAIN of EXPLAIN ANALYZE', 'EXPLAIN EXPLAIN ANALYZE DELETE FROM pings', both('harmless')),
  entry('a macro over a write', 'CREATE TEMP MACRO m() AS TABLE DELETE FROM pings', both('harmless')),
  entry('a sequence, then nextval', "CREATE SEQUENCE seq; SELECT nextval('seq')", baseWrite),
  entry('an index on a base table', 'CREATE INDEX i ON pings(driver_id)', baseWrite),
  entry('insert default values', 'INSERT INTO pings DEFAULT VALUES', baseWrite),
  entry('a read, then a write', 'SELECT count(*) FROM pings; DROP TABLE pings', baseWrite),
  entry('dynamic PIVOT (several statements inside)', 'PIVOT pings ON hour', both('refused')),

  // Reads that must keep working (and change nothing).
  entry('a plain query', 'SELECT hour, count(*) FROM pings GROUP BY hour', both('harmless')),
  entry('a query reading the derived schema', 'SELECT count(*) FROM atlas_derived.ping_cube', both('harmless')),
  entry('a temp copy while locked', 'CREATE TEMP TABLE my_pings AS SELECT * FROM pings WHERE hour = 8', both('harmless')),
  entry('a temp view and its drop', 'CREATE TEMP VIEW busy AS SELECT * FROM stations; DROP VIEW busy', both('harmless')),
  entry('settings read', 'SELECT * FROM duckdb_settings()', both('harmless')),
  entry('a CALL that reads', 'CALL pragma_version()', both('harmless')),
  entry('query_table', "SELECT * FROM query_table('pings')", both('harmless')),
  entry('summarize', 'SUMMARIZE pings', both('harmless')),
  entry('describe', 'DESCRIBE stations', both('harmless')),
  entry('show tables', 'SHOW TABLES', both('harmless')),
  entry('the log tables', 'SELECT * FROM duckdb_logs', both('harmless')),
  entry('which secret', "SELECT * FROM which_secret('s3://x', 's3')", both('harmless')),
  entry('setseed', 'SELECT setseed(0.5)', both('harmless')),
  entry('EXPLAIN of a query', 'EXPLAIN SELECT count(*) FROM pings', both('harmless')),
  entry('PIVOT with its IN list', 'PIVOT pings ON hour IN (8, 9) USING count(*)', both('harmless')),
];
