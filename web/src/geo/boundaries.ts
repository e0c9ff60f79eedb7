/**
 * Administrative boundaries: CRS conversion of whole GeoJSON collections and slimming of the
 * DataV GeoAtlas exports to what the map needs (name, adcode, a label point).
 *
 * DataV polygons are GCJ-02, and so are their `center` / `centroid` properties; our tables and
 * basemap are WGS-84, so the build converts both (see scripts/derived-data.ts). Pure TS: no DOM,
 * no Node APIs.
 */
import { convertGeometry, toWgs84, type Crs } from './crs';
import { pointInRings, polygonsOf, polygonArea, ringMoments, ringsOf, type PolygonalGeometry, type Position } from './polygons';

export type Geometry = Parameters<typeof convertGeometry>[0];

export interface Feature<G extends Geometry = Geometry, P = Record<string, unknown>> {
  type: 'Feature';
  id?: string | number;
  geometry: G | null;
  properties: P;
}

export interface FeatureCollection<G extends Geometry = Geometry, P = Record<string, unknown>> {
  type: 'FeatureCollection';
  features: Feature<G, P>[];
}

/** Properties of a slimmed admin feature; the label point is WGS-84. */
export interface DistrictProperties {
  name: string;
  adcode: number | string;
  labelLon: number;
  labelLat: number;
}

/**
 * Returns a copy of the collection with every geometry converted between CRSs. Properties are
 * shared with the input, not copied. Any `bbox` member is dropped, since it would describe the old CRS.
 */
export function convertFeatureCollection<G extends Geometry, P>(
  collection: FeatureCollection<G, P>,
  from: Crs,
  to: Crs,
): FeatureCollection<G, P> {
  const { bbox: _staleBbox, ...rest } = collection as FeatureCollection<G, P> & { bbox?: unknown };
  return {
    ...rest,
    features: collection.features.map((feature) => {
      const { bbox: _staleFeatureBbox, ...featureRest } = feature as Feature<G, P> & { bbox?: unknown };
      return { ...featureRest, geometry: feature.geometry === null ? null : convertGeometry(feature.geometry, from, to) };
    }),
  };
}

// ---------------------------------------------------------------------------------------------
// Label points

type LonLat = [number, number];

function asLonLat(value: unknown): LonLat | null {
  if (!Array.isArray(value) || value.length < 2) return null;
  const [lon, lat] = value;
  return typeof lon === 'number' && typeof lat === 'number' && Number.isFinite(lon) && Number.isFinite(lat) ? [lon, lat] : null;
}

/**
 * Area centroid of all parts of a (multi)polygon in plain lon/lat degrees, which is close enough
 * at the scale of a district. Holes count negatively whatever their winding. Null if degenerate.
 */
export function areaCentroid(geometry: PolygonalGeometry): LonLat | null {
  const polygons = polygonsOf(geometry);
  const origin = polygons[0]?.[0]?.[0];
  if (origin === undefined) return null;
  let totalArea = 0;
  let sumX = 0;
  let sumY = 0;
  for (const rings of polygons) {
    rings.forEach((ring, k) => {
      const m = ringMoments(ring, origin);
      // Normalise winding: outer rings add, holes subtract.
      const sign = (k === 0 ? 1 : -1) * Math.sign(m.area);
      totalArea += sign * m.area;
      sumX += (sign * m.cx) / 3;
      sumY += (sign * m.cy) / 3;
    });
  }
  if (!(Math.abs(totalArea) > 0)) return null;
  return [origin[0] + sumX / (2 * totalArea), origin[1] + sumY / (2 * totalArea)];
}

function squaredDistanceToSegment(px: number, py: number, a: Position, b: Position): number {
  let x = a[0];
  let y = a[1];
  let dx = b[0] - x;
  let dy = b[1] - y;
  if (dx !== 0 || dy !== 0) {
    const t = ((px - x) * dx + (py - y) * dy) / (dx * dx + dy * dy);
    if (t > 1) {
      x = b[0];
      y = b[1];
    } else if (t > 0) {
      x += dx * t;
      y += dy * t;
    }
  }
  dx = px - x;
  dy = py - y;
  return dx * dx + dy * dy;
}

/** Distance from the point to the polygon outline: positive inside, negative outside. */
function signedDistance(x: number, y: number, rings: Position[][]): number {
  let minSq = Infinity;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      minSq = Math.min(minSq, squaredDistanceToSegment(x, y, ring[j], ring[i]));
    }
  }
  return (pointInRings(x, y, rings) ? 1 : -1) * Math.sqrt(minSq);
}

interface Cell {
  x: number;
  y: number;
  halfSize: number;
  /** Signed distance from the cell centre to the outline. */
  distance: number;
  /** Upper bound of the distance anywhere in the cell. */
  potential: number;
}

function makeCell(x: number, y: number, halfSize: number, rings: Position[][]): Cell {
  const distance = signedDistance(x, y, rings);
  return { x, y, halfSize, distance, potential: distance + halfSize * Math.SQRT2 };
}

/** Max-heap on `potential`, just enough for the quadtree search below. */
class CellQueue {
  private readonly cells: Cell[] = [];
  get size(): number {
    return this.cells.length;
  }
  push(cell: Cell): void {
    const cells = this.cells;
    cells.push(cell);
    let i = cells.length - 1;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (cells[parent].potential >= cells[i].potential) break;
      [cells[parent], cells[i]] = [cells[i], cells[parent]];
      i = parent;
    }
  }
  pop(): Cell | undefined {
    const cells = this.cells;
    const top = cells[0];
    const last = cells.pop();
    if (cells.length > 0 && last !== undefined) {
      cells[0] = last;
      let i = 0;
      for (;;) {
        const left = 2 * i + 1;
        const right = left + 1;
        let largest = i;
        if (left < cells.length && cells[left].potential > cells[largest].potential) largest = left;
        if (right < cells.length && cells[right].potential > cells[largest].potential) largest = right;
        if (largest === i) break;
        [cells[largest], cells[i]] = [cells[i], cells[largest]];
        i = largest;
      }
    }
    return top;
  }
}

