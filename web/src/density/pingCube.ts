/**
 * The pings rolled up once per change of the table, so that scrubbing the hour slider reads
 * millions of cube rows instead of tens of millions of pings: heat cell × hour × weekday →
 * pings and weight (the same cube `npm run build:cube` writes for data past one machine), and the
 * distinct drivers of every hour × weekday slot for the "drivers in the filter" total. The cell
 * size is fixed per cube; the heat layer's is the only one that reads it.
 *
 * The tables live in their own schema, so project files, autosave and the schema browser (all of
 * which list `main`) never see them. They are rebuilt when the pings table is replaced (a new
 * table oid) or appended to (a new row count); nothing else writes to `pings`.
 */
import type { Table } from 'apache-arrow';
import { column } from '../db/arrowColumns';
import { filterPredicateSql, type DensityFilter } from './densityFilter';

export const CUBE_SCHEMA = 'atlas_derived';
export const PING_CUBE = `${CUBE_SCHEMA}.ping_cube`;
export const HEAT_CELLS = `${CUBE_SCHEMA}.heat_cells`;
export const DRIVER_SLOTS = `${CUBE_SCHEMA}.driver_slots`;

interface Db {
  query(sql: string): Promise<Table>;
  run(statements: string[]): Promise<void>;
  /** The app's queued owner also tells how long statements ran, leaving out their wait in the queue. */
  runTimed?(statements: string[]): Promise<number>;
}

/**
 * Changes whenever the pings are replaced (a new oid) or appended to (more rows; nothing deletes
 * pings); no row when there is no pings table. One metadata read, so every redraw can afford it.
 */
export const PINGS_FINGERPRINT_SQL = `SELECT table_oid::VARCHAR || ':' || estimated_size::VARCHAR AS fingerprint
  FROM duckdb_tables() WHERE schema_name = 'main' AND table_name = 'pings'`;

/**
 * Cells are the heat layer's (`cellDeg`), numbered densely 0…n−1 in `heat_cells` with their
 * centres; the cube refers to them by number, the key the perfect hash aggregate wants (its
 * threshold is set when the engine starts: ENGINE_TUNING_SQL in db/schema.ts).
 */
export function buildPingCubeSql(cellDeg: number): string[] {
  const scratch = `${CUBE_SCHEMA}.cube_by_xy`;
  const slotsById = `${CUBE_SCHEMA}.slots_by_id`;
  const driverNumbers = `${CUBE_SCHEMA}.driver_numbers`;
  return [
    `CREATE SCHEMA IF NOT EXISTS ${CUBE_SCHEMA}`,
    `CREATE OR REPLACE TABLE ${scratch} AS
      SELECT floor(lon / ${cellDeg})::INTEGER AS cx, floor(lat / ${cellDeg})::INTEGER AS cy, hour, weekday,
        count(*)::INTEGER AS pings, sum(weight)::DOUBLE AS weight
      FROM pings GROUP BY ALL`,
    `CREATE OR REPLACE TABLE ${HEAT_CELLS} AS
      SELECT (row_number() OVER (ORDER BY cx, cy) - 1)::INTEGER AS cell, cx, cy,
        ((cx + 0.5) * ${cellDeg})::DOUBLE AS lon, ((cy + 0.5) * ${cellDeg})::DOUBLE AS lat
      FROM (SELECT DISTINCT cx, cy FROM ${scratch})`,
    // Ordered by slot so that an hour window reads a contiguous run of row groups.
    `CREATE OR REPLACE TABLE ${PING_CUBE} AS
      SELECT c.cell, s.hour, s.weekday, s.pings, s.weight FROM ${scratch} s JOIN ${HEAT_CELLS} c USING (cx, cy)
      ORDER BY s.hour, s.weekday`,
    `DROP TABLE ${scratch}`,
    // Drivers numbered densely too, so "drivers in the filter" is a perfect-hash GROUP BY.
    `CREATE OR REPLACE TABLE ${slotsById} AS SELECT DISTINCT hour, weekday, driver_id FROM pings WHERE driver_id IS NOT NULL`,
    `CREATE OR REPLACE TABLE ${driverNumbers} AS
      SELECT (row_number() OVER () - 1)::INTEGER AS driver, driver_id FROM (SELECT DISTINCT driver_id FROM ${slotsById})`,
    `CREATE OR REPLACE TABLE ${DRIVER_SLOTS} AS
      SELECT s.hour, s.weekday, n.driver FROM ${slotsById} s JOIN ${driverNumbers} n USING (driver_id) ORDER BY s.hour, s.weekday`,
    `DROP TABLE ${slotsById}`,
    `DROP TABLE ${driverNumbers}`,
  ];
}

