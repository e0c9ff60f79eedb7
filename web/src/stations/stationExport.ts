/** Station list exports: CSV (UTF-8 with BOM so Excel shows Chinese) and GeoJSON, both WGS-84. */
import { toCsv } from '../export/csvWriter';
import type { EditableStation } from './stationEdits';

export function stationsToCsv(stations: EditableStation[]): string {
  return '\ufeff' + toCsv(['id', 'name', 'kind', 'lon', 'lat', 'address', 'hours'], stations.map((s) => [s.id, s.name, s.kind, s.lon, s.lat, s.address, s.hours]));
}

/**
 * Names stay exactly as the user typed them: GeoJSON is read by GIS tools, which do not evaluate
 * formulas, and a defusing apostrophe would change the stored name. The CSV is the spreadsheet file.
 */
export function stationsToGeoJson(stations: EditableStation[]): string {
  return JSON.stringify({
    type: 'FeatureCollection',
    features: stations.map(({ lon, lat, ...properties }) => ({ type: 'Feature', properties, geometry: { type: 'Point', coordinates: [lon, lat] } })),
  });
}
