/**
 * What the solver counts. With pings or heat weight, a unit is a demand cell and its weight.
 * With drivers, a unit is one driver: a site reaches a driver when any of the driver's pings in
 * the chosen hours falls in a cell within its reach. Summing "distinct drivers per cell" instead
 * would count a driver once for every cell they pass through and favour places drivers roam,
 * not places many different drivers come; with drivers as units the solver's gain is exactly
 * the number of new drivers a drive adds.
 */
import type { Csr } from './coverSets';

export interface DemandUnits {
  weights: Float64Array;
  /** Cell c holds units cellItems[cellStarts[c] .. cellStarts[c + 1]). */
  cellStarts: Uint32Array;
  cellItems: Uint32Array;
}

/** One unit per cell, weighted by the cell's measure. */
export function cellUnits(weights: Float64Array): DemandUnits {
  const n = weights.length;
  return { weights, cellStarts: Uint32Array.from({ length: n + 1 }, (_, i) => i), cellItems: Uint32Array.from({ length: n }, (_, i) => i) };
}

/** One unit per driver, from each (cell, driver unit) presence listed once. */
export function driverUnits(cellCount: number, pairCell: Int32Array, pairUnit: Int32Array): DemandUnits {
  let unitCount = 0;
  for (const u of pairUnit) unitCount = Math.max(unitCount, u + 1);
  const cellStarts = new Uint32Array(cellCount + 1);
  for (const c of pairCell) cellStarts[c + 1]++;
  for (let c = 0; c < cellCount; c++) cellStarts[c + 1] += cellStarts[c];
  const cellItems = new Uint32Array(pairCell.length);
  const fill = cellStarts.slice(0, cellCount);
  for (let p = 0; p < pairCell.length; p++) cellItems[fill[pairCell[p]]++] = pairUnit[p];
  return { weights: new Float64Array(unitCount).fill(1), cellStarts, cellItems };
}

/** For each candidate, the units in the cells it covers (each once, ascending). */
export function unitCover(cellCover: Csr, units: DemandUnits): Csr {
  const candidates = cellCover.starts.length - 1;
  // Identity units: the cell cover is the unit cover.
  if (units.cellItems.length === units.cellStarts.length - 1 && units.weights.length === units.cellItems.length) return cellCover;
  const stamp = new Int32Array(units.weights.length).fill(-1);
  const starts = new Uint32Array(candidates + 1);
  let items = new Uint32Array(Math.max(1024, cellCover.items.length));
  let size = 0;
  for (let j = 0; j < candidates; j++) {
    const from = size;
    for (let p = cellCover.starts[j]; p < cellCover.starts[j + 1]; p++) {
      const c = cellCover.items[p];
      for (let q = units.cellStarts[c]; q < units.cellStarts[c + 1]; q++) {
        const u = units.cellItems[q];
        if (stamp[u] === j) continue;
        stamp[u] = j;
        if (size === items.length) {
          const grown = new Uint32Array(items.length * 2);
          grown.set(items);
          items = grown;
        }
        items[size++] = u;
      }
    }
    items.subarray(from, size).sort();
    starts[j + 1] = size;
  }
  return { starts, items: items.slice(0, size) };
}

/**
 * Why each site: the cells it covers ranked by the weight of the units it newly reaches there
 * (units not reached by the sites ranked above), the top `top` cells.
 */
export function contributingCells(sites: readonly number[], cellCover: Csr, units: DemandUnits, top: number): { cell: number; value: number }[][] {
  const claimedBy = new Int32Array(units.weights.length).fill(-1);
  return sites.map((j, rank) => {
    const cells: { cell: number; value: number }[] = [];
    for (let p = cellCover.starts[j]; p < cellCover.starts[j + 1]; p++) {
      const c = cellCover.items[p];
      let value = 0;
      for (let q = units.cellStarts[c]; q < units.cellStarts[c + 1]; q++) {
        const u = units.cellItems[q];
        if (claimedBy[u] === -1 || claimedBy[u] === rank) {
          claimedBy[u] = rank;
          value += units.weights[u];
        }
      }
      if (value > 0) cells.push({ cell: c, value });
    }
    return cells.sort((a, b) => b.value - a.value || a.cell - b.cell).slice(0, top);
  });
}
