/**
 * Simulates a week of freight-driver pings: each driver has a home, favourite hubs, nearby
 * chargers, a shift pattern and a ping interval, and spends each working day alternating
 * between driving and dwelling. Output is columnar typed arrays — never an object per ping.
 */
import { FREIGHT_HUBS, GUANGZHOU_BBOX, type FreightHub } from './freightHubs';
import { DAY_SHIFT, DWELL_MINUTES, NIGHT_SHIFT, TRAVEL_SPEED_KMH, WORK_PROBABILITY_BY_WEEKDAY } from './rhythm';
import { seededRandom, type Random } from './seededRandom';
import { KM_PER_DEG_LAT_DEMO } from '../../web/src/geo/earth';

export interface SimulationConfig {
  seed: number;
  drivers: number;
  /** Local midnight of the Monday the week starts, as epoch ms of the wall-clock time read as UTC. */
  weekStartMs: number;
  days: number;
  chargers: { lon: Float64Array; lat: Float64Array };
  hubs?: readonly FreightHub[];
  memberShare?: number;
}

export interface PingColumns {
  length: number;
  driverId: Int32Array;
  tsMs: Float64Array;
  lon: Float64Array;
  lat: Float64Array;
  weight: Float32Array;
  member: Uint8Array;
}

const MINUTE = 60_000;
const KM_PER_DEG_LAT = KM_PER_DEG_LAT_DEMO;
const KM_PER_DEG_LON = KM_PER_DEG_LAT_DEMO * Math.cos((23.1 * Math.PI) / 180);

/** Growable columns so the generator never holds one object per ping. */
class ColumnBuilder {
  length = 0;
  private capacity = 1 << 16;
  driverId = new Int32Array(this.capacity);
  tsMs = new Float64Array(this.capacity);
  lon = new Float64Array(this.capacity);
  lat = new Float64Array(this.capacity);
  member = new Uint8Array(this.capacity);

  push(driver: number, ts: number, lon: number, lat: number, member: boolean): void {
    if (this.length === this.capacity) this.grow();
    const i = this.length++;
    this.driverId[i] = driver;
    this.tsMs[i] = ts;
    this.lon[i] = Math.round(lon * 1e6) / 1e6;
    this.lat[i] = Math.round(lat * 1e6) / 1e6;
    this.member[i] = member ? 1 : 0;
  }

  private grow(): void {
    this.capacity *= 2;
    const grow = <T extends Int32Array | Float64Array | Uint8Array>(a: T): T => {
      const b = new (a.constructor as new (n: number) => T)(this.capacity);
      b.set(a);
      return b;
    };
    this.driverId = grow(this.driverId);
    this.tsMs = grow(this.tsMs);
    this.lon = grow(this.lon);
    this.lat = grow(this.lat);
    this.member = grow(this.member);
  }

  build(): PingColumns {
    const n = this.length;
    return {
      length: n,
      driverId: this.driverId.slice(0, n),
      tsMs: this.tsMs.slice(0, n),
      lon: this.lon.slice(0, n),
      lat: this.lat.slice(0, n),
      weight: new Float32Array(n).fill(1),
      member: this.member.slice(0, n),
    };
  }
}

interface Place {
  lon: number;
  lat: number;
  kind: 'hub' | 'charger' | 'delivery';
}

function insideGuangzhou(lon: number, lat: number): boolean {
  return lon >= GUANGZHOU_BBOX.minLon && lon <= GUANGZHOU_BBOX.maxLon && lat >= GUANGZHOU_BBOX.minLat && lat <= GUANGZHOU_BBOX.maxLat;
}

/** A point offset from (lon, lat) by a normal scatter of `sdKm` kilometres. */
function scatter(random: Random, lon: number, lat: number, sdKm: number): [number, number] {
  return [lon + random.normal(0, sdKm) / KM_PER_DEG_LON, lat + random.normal(0, sdKm) / KM_PER_DEG_LAT];
}

function distanceKm(a: { lon: number; lat: number }, b: { lon: number; lat: number }): number {
  return Math.hypot((a.lon - b.lon) * KM_PER_DEG_LON, (a.lat - b.lat) * KM_PER_DEG_LAT);
}

function nearestChargers(chargers: SimulationConfig['chargers'], lon: number, lat: number, count: number): Place[] {
  const best: { d: number; i: number }[] = [];
  for (let i = 0; i < chargers.lon.length; i++) {
    const d = Math.hypot((chargers.lon[i] - lon) * KM_PER_DEG_LON, (chargers.lat[i] - lat) * KM_PER_DEG_LAT);
    if (best.length < count || d < best[best.length - 1].d) {
      best.push({ d, i });
      best.sort((a, b) => a.d - b.d);
      if (best.length > count) best.pop();
    }
  }
  return best.map(({ i }) => ({ lon: chargers.lon[i], lat: chargers.lat[i], kind: 'charger' as const }));
}

