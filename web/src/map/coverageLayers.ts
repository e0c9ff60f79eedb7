/** Reach rings around stations and the uncovered-demand (gap) hexagons. */
import { LAYER_IDS } from './layerIds';
import { ColumnLayer, GeoJsonLayer, ScatterplotLayer } from '@deck.gl/layers';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { convertGeometry } from '../geo/crs';
import { fromWgs84, type Crs } from '../geo/crs';
import type { CoverageGap } from '../coverage/coverageSummary';
import { unitHexagonVertices } from '../density/hexGrid';

export interface RingCentre {
  lon: number;
  lat: number;
  hypothetical: boolean;
}

export function reachRingsLayer(centres: RingCentre[], radiusM: number, displayCrs: Crs, visible: boolean) {
  return new ScatterplotLayer<RingCentre>({
    id: LAYER_IDS.reachRings,
    visible,
    data: centres,
    getPosition: (c) => fromWgs84(displayCrs, c.lon, c.lat),
    getRadius: radiusM,
    radiusUnits: 'meters',
    stroked: true,
    filled: true,
    getFillColor: (c) => (c.hypothetical ? [230, 120, 0, 40] : [0, 90, 181, 28]),
    getLineColor: (c) => (c.hypothetical ? [230, 120, 0, 220] : [0, 90, 181, 160]),
    lineWidthMinPixels: 1.5,
    updateTriggers: { getPosition: displayCrs },
  });
}

/** Purple by uncovered drivers: distinct from the density palette so gaps read as their own thing. */
const GAP_COLOURS: [number, number, number, number][] = [
  [218, 204, 234, 150],
  [188, 160, 215, 180],
  [150, 110, 190, 210],
  [110, 60, 160, 230],
  [73, 0, 106, 245],
];

export function gapColour(uncoveredDrivers: number, maxDrivers: number): [number, number, number, number] {
  const t = maxDrivers > 0 ? Math.sqrt(uncoveredDrivers / maxDrivers) : 0;
  return GAP_COLOURS[Math.min(GAP_COLOURS.length - 1, Math.floor(t * GAP_COLOURS.length))];
}

const HEX_VERTICES = unitHexagonVertices();

export function gapLayer(gaps: CoverageGap[], hexSizeM: number, displayCrs: Crs, visible: boolean) {
  const max = gaps.reduce((m, g) => Math.max(m, g.uncoveredDrivers), 0);
  return new ColumnLayer<CoverageGap>({
    id: LAYER_IDS.gaps,
    visible,
    data: gaps,
    getPosition: (g) => fromWgs84(displayCrs, g.lon, g.lat),
    getFillColor: (g) => gapColour(g.uncoveredDrivers, max),
    diskResolution: 6,
    vertices: HEX_VERTICES,
    radius: hexSizeM,
    coverage: 0.96,
    extruded: false,
    pickable: true,
    updateTriggers: { getFillColor: max, getPosition: displayCrs },
  });
}

/** The network isochrone: where the stations' reach actually extends along the roads. */
export function isochroneLayer(polygon: Feature<Polygon | MultiPolygon>, displayCrs: Crs) {
  const shifted = { ...polygon, geometry: convertGeometry(polygon.geometry, 'WGS84', displayCrs) };
  return new GeoJsonLayer({
    id: LAYER_IDS.isochrone,
    data: [shifted],
    filled: true,
    stroked: true,
    getFillColor: [0, 150, 136, 70],
    getLineColor: [0, 110, 100, 230],
    lineWidthMinPixels: 2,
  });
}
