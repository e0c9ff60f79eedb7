/**
 * A thin React wrapper over an imperative MapLibre map with deck.gl interleaved on top, in the
 * spirit of react-map-gl: the map is created once, and prop changes are diffed into it.
 */
import { useEffect, useRef } from 'react';
import maplibre, { type MapLibreMap, type StyleSpecification } from './maplibre';
import 'maplibre-gl/dist/maplibre-gl.css';
import { MapboxOverlay } from '@deck.gl/mapbox';
import type { Layer, PickingInfo } from '@deck.gl/core';
import { GUANGZHOU_VIEW } from './offlineStyle';

export interface MapViewProps {
  mapStyle: StyleSpecification;
  layers: Layer[];
  getTooltip?: (info: PickingInfo) => string | null;
  /** Clicks on the map, in the display CRS. */
  onMapClick?: (lon: number, lat: number) => void;
  /** Clicks on a pickable deck.gl object. */
  onPick?: (layerId: string, object: unknown) => void;
  /** A crosshair cursor while the user is placing something. */
  placing?: boolean;
  /** When set (and changed), the view moves to show this [west, south, east, north] box. */
  fitBounds?: [number, number, number, number] | null;
  /** Told the map once it exists (and null when it goes), for imperative needs: capturing an image, moving the view. */
  onMap?: (map: MapLibreMap | null) => void;
  /** After the view settles: its centre (display CRS) and zoom. */
  onViewChange?: (center: [number, number], zoom: number) => void;
  /** Where the map opens (display CRS); Guangzhou when not given. */
  initialView?: { center: [number, number]; zoom: number } | null;
}

export function MapView({ mapStyle, layers, getTooltip, onMapClick, onPick, placing, fitBounds, onMap, onViewChange, initialView }: MapViewProps) {
  const container = useRef<HTMLDivElement>(null);
  const map = useRef<MapLibreMap | null>(null);
  const overlay = useRef<MapboxOverlay | null>(null);
  const tooltipRef = useRef(getTooltip);
  tooltipRef.current = getTooltip;
  const clickRef = useRef(onMapClick);
  clickRef.current = onMapClick;
  const pickRef = useRef(onPick);
  pickRef.current = onPick;
  const viewRef = useRef(onViewChange);
  viewRef.current = onViewChange;

  useEffect(() => {
    const instance = new maplibre.Map({
      container: container.current!,
      style: mapStyle,
      center: initialView?.center ?? GUANGZHOU_VIEW.center,
      zoom: initialView?.zoom ?? GUANGZHOU_VIEW.zoom,
      attributionControl: { compact: true },
      // Screenshots in tests read the canvas back.
      canvasContextAttributes: { preserveDrawingBuffer: true, antialias: true },
    });
    instance.addControl(new maplibre.NavigationControl({ showCompass: false }), 'top-right');
    instance.addControl(new maplibre.ScaleControl({ unit: 'metric' }), 'bottom-right');
    const deckOverlay = new MapboxOverlay({
      interleaved: true,
      layers: [],
      onClick: (info) => {
        if (info.layer && info.object !== undefined && info.object !== null) pickRef.current?.(info.layer.id, info.object);
      },
      getTooltip: (info) => {
        const text = tooltipRef.current?.(info);
        return text ? { text, className: 'atlas-tooltip' } : null;
      },
    });
    instance.addControl(deckOverlay);
    instance.on('click', (event) => clickRef.current?.(event.lngLat.lng, event.lngLat.lat));
    instance.on('moveend', () => {
      const c = instance.getCenter();
      viewRef.current?.([c.lng, c.lat], instance.getZoom());
    });
    map.current = instance;
    onMap?.(instance);
    overlay.current = deckOverlay;
    (window as unknown as { __atlasMap?: MapLibreMap }).__atlasMap = instance;
    return () => {
      instance.remove();
      map.current = null;
      onMap?.(null);
      overlay.current = null;
    };
    // The map is created once; style changes are applied below.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const appliedStyle = useRef(mapStyle);
  useEffect(() => {
    // The map was created with the first style; only later changes need applying.
    if (appliedStyle.current === mapStyle) return;
    appliedStyle.current = mapStyle;
    map.current?.setStyle(mapStyle, { diff: true });
  }, [mapStyle]);

  useEffect(() => {
    overlay.current?.setProps({ layers });
  }, [layers]);

  useEffect(() => {
    map.current?.getCanvas().style.setProperty('cursor', placing ? 'crosshair' : '');
  }, [placing]);

  useEffect(() => {
    if (fitBounds) map.current?.fitBounds([[fitBounds[0], fitBounds[1]], [fitBounds[2], fitBounds[3]]], { padding: 40, duration: 0 });
  }, [fitBounds]);

  return <div ref={container} className="map" data-testid="map" />;
}
