/**
 * Polygon primitives shared by the boundary tools (label points) and the district lookup: the
 * GeoJSON position and (multi)polygon shapes, the rings of a geometry, even-odd point-in-rings and
 * planar ring moments and areas. Pure TS: no DOM, no Node APIs.
 */

export type Position = number[];
export type PolygonalGeometry =
  | { type: 'Polygon'; coordinates: Position[][] }
  | { type: 'MultiPolygon'; coordinates: Position[][][] };

/**
 * Even-odd ray casting against a list of rings (a polygon with holes, or all rings of a
 * multipolygon). Works for closed or unclosed rings. Points exactly on an edge may land either way.
 */
export function pointInRings(lon: number, lat: number, rings: readonly (readonly Position[])[]): boolean {
  let inside = false;
  for (const ring of rings) {
    for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
      const xi = ring[i][0];
      const yi = ring[i][1];
      const xj = ring[j][0];
      const yj = ring[j][1];
      if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
    }
  }
  return inside;
}

/** All rings of a Polygon or MultiPolygon, outer rings and holes alike. */
export function ringsOf(geometry: PolygonalGeometry): Position[][] {
  return geometry.type === 'Polygon' ? geometry.coordinates : geometry.coordinates.flat();
}

/** The polygons of a Polygon (one) or MultiPolygon (each part), as lists of rings. */
export function polygonsOf(geometry: PolygonalGeometry): Position[][][] {
  return geometry.type === 'Polygon' ? [geometry.coordinates] : geometry.coordinates;
}

/** Signed area and area-weighted centroid sums of one ring, relative to `origin` to keep precision. */
export function ringMoments(ring: Position[], origin: Position): { area: number; cx: number; cy: number } {
  let twiceArea = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const x0 = ring[j][0] - origin[0];
    const y0 = ring[j][1] - origin[1];
    const x1 = ring[i][0] - origin[0];
    const y1 = ring[i][1] - origin[1];
    const cross = x0 * y1 - x1 * y0;
    twiceArea += cross;
    cx += (x0 + x1) * cross;
    cy += (y0 + y1) * cross;
  }
  return { area: twiceArea / 2, cx, cy };
}

/** Planar area (deg²) of a polygon given as rings, outer ring minus holes, whatever their winding. */
export function polygonArea(rings: Position[][]): number {
  return rings.reduce((sum, ring, k) => {
    const area = Math.abs(ringMoments(ring, ring[0]).area);
    return k === 0 ? sum + area : sum - area;
  }, 0);
}

