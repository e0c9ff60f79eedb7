/**
 * Road networks published as GeoJSON lines (from QGIS, OSMnx exports or municipal data) become
 * the same node/way structure as OSM XML: lines that share a vertex are connected there.
 * Road class comes from `highway` (OSM style) or `fclass` (Geofabrik shapefiles), else 'road'.
 */
import { parseMaxspeed, parseOsmXml, type OsmRoads, type OsmWay } from './osmXml';

type Position = number[];

export function parseGeoJsonRoads(text: string): OsmRoads {
  let parsed: { type?: string; features?: { geometry?: { type: string; coordinates: unknown }; properties?: Record<string, unknown> | null }[] };
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new Error(`not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  if (parsed?.type !== 'FeatureCollection' || !Array.isArray(parsed.features)) throw new Error('not a GeoJSON FeatureCollection');
  const nodeIndex = new Map<number, number>();
  const byKey = new Map<string, number>();
  const lon: number[] = [];
  const lat: number[] = [];
  const nodeOf = (p: Position): number => {
    // Vertices equal to ~1 cm are the same junction.
    const key = `${p[0].toFixed(7)},${p[1].toFixed(7)}`;
    let id = byKey.get(key);
    if (id === undefined) {
      id = lon.length;
      byKey.set(key, id);
      nodeIndex.set(id, id);
      lon.push(p[0]);
      lat.push(p[1]);
    }
    return id;
  };
  const ways: OsmWay[] = [];
  for (const feature of parsed.features) {
    const geometry = feature?.geometry;
    const props = feature?.properties ?? {};
    const lines = geometry?.type === 'LineString' ? [geometry.coordinates as Position[]] : geometry?.type === 'MultiLineString' ? (geometry.coordinates as Position[][]) : [];
    const highway = String(props.highway ?? props.fclass ?? 'road');
    const onewayTag = String(props.oneway ?? 'no').toLowerCase();
    const oneway = onewayTag === 'yes' || onewayTag === 'true' || onewayTag === '1' || onewayTag === 'f' ? 'yes' : onewayTag === '-1' || onewayTag === 't' || onewayTag === 'reverse' ? 'reverse' : 'no';
    for (const line of lines) {
      const points = line.filter((p) => Array.isArray(p) && Number.isFinite(p[0]) && Number.isFinite(p[1]));
      if (points.length < 2) continue;
      ways.push({ nodes: points.map(nodeOf), highway, oneway, maxspeedKmh: parseMaxspeed(props.maxspeed === undefined ? undefined : String(props.maxspeed)) });
    }
  }
  if (ways.length === 0) throw new Error('no LineString features: a road network needs lines');
  return { nodeIndex, lon: Float64Array.from(lon), lat: Float64Array.from(lat), ways };
}

/** OSM XML or GeoJSON lines, told apart by their first character. */
export function parseRoadNetwork(text: string): OsmRoads {
  return text.trimStart().startsWith('{') ? parseGeoJsonRoads(text) : parseOsmXml(text);
}