/**
 * Pole of inaccessibility (the interior point farthest from the outline) of one polygon, by the
 * quadtree search of Mapbox's polylabel, to within `precision` degrees. Always inside for a
 * polygon wider than `precision`, which is why it is the last-resort label point.
 */
export function poleOfInaccessibility(rings: Position[][], precision: number): LonLat {
  const outer = rings[0];
  let minX = Infinity;
  let minY = Infinity;
  let maxX = -Infinity;
  let maxY = -Infinity;
  for (const [x, y] of outer) {
    minX = Math.min(minX, x);
    minY = Math.min(minY, y);
    maxX = Math.max(maxX, x);
    maxY = Math.max(maxY, y);
  }
  const cellSize = Math.min(maxX - minX, maxY - minY);
  if (!(cellSize > 0)) return [minX, minY];

  const queue = new CellQueue();
  const halfSize = cellSize / 2;
  for (let x = minX; x < maxX; x += cellSize) {
    for (let y = minY; y < maxY; y += cellSize) queue.push(makeCell(x + halfSize, y + halfSize, halfSize, rings));
  }
  const centroid = areaCentroid({ type: 'Polygon', coordinates: rings });
  let best = makeCell((minX + maxX) / 2, (minY + maxY) / 2, 0, rings);
  if (centroid !== null) {
    const centroidCell = makeCell(centroid[0], centroid[1], 0, rings);
    if (centroidCell.distance > best.distance) best = centroidCell;
  }

  while (queue.size > 0) {
    const cell = queue.pop() as Cell;
    if (cell.distance > best.distance) best = cell;
    // No point in this cell can beat the best by more than the precision: do not split it.
    if (cell.potential - best.distance <= precision) continue;
    const h = cell.halfSize / 2;
    queue.push(makeCell(cell.x - h, cell.y - h, h, rings));
    queue.push(makeCell(cell.x + h, cell.y - h, h, rings));
    queue.push(makeCell(cell.x - h, cell.y + h, h, rings));
    queue.push(makeCell(cell.x + h, cell.y + h, h, rings));
  }
  return [best.x, best.y];
}

/**
 * A label point inside the geometry, in the geometry's CRS. Candidates are tried in order and the
 * first inside wins: the given preferred points, the area centroid, then the pole of
 * inaccessibility of the largest part (needed for crescent-shaped or island districts whose
 * centroid lies outside, e.g. in the sea).
 */
export function labelPoint(geometry: PolygonalGeometry, preferred: readonly LonLat[] = []): LonLat {
  const rings = ringsOf(geometry);
  const centroid = areaCentroid(geometry);
  const candidates = centroid === null ? preferred : [...preferred, centroid];
  for (const [lon, lat] of candidates) {
    if (pointInRings(lon, lat, rings)) return [lon, lat];
  }
  const polygons = polygonsOf(geometry);
  const areas = polygons.map(polygonArea);
  const largest = polygons[areas.indexOf(Math.max(...areas))];
  let minLon = Infinity;
  let maxLon = -Infinity;
  let minLat = Infinity;
  let maxLat = -Infinity;
  for (const [lon, lat] of largest[0]) {
    minLon = Math.min(minLon, lon);
    maxLon = Math.max(maxLon, lon);
    minLat = Math.min(minLat, lat);
    maxLat = Math.max(maxLat, lat);
  }
  // 1/1000 of the part's extent: tens of metres for a district, plenty for placing a label.
  return poleOfInaccessibility(largest, Math.max(maxLon - minLon, maxLat - minLat) / 1000);
}

/**
 * Keeps only `name`, `adcode` and a WGS-84 label point per feature. Expects WGS-84 geometry (run
 * {@link convertFeatureCollection} first) while the DataV `centroid` / `center` properties are
 * still in `labelPropertyCrs` (GCJ-02 for DataV): they are converted before being tested against
 * the polygon. Works for any DataV admin level (districts, cities). Throws on features without a
 * name or polygon, since a silently dropped district would make pings vanish from the map.
 */
export function slimDistrictFeatures(
  collection: FeatureCollection<PolygonalGeometry, Record<string, unknown>>,
  labelPropertyCrs: Crs = 'GCJ02',
): FeatureCollection<PolygonalGeometry, DistrictProperties> {
  return {
    type: 'FeatureCollection',
    features: collection.features.map((feature, index) => {
      const { name, adcode, centroid, center } = feature.properties;
      const geometry = feature.geometry;
      if (typeof name !== 'string' || name === '') throw new Error(`feature ${index} has no name`);
      if (geometry === null || (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon')) {
        throw new Error(`feature ${index} (${name}) is not a Polygon or MultiPolygon`);
      }
      if (typeof adcode !== 'number' && typeof adcode !== 'string') throw new Error(`feature ${index} (${name}) has no adcode`);
      // DataV's `centroid` is the area centroid and `center` the seat of government, which can sit
      // on the district's edge; the centroid therefore makes the better label.
      const preferred = [asLonLat(centroid), asLonLat(center)]
        .filter((p): p is LonLat => p !== null)
        .map((p) => toWgs84(labelPropertyCrs, p[0], p[1]));
      const [labelLon, labelLat] = labelPoint(geometry, preferred);
      return { type: 'Feature', geometry, properties: { name, adcode, labelLon, labelLat } };
    }),
  };
}
