/**
 * Pointy-top hexagonal bins in local metres (axial coordinates q, r), computed identically in
 * TypeScript and in DuckDB SQL so that the map, tooltips and tests agree on which hexagon a
 * ping falls in. Hexagons have equal area and equal neighbour distances, which makes density
 * comparisons fairer than square cells.
 */
import { fromLocalMetres, localMetresSql, toLocalMetres } from './localProjection';

const SQRT3 = Math.sqrt(3);

/** The hexagon sizes (circumradius, metres) offered for density and planner cells. */
export const HEX_SIZES_M: readonly number[] = [250, 500, 1000, 2000];

export interface HexCell {
  q: number;
  r: number;
}

/** Rounds fractional axial coordinates to the hexagon that contains them (cube rounding). */
function roundAxial(fq: number, fr: number): HexCell {
  const fs = -fq - fr;
  let q = Math.round(fq);
  let r = Math.round(fr);
  const s = Math.round(fs);
  const dq = Math.abs(q - fq);
  const dr = Math.abs(r - fr);
  const ds = Math.abs(s - fs);
  if (dq > dr && dq > ds) q = -r - s;
  else if (dr > ds) r = -q - s;
  return { q, r };
}

/** The hexagon (circumradius `sizeM` metres) containing a WGS-84 point. */
export function hexCellOf(lon: number, lat: number, sizeM: number): HexCell {
  const [x, y] = toLocalMetres(lon, lat);
  return roundAxial(((SQRT3 / 3) * x - y / 3) / sizeM, ((2 / 3) * y) / sizeM);
}

export function hexCentre(q: number, r: number, sizeM: number): [number, number] {
  const x = sizeM * (SQRT3 * q + (SQRT3 / 2) * r);
  const y = sizeM * 1.5 * r;
  return fromLocalMetres(x, y);
}

/** Unit vertices of a pointy-top hexagon (multiply by the circumradius), counter-clockwise. */
export function unitHexagonVertices(): [number, number][] {
  const vertices: [number, number][] = [];
  for (let k = 0; k < 6; k++) {
    const angle = ((30 + 60 * k) * Math.PI) / 180;
    vertices.push([Math.cos(angle), Math.sin(angle)]);
  }
  return vertices;
}

/**
 * SQL that adds integer columns `q` and `r` to every row of `source` (which must have `lon`
 * and `lat`). DuckDB's round() rounds halves away from zero where Math.round rounds them up;
 * the two differ only on exact cell edges, which real coordinates never hit.
 */
export function hexCellSql(source: string, sizeM: number, keepColumns: string[]): string {
  const { x, y } = localMetresSql();
  const keep = keepColumns.join(', ');
  return `(
  WITH hex_frac AS (
    SELECT ${keep}, (${SQRT3 / 3}::DOUBLE * ${x} - ${y} / 3.0) / ${sizeM}::DOUBLE AS fq, (2.0::DOUBLE / 3.0 * ${y}) / ${sizeM}::DOUBLE AS fr
    FROM ${source}
  ), hex_round AS (
    SELECT ${keep}, fq, fr, round(fq) AS rq, round(fr) AS rr, round(-fq - fr) AS rs FROM hex_frac
  ), hex_err AS (
    SELECT ${keep}, rq, rr, rs, abs(rq - fq) AS dq, abs(rr - fr) AS dr, abs(rs + fq + fr) AS ds FROM hex_round
  )
  SELECT ${keep},
    (CASE WHEN dq > dr AND dq > ds THEN -rr - rs ELSE rq END)::INTEGER AS q,
    (CASE WHEN dq > dr AND dq > ds THEN rr WHEN dr > ds THEN -rq - rs ELSE rr END)::INTEGER AS r
  FROM hex_err
)`;
}
