/**
 * What the screen is doing rather than what the data is: the map instance (for the few imperative
 * needs: moving the view, capturing an image), what a map click does, the overlays shown, and the
 * offline (service worker) state.
 */
import type { Locale } from '../i18n/messages';
import type { MapLibreMap } from '../map/maplibre';
import type { OfflineState } from '../offline/serviceWorkerClient';
import type { SliceContext } from './store';

export type ClickMode = 'none' | 'whatif' | 'add' | 'move';

export interface Overlays {
  stations: boolean;
  charging: boolean;
  labels: boolean;
}

export const LOCALE_KEY = 'atlas.locale';

export interface UiSlice {
  /** zh-CN unless the user (or a link's ?lang=) chose English. */
  locale: Locale;
  map: MapLibreMap | null;
  clickMode: ClickMode;
  overlays: Overlays;
  offline: OfflineState;
  applyUpdate: () => void;

  setLocale: (locale: Locale) => void;
  setMap: (map: MapLibreMap | null) => void;
  setClickMode: (mode: ClickMode) => void;
  toggleWhatIf: () => void;
  setOverlays: (overlays: Overlays) => void;
  setOffline: (offline: OfflineState, applyUpdate?: () => void) => void;
  /** Moves the map to a saved view (as read off the map, display CRS), once the map exists. */
  jumpTo: (view: { center: [number, number]; zoom: number }) => void;
  /** What a click on the map (WGS-84) does in the current mode. */
  clickMap: (lon: number, lat: number, newStationName: (n: number) => string) => void;
}

export function createUiSlice({ set, get, own, deps }: SliceContext<'ui'>): UiSlice {
  let pendingView: { center: [number, number]; zoom: number } | null = null;
  const stored = deps.storage.getItem(LOCALE_KEY);
  return {
    locale: deps.langAtStart ?? (stored === 'en' ? 'en' : 'zh-CN'),
    map: null,
    clickMode: 'none',
    overlays: { stations: true, charging: false, labels: true },
    offline: 'unsupported',
    applyUpdate: () => undefined,

    setLocale: (locale) => {
      deps.storage.setItem(LOCALE_KEY, locale);
      set({ locale });
    },
    setMap: (map) => {
      set({ map });
      if (map && pendingView) {
        map.jumpTo(pendingView);
        pendingView = null;
      }
    },
    setClickMode: (clickMode) => set({ clickMode }),
    toggleWhatIf: () => set((s) => ({ clickMode: s.clickMode === 'whatif' ? 'none' : 'whatif' })),
    setOverlays: (overlays) => set({ overlays }),
    setOffline: (offline, applyUpdate) => set(applyUpdate ? { offline, applyUpdate } : { offline }),
    jumpTo: (view) => {
      const map = own().map;
      if (map) map.jumpTo(view);
      else pendingView = view;
    },
    clickMap: (lon, lat, newStationName) => {
      const s = get();
      if (s.planner.drawingRing) return s.planner.addRingPoint(lon, lat);
      const mode = own().clickMode;
      if (mode === 'whatif') s.coverage.addHypothetical({ lon, lat });
      else if (mode === 'add') {
        const n = s.stations.list.length + 1;
        void s.stations.add({ id: `NEW-${Date.now()}`, name: newStationName(n), kind: '司机之家', lon, lat, address: null, hours: null });
      } else if (mode === 'move') void s.stations.moveSelected(lon, lat);
      set({ clickMode: 'none' });
    },
  };
}
