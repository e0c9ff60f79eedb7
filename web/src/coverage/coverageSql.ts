/**
 * Coverage of demand by stations, in DuckDB: a ping is covered when some station (real or
 * hypothetical) lies within the reach radius. Stations are expanded into the 3×3 block of
 * radius-sized grid cells around them and joined to the pings on their cell, then filtered by exact
 * distance, so the work grows with the pings, not pings × stations.
 * Distances use the local projection of density/localProjection.ts (under 1 % error in Guangzhou).
 */
import { filterPredicateSql, type DensityFilter } from '../density/densityFilter';
import { hexCellSql } from '../density/hexGrid';
import { localMetresSql } from '../density/localProjection';
import type { DemandSource } from '../density/densityQueries';

export interface PointLonLat {
  lon: number;
  lat: number;
}

/**
 * Demand rows with a row id: pings, or heat-grid cells (no drivers; hour and weekday may be NULL).
 * `nonMembersOnly` drops pings of drivers already in the union (heat grids carry no membership).
 */
function demandWithRowIdSql(source: DemandSource, filter: DensityFilter, nonMembersOnly: boolean): string {
  return source === 'pings'
    ? `(SELECT rowid AS rid, driver_id, weight, hour, weekday, lon, lat FROM pings WHERE ${filterPredicateSql(filter)}${nonMembersOnly ? ' AND NOT member' : ''})`
    : `(SELECT rowid AS rid, NULL::BIGINT AS driver_id, weight, hour, weekday, lon, lat FROM heat_grid WHERE ${filterPredicateSql(filter, true)})`;
}

/** Grid cell for reached-node discs: at least the largest disc radius (NODE_REACH_MAX_M). */
const NODE_CELL_M = 150;

/** Tables holding a network reach for coveredPingsSql(…, network = true). */
export const NETWORK_TABLES_SQL = [
  'CREATE OR REPLACE TABLE network_reach (lon DOUBLE, lat DOUBLE, r DOUBLE)',
  'CREATE OR REPLACE TABLE network_off_road (lon DOUBLE, lat DOUBLE)',
];

/** Real stations from the `stations` table plus hypothetical ones (what-if). */
function stationPointsSql(extra: PointLonLat[]): string {
  const base = 'SELECT lon::DOUBLE AS lon, lat::DOUBLE AS lat FROM stations';
  if (extra.length === 0) return base;
  const values = extra.map((p) => `(${Number(p.lon)}::DOUBLE, ${Number(p.lat)}::DOUBLE)`).join(', ');
  return `${base} UNION ALL SELECT * FROM (VALUES ${values}) t(lon, lat)`;
}

/**
 * A query with one row per ping in the filter: the ping's columns (with weekday) plus `covered` (BOOLEAN) and
 * hexagon cell q, r (for the gap layer). Used as a subquery by the aggregates below.
 */
export function coveredPingsSql(
  filter: DensityFilter,
  radiusM: number,
  extraStations: PointLonLat[],
  hexSizeM: number,
  network = false,
  source: DemandSource = 'pings',
  nonMembersOnly = false,
): string {
  const { x, y } = localMetresSql();
  const r = `${radiusM}::DOUBLE`;
  // With a road network, stations on it are represented by the discs of the nodes they reach
  // (table network_reach); only stations off the network keep the straight-line circle.
  const circleStations = network ? 'SELECT lon, lat FROM network_off_road' : stationPointsSql(extraStations);
  const nodeHits = network
    ? `UNION
    SELECT d.rid FROM demand d JOIN node_cells n ON floor(d.px / ${NODE_CELL_M}) = n.kx AND floor(d.py / ${NODE_CELL_M}) = n.ky
    WHERE (d.px - n.nx) * (d.px - n.nx) + (d.py - n.ny) * (d.py - n.ny) <= n.r * n.r`
    : '';
  const nodeCells = network
    ? `, node_cells AS (
    SELECT nx, ny, r, floor(nx / ${NODE_CELL_M}) + dx AS kx, floor(ny / ${NODE_CELL_M}) + dy AS ky
    FROM (SELECT ${x} AS nx, ${y} AS ny, r FROM network_reach), range(-1, 2) AS a(dx), range(-1, 2) AS b(dy)
  )`
    : '';
  return `(
  WITH st AS (
    SELECT ${x} AS sx, ${y} AS sy FROM (${circleStations})
  )${nodeCells}, st_cells AS (
    SELECT sx, sy, floor(sx / ${r}) + dx AS kx, floor(sy / ${r}) + dy AS ky
    FROM st, range(-1, 2) AS a(dx), range(-1, 2) AS b(dy)
  ), demand AS (
    SELECT rid, driver_id, weight, hour, weekday, lon, lat, ${x} AS px, ${y} AS py FROM ${demandWithRowIdSql(source, filter, nonMembersOnly)}
  ), hits AS (
    SELECT d.rid FROM demand d JOIN st_cells s ON floor(d.px / ${r}) = s.kx AND floor(d.py / ${r}) = s.ky
    WHERE (d.px - s.sx) * (d.px - s.sx) + (d.py - s.sy) * (d.py - s.sy) <= ${r} * ${r}
    ${nodeHits}
  ), flagged AS (
    SELECT d.rid, d.driver_id, d.weight, d.hour, d.weekday, d.lon, d.lat, h.rid IS NOT NULL AS covered
    FROM demand d LEFT JOIN (SELECT DISTINCT rid FROM hits) h ON d.rid = h.rid
  )
  SELECT * FROM ${hexCellSql('flagged', hexSizeM, ['rid', 'driver_id', 'weight', 'hour', 'weekday', 'lon', 'lat', 'covered'])}
)`;
}

/** Overall coverage: pings, weight and distinct drivers, and how many of each are covered. */
export function coverageTotalsSql(covered: string): string {
  return `SELECT count(*)::INTEGER AS pings, (count(*) FILTER (WHERE covered))::INTEGER AS covered_pings,
    coalesce(sum(weight), 0)::DOUBLE AS weight, coalesce(sum(weight) FILTER (WHERE covered), 0)::DOUBLE AS covered_weight,
    count(DISTINCT driver_id)::INTEGER AS drivers, (count(DISTINCT driver_id) FILTER (WHERE covered))::INTEGER AS covered_drivers
  FROM ${covered} AS c`;
}

export function coverageByHourSql(covered: string): string {
  return `SELECT hour::INTEGER AS hour, count(*)::INTEGER AS pings, (count(*) FILTER (WHERE covered))::INTEGER AS covered_pings
  FROM ${covered} AS c GROUP BY hour ORDER BY hour`;
}

/**
 * Per hexagon: all and covered pings, uncovered drivers, and the hour with most uncovered pings
 * (the best time to be there). Districts are assigned to the cells in TypeScript.
 */
export function coverageCellsSql(covered: string): string {
  return `WITH c AS (SELECT * FROM ${covered}), by_hour AS (
    SELECT q, r, hour, count(*) AS n FROM c WHERE NOT covered GROUP BY ALL
  ), peak AS (
    SELECT q, r, arg_max(hour, n)::INTEGER AS peak_hour FROM by_hour GROUP BY ALL
  )
  SELECT q, r, count(*)::INTEGER AS pings, (count(*) FILTER (WHERE covered))::INTEGER AS covered_pings,
    (count(DISTINCT driver_id) FILTER (WHERE NOT covered))::INTEGER AS uncovered_drivers,
    coalesce(any_value(peak.peak_hour), -1)::INTEGER AS peak_hour
  FROM c LEFT JOIN peak USING (q, r) GROUP BY q, r ORDER BY q, r`;
}

