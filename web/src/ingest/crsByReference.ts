/**
 * Suggests a file's coordinate system from its values: converting a sample of its points under
 * each hypothesis (WGS-84, GCJ-02, BD-09) and counting how many land within a few metres of known
 * WGS-84 reference points (Guangzhou's 3,191 EV charging stations, where vans stop). The right
 * CRS lines dwelling points up with the chargers; the wrong ones leave them ~500–1,000 m off.
 * Returns null when the evidence is weak (e.g. a station list that has nothing to do with chargers).
 */
import { toWgs84, type Crs } from '../geo/crs';
import { METRES_PER_DEG_LAT_ROUNDED } from '../geo/earth';

const CELL_DEG = 0.001; // ~100 m grid for the reference index
/** A point or two can sit near a charger by chance (3,191 of them in the city): ask for more. */
const MIN_MATCHES = 5;

export interface CrsEvidence {
  crs: Crs;
  /** Share of sample points within `radiusM` of a reference point, per hypothesis. */
  shares: Record<Crs, number>;
}

function indexPoints(lon: ArrayLike<number>, lat: ArrayLike<number>): Map<string, number[]> {
  const index = new Map<string, number[]>();
  for (let i = 0; i < lon.length; i++) {
    const key = `${Math.floor(lon[i] / CELL_DEG)},${Math.floor(lat[i] / CELL_DEG)}`;
    const list = index.get(key);
    if (list) list.push(i);
    else index.set(key, [i]);
  }
  return index;
}

export function suggestCrsByReference(
  sample: { lon: number; lat: number }[],
  reference: { lon: ArrayLike<number>; lat: ArrayLike<number> },
  radiusM = 60,
): CrsEvidence | null {
  if (sample.length === 0 || reference.lon.length === 0) return null;
  const index = indexPoints(reference.lon, reference.lat);
  const shares = {} as Record<Crs, number>;
  const matches = {} as Record<Crs, number>;
  for (const crs of ['WGS84', 'GCJ02', 'BD09'] as Crs[]) {
    let near = 0;
    for (const p of sample) {
      const [lon, lat] = toWgs84(crs, p.lon, p.lat);
      const cx = Math.floor(lon / CELL_DEG);
      const cy = Math.floor(lat / CELL_DEG);
      const mPerDegLon = METRES_PER_DEG_LAT_ROUNDED * Math.cos((lat * Math.PI) / 180);
      search: for (let dx = -1; dx <= 1; dx++) {
        for (let dy = -1; dy <= 1; dy++) {
          for (const i of index.get(`${cx + dx},${cy + dy}`) ?? []) {
            if (Math.hypot((reference.lon[i] - lon) * mPerDegLon, (reference.lat[i] - lat) * METRES_PER_DEG_LAT_ROUNDED) <= radiusM) {
              near++;
              break search;
            }
          }
        }
      }
    }
    matches[crs] = near;
    shares[crs] = near / sample.length;
  }
  const ranked = (Object.keys(shares) as Crs[]).sort((a, b) => shares[b] - shares[a]);
  const [best, second] = ranked;
  // Strong evidence only: a clear winner that lines up a real share of the points.
  if (matches[best] < MIN_MATCHES || shares[best] < 0.05 || shares[best] < 2 * shares[second]) return null;
  return { crs: best, shares };
}
