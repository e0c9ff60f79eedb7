/**
 * The data model, as SQL. All coordinates are WGS-84 degrees; `ts` is local wall-clock time
 * (UTC+8, no zone: DuckDB-WASM has no ICU, and mainland China has no daylight saving).
 *
 *   pings(driver_id, ts, lon, lat, weight, member, hour, weekday)
 *   heat_grid(lon, lat, weight, hour, weekday)             -- platform-shared aggregates
 *   stations(id, name, kind, lon, lat, address, hours, synthetic)
 *   charging_stations(id, lon, lat, fast_chargers, slow_chargers, parking, opened)
 *
 * `hour` and `weekday` are derived once at load so that every time-filtered aggregate reads two
 * TINYINT columns instead of re-parsing timestamps.
 */

/**
 * Buffers handed to DuckDB (`registerFile`) live under this folder: with external access off it
 * is the only place DuckDB may read, so a registered CSV stays readable and nothing else is.
 */
export const REGISTERED_FILES_DIR = '/atlas-files/';

/** The name to register a buffer under (`base` is a plain file name). */
export function registeredFileName(base: string): string {
  return `${REGISTERED_FILES_DIR}${base}`;
}

/**
 * Query tuning the app relies on, set once at start-up (the configuration is locked after):
 * group keys up to 2^22 wide use DuckDB's perfect hash aggregate (an array indexed by the key)
 * instead of a hash table, so summing the ping cube by dense cell number is ~5× faster in WASM.
 */
export const ENGINE_TUNING_SQL = ['SET perfect_ht_threshold = 22'];

/**
 * Locks the engine so that no statement run later can reach out or loosen it: no extension is
 * installed or loaded, no file or URL is opened except the registered buffers, and no setting
 * can change again (`lock_configuration` refuses every later SET, including these).
 */
export const ENGINE_LOCK_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
  `SET allowed_directories = ['${REGISTERED_FILES_DIR}']`,
  'SET enable_external_access = false',
  'SET lock_configuration = true',
];

/** What every engine runs right after it opens (the browser's AtlasDb, and DuckDB-WASM in Node). */
export const ENGINE_SETTINGS_SQL = [...ENGINE_TUNING_SQL, ...ENGINE_LOCK_SQL];

/** Builds `pings` from a staging table that holds the raw columns, then drops the staging table. */
export function pingsFromStagingSql(staging: string): string[] {
  return [
    `CREATE OR REPLACE TABLE pings AS
     SELECT driver_id::BIGINT AS driver_id, ts::TIMESTAMP AS ts, lon::DOUBLE AS lon, lat::DOUBLE AS lat,
            coalesce(weight, 1)::FLOAT AS weight, coalesce(member, false)::BOOLEAN AS member,
            hour(ts)::TINYINT AS hour, isodow(ts)::TINYINT AS weekday
     FROM ${staging}`,
    `DROP TABLE IF EXISTS ${staging}`,
  ];
}

export function stationsFromCsvSql(fileName: string): string {
  return `CREATE OR REPLACE TABLE stations AS
    SELECT id::VARCHAR AS id, name::VARCHAR AS name, kind::VARCHAR AS kind, lon::DOUBLE AS lon, lat::DOUBLE AS lat,
           address::VARCHAR AS address, hours::VARCHAR AS hours, synthetic::BOOLEAN AS synthetic
    FROM read_csv('${fileName}', header = true, auto_detect = true)`;
}

/** The EV charging stations file carries GCJ-02, WGS-84 and BD-09 columns; we keep WGS-84. */
export function chargingStationsFromCsvSql(fileName: string): string {
  return `CREATE OR REPLACE TABLE charging_stations AS
    SELECT station_id::VARCHAR AS id, WGS84_station_lg::DOUBLE AS lon, WGS84_station_lt::DOUBLE AS lat,
           station_fast_cnt::INTEGER AS fast_chargers, station_slow_cnt::INTEGER AS slow_chargers,
           park_num::INTEGER AS parking, create_time::VARCHAR AS opened
    FROM read_csv('${fileName}', header = true, auto_detect = true)`;
}

export const TABLE_COUNTS_SQL = `SELECT table_name::VARCHAR AS name, estimated_size::BIGINT::DOUBLE AS rows
  FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name`;