export const DROP_PING_CUBE_SQL = [`DROP SCHEMA IF EXISTS ${CUBE_SCHEMA} CASCADE`];

/**
 * Summed weight per heat cell number within the filter. The centres of the cells are fetched once
 * per build (`PingCube.centres`) and looked up in TypeScript: cheaper than a join per redraw.
 */
export function heatCellsFromCubeSql(filter: DensityFilter): string {
  return `SELECT cell, sum(weight)::DOUBLE AS weight FROM ${PING_CUBE} WHERE ${filterPredicateSql(filter)} GROUP BY cell`;
}

export const CELL_CENTRES_SQL = `SELECT lon, lat FROM ${HEAT_CELLS} ORDER BY cell`;

/** Cell centres indexed by cell number. */
export interface CellCentres {
  lon: Float64Array;
  lat: Float64Array;
}

/** The centres of the given cells, in their order. */
export function centresOf(cells: Int32Array, centres: CellCentres): CellCentres {
  const lon = new Float64Array(cells.length);
  const lat = new Float64Array(cells.length);
  for (let i = 0; i < cells.length; i++) {
    lon[i] = centres.lon[cells[i]];
    lat[i] = centres.lat[cells[i]];
  }
  return { lon, lat };
}

/** Pings and distinct drivers within the filter. */
export function totalsFromCubeSql(filter: DensityFilter): string {
  const where = filterPredicateSql(filter);
  return `SELECT coalesce((SELECT sum(pings) FROM ${PING_CUBE} WHERE ${where}), 0)::INTEGER AS pings,
    (SELECT count(*) FROM (SELECT driver FROM ${DRIVER_SLOTS} WHERE ${where} GROUP BY driver))::INTEGER AS drivers`;
}

/** Pings per hour of day for the filter's weekdays (the hour sparkline). */
export function pingsByHourFromCubeSql(filter: DensityFilter): string {
  const weekdayOnly = filterPredicateSql({ ...filter, hourFrom: 0, hourTo: 23 });
  return `SELECT hour::INTEGER AS hour, sum(pings)::INTEGER AS pings FROM ${PING_CUBE} WHERE ${weekdayOnly} GROUP BY hour ORDER BY hour`;
}

/**
 * Keeps one database's cube in step with its pings. `ensure` is cheap when nothing changed (one
 * metadata query) and shares a build in progress between callers.
 */
export class PingCube {
  private built: string | null = null;
  private pending: Promise<boolean> | null = null;
  private cellCentres: Promise<CellCentres> | null = null;
  /** How long the last build took, for the status bar and the benchmark. */
  lastBuildMs: number | null = null;

  constructor(
    private readonly db: Db,
    private readonly cellDeg: number,
  ) {}

  /** True when the cube matches the pings; false when there are no pings. */
  ensure(): Promise<boolean> {
    this.pending ??= this.bringUpToDate().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  private async bringUpToDate(): Promise<boolean> {
    const found = (await this.db.query(PINGS_FINGERPRINT_SQL)).get(0);
    if (!found) {
      if (this.built !== null) await this.db.run(DROP_PING_CUBE_SQL);
      this.built = null;
      return false;
    }
    const fingerprint = String(found.fingerprint);
    if (fingerprint === this.built) return true;
    this.built = null;
    this.cellCentres = null;
    const statements = buildPingCubeSql(this.cellDeg);
    if (this.db.runTimed) this.lastBuildMs = await this.db.runTimed(statements);
    else {
      const started = performance.now();
      await this.db.run(statements);
      this.lastBuildMs = performance.now() - started;
    }
    this.built = fingerprint;
    return true;
  }

  /** The centres of the built cube's cells, by cell number (call after `ensure` says true). */
  centres(): Promise<CellCentres> {
    this.cellCentres ??= this.db.query(CELL_CENTRES_SQL).then((table) => ({ lon: column(table, 'lon', Float64Array), lat: column(table, 'lat', Float64Array) }));
    return this.cellCentres;
  }
}

const cubes = new WeakMap<Db, PingCube>();

/** The cube of a database's pings at the heat layer's cell size. */
export function pingCubeOf(db: Db, cellDeg: number): PingCube {
  let cube = cubes.get(db);
  if (!cube) cubes.set(db, (cube = new PingCube(db, cellDeg)));
  return cube;
}
