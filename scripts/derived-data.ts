/**
 * Build-time derived data: WGS-84 admin boundaries made from the GCJ-02 DataV exports.
 *
 * We ship the DataV files as downloaded (so their provenance stays checkable) and convert them at
 * build time with the tested converter in web/src/geo, rather than storing a second, hand-made
 * copy that could drift from either. The Vite build calls {@link derivedDataFiles}; running
 *
 *   npx tsx scripts/derived-data.ts --out some/dir
 *
 * writes the same files to a directory for inspection.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import {
  convertFeatureCollection,
  slimDistrictFeatures,
  type Feature,
  type FeatureCollection,
} from '../web/src/geo/boundaries';
import type { PolygonalGeometry } from '../web/src/geo/polygons';

/** Derived file (path under data/) → the DataV GCJ-02 source it is made from (path under data/). */
export const DERIVED_BOUNDARY_SOURCES: Readonly<Record<string, string>> = {
  'boundaries/guangzhou_districts.wgs84.geojson': 'gz-admin/guangzhou_districts_440100_datav_v3.geojson',
  'boundaries/guangdong_cities.wgs84.geojson': 'gd-admin/guangdong_cities_440000_datav_v3.geojson',
};

/** 6 decimals ≈ 0.1 m, the precision of the DataV source: further digits would only be noise. */
const COORDINATE_DECIMALS = 6;

function roundCoordinate(value: number): number {
  const scale = 10 ** COORDINATE_DECIMALS;
  return Math.round(value * scale) / scale;
}

function roundPositions(coords: unknown): unknown {
  if (typeof coords === 'number') return roundCoordinate(coords);
  return (coords as unknown[]).map(roundPositions);
}

function roundGeometry(geometry: PolygonalGeometry): PolygonalGeometry {
  return { ...geometry, coordinates: roundPositions(geometry.coordinates) } as PolygonalGeometry;
}

/** One feature per line: small, and readable in a diff or a pager. */
function serialise(collection: FeatureCollection): string {
  const features = collection.features.map((feature) => JSON.stringify(feature));
  return `{"type":"FeatureCollection","features":[\n${features.join(',\n')}\n]}\n`;
}

/** GCJ-02 DataV collection text → slim WGS-84 collection text, coordinates rounded to 6 decimals. */
export function deriveWgs84Boundaries(dataVGeoJson: string): string {
  const source = JSON.parse(dataVGeoJson) as FeatureCollection<PolygonalGeometry, Record<string, unknown>>;
  if (source.type !== 'FeatureCollection') throw new Error(`expected a FeatureCollection, got ${String(source.type)}`);
  const wgs84 = convertFeatureCollection(source, 'GCJ02', 'WGS84');
  // Round before choosing label points, so each label is checked against the geometry we ship.
  const rounded = {
    ...wgs84,
    features: wgs84.features.map((f) => ({ ...f, geometry: f.geometry && roundGeometry(f.geometry) })),
  };
  const slim = slimDistrictFeatures(rounded, 'GCJ02');
  return serialise({
    type: 'FeatureCollection',
    features: slim.features.map(
      (feature): Feature => ({
        ...feature,
        properties: {
          ...feature.properties,
          labelLon: roundCoordinate(feature.properties.labelLon),
          labelLat: roundCoordinate(feature.properties.labelLat),
        },
      }),
    ),
  });
}

/** Derived file contents keyed by path under `data/`, e.g. `boundaries/guangzhou_districts.wgs84.geojson`. */
export function derivedDataFiles(repoRoot: string): Record<string, string> {
  const files: Record<string, string> = {};
  for (const [derivedPath, sourcePath] of Object.entries(DERIVED_BOUNDARY_SOURCES)) {
    files[derivedPath] = deriveWgs84Boundaries(readFileSync(join(repoRoot, 'data', sourcePath), 'utf8'));
  }
  return files;
}

function main(argv: string[]): void {
  const outIndex = argv.indexOf('--out');
  const outDir = outIndex >= 0 ? argv[outIndex + 1] : undefined;
  if (outDir === undefined || outDir.startsWith('--')) {
    console.error('usage: npx tsx scripts/derived-data.ts --out <dir>');
    process.exit(2);
  }
  const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
  for (const [path, text] of Object.entries(derivedDataFiles(repoRoot))) {
    const target = join(resolve(outDir), path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text);
    console.log(`${target}  ${text.length.toLocaleString('en')} bytes`);
  }
}

// Run only when executed directly, not when imported by the Vite plugin or a test.
if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
