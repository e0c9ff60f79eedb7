/**
 * The optional online basemap. Off by default: the app is fully offline and draws its own
 * basemap from shipped boundaries. A deployment that has a tile service sets, at build time,
 *   VITE_BASEMAP_URL   a raster tile template ({z}/{x}/{y})
 *   VITE_BASEMAP_CRS   'WGS84' (default) or 'GCJ02' — Chinese providers draw in GCJ-02, and then
 *                      every overlay is shifted to GCJ-02 at draw time (tables stay WGS-84).
 * The build adds that URL's origin, and only it, to the Content-Security-Policy.
 */
import type { Crs } from '../geo/crs';

export interface BasemapConfig {
  url: string;
  kind: 'raster';
  crs: Crs;
  attribution: string;
}

export function parseBasemapConfig(env: Record<string, string | undefined>): BasemapConfig | null {
  const url = env.VITE_BASEMAP_URL?.trim();
  if (!url) return null;
  let parsed: URL;
  try {
    parsed = new URL(url.replace(/\{[a-z]\}/g, '0'));
  } catch {
    throw new Error(`VITE_BASEMAP_URL is not a URL: ${url}`);
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') throw new Error(`VITE_BASEMAP_URL must be http(s): ${url}`);
  // Only raster tiles for now: a remote vector style would also need its glyphs and sprites allowed.
  const kind = (env.VITE_BASEMAP_KIND ?? 'raster').trim();
  if (kind !== 'raster') throw new Error(`VITE_BASEMAP_KIND must be 'raster' (vector styles are not supported yet), not '${kind}'`);
  const crs = (env.VITE_BASEMAP_CRS ?? 'WGS84').trim().toUpperCase().replace('-', '');
  if (crs !== 'WGS84' && crs !== 'GCJ02') throw new Error(`VITE_BASEMAP_CRS must be WGS84 or GCJ02, not '${crs}'`);
  return { url, kind, crs, attribution: env.VITE_BASEMAP_ATTRIBUTION ?? parsed.host };
}

export function basemapOrigin(config: BasemapConfig | null): string[] {
  if (!config) return [];
  return [new URL(config.url.replace(/\{[a-z]\}/g, '0')).origin];
}

/** The CRS overlays must be drawn in: the basemap's, or WGS-84 when we draw our own. */
export function displayCrs(config: BasemapConfig | null): Crs {
  return config?.crs ?? 'WGS84';
}
