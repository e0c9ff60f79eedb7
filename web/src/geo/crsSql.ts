/**
 * The CRS conversions of `crs.ts` as DuckDB SQL, so an import converts millions of rows inside
 * DuckDB (streaming, no JavaScript value per row). The GCJ-02 inverse is the same fixed-point
 * iteration as in TypeScript, unrolled three times (error < 1e-10°); BD-09 → GCJ-02 is closed-form.
 * Tests compare these expressions with `crs.ts` on the 3,191 charging stations.
 */
import type { Crs } from './crs';

const A = 6378245.0;
const EE = 0.00669342162296594323;
const PI = Math.PI;
const BD = (Math.PI * 3000.0) / 180.0;

/** SQL that defines the helper macros; run once per connection before using the expressions. */
export const CRS_MACROS_SQL = [
  `CREATE OR REPLACE MACRO atlas_gcj_lat0(x, y) AS
    -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * sqrt(abs(x))
    + (20.0 * sin(6.0 * x * ${PI}) + 20.0 * sin(2.0 * x * ${PI})) * 2.0 / 3.0
    + (20.0 * sin(y * ${PI}) + 40.0 * sin(y / 3.0 * ${PI})) * 2.0 / 3.0
    + (160.0 * sin(y / 12.0 * ${PI}) + 320.0 * sin(y * ${PI} / 30.0)) * 2.0 / 3.0`,
  `CREATE OR REPLACE MACRO atlas_gcj_lon0(x, y) AS
    300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * sqrt(abs(x))
    + (20.0 * sin(6.0 * x * ${PI}) + 20.0 * sin(2.0 * x * ${PI})) * 2.0 / 3.0
    + (20.0 * sin(x * ${PI}) + 40.0 * sin(x / 3.0 * ${PI})) * 2.0 / 3.0
    + (150.0 * sin(x / 12.0 * ${PI}) + 300.0 * sin(x / 30.0 * ${PI})) * 2.0 / 3.0`,
  `CREATE OR REPLACE MACRO atlas_magic(lat) AS 1.0 - ${EE} * pow(sin(lat / 180.0 * ${PI}), 2)`,
  `CREATE OR REPLACE MACRO atlas_gcj_dlat(lon, lat) AS
    atlas_gcj_lat0(lon - 105.0, lat - 35.0) * 180.0 / ((${A} * (1.0 - ${EE})) / (atlas_magic(lat) * sqrt(atlas_magic(lat))) * ${PI})`,
  `CREATE OR REPLACE MACRO atlas_gcj_dlon(lon, lat) AS
    atlas_gcj_lon0(lon - 105.0, lat - 35.0) * 180.0 / (${A} / sqrt(atlas_magic(lat)) * cos(lat / 180.0 * ${PI}) * ${PI})`,
  `CREATE OR REPLACE MACRO atlas_in_china(lon, lat) AS lon BETWEEN 72.004 AND 137.8347 AND lat BETWEEN 0.8293 AND 55.8271`,
];

/**
 * A SELECT over `source` that replaces its DOUBLE columns `lon` and `lat` (given in `crs`) by
 * WGS-84, keeping every other column listed in `keep`.
 */
export function toWgs84Sql(source: string, crs: Crs, keep: string[]): string {
  const rest = keep.length ? keep.join(', ') + ', ' : '';
  if (crs === 'WGS84') return `SELECT ${rest}lon, lat FROM ${source}`;
  // BD-09 → GCJ-02 first (closed form), then GCJ-02 → WGS-84.
  const gcjSource =
    crs === 'BD09'
      ? `(SELECT ${rest}
           (sqrt(pow(lon - 0.0065, 2) + pow(lat - 0.006, 2)) - 0.00002 * sin((lat - 0.006) * ${BD}))
             * cos(atan2(lat - 0.006, lon - 0.0065) - 0.000003 * cos((lon - 0.0065) * ${BD})) AS lon,
           (sqrt(pow(lon - 0.0065, 2) + pow(lat - 0.006, 2)) - 0.00002 * sin((lat - 0.006) * ${BD}))
             * sin(atan2(lat - 0.006, lon - 0.0065) - 0.000003 * cos((lon - 0.0065) * ${BD})) AS lat
         FROM ${source})`
      : source;
  // w(k+1) = g - delta(w(k)), starting at w(0) = g; three steps.
  let stage = `(SELECT ${rest}lon AS g_lon, lat AS g_lat, lon AS w_lon, lat AS w_lat FROM ${gcjSource})`;
  for (let step = 0; step < 3; step++) {
    stage = `(SELECT ${rest}g_lon, g_lat,
        CASE WHEN atlas_in_china(g_lon, g_lat) THEN g_lon - atlas_gcj_dlon(w_lon, w_lat) ELSE g_lon END AS w_lon,
        CASE WHEN atlas_in_china(g_lon, g_lat) THEN g_lat - atlas_gcj_dlat(w_lon, w_lat) ELSE g_lat END AS w_lat
      FROM ${stage})`;
  }
  return `SELECT ${rest}w_lon AS lon, w_lat AS lat FROM ${stage}`;
}
