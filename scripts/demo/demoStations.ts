/**
 * Synthetic union service stations for the demo. No public list of union stations with
 * coordinates exists, so these are made up: placed near some freight hubs and in district
 * centres, and deliberately NOT near some busy hubs (江南果菜批发市场, 中大布匹市场, 南沙港, 白云机场),
 * so the demo has coverage gaps to find. Every name carries （演示） and `synthetic = true`.
 */
import { FREIGHT_HUBS } from './freightHubs';
import { seededRandom } from './seededRandom';

export type StationKind = '会员之家' | '司机之家' | '爱心驿站';

export interface DemoStation {
  id: string;
  name: string;
  kind: StationKind;
  lon: number;
  lat: number;
  address: string;
  hours: string;
}

const HUBS_WITHOUT_STATION = new Set(['江南果菜批发市场', '中大布匹市场', '南沙港', '白云机场物流园']);

/** District-centre stations (approximate WGS-84), independent of hubs. */
const DISTRICT_CENTRES: [string, number, number][] = [
  ['越秀', 113.267, 23.129],
  ['荔湾', 113.244, 23.126],
  ['天河', 113.361, 23.125],
  ['海珠', 113.317, 23.084],
  ['白云', 113.273, 23.158],
  ['黄埔', 113.459, 23.106],
  ['番禺', 113.384, 22.938],
  ['花都', 113.22, 23.404],
  ['增城', 113.81, 23.261],
  ['从化', 113.586, 23.548],
  ['南沙', 113.525, 22.801],
];

const HOURS: Record<StationKind, string> = {
  会员之家: '周一至周五 9:00-18:00',
  司机之家: '每天 7:00-22:00',
  爱心驿站: '每天 8:00-20:00',
};

export function demoStations(seed = 20261116): DemoStation[] {
  const random = seededRandom(seed);
  const stations: DemoStation[] = [];
  const add = (name: string, kind: StationKind, lon: number, lat: number, address: string) => {
    stations.push({
      id: `DEMO-${String(stations.length + 1).padStart(3, '0')}`,
      name: `（演示）${name}${kind}`,
      kind,
      lon: Math.round(lon * 1e6) / 1e6,
      lat: Math.round(lat * 1e6) / 1e6,
      address: `${address}（虚构地址）`,
      hours: HOURS[kind],
    });
  };
  for (const hub of FREIGHT_HUBS) {
    if (HUBS_WITHOUT_STATION.has(hub.name)) continue;
    // 300–900 m from the hub, as a real station would sit at a nearby street corner.
    const angle = random() * 2 * Math.PI;
    const km = random.uniform(0.3, 0.9);
    const lon = hub.lon + (km * Math.cos(angle)) / 102.3;
    const lat = hub.lat + (km * Math.sin(angle)) / 111.2;
    add(hub.name.replace(/（.*?）/g, ''), random() < 0.6 ? '司机之家' : '爱心驿站', lon, lat, `${hub.name}附近`);
  }
  for (const [district, lon, lat] of DISTRICT_CENTRES) add(`${district}区总工会`, '会员之家', lon, lat, `${district}区`);
  return stations;
}

/** CSV text with the columns the app's `stations` table expects. */
export function demoStationsCsv(stations: DemoStation[]): string {
  const quote = (v: string) => (/[",\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v);
  const rows = stations.map((s) => [s.id, s.name, s.kind, s.lon.toFixed(6), s.lat.toFixed(6), s.address, s.hours, 'true'].map(quote).join(','));
  return ['id,name,kind,lon,lat,address,hours,synthetic', ...rows].join('\n') + '\n';
}
