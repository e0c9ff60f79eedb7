/**
 * SQL for the density layers. Every query re-aggregates the `pings` table in DuckDB, so the
 * map receives one row per cell (tens of thousands) rather than one per ping (millions).
 */
import { filterPredicateSql, type DensityFilter } from './densityFilter';
import { hexCellSql, hexCentre } from './hexGrid';

/** Square cells for the heatmap: ~150 m, fine enough that the kernel hides the grid. */
export const HEAT_CELL_DEG = 0.0015;

export function heatCellsSql(filter: DensityFilter, cellDeg = HEAT_CELL_DEG): string {
  return `SELECT
    ((floor(lon / ${cellDeg}) + 0.5) * ${cellDeg})::DOUBLE AS lon,
    ((floor(lat / ${cellDeg}) + 0.5) * ${cellDeg})::DOUBLE AS lat,
    sum(weight)::DOUBLE AS weight
  FROM pings
  WHERE ${filterPredicateSql(filter)}
  GROUP BY 1, 2`;
}

export function hexCellsSql(filter: DensityFilter, sizeM: number): string {
  const binned = hexCellSql(`(SELECT driver_id, weight, member, lon, lat FROM pings WHERE ${filterPredicateSql(filter)})`, sizeM, [
    'driver_id',
    'weight',
    'member',
  ]);
  return `SELECT q, r,
    count(*)::INTEGER AS pings,
    count(DISTINCT driver_id)::INTEGER AS drivers,
    count(DISTINCT CASE WHEN member THEN driver_id END)::INTEGER AS member_drivers,
    sum(weight)::DOUBLE AS weight
  FROM ${binned} AS binned
  GROUP BY q, r
  ORDER BY q, r`;
}

export function filteredTotalsSql(filter: DensityFilter): string {
  return `SELECT count(*)::INTEGER AS pings, count(DISTINCT driver_id)::INTEGER AS drivers
  FROM pings WHERE ${filterPredicateSql(filter)}`;
}

/** Pings per hour of day (0–23) within the weekday selection, for the filter's sparkline. */
export function pingsByHourSql(filter: DensityFilter): string {
  const weekdayOnly = filterPredicateSql({ ...filter, hourFrom: 0, hourTo: 23 });
  return `SELECT hour::INTEGER AS hour, count(*)::INTEGER AS pings FROM pings WHERE ${weekdayOnly} GROUP BY hour ORDER BY hour`;
}

/** Hex centres as interleaved lon/lat, one pass over the q/r columns. */
export function hexCentresInterleaved(q: Int32Array, r: Int32Array, sizeM: number): Float64Array {
  const out = new Float64Array(q.length * 2);
  for (let i = 0; i < q.length; i++) {
    const [lon, lat] = hexCentre(q[i], r[i], sizeM);
    out[2 * i] = lon;
    out[2 * i + 1] = lat;
  }
  return out;
}

/** Interleaves two coordinate columns into the [lon, lat, …] layout deck.gl attributes expect. */
export function interleaveLonLat(lon: ArrayLike<number>, lat: ArrayLike<number>): Float64Array {
  const out = new Float64Array(lon.length * 2);
  for (let i = 0; i < lon.length; i++) {
    out[2 * i] = lon[i];
    out[2 * i + 1] = lat[i];
  }
  return out;
}
