/**
 * Turns aggregate query results (Arrow columns as typed arrays) into the binary cell buffers the
 * density layers draw, shifted to the display CRS. One pass per column; no object per cell.
 */
import { convertInterleavedInPlace, type Crs } from '../geo/crs';
import { colourValues, quantileBreaks } from './colorScale';
import { hexCentresInterleaved, interleaveLonLat } from './densityQueries';
import type { HeatCells, HexCells } from './cellTypes';

export type DensityMetric = 'pings' | 'drivers';

/**
 * Heat cells with square-root weights: drivers dwelling at a few big hubs would otherwise saturate
 * the colour ramp and hide the spread of demand across the city. `maxWeight` stays in pings.
 */
export function heatCellsFrom(lon: Float64Array, lat: Float64Array, weight: Float64Array, displayCrs: Crs): HeatCells {
  const positions = interleaveLonLat(lon, lat);
  convertInterleavedInPlace(positions, 'WGS84', displayCrs);
  let maxWeight = 0;
  const weights = new Float32Array(weight.length);
  for (let i = 0; i < weight.length; i++) {
    if (weight[i] > maxWeight) maxWeight = weight[i];
    weights[i] = Math.sqrt(Math.max(0, weight[i]));
  }
  return { length: lon.length, positions, weights, maxWeight };
}

export interface HexColumns {
  q: Int32Array;
  r: Int32Array;
  pings: Int32Array;
  drivers: Int32Array;
  memberDrivers: Int32Array;
}

export function hexCellsFrom(
  columns: HexColumns,
  sizeM: number,
  metric: DensityMetric,
  displayCrs: Crs,
  districtIndexOf: (lonLat: Float64Array) => Int16Array,
): HexCells {
  const centresWgs = hexCentresInterleaved(columns.q, columns.r, sizeM);
  const districtIndex = districtIndexOf(centresWgs);
  const centres = Float64Array.from(centresWgs);
  convertInterleavedInPlace(centres, 'WGS84', displayCrs);
  const values = metric === 'pings' ? columns.pings : columns.drivers;
  const breaks = quantileBreaks(values);
  return {
    length: columns.q.length,
    centres,
    colours: colourValues(values, breaks),
    pings: columns.pings,
    drivers: columns.drivers,
    memberDrivers: columns.memberDrivers,
    districtIndex,
    breaks,
    sizeM,
  };
}
