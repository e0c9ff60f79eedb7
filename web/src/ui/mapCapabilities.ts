/**
 * What each capability draws on the map, says in a tooltip and does when one of its objects is
 * clicked. The map area loops over this list; draw order is list order (later on top).
 */
import type { Layer, PickingInfo } from '@deck.gl/core';
import type { CoverageGap } from '../coverage/coverageSummary';
import type { MessageKey } from '../i18n/messages';
import { gapLayer, isochroneLayer, reachRingsLayer } from '../map/coverageLayers';
import { heatmapLayer, hexagonLayer } from '../map/densityLayers';
import { LAYER_IDS } from '../map/layerIds';
import { chargingLayer, districtLabelLayer, sqlResultLayer, stationGlyphLayer, stationsLayer, type DistrictLabel, type StationPoint } from '../map/overlayLayers';
import { exclusionLayers, planLayers } from '../map/planLayers';
import type { Crs } from '../geo/crs';
import { radiusOf } from '../state/coverageSlice';
import { networkLoaded } from '../state/networkSlice';
import type { AtlasState } from '../state/store';

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

export interface MapCapability {
  name: string;
  /** What the layers are made from; they are rebuilt when any of these changes (by identity). */
  inputs: (s: AtlasState) => unknown[];
  layers: (s: AtlasState, crs: Crs) => Layer[];
  /** Tooltip text for one of this capability's objects, or undefined when the pick is not its own. */
  tooltip?: (info: PickingInfo, s: AtlasState, t: Translate) => string | null | undefined;
  /** Handles a click on one of its objects; returns true when it did. */
  pick?: (layerId: string, object: unknown, s: AtlasState) => boolean;
}

const districtLabels = new WeakMap<GeoJSON.FeatureCollection, DistrictLabel[]>();
function labelsOf(districts: GeoJSON.FeatureCollection): DistrictLabel[] {
  let labels = districtLabels.get(districts);
  if (!labels) {
    labels = districts.features.map((f) => ({ name: String(f.properties?.name ?? ''), lon: Number(f.properties?.labelLon), lat: Number(f.properties?.labelLat) }));
    districtLabels.set(districts, labels);
  }
  return labels;
}

const density: MapCapability = {
  name: 'density',
  inputs: (s) => [s.density.heat, s.density.hex, s.density.mode],
  layers: (s) => [...(s.density.heat ? [heatmapLayer(s.density.heat, s.density.mode === 'heatmap')] : []), ...(s.density.hex ? [hexagonLayer(s.density.hex, s.density.mode === 'hexagons')] : [])],
  tooltip: (info, s, t) => {
    const hex = s.density.hex;
    if (info.layer?.id !== LAYER_IDS.hexagons || !hex || info.index >= hex.length) return undefined;
    const i = info.index;
    const names = s.data.districtLookup?.names ?? [];
    const district = hex.districtIndex[i] >= 0 ? names[hex.districtIndex[i]] : t('outsideGuangzhou');
    return [`${t('district')}: ${district}`, `${t('drivers')}: ${hex.drivers[i].toLocaleString()}`, `${t('members')}: ${hex.memberDrivers[i].toLocaleString()}`, `${t('pings')}: ${hex.pings[i].toLocaleString()}`].join('\n');
  },
};

const coverage: MapCapability = {
  name: 'coverage',
  inputs: (s) => [s.coverage.enabled, s.coverage.summary, s.stations.list, s.coverage.hypothetical, radiusOf(s), s.density.hexSizeM, s.network.isochrone, networkLoaded(s)],
  layers: (s, crs) => {
    if (!s.coverage.enabled || !s.coverage.summary) return [];
    const centres = [...s.stations.list.map((st) => ({ lon: st.lon, lat: st.lat, hypothetical: false })), ...s.coverage.hypothetical.map((p) => ({ ...p, hypothetical: true }))];
    const list: Layer[] = [gapLayer(s.coverage.summary.gaps, s.density.hexSizeM, crs, true), reachRingsLayer(centres, radiusOf(s), crs, true)];
    if (s.network.isochrone && networkLoaded(s)) list.push(isochroneLayer(s.network.isochrone, crs));
    return list;
  },
  tooltip: (info, _s, t) => {
    if (info.layer?.id !== LAYER_IDS.gaps || !info.object) return undefined;
    const g = info.object as CoverageGap;
    return [`${t('gapTooltip')} · ${t('district')}: ${g.district ?? t('outsideGuangzhou')}`, t('uncoveredDrivers', { n: g.uncoveredDrivers }), `${t('pings')}: ${g.uncoveredPings.toLocaleString()}`, t('peakHour', { h: String(g.peakHour).padStart(2, '0') })].join('\n');
  },
};

const sqlResult: MapCapability = {
  name: 'sql',
  inputs: (s) => [s.sql.onMap, s.sql.result, s.sql.style],
  layers: (s, crs) => (s.sql.onMap && s.sql.result?.positions ? [sqlResultLayer(s.sql.result.positions, crs, s.sql.style)] : []),
};

const planner: MapCapability = {
  name: 'planner',
  inputs: (s) => [s.planner.settings.exclusions, s.planner.drawingRing, s.planner.plan, s.planner.selectedRank],
  layers: (s, crs) => {
    const { settings, drawingRing, plan, selectedRank } = s.planner;
    const list: Layer[] = [];
    if (settings.exclusions.length || drawingRing) list.push(...exclusionLayers(settings.exclusions, drawingRing ?? [], crs));
    if (plan) list.push(...planLayers(plan.sites, plan.radiusM, crs, selectedRank));
    return list;
  },
  pick: (layerId, object, s) => {
    if (layerId !== LAYER_IDS.planSites) return false;
    s.planner.selectSite((object as { rank: number }).rank);
    return true;
  },
};

const overlays: MapCapability = {
  name: 'overlays',
  inputs: (s) => [s.data.charging, s.stations.list, s.data.boundaries, s.ui.overlays],
  layers: (s, crs) => [
    chargingLayer(s.data.charging, s.ui.overlays.charging),
    stationsLayer(s.stations.list, crs, s.ui.overlays.stations),
    stationGlyphLayer(s.stations.list, crs, s.ui.overlays.stations),
    districtLabelLayer(s.data.boundaries ? labelsOf(s.data.boundaries.districts) : [], crs, s.ui.overlays.labels),
  ],
  tooltip: (info, _s, t) => {
    if (info.layer?.id !== LAYER_IDS.stations || !info.object) return undefined;
    const st = info.object as StationPoint;
    return [`${t('station')}: ${st.name}`, `${t('kind')}: ${st.kind}`, st.address ? `${t('address')}: ${st.address}` : '', st.hours ? `${t('openHours')}: ${st.hours}` : ''].filter(Boolean).join('\n');
  },
  pick: (layerId, object, s) => {
    if (layerId !== LAYER_IDS.stations) return false;
    s.stations.select((object as StationPoint).id);
    return true;
  },
};

export const MAP_CAPABILITIES: readonly MapCapability[] = [density, coverage, sqlResult, planner, overlays];

/** Tooltip text for a picked object: plain text only, user strings are never parsed as HTML. */
export function describePick(info: PickingInfo, s: AtlasState, t: Translate): string | null {
  if (info.index < 0 || !info.layer) return null;
  for (const capability of MAP_CAPABILITIES) {
    const text = capability.tooltip?.(info, s, t);
    if (text !== undefined) return text;
  }
  return null;
}
