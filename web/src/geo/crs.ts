/**
 * Coordinate reference systems used for maps of mainland China.
 *
 * - WGS-84: GPS, OSM. Everything in our tables is stored in WGS-84.
 * - GCJ-02: the obfuscated "Mars" datum that AMap, Tencent and DataV publish.
 * - BD-09: Baidu's extra offset on top of GCJ-02.
 *
 * GCJ-02 is defined only by its forward transform (WGS-84 → GCJ-02); the inverse has no closed
 * form, so we invert it by fixed-point iteration, which converges to well under a centimetre.
 * Pure functions on numbers: no DOM, usable in workers, Node tests and the build.
 */

export type Crs = 'WGS84' | 'GCJ02' | 'BD09';
export type LonLat = [number, number];

// Krasovsky 1940 ellipsoid, as used by the GCJ-02 algorithm.
const SEMI_MAJOR = 6378245.0;
const ECC_SQ = 0.00669342162296594323;
const BD_FACTOR = (Math.PI * 3000.0) / 180.0;

/** GCJ-02 only shifts points inside mainland China (a coarse box, as in the reference algorithm). */
export function isInsideChinaBox(lon: number, lat: number): boolean {
  return lon >= 72.004 && lon <= 137.8347 && lat >= 0.8293 && lat <= 55.8271;
}

function shiftLat(x: number, y: number): number {
  let r = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(y * Math.PI) + 40.0 * Math.sin((y / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((160.0 * Math.sin((y / 12.0) * Math.PI) + 320 * Math.sin((y * Math.PI) / 30.0)) * 2.0) / 3.0;
  return r;
}

function shiftLon(x: number, y: number): number {
  let r = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * Math.sqrt(Math.abs(x));
  r += ((20.0 * Math.sin(6.0 * x * Math.PI) + 20.0 * Math.sin(2.0 * x * Math.PI)) * 2.0) / 3.0;
  r += ((20.0 * Math.sin(x * Math.PI) + 40.0 * Math.sin((x / 3.0) * Math.PI)) * 2.0) / 3.0;
  r += ((150.0 * Math.sin((x / 12.0) * Math.PI) + 300.0 * Math.sin((x / 30.0) * Math.PI)) * 2.0) / 3.0;
  return r;
}

/** The GCJ-02 offset (degrees) at a WGS-84 point. */
function gcjDelta(lon: number, lat: number): LonLat {
  const dLat0 = shiftLat(lon - 105.0, lat - 35.0);
  const dLon0 = shiftLon(lon - 105.0, lat - 35.0);
  const radLat = (lat / 180.0) * Math.PI;
  let magic = Math.sin(radLat);
  magic = 1 - ECC_SQ * magic * magic;
  const sqrtMagic = Math.sqrt(magic);
  const dLat = (dLat0 * 180.0) / (((SEMI_MAJOR * (1 - ECC_SQ)) / (magic * sqrtMagic)) * Math.PI);
  const dLon = (dLon0 * 180.0) / ((SEMI_MAJOR / sqrtMagic) * Math.cos(radLat) * Math.PI);
  return [dLon, dLat];
}

export function wgs84ToGcj02(lon: number, lat: number): LonLat {
  if (!isInsideChinaBox(lon, lat)) return [lon, lat];
  const [dLon, dLat] = gcjDelta(lon, lat);
  return [lon + dLon, lat + dLat];
}

/** Inverse of {@link wgs84ToGcj02} by fixed-point iteration (error < 1e-9° after a few steps). */
export function gcj02ToWgs84(lon: number, lat: number): LonLat {
  if (!isInsideChinaBox(lon, lat)) return [lon, lat];
  let wLon = lon;
  let wLat = lat;
  for (let i = 0; i < 10; i++) {
    const [gLon, gLat] = wgs84ToGcj02(wLon, wLat);
    const eLon = gLon - lon;
    const eLat = gLat - lat;
    wLon -= eLon;
    wLat -= eLat;
    if (Math.abs(eLon) < 1e-10 && Math.abs(eLat) < 1e-10) break;
  }
  return [wLon, wLat];
}

export function gcj02ToBd09(lon: number, lat: number): LonLat {
  const z = Math.sqrt(lon * lon + lat * lat) + 0.00002 * Math.sin(lat * BD_FACTOR);
  const theta = Math.atan2(lat, lon) + 0.000003 * Math.cos(lon * BD_FACTOR);
  return [z * Math.cos(theta) + 0.0065, z * Math.sin(theta) + 0.006];
}

export function bd09ToGcj02(lon: number, lat: number): LonLat {
  const x = lon - 0.0065;
  const y = lat - 0.006;
  const z = Math.sqrt(x * x + y * y) - 0.00002 * Math.sin(y * BD_FACTOR);
  const theta = Math.atan2(y, x) - 0.000003 * Math.cos(x * BD_FACTOR);
  return [z * Math.cos(theta), z * Math.sin(theta)];
}

export function toWgs84(crs: Crs, lon: number, lat: number): LonLat {
  switch (crs) {
    case 'WGS84':
      return [lon, lat];
    case 'GCJ02':
      return gcj02ToWgs84(lon, lat);
    case 'BD09': {
      const [gLon, gLat] = bd09ToGcj02(lon, lat);
      return gcj02ToWgs84(gLon, gLat);
    }
  }
}

export function fromWgs84(crs: Crs, lon: number, lat: number): LonLat {
  switch (crs) {
    case 'WGS84':
      return [lon, lat];
    case 'GCJ02':
      return wgs84ToGcj02(lon, lat);
    case 'BD09': {
      const [gLon, gLat] = wgs84ToGcj02(lon, lat);
      return gcj02ToBd09(gLon, gLat);
    }
  }
}

/**
 * Converts interleaved [lon, lat, lon, lat, …] positions in place. Used at draw time to shift
 * overlays onto a GCJ-02 basemap without creating one object per point.
 */
export function convertInterleavedInPlace(positions: Float32Array | Float64Array, from: Crs, to: Crs): void {
  if (from === to) return;
  for (let i = 0; i + 1 < positions.length; i += 2) {
    const w = toWgs84(from, positions[i], positions[i + 1]);
    const out = fromWgs84(to, w[0], w[1]);
    positions[i] = out[0];
    positions[i + 1] = out[1];
  }
}

type Position = number[];
type Geometry =
  | { type: 'Point'; coordinates: Position }
  | { type: 'MultiPoint' | 'LineString'; coordinates: Position[] }
  | { type: 'MultiLineString' | 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

function mapPositions(coords: unknown, fn: (p: Position) => Position): unknown {
  if (Array.isArray(coords) && typeof coords[0] === 'number') return fn(coords as Position);
  return (coords as unknown[]).map((c) => mapPositions(c, fn));
}

/** Returns a copy of a GeoJSON geometry with every position converted between CRSs. */
export function convertGeometry<G extends Geometry>(geometry: G, from: Crs, to: Crs): G {
  if (from === to) return geometry;
  const convert = (p: Position): Position => {
    const w = toWgs84(from, p[0], p[1]);
    const out = fromWgs84(to, w[0], w[1]);
    return [out[0], out[1]];
  };
  return { ...geometry, coordinates: mapPositions(geometry.coordinates, convert) } as G;
}
