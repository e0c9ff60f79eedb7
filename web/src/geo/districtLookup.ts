/**
 * Point → district lookup for many points (every ping of a week, in a worker or a test).
 *
 * The polygons are flattened once into typed arrays; each query first rejects features and rings
 * by bounding box, then counts ray crossings (even-odd rule) over all rings of the feature. Even-odd
 * over *all* rings handles holes and multipolygon parts alike, as long as the parts of one feature
 * do not overlap, which holds for valid administrative boundaries. Pure TS: no DOM, no Node APIs.
 */
import { ringsOf, type PolygonalGeometry, type Position } from './polygons';

/** Index returned for points that fall in no feature. */
export const OUTSIDE = -1;

/**
 * Any GeoJSON FeatureCollection, ours or @types/geojson's. Geometry types are checked when the
 * lookup is built, so callers need not narrow their collections first.
 */
export interface FeatureCollectionLike {
  features: readonly { geometry: { type: string } | null; properties: unknown }[];
}

/** Name property of a feature, or an error naming the culprit: a silent `undefined` here would mislabel pings. */
function featureName(properties: unknown, index: number): string {
  const name = (properties as { name?: unknown } | null)?.name;
  if (typeof name !== 'string') throw new Error(`feature ${index} has no string "name" property`);
  return name;
}

export class DistrictLookup {
  /** `names[i]` is the `name` of feature i; {@link assignDistricts} returns indices into it. */
  readonly names: readonly string[];

  // Flattened geometry. Feature f owns rings featureRingStart[f] .. featureRingStart[f + 1];
  // ring r owns vertices ringVertexStart[r] .. ringVertexStart[r + 1] in xs / ys.
  // Bounding boxes are stored as [minLon, minLat, maxLon, maxLat] per feature / ring.
  private readonly featureBbox: Float64Array;
  private readonly featureRingStart: Int32Array;
  private readonly ringBbox: Float64Array;
  private readonly ringVertexStart: Int32Array;
  private readonly xs: Float64Array;
  private readonly ys: Float64Array;

  /**
   * @param collection Polygon/MultiPolygon features with a string `name`, in the CRS of the query
   *   points (WGS-84 throughout the app). Null geometries never match; other types throw.
   */
  constructor(collection: FeatureCollectionLike) {
    const features = collection.features;
    // Int16Array results: 32,767 features is far beyond any admin level we map.
    if (features.length > 0x7fff) throw new Error(`too many features for Int16 indices: ${features.length}`);

    const names: string[] = [];
    const rings: Position[][] = [];
    const ringCounts: number[] = [];
    features.forEach((feature, index) => {
      names.push(featureName(feature.properties, index));
      const geometry = feature.geometry;
      if (geometry === null) {
        ringCounts.push(0);
        return;
      }
      if (geometry.type !== 'Polygon' && geometry.type !== 'MultiPolygon') {
        throw new Error(`feature ${index} (${names[index]}): expected Polygon or MultiPolygon, got ${geometry.type}`);
      }
      const featureRings = ringsOf(geometry as PolygonalGeometry);
      ringCounts.push(featureRings.length);
      rings.push(...featureRings);
    });

    const vertexCount = rings.reduce((sum, ring) => sum + ring.length, 0);
    this.names = names;
    this.featureBbox = new Float64Array(features.length * 4);
    this.featureRingStart = new Int32Array(features.length + 1);
    this.ringBbox = new Float64Array(rings.length * 4);
    this.ringVertexStart = new Int32Array(rings.length + 1);
    this.xs = new Float64Array(vertexCount);
    this.ys = new Float64Array(vertexCount);

    let vertex = 0;
    rings.forEach((ring, r) => {
      this.ringVertexStart[r] = vertex;
      let minLon = Infinity;
      let minLat = Infinity;
      let maxLon = -Infinity;
      let maxLat = -Infinity;
      for (const [lon, lat] of ring) {
        this.xs[vertex] = lon;
        this.ys[vertex] = lat;
        vertex++;
        if (lon < minLon) minLon = lon;
        if (lon > maxLon) maxLon = lon;
        if (lat < minLat) minLat = lat;
        if (lat > maxLat) maxLat = lat;
      }
      this.ringBbox.set([minLon, minLat, maxLon, maxLat], r * 4);
    });
    this.ringVertexStart[rings.length] = vertex;

    let ring = 0;
    ringCounts.forEach((count, f) => {
      this.featureRingStart[f] = ring;
      // An empty feature gets an inverted box so that the prefilter always rejects it.
      const box = [Infinity, Infinity, -Infinity, -Infinity];
      for (let r = ring; r < ring + count; r++) {
        box[0] = Math.min(box[0], this.ringBbox[r * 4]);
        box[1] = Math.min(box[1], this.ringBbox[r * 4 + 1]);
        box[2] = Math.max(box[2], this.ringBbox[r * 4 + 2]);
        box[3] = Math.max(box[3], this.ringBbox[r * 4 + 3]);
      }
      this.featureBbox.set(box, f * 4);
      ring += count;
    });
    this.featureRingStart[features.length] = ring;
  }

  /** Index into {@link names} of the feature containing the point, or {@link OUTSIDE}. */
  indexAt(lon: number, lat: number): number {
    const { featureBbox, featureRingStart, ringBbox, ringVertexStart, xs, ys } = this;
    const featureCount = this.names.length;
    for (let f = 0; f < featureCount; f++) {
      const b = f * 4;
      if (lon < featureBbox[b] || lat < featureBbox[b + 1] || lon > featureBbox[b + 2] || lat > featureBbox[b + 3]) continue;
      let inside = false;
      for (let r = featureRingStart[f]; r < featureRingStart[f + 1]; r++) {
        const rb = r * 4;
        // A ray cast towards +lon can only cross this ring if the point is within its latitude
        // span and west of its east edge.
        if (lat < ringBbox[rb + 1] || lat >= ringBbox[rb + 3] || lon >= ringBbox[rb + 2]) continue;
        const start = ringVertexStart[r];
        const end = ringVertexStart[r + 1];
        for (let i = start, j = end - 1; i < end; j = i++) {
          const yi = ys[i];
          const yj = ys[j];
          if (yi > lat !== yj > lat && lon < ((xs[j] - xs[i]) * (lat - yi)) / (yj - yi) + xs[i]) inside = !inside;
        }
      }
      if (inside) return f;
    }
    return OUTSIDE;
  }

  /** `name` of the feature containing the point, or null outside every feature. */
  districtAt(lon: number, lat: number): string | null {
    const index = this.indexAt(lon, lat);
    return index === OUTSIDE ? null : this.names[index];
  }

  /** Columnar version of {@link indexAt}: one Int16 index per point, {@link OUTSIDE} (−1) outside. */
  assignDistricts(lon: Float64Array, lat: Float64Array): Int16Array {
    if (lon.length !== lat.length) throw new Error(`lon and lat lengths differ: ${lon.length} vs ${lat.length}`);
    const result = new Int16Array(lon.length);
    for (let i = 0; i < lon.length; i++) result[i] = this.indexAt(lon[i], lat[i]);
    return result;
  }
}

/** Builds a {@link DistrictLookup}; see there. */
export function createDistrictLookup(collection: FeatureCollectionLike): DistrictLookup {
  return new DistrictLookup(collection);
}
