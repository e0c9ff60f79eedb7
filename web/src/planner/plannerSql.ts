/**
 * The planner's SQL. The demand in the chosen hours, weekdays and membership, optionally only what
 * no station reaches, is materialised once per plan as `plan_demand` (hexagon q, r per ping), so
 * the demand cells, and the per-site figures after the solve, read one table. A site reaches the
 * cells its cover set lists (table `plan_cover`), exactly as the solver saw it.
 */
import { coveredPingsSql } from '../coverage/coverageSql';
import type { PlanSettings } from './planSettings';

export function planDemandTableSql(settings: PlanSettings, radiusM: number): string {
  const covered = coveredPingsSql(settings.filter, radiusM, [], settings.cellSizeM, false, settings.source, settings.nonMembersOnly && settings.source === 'pings');
  return `CREATE OR REPLACE TEMP TABLE plan_demand AS
    SELECT q, r, driver_id, weight::DOUBLE AS weight, hour, weekday FROM ${covered} AS c
    ${settings.uncoveredOnly ? 'WHERE NOT covered' : ''}`;
}

/** One row per demand cell: distinct drivers, pings and weight. Ordered, so indices are stable. */
export const PLAN_DEMAND_CELLS_SQL = `SELECT q, r, count(DISTINCT driver_id)::DOUBLE AS drivers, count(*)::DOUBLE AS pings, sum(weight)::DOUBLE AS weight
  FROM plan_demand GROUP BY q, r ORDER BY q, r`;

/**
 * Each (demand cell, driver) presence once. `cell` is the row index in PLAN_DEMAND_CELLS_SQL's
 * order; `unit` numbers the drivers densely in id order (ids are 64-bit hashes: not for doubles).
 */
export const PLAN_CELL_DRIVERS_SQL = `WITH cells AS (SELECT q, r, (row_number() OVER (ORDER BY q, r) - 1)::INTEGER AS cell FROM (SELECT DISTINCT q, r FROM plan_demand)),
  drivers AS (SELECT driver_id, (row_number() OVER (ORDER BY driver_id) - 1)::INTEGER AS unit FROM (SELECT DISTINCT driver_id FROM plan_demand WHERE driver_id IS NOT NULL))
  SELECT DISTINCT c.cell, u.unit FROM plan_demand d JOIN cells c USING (q, r) JOIN drivers u USING (driver_id) ORDER BY c.cell, u.unit`;

/** Candidate venues: imported ones (table `venues`) and the shipped EV charging stations. */
export function venueCandidatesSql(tables: readonly string[]): string {
  const parts: string[] = [];
  if (tables.includes('venues')) parts.push(`SELECT 'venue:' || id::VARCHAR AS id, coalesce(name::VARCHAR, id::VARCHAR) AS name, 'venue' AS kind, lon::DOUBLE AS lon, lat::DOUBLE AS lat FROM venues`);
  if (tables.includes('charging_stations')) parts.push(`SELECT 'ev:' || id AS id, '充电站 ' || id AS name, 'charging' AS kind, lon, lat FROM charging_stations`);
  return parts.length ? `SELECT * FROM (${parts.join(' UNION ALL ')}) ORDER BY id` : '';
}

export function planCoverTableSql(rows: readonly { rank: number; q: number; r: number }[]): string[] {
  const statements = ['CREATE OR REPLACE TEMP TABLE plan_cover (rank INTEGER, q INTEGER, r INTEGER)'];
  for (let i = 0; i < rows.length; i += 5000) {
    const chunk = rows.slice(i, i + 5000);
    statements.push(`INSERT INTO plan_cover VALUES ${chunk.map((c) => `(${c.rank}, ${c.q}, ${c.r})`).join(', ')}`);
  }
  return statements;
}

/**
 * Per site: distinct drivers, pings and weight its reach catches, and what it adds to the sites
 * ranked above it (a driver counts for the best-ranked site that reaches them).
 */
export const PLAN_SITE_STATS_SQL = `WITH pairs AS (
    SELECT c.rank, d.driver_id, d.weight, d.q, d.r FROM plan_demand d JOIN plan_cover c USING (q, r)
  ), first_driver AS (
    SELECT driver_id, min(rank) AS rank FROM pairs WHERE driver_id IS NOT NULL GROUP BY driver_id
  ), first_cell AS (
    SELECT q, r, min(rank) AS rank FROM plan_cover GROUP BY q, r
  ), new_rows AS (
    SELECT f.rank, count(*)::DOUBLE AS new_pings, sum(d.weight)::DOUBLE AS new_weight FROM plan_demand d JOIN first_cell f USING (q, r) GROUP BY f.rank
  ), new_drivers AS (
    SELECT rank, count(*)::DOUBLE AS new_drivers FROM first_driver GROUP BY rank
  ), reached AS (
    SELECT rank, count(DISTINCT driver_id)::DOUBLE AS drivers, count(*)::DOUBLE AS pings, sum(weight)::DOUBLE AS weight FROM pairs GROUP BY rank
  )
  SELECT reached.rank, drivers, pings, weight, coalesce(new_drivers, 0)::DOUBLE AS new_drivers, coalesce(new_pings, 0)::DOUBLE AS new_pings, coalesce(new_weight, 0)::DOUBLE AS new_weight
  FROM reached LEFT JOIN new_rows USING (rank) LEFT JOIN new_drivers USING (rank) ORDER BY rank`;

/** Distinct drivers reached by all sites together, and the demand total, for the plan's headline. */
export const PLAN_TOTALS_SQL = `SELECT count(DISTINCT driver_id)::DOUBLE AS drivers, count(*)::DOUBLE AS pings, coalesce(sum(weight), 0)::DOUBLE AS weight
  FROM plan_demand`;

export const PLAN_REACHED_DRIVERS_SQL = `SELECT count(DISTINCT d.driver_id)::DOUBLE AS drivers
  FROM plan_demand d SEMI JOIN plan_cover c ON d.q = c.q AND d.r = c.r`;

/** Per site, weekday and hour: the measure among the demand its reach catches (for "when"). */
export function planProfileSql(measure: PlanSettings['measure']): string {
  const value = measure === 'drivers' ? 'count(DISTINCT d.driver_id)' : measure === 'pings' ? 'count(*)' : 'sum(d.weight)';
  return `SELECT c.rank, d.weekday::INTEGER AS weekday, d.hour::INTEGER AS hour, ${value}::DOUBLE AS value
  FROM plan_demand d JOIN plan_cover c USING (q, r) WHERE d.weekday IS NOT NULL AND d.hour IS NOT NULL GROUP BY ALL ORDER BY ALL`;
}

export const DROP_PLAN_TABLES_SQL = ['DROP TABLE IF EXISTS plan_demand', 'DROP TABLE IF EXISTS plan_cover'];
