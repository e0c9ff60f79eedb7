/**
 * Road network files in the three shapes users bring (OSM XML, OSM PBF, GeoJSON lines), told
 * apart by their bytes rather than their names: downloads get renamed, and `.osm` is used for both
 * XML and PBF.
 */
import { parseRoadNetwork } from './geojsonRoads';
import { isOsmPbf, parseOsmPbf } from './osmPbf';
import type { OsmRoads } from './osmXml';

export type RoadFile = { format: 'pbf'; bytes: Uint8Array } | { format: 'text'; text: string };

/** Decompressed file bytes → what the parser needs. */
export function roadFileOf(bytes: Uint8Array): RoadFile {
  return isOsmPbf(bytes) ? { format: 'pbf', bytes } : { format: 'text', text: new TextDecoder().decode(bytes) };
}

export function parseRoadFile(file: RoadFile): OsmRoads {
  return file.format === 'pbf' ? parseOsmPbf(file.bytes) : parseRoadNetwork(file.text);
}

/** Names of OSM extracts (`.osm`, `.osm.pbf`, `.pbf`, `.osm.xml`, gzipped or not): road networks, not points. */
export function isRoadNetworkName(name: string): boolean {
  return /\.(osm|pbf|osm\.xml)(\.gz)?$/i.test(name);
}
