/**
 * Reads road networks from OSM XML (as Overpass or JOSM export it): node coordinates and the ways
 * tagged `highway`, with the tags routing needs. A streaming-friendly regex scan rather than a DOM,
 * so it runs in a worker and in Node, on files of tens of MB.
 */
export interface OsmWay {
  nodes: number[];
  highway: string;
  oneway: 'yes' | 'no' | 'reverse';
  maxspeedKmh: number | null;
}

export interface OsmRoads {
  /** Node id → index into lon/lat. */
  nodeIndex: Map<number, number>;
  lon: Float64Array;
  lat: Float64Array;
  ways: OsmWay[];
}

const NODE = /<node\b([^>]*?)(\/?)>/g;
const ATTR = /(\w+)="([^"]*)"/g;
const WAY = /<way\b[^>]*>([\s\S]*?)<\/way>/g;
const ND = /<nd ref="(-?\d+)"/g;
const TAG = /<tag k="([^"]*)" v="([^"]*)"/g;

function attributes(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(ATTR)) out[m[1]] = m[2];
  return out;
}

/** "50", "50 km/h", "30 mph" → km/h; anything else → null. */
export function parseMaxspeed(value: string | undefined): number | null {
  if (!value) return null;
  const m = /^(\d+(?:\.\d+)?)\s*(mph|km\/h|kmh)?$/.exec(value.trim());
  if (!m) return null;
  const n = Number(m[1]);
  return m[2] === 'mph' ? n * 1.609344 : n;
}

/** Direction of travel from OSM's `oneway` and `junction` tags (roundabouts are one-way). */
export function onewayOf(oneway: string | undefined, junction: string | undefined): OsmWay['oneway'] {
  if (oneway === '-1' || oneway === 'reverse') return 'reverse';
  return oneway === 'yes' || oneway === 'true' || oneway === '1' || junction === 'roundabout' ? 'yes' : 'no';
}

export function parseOsmXml(xml: string): OsmRoads {
  if (!/<osm\b/.test(xml)) throw new Error('not OSM XML: no <osm> element');
  const ids: number[] = [];
  const lons: number[] = [];
  const lats: number[] = [];
  for (const m of xml.matchAll(NODE)) {
    const a = attributes(m[1]);
    if (a.id === undefined || a.lat === undefined || a.lon === undefined) continue;
    ids.push(Number(a.id));
    lons.push(Number(a.lon));
    lats.push(Number(a.lat));
  }
  const nodeIndex = new Map<number, number>();
  ids.forEach((id, i) => nodeIndex.set(id, i));
  const ways: OsmWay[] = [];
  for (const m of xml.matchAll(WAY)) {
    const body = m[1];
    const tags: Record<string, string> = {};
    for (const t of body.matchAll(TAG)) tags[t[1]] = t[2];
    if (!tags.highway) continue;
    const nodes = [...body.matchAll(ND)].map((n) => Number(n[1])).filter((id) => nodeIndex.has(id));
    if (nodes.length < 2) continue;
    ways.push({ nodes, highway: tags.highway, oneway: onewayOf(tags.oneway, tags.junction), maxspeedKmh: parseMaxspeed(tags.maxspeed) });
  }
  return { nodeIndex, lon: Float64Array.from(lons), lat: Float64Array.from(lats), ways };
}
