/**
 * Earth constants, defined once. Several approximations of "metres per degree of latitude" are
 * in use; each keeps the exact value its callers used before they were gathered here, so no
 * numeric result changed. Which ones to unify is an open decision.
 */

/** Mean Earth radius (IUGG R1), metres. Used by haversine distances and the local projection. */
export const EARTH_RADIUS_M = 6_371_008.8;

/** Metres per degree of latitude on the sphere of radius EARTH_RADIUS_M (≈ 111_195.08). */
export const METRES_PER_DEG_LAT = (Math.PI / 180) * EARTH_RADIUS_M;

/** METRES_PER_DEG_LAT rounded to whole metres, as the CRS-by-reference matcher uses it. */
export const METRES_PER_DEG_LAT_ROUNDED = 111_195;

/** A coarse round figure for metres per degree of latitude (map framing of a plan's sites). */
export const METRES_PER_DEG_LAT_COARSE = 111_000;

/** Kilometres per degree of latitude used by the synthetic demo-data generator. */
export const KM_PER_DEG_LAT_DEMO = 111.2;

/**
 * A lower bound on metres per degree (of latitude, or of longitude around Guangzhou's 23° N),
 * so that search radii expressed in grid cells of degrees never come out too small.
 */
export const METRES_PER_DEG_LOWER_BOUND = 100_000;