export function simulateDrivers(config: SimulationConfig): PingColumns {
  const random = seededRandom(config.seed);
  const hubs = config.hubs ?? FREIGHT_HUBS;
  const hubWeights = hubs.map((h) => h.popularity);
  const memberShare = config.memberShare ?? 0.12;
  const out = new ColumnBuilder();

  for (let driver = 1; driver <= config.drivers; driver++) {
    const member = random() < memberShare;
    const favourite = hubs[random.weightedIndex(hubWeights)];
    const nightWorker = random() < favourite.nightShare;
    const favourites: Place[] = [{ lon: favourite.lon, lat: favourite.lat, kind: 'hub' }];
    const extraHubs = random.int(1, 4);
    for (let k = 0; k < extraHubs; k++) {
      const hub = hubs[random.weightedIndex(hubWeights)];
      favourites.push({ lon: hub.lon, lat: hub.lat, kind: 'hub' });
    }
    let [homeLon, homeLat] = scatter(random, favourite.lon, favourite.lat, 4);
    if (!insideGuangzhou(homeLon, homeLat)) [homeLon, homeLat] = [favourite.lon, favourite.lat];
    const home: Place = { lon: homeLon, lat: homeLat, kind: 'delivery' };
    const chargers = config.chargers.lon.length ? nearestChargers(config.chargers, homeLon, homeLat, 3) : [];
    const diligence = random.uniform(0.8, 1.05);
    const pingEveryMin = random.uniform(6, 12);
    const shift = nightWorker ? NIGHT_SHIFT : DAY_SHIFT;
    const usualStart = random.normal(shift.startMean, shift.startSd);

    for (let day = 0; day < config.days; day++) {
      const isoWeekday = (day % 7) + 1;
      if (random() > WORK_PROBABILITY_BY_WEEKDAY[isoWeekday] * diligence) continue;
      const startMs = config.weekStartMs + day * 86_400_000 + (usualStart + random.normal(0, 0.4)) * 3_600_000;
      const endMs = startMs + Math.max(4, random.normal(shift.lengthMean, shift.lengthSd)) * 3_600_000;
      const weekEndMs = config.weekStartMs + config.days * 86_400_000;
      let t = startMs;
      let here: Place = home;
      let nextPing = t + random.uniform(0, pingEveryMin) * MINUTE;
      const emitUntil = (until: number, at: (ts: number) => [number, number]) => {
        while (nextPing < until && nextPing < weekEndMs) {
          const [lon, lat] = at(nextPing);
          if (insideGuangzhou(lon, lat)) out.push(driver, Math.round(nextPing), lon, lat, member);
          nextPing += pingEveryMin * MINUTE * random.uniform(0.7, 1.3);
        }
      };
      while (t < endMs) {
        const roll = random();
        let next: Place;
        if (roll < 0.55) next = favourites[random.int(0, favourites.length)];
        else if (roll < 0.75 && chargers.length) next = chargers[random.int(0, chargers.length)];
        else {
          const anchor = favourites[random.int(0, favourites.length)];
          const [lon, lat] = scatter(random, anchor.lon, anchor.lat, 6);
          next = { lon, lat, kind: 'delivery' };
          if (!insideGuangzhou(lon, lat)) next = anchor;
        }
        // Drive there: positions interpolated along the straight line with GPS noise.
        const from = here;
        const driveMs = (distanceKm(from, next) / TRAVEL_SPEED_KMH) * 3_600_000 * random.uniform(1.1, 1.5);
        const departed = t;
        emitUntil(t + driveMs, (ts) => {
          const f = Math.min(1, (ts - departed) / Math.max(driveMs, 1));
          return scatter(random, from.lon + (next.lon - from.lon) * f, from.lat + (next.lat - from.lat) * f, 0.05);
        });
        t += driveMs;
        // Dwell: loading, waiting, charging — the places where union staff can meet drivers.
        const [minDwell, maxDwell] = DWELL_MINUTES[next.kind];
        const dwellMs = random.uniform(minDwell, maxDwell) * MINUTE;
        emitUntil(t + dwellMs, () => scatter(random, next.lon, next.lat, 0.04));
        t += dwellMs;
        here = next;
      }
    }
  }
  return out.build();
}

/** Row order by timestamp (then driver), as the Parquet file stores it. */
export function orderByTime(columns: PingColumns): Uint32Array {
  const order = new Uint32Array(columns.length);
  for (let i = 0; i < order.length; i++) order[i] = i;
  order.sort((a, b) => columns.tsMs[a] - columns.tsMs[b] || columns.driverId[a] - columns.driverId[b]);
  return order;
}

export function reorder(columns: PingColumns, order: Uint32Array): PingColumns {
  const pick = <T extends Int32Array | Float64Array | Float32Array | Uint8Array>(a: T): T => {
    const b = new (a.constructor as new (n: number) => T)(order.length);
    for (let i = 0; i < order.length; i++) b[i] = a[order[i]];
    return b;
  };
  return {
    length: columns.length,
    driverId: pick(columns.driverId),
    tsMs: pick(columns.tsMs),
    lon: pick(columns.lon),
    lat: pick(columns.lat),
    weight: pick(columns.weight),
    member: pick(columns.member),
  };
}
