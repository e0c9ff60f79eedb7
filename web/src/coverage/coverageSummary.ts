/**
 * Turns coverage query results into what planners read: shares overall and per hour, a table per
 * district, the gap hexagons for the map and a ranked list of the largest gaps.
 */
export interface CoverageTotals {
  pings: number;
  covered_pings: number;
  weight: number;
  covered_weight: number;
  drivers: number;
  covered_drivers: number;
}

export interface CoverageCells {
  /** Interleaved WGS-84 hexagon centres. */
  centres: Float64Array;
  pings: Int32Array;
  coveredPings: Int32Array;
  uncoveredDrivers: Int32Array;
  peakHour: Int32Array;
  district: Int16Array;
}

export interface DistrictCoverage {
  district: string;
  pings: number;
  coveredPings: number;
  share: number;
}

export interface CoverageGap {
  cell: number;
  lon: number;
  lat: number;
  district: string | null;
  uncoveredPings: number;
  uncoveredDrivers: number;
  peakHour: number;
}

export interface CoverageSummary {
  totals: CoverageTotals;
  pingShare: number;
  driverShare: number;
  weightShare: number;
  byHour: { hour: number; pings: number; covered_pings: number; share: number }[];
  byDistrict: DistrictCoverage[];
  gaps: CoverageGap[];
  cells: CoverageCells;
}

const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

export function summariseCoverage(input: {
  totals: CoverageTotals;
  byHour: { hour: number; pings: number; covered_pings: number }[];
  cells: CoverageCells;
  districtNames: readonly string[];
}): CoverageSummary {
  const { totals, cells, districtNames } = input;
  const perDistrict = new Map<string, { pings: number; covered: number }>();
  const gaps: CoverageGap[] = [];
  for (let i = 0; i < cells.pings.length; i++) {
    const name = cells.district[i] >= 0 ? districtNames[cells.district[i]] : null;
    if (name) {
      const d = perDistrict.get(name) ?? { pings: 0, covered: 0 };
      d.pings += cells.pings[i];
      d.covered += cells.coveredPings[i];
      perDistrict.set(name, d);
    }
    const uncovered = cells.pings[i] - cells.coveredPings[i];
    if (uncovered > 0) {
      gaps.push({
        cell: i,
        lon: cells.centres[2 * i],
        lat: cells.centres[2 * i + 1],
        district: name,
        uncoveredPings: uncovered,
        uncoveredDrivers: cells.uncoveredDrivers[i],
        peakHour: cells.peakHour[i],
      });
    }
  }
  gaps.sort((a, b) => b.uncoveredDrivers - a.uncoveredDrivers || b.uncoveredPings - a.uncoveredPings || a.cell - b.cell);
  return {
    totals,
    pingShare: share(totals.covered_pings, totals.pings),
    driverShare: share(totals.covered_drivers, totals.drivers),
    weightShare: share(totals.covered_weight, totals.weight),
    byHour: input.byHour.map((h) => ({ ...h, share: share(h.covered_pings, h.pings) })),
    byDistrict: [...perDistrict.entries()]
      .map(([district, d]) => ({ district, pings: d.pings, coveredPings: d.covered, share: share(d.covered, d.pings) }))
      .sort((a, b) => a.share - b.share),
    gaps,
    cells,
  };
}
