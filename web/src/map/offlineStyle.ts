/**
 * A MapLibre style built only from data we ship: Guangdong's cities as context and Guangzhou's
 * districts, no remote tiles, sprites or glyphs (labels are drawn by deck.gl's TextLayer from
 * the browser's own fonts). With an online basemap configured, its raster tiles sit underneath.
 */
import type { StyleSpecification } from 'maplibre-gl';
import type { BasemapConfig } from './basemapConfig';

export const GUANGZHOU_VIEW = { center: [113.42, 23.2] as [number, number], zoom: 8.6 };

export const BASEMAP_COLOURS = {
  sea: '#d9e6ef',
  land: '#f4f2ee',
  cityFill: '#ebe8e2',
  cityLine: '#b9b2a6',
  districtFill: '#fbfaf7',
  districtLine: '#6b7c8f',
};

export function offlineStyle(
  districts: GeoJSON.FeatureCollection,
  cities: GeoJSON.FeatureCollection,
  basemap: BasemapConfig | null,
): StyleSpecification {
  const style: StyleSpecification = {
    version: 8,
    name: 'outreach-atlas-offline',
    sources: {
      cities: { type: 'geojson', data: cities },
      districts: { type: 'geojson', data: districts },
    },
    layers: [{ id: 'background', type: 'background', paint: { 'background-color': BASEMAP_COLOURS.sea } }],
  };
  if (basemap?.kind === 'raster') {
    style.sources.basemap = { type: 'raster', tiles: [basemap.url], tileSize: 256, attribution: basemap.attribution };
    style.layers.push({ id: 'basemap', type: 'raster', source: 'basemap' });
  } else {
    style.layers.push(
      { id: 'city-fill', type: 'fill', source: 'cities', paint: { 'fill-color': BASEMAP_COLOURS.cityFill } },
      { id: 'district-fill', type: 'fill', source: 'districts', paint: { 'fill-color': BASEMAP_COLOURS.districtFill } },
    );
  }
  style.layers.push(
    { id: 'city-line', type: 'line', source: 'cities', paint: { 'line-color': BASEMAP_COLOURS.cityLine, 'line-width': 1 } },
    {
      id: 'district-line',
      type: 'line',
      source: 'districts',
      paint: { 'line-color': BASEMAP_COLOURS.districtLine, 'line-width': 1.2, 'line-dasharray': [3, 2] },
    },
  );
  return style;
}
