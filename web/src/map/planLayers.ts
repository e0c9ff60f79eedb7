/**
 * The enrolment-drive plan on the map: numbered site markers over their reach circles, and the
 * areas where no drive may be held (with the one being drawn). Colours are chosen apart from
 * the density (warm), gap (purple) and station palettes: drives are dark teal with white numbers.
 */
import { LAYER_IDS } from './layerIds';
import { PathLayer, PolygonLayer, ScatterplotLayer, TextLayer } from '@deck.gl/layers';
import { fromWgs84, type Crs } from '../geo/crs';
import type { PlannedSite } from '../planner/planModel';

const DRIVE_COLOUR: [number, number, number] = [0, 109, 119];

export function planLayers(sites: PlannedSite[], radiusM: number, displayCrs: Crs, selectedRank: number | null) {
  const position = (s: PlannedSite) => fromWgs84(displayCrs, s.lon, s.lat);
  return [
    new ScatterplotLayer<PlannedSite>({
      id: LAYER_IDS.planReach,
      data: sites,
      getPosition: position,
      getRadius: radiusM,
      radiusUnits: 'meters',
      stroked: true,
      filled: true,
      getFillColor: (s) => [...DRIVE_COLOUR, s.rank === selectedRank ? 60 : 22],
      getLineColor: [...DRIVE_COLOUR, 200],
      lineWidthMinPixels: 1.5,
      updateTriggers: { getPosition: displayCrs, getFillColor: selectedRank },
    }),
    new ScatterplotLayer<PlannedSite>({
      id: LAYER_IDS.planSites,
      data: sites,
      pickable: true,
      getPosition: position,
      getRadius: 11,
      radiusUnits: 'pixels',
      stroked: true,
      getFillColor: (s) => (s.rank === selectedRank ? [230, 120, 0, 255] : [...DRIVE_COLOUR, 255]),
      getLineColor: [255, 255, 255, 255],
      lineWidthMinPixels: 2,
      updateTriggers: { getPosition: displayCrs, getFillColor: selectedRank },
    }),
    new TextLayer<PlannedSite>({
      id: LAYER_IDS.planRanks,
      data: sites,
      getPosition: position,
      getText: (s) => String(s.rank),
      getSize: 13,
      getColor: [255, 255, 255, 255],
      fontFamily: 'sans-serif',
      fontWeight: 700,
      characterSet: '0123456789',
      updateTriggers: { getPosition: displayCrs },
    }),
  ];
}

/** Excluded areas (closed rings) and the ring being drawn (open, with its vertices). */
export function exclusionLayers(areas: [number, number][][], drawing: [number, number][], displayCrs: Crs) {
  const toDisplay = (ring: [number, number][]) => ring.map(([lon, lat]) => fromWgs84(displayCrs, lon, lat));
  return [
    new PolygonLayer<[number, number][]>({
      id: LAYER_IDS.exclusions,
      data: areas,
      getPolygon: toDisplay,
      getFillColor: [120, 120, 120, 70],
      getLineColor: [60, 60, 60, 220],
      lineWidthMinPixels: 2,
      stroked: true,
      updateTriggers: { getPolygon: displayCrs },
    }),
    new PathLayer<[number, number][]>({
      id: LAYER_IDS.exclusionDrawing,
      data: drawing.length > 0 ? [drawing] : [],
      getPath: toDisplay,
      getColor: [60, 60, 60, 255],
      getWidth: 2,
      widthUnits: 'pixels',
      updateTriggers: { getPath: displayCrs },
    }),
    new ScatterplotLayer<[number, number]>({
      id: LAYER_IDS.exclusionVertices,
      data: drawing,
      getPosition: ([lon, lat]) => fromWgs84(displayCrs, lon, lat),
      getRadius: 4,
      radiusUnits: 'pixels',
      getFillColor: [60, 60, 60, 255],
      updateTriggers: { getPosition: displayCrs },
    }),
  ];
}
