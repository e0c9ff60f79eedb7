/**
 * SQL for the density layers. Every query re-aggregates the `pings` table in DuckDB, so the
 * map receives one row per cell (tens of thousands) rather than one per ping (millions).
 */
import { filterPredicateSql, type DensityFilter } from './densityFilter';
import { hexCellSql, hexCentre } from './hexGrid';

/**
 * Where demand comes from: raw pings, or a heat grid as platforms share it (lon, lat, weight and
 * optional hour/weekday, no drivers). Both become rows of (driver_id, weight, member, lon, lat).
 */
export type DemandSource = 'pings' | 'heat_grid';

export function demandRowsSql(source: DemandSource, filter: DensityFilter): string {
  return source === 'pings'
    ? `(SELECT driver_id, weight, member, lon, lat FROM pings WHERE ${filterPredicateSql(filter)})`
    : `(SELECT NULL::BIGINT AS driver_id, weight, false AS member, lon, lat FROM heat_grid WHERE ${filterPredicateSql(filter, true)})`;
}

/** "Pings" of a cell: rows for raw pings, summed weight for a heat grid. */
const pingsOf = (source: DemandSource) => (source === 'pings' ? 'count(*)' : 'round(sum(weight))');

/** Square cells for the heatmap: ~150 m, fine enough that the kernel hides the grid. */
export const HEAT_CELL_DEG = 0.0015;

export function heatCellsSql(filter: DensityFilter, cellDeg = HEAT_CELL_DEG, source: DemandSource = 'pings'): string {
  return `SELECT
    ((floor(lon / ${cellDeg}) + 0.5) * ${cellDeg})::DOUBLE AS lon,
    ((floor(lat / ${cellDeg}) + 0.5) * ${cellDeg})::DOUBLE AS lat,
    sum(weight)::DOUBLE AS weight
  FROM ${demandRowsSql(source, filter)} AS demand
  GROUP BY 1, 2`;
}

export function hexCellsSql(filter: DensityFilter, sizeM: number, source: DemandSource = 'pings'): string {
  const binned = hexCellSql(demandRowsSql(source, filter), sizeM, [
    'driver_id',
    'weight',
    'member',
  ]);
  return `SELECT q, r,
    ${pingsOf(source)}::INTEGER AS pings,
    count(DISTINCT driver_id)::INTEGER AS drivers,
    count(DISTINCT CASE WHEN member THEN driver_id END)::INTEGER AS member_drivers,
    sum(weight)::DOUBLE AS weight
  FROM ${binned} AS binned
  GROUP BY q, r
  ORDER BY q, r`;
}

export function filteredTotalsSql(filter: DensityFilter, source: DemandSource = 'pings'): string {
  return `SELECT coalesce(${pingsOf(source)}, 0)::INTEGER AS pings, count(DISTINCT driver_id)::INTEGER AS drivers
  FROM ${demandRowsSql(source, filter)} AS demand`;
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
