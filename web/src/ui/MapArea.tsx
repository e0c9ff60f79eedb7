/**
 * The map and what is drawn on it: the offline style from the shipped boundaries, every
 * capability's layers, tooltips and picks, clicks for the current mode, and files dropped on it.
 */
import { useCallback, useMemo, useState } from 'react';
import type { PickingInfo } from '@deck.gl/core';
import { convertFeatureCollection } from '../geo/boundaries';
import { toWgs84, type Crs } from '../geo/crs';
import { useI18n } from './I18nProvider';
import type { BasemapConfig } from '../map/basemapConfig';
import { MapView } from '../map/MapView';
import type { MapLibreMap } from '../map/maplibre';
import { offlineStyle } from '../map/offlineStyle';
import { useAtlas, useAtlasShallow, useAtlasStore } from '../state/AtlasProvider';
import { describePick, MAP_CAPABILITIES } from './mapCapabilities';

const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

export function MapArea({ displayCrs, basemap }: { displayCrs: Crs; basemap: BasemapConfig | null }) {
  const { t } = useI18n();
  const store = useAtlasStore();
  const boundaries = useAtlas((s) => s.data.boundaries);
  const placing = useAtlas((s) => s.ui.clickMode !== 'none' || s.planner.drawingRing !== null);
  const fitBounds = useAtlas((s) => s.network.info?.bbox ?? null);
  const initialView = useAtlas((s) => s.project.urlAtStart.view ?? null);
  const [dragging, setDragging] = useState(false);

  // Boundaries are WGS-84; on a GCJ-02 basemap they are shifted like every other overlay.
  const mapStyle = useMemo(() => {
    const toDisplay = (fc: GeoJSON.FeatureCollection) => convertFeatureCollection(fc as never, 'WGS84', displayCrs) as unknown as GeoJSON.FeatureCollection;
    return offlineStyle(boundaries ? toDisplay(boundaries.districts) : EMPTY, boundaries ? toDisplay(boundaries.cities) : EMPTY, basemap);
  }, [boundaries, displayCrs, basemap]);

  const inputs = useAtlasShallow((s) => MAP_CAPABILITIES.flatMap((c) => c.inputs(s)));
  const layers = useMemo(() => {
    const s = store.getState();
    return MAP_CAPABILITIES.flatMap((c) => c.layers(s, displayCrs));
    // The inputs are what the layers read; the store is read when they change.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [inputs, store, displayCrs]);

  const getTooltip = useCallback((info: PickingInfo) => describePick(info, store.getState(), t), [store, t]);
  const onPick = useCallback((layerId: string, object: unknown) => {
    const s = store.getState();
    for (const capability of MAP_CAPABILITIES) if (capability.pick?.(layerId, object, s)) return;
  }, [store]);
  const onMapClick = useCallback(
    (lon: number, lat: number) => {
      const [wLon, wLat] = toWgs84(displayCrs, lon, lat);
      store.getState().ui.clickMap(wLon, wLat, (n) => t('newStationName', { n }));
    },
    [store, displayCrs, t],
  );
  const onViewChange = useCallback((center: [number, number], zoom: number) => store.getState().project.setView(center, zoom), [store]);
  const onMap = useCallback((map: MapLibreMap | null) => store.getState().ui.setMap(map), [store]);

  return (
    <main
      className={dragging ? 'map-area dragging' : 'map-area'}
      onDragOver={(e) => {
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={(e) => {
        e.preventDefault();
        setDragging(false);
        store.getState().importer.addFiles(Array.from(e.dataTransfer.files));
      }}
    >
      {boundaries && <MapView mapStyle={mapStyle} layers={layers} getTooltip={getTooltip} onMapClick={onMapClick} onPick={onPick} placing={placing} fitBounds={fitBounds} onMap={onMap} onViewChange={onViewChange} initialView={initialView} />}
      {dragging && <div className="drop-overlay">{t('dropHere')}</div>}
    </main>
  );
}
