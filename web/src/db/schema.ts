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

/** Session settings: never reach for the network to fetch an extension. */
export const OFFLINE_SETTINGS_SQL = [
  'SET autoinstall_known_extensions = false',
  'SET autoload_known_extensions = false',
];

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
