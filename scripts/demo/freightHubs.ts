/**
 * Places in Guangzhou where freight vans and trucks gather: logistics parks, wholesale markets,
 * ports, airport cargo and industrial zones. Locations are APPROXIMATE (to a few hundred metres),
 * hand-placed in WGS-84 from public general knowledge; they only shape the synthetic demo data.
 * `popularity` is a relative weight; `nightShare` is the share of drivers serving it at night
 * (produce markets trade before dawn).
 */
export type HubKind = 'logistics' | 'wholesale' | 'port' | 'airport' | 'industrial' | 'urban';

export interface FreightHub {
  name: string;
  kind: HubKind;
  lon: number;
  lat: number;
  popularity: number;
  nightShare: number;
}

export const FREIGHT_HUBS: readonly FreightHub[] = [
  { name: '林安物流园（白云石井）', kind: 'logistics', lon: 113.226, lat: 23.225, popularity: 1.0, nightShare: 0.1 },
  { name: '江南果菜批发市场', kind: 'wholesale', lon: 113.262, lat: 23.197, popularity: 1.0, nightShare: 0.6 },
  { name: '流花服装批发（广州火车站）', kind: 'wholesale', lon: 113.258, lat: 23.15, popularity: 0.8, nightShare: 0.05 },
  { name: '沙河服装批发', kind: 'wholesale', lon: 113.318, lat: 23.16, popularity: 0.7, nightShare: 0.2 },
  { name: '中大布匹市场', kind: 'wholesale', lon: 113.292, lat: 23.098, popularity: 0.8, nightShare: 0.05 },
  { name: '芳村茶叶与花卉市场', kind: 'wholesale', lon: 113.238, lat: 23.082, popularity: 0.5, nightShare: 0.1 },
  { name: '黄埔港', kind: 'port', lon: 113.44, lat: 23.087, popularity: 0.6, nightShare: 0.2 },
  { name: '鱼珠物流', kind: 'logistics', lon: 113.43, lat: 23.105, popularity: 0.4, nightShare: 0.1 },
  { name: '南沙港', kind: 'port', lon: 113.64, lat: 22.75, popularity: 0.5, nightShare: 0.25 },
  { name: '白云机场物流园', kind: 'airport', lon: 113.305, lat: 23.385, popularity: 0.5, nightShare: 0.3 },
  { name: '太和物流（白云）', kind: 'logistics', lon: 113.35, lat: 23.27, popularity: 0.4, nightShare: 0.1 },
  { name: '广州南站 / 番禺大石物流', kind: 'logistics', lon: 113.275, lat: 23.0, popularity: 0.6, nightShare: 0.1 },
  { name: '番禺汽车城', kind: 'industrial', lon: 113.39, lat: 22.97, popularity: 0.3, nightShare: 0.05 },
  { name: '黄埔开发区（萝岗）', kind: 'industrial', lon: 113.48, lat: 23.17, popularity: 0.6, nightShare: 0.1 },
  { name: '增城新塘', kind: 'industrial', lon: 113.61, lat: 23.125, popularity: 0.4, nightShare: 0.05 },
  { name: '花都狮岭皮具城', kind: 'wholesale', lon: 113.155, lat: 23.45, popularity: 0.4, nightShare: 0.05 },
  { name: '广州北站物流（花都）', kind: 'logistics', lon: 113.2, lat: 23.38, popularity: 0.3, nightShare: 0.1 },
  { name: '从化明珠工业园', kind: 'industrial', lon: 113.55, lat: 23.54, popularity: 0.15, nightShare: 0.05 },
  { name: '天河棠下 / 车陂城配', kind: 'urban', lon: 113.385, lat: 23.13, popularity: 0.5, nightShare: 0.05 },
  { name: '琶洲会展', kind: 'urban', lon: 113.37, lat: 23.1, popularity: 0.3, nightShare: 0.05 },
];

/** Guangzhou's bounding box (WGS-84): no demo ping falls outside it. */
export const GUANGZHOU_BBOX = { minLon: 112.95, maxLon: 114.06, minLat: 22.51, maxLat: 23.94 } as const;
