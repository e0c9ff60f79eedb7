/**
 * deck.gl layers for driver density, fed binary attributes (typed arrays straight from Arrow
 * columns) rather than one object per cell, as deck.gl recommends for big data.
 */
import { LAYER_IDS } from './layerIds';
import { HeatmapLayer } from '@deck.gl/aggregation-layers';
import { ColumnLayer } from '@deck.gl/layers';
import { DENSITY_PALETTE } from '../density/colorScale';
import type { HeatCells, HexCells } from '../density/cellTypes';
import { unitHexagonVertices } from '../density/hexGrid';

export function heatmapLayer(cells: HeatCells, visible: boolean) {
  return new HeatmapLayer({
    id: LAYER_IDS.heatmap,
    visible,
    data: {
      length: cells.length,
      attributes: {
        getPosition: { value: cells.positions, size: 2 },
        getWeight: { value: cells.weights, size: 1 },
      },
    },
    radiusPixels: 28,
    intensity: 1.2,
    threshold: 0.04,
    aggregation: 'SUM',
    colorRange: DENSITY_PALETTE.map(([r, g, b]) => [r, g, b]),
    // Re-aggregation on every filter change would otherwise rescale the colours each time.
    updateTriggers: { getWeight: cells.maxWeight },
  });
}

const HEX_VERTICES = unitHexagonVertices();

export function hexagonLayer(cells: HexCells, visible: boolean) {
  return new ColumnLayer({
    id: LAYER_IDS.hexagons,
    visible,
    data: {
      length: cells.length,
      attributes: {
        getPosition: { value: cells.centres, size: 2 },
        getFillColor: { value: cells.colours, size: 4, normalized: true },
      },
    },
    diskResolution: 6,
    vertices: HEX_VERTICES,
    radius: cells.sizeM,
    coverage: 0.96,
    extruded: false,
    pickable: true,
    autoHighlight: true,
    highlightColor: [30, 60, 120, 120],
  });
}
