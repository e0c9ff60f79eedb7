/**
 * GeoJSON point layers (station lists, venues) become CSV text with their properties as columns
 * plus `lon` and `lat`, so they go through the same mapping dialog and checks as any CSV.
 * GeoJSON is WGS-84 by specification, but Chinese sources often publish GCJ-02: the dialog asks.
 */
import { toCsv } from '../export/csvWriter';
import { ImportError } from './prepareImport';

interface Feature {
  type: 'Feature';
  geometry: { type: string; coordinates: unknown } | null;
  properties: Record<string, unknown> | null;
}

export function isGeoJsonName(fileName: string): boolean {
  return /\.(geo)?json$/i.test(fileName);
}

export function geojsonPointsToCsv(fileName: string, text: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new ImportError(fileName, `not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
  }
  const collection = parsed as { type?: string; features?: Feature[] };
  const features: Feature[] =
    collection?.type === 'FeatureCollection' && Array.isArray(collection.features)
      ? collection.features
      : collection?.type === 'Feature'
        ? [collection as unknown as Feature]
        : [];
  if (features.length === 0) throw new ImportError(fileName, 'not a GeoJSON FeatureCollection with features');
  const points: { properties: Record<string, unknown>; lon: unknown; lat: unknown }[] = [];
  for (const feature of features) {
    const geometry = feature?.geometry;
    const properties = feature?.properties ?? {};
    if (geometry?.type === 'Point' && Array.isArray(geometry.coordinates)) {
      points.push({ properties, lon: geometry.coordinates[0], lat: geometry.coordinates[1] });
    } else if (geometry?.type === 'MultiPoint' && Array.isArray(geometry.coordinates)) {
      for (const c of geometry.coordinates as unknown[][]) points.push({ properties, lon: c?.[0], lat: c?.[1] });
    }
  }
  if (points.length === 0) {
    const types = [...new Set(features.map((f) => f?.geometry?.type ?? 'none'))].join(', ');
    throw new ImportError(fileName, `${features.length} features, but none is a Point (found: ${types}); road networks are imported with the coverage tools`);
  }
  const keys: string[] = [];
  for (const p of points.slice(0, 1000)) for (const key of Object.keys(p.properties)) if (!keys.includes(key) && key !== 'lon' && key !== 'lat') keys.push(key);
  const cell = (v: unknown) => (v !== null && typeof v === 'object' ? JSON.stringify(v) : v);
  return toCsv([...keys, 'lon', 'lat'], points.map((p) => [...keys.map((k) => cell(p.properties[k])), p.lon, p.lat]));
}
