/** The deck.gl layer ids, once: pick handling and tooltips compare against these, never loose strings. */
export const LAYER_IDS = {
  heatmap: 'density-heatmap',
  hexagons: 'density-hexagons',
  reachRings: 'reach-rings',
  gaps: 'coverage-gaps',
  isochrone: 'network-isochrone',
  stations: 'union-stations',
  stationGlyphs: 'union-station-glyphs',
  charging: 'charging-stations',
  districtLabels: 'district-labels',
  sqlResult: 'sql-result',
  planReach: 'plan-reach',
  planSites: 'plan-sites',
  planRanks: 'plan-ranks',
  exclusions: 'plan-exclusions',
  exclusionDrawing: 'plan-exclusion-drawing',
  exclusionVertices: 'plan-exclusion-vertices',
} as const;

export type LayerId = (typeof LAYER_IDS)[keyof typeof LAYER_IDS];
