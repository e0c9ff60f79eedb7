/**
 * MapLibre's CSP build: its worker is a plain file served by our build instead of a blob: URL
 * made from code, so the Content-Security-Policy needs no blob: scripts or workers for it.
 */
import maplibregl from 'maplibre-gl/dist/maplibre-gl-csp.js';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-csp-worker.js?url';

const maplibre = maplibregl as unknown as typeof import('maplibre-gl');
maplibre.setWorkerUrl(workerUrl);

export default maplibre;
export type { StyleSpecification, Map as MapLibreMap } from 'maplibre-gl';
