/** Point overlays (stations, charging points) and district labels, drawn in the display CRS. */
import { LAYER_IDS } from './layerIds';
import { ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { convertInterleavedInPlace, fromWgs84, type Crs } from '../geo/crs';
import type { EditableStation } from '../stations/stationEdits';

/** A station as the map draws it: the same record the station editor works on. */
export type StationPoint = EditableStation;

export interface ChargingPoints {
  length: number;
  positions: Float64Array;
}

export interface DistrictLabel {
  name: string;
  lon: number;
  lat: number;
}

/** Colours by station kind; distinct in hue and lightness so they survive colour-blindness. */
export const STATION_KIND_COLOURS: Record<string, [number, number, number]> = {
  会员之家: [0, 90, 181],
  司机之家: [0, 150, 136],
  爱心驿站: [120, 60, 170],
};
const OTHER_KIND: [number, number, number] = [80, 80, 80];

/** A one-character glyph per kind, drawn on the marker so kinds differ in shape, not only colour. */
export const STATION_KIND_GLYPHS: Record<string, string> = { 会员之家: '会', 司机之家: '司', 爱心驿站: '驿', 假设站点: '?' };

export function stationGlyph(kind: string): string {
  return STATION_KIND_GLYPHS[kind] ?? '站';
}

export function stationColour(kind: string): [number, number, number] {
  return STATION_KIND_COLOURS[kind] ?? OTHER_KIND;
}

export function stationsLayer(stations: StationPoint[], displayCrs: Crs, visible: boolean) {
  return new ScatterplotLayer<StationPoint>({
    id: LAYER_IDS.stations,
    visible,
    data: stations,
    getPosition: (s) => fromWgs84(displayCrs, s.lon, s.lat),
    getFillColor: (s) => stationColour(s.kind),
    getLineColor: [255, 255, 255],
    lineWidthMinPixels: 2,
    stroked: true,
    radiusUnits: 'pixels',
    getRadius: 9,
    pickable: true,
    updateTriggers: { getPosition: displayCrs },
  });
}

export function stationGlyphLayer(stations: StationPoint[], displayCrs: Crs, visible: boolean) {
  return new TextLayer<StationPoint>({
    id: LAYER_IDS.stationGlyphs,
    visible,
    data: stations,
    getPosition: (s) => fromWgs84(displayCrs, s.lon, s.lat),
    getText: (s) => stationGlyph(s.kind),
    getSize: 11,
    getColor: [255, 255, 255, 255],
    characterSet: 'auto',
    fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
    fontWeight: 700,
    updateTriggers: { getPosition: displayCrs },
  });
}

export function chargingLayer(points: ChargingPoints, visible: boolean) {
  return new ScatterplotLayer({
    id: LAYER_IDS.charging,
    visible,
    data: { length: points.length, attributes: { getPosition: { value: points.positions, size: 2 } } },
    getFillColor: [40, 40, 40, 150],
    radiusUnits: 'pixels',
    getRadius: 1.6,
    pickable: false,
  });
}

export function districtLabelLayer(labels: DistrictLabel[], displayCrs: Crs, visible: boolean) {
  return new TextLayer<DistrictLabel>({
    id: LAYER_IDS.districtLabels,
    visible,
    data: labels,
    getPosition: (d) => fromWgs84(displayCrs, d.lon, d.lat),
    getText: (d) => d.name,
    getSize: 14,
    getColor: [40, 52, 70, 230],
    characterSet: 'auto',
    fontFamily: '"Noto Sans CJK SC", "Noto Sans SC", "PingFang SC", "Microsoft YaHei", sans-serif',
    fontWeight: 600,
    outlineWidth: 3,
    outlineColor: [255, 255, 255, 220],
    fontSettings: { sdf: true },
    updateTriggers: { getPosition: displayCrs },
  });
}

/** A SQL result with coordinates, drawn as its own layer (binary positions from the Arrow columns). */
export function sqlResultLayer(positions: Float64Array, displayCrs: Crs, style: { colour: [number, number, number]; radius: number } = { colour: [0, 170, 90], radius: 3 }) {
  const shown = displayCrs === 'WGS84' ? positions : Float64Array.from(positions);
  if (displayCrs !== 'WGS84') convertInterleavedInPlace(shown, 'WGS84', displayCrs);
  return new ScatterplotLayer({
    id: LAYER_IDS.sqlResult,
    data: { length: shown.length / 2, attributes: { getPosition: { value: shown, size: 2 } } },
    getFillColor: [...style.colour, 220],
    radiusUnits: 'pixels',
    getRadius: style.radius,
    updateTriggers: { getFillColor: style.colour.join(), getRadius: style.radius },
  });
}
