/**
 * A local equirectangular projection centred on Guangzhou. Within the city (±0.7° of latitude)
 * it distorts distances by under 1 %, which is far below the size of a density cell, and it is
 * plain arithmetic, so DuckDB can evaluate the same formula in SQL (the WASM build has no
 * spatial extension).
 */
import { METRES_PER_DEG_LAT } from '../geo/earth';

export const ORIGIN_LON = 113.3;
export const ORIGIN_LAT = 23.1;
export const METRES_PER_DEG_LON = METRES_PER_DEG_LAT * Math.cos((ORIGIN_LAT * Math.PI) / 180);

export function toLocalMetres(lon: number, lat: number): [number, number] {
  return [(lon - ORIGIN_LON) * METRES_PER_DEG_LON, (lat - ORIGIN_LAT) * METRES_PER_DEG_LAT];
}

export function fromLocalMetres(x: number, y: number): [number, number] {
  return [ORIGIN_LON + x / METRES_PER_DEG_LON, ORIGIN_LAT + y / METRES_PER_DEG_LAT];
}

/** SQL expressions for the same projection (in DOUBLE: DuckDB would type the literals as DECIMAL). */
export function localMetresSql(lonCol = 'lon', latCol = 'lat'): { x: string; y: string } {
  return {
    x: `((${lonCol}::DOUBLE - ${ORIGIN_LON}::DOUBLE) * ${METRES_PER_DEG_LON}::DOUBLE)`,
    y: `((${latCol}::DOUBLE - ${ORIGIN_LAT}::DOUBLE) * ${METRES_PER_DEG_LAT}::DOUBLE)`,
  };
}
