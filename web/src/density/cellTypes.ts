/** The density display modes and the binary cell buffers their layers draw (typed arrays, no object per cell). */

export type DensityMode = 'heatmap' | 'hexagons';

export interface HeatCells {
  length: number;
  /** Interleaved lon/lat in the display CRS. */
  positions: Float64Array;
  weights: Float32Array;
  maxWeight: number;
}

export interface HexCells {
  length: number;
  centres: Float64Array;
  colours: Uint8Array;
  /** The measure the colours encode (pings or drivers), for tooltips. */
  pings: Int32Array;
  drivers: Int32Array;
  memberDrivers: Int32Array;
  districtIndex: Int16Array;
  breaks: number[];
  sizeM: number;
}
