/**
 * The Content-Security-Policy that keeps every request on our own origin, so driver data cannot
 * leave the browser even through a bug. DuckDB-WASM and parquet-wasm need 'wasm-unsafe-eval';
 * every worker is a plain file from our origin (MapLibre's CSP build included), so no blob:
 * scripts. blob: stays for fetches and images (exports, canvas). A deployment with an online
 * basemap adds exactly that basemap's origin for images and fetches, nothing else.
 */
export function contentSecurityPolicy(extraOrigins: string[] = []): string {
  const extra = extraOrigins.length ? ' ' + extraOrigins.join(' ') : '';
  const directives: [string, string][] = [
    ['default-src', "'self'"],
    ['script-src', "'self' 'wasm-unsafe-eval'"],
    ['worker-src', "'self'"],
    ['connect-src', `'self' blob: data:${extra}`],
    ['img-src', `'self' blob: data:${extra}`],
    // Inline styles: MapLibre and React set element styles; no remote stylesheets.
    ['style-src', "'self' 'unsafe-inline'"],
    ['font-src', "'self' data:"],
    ['object-src', "'none'"],
    ['base-uri', "'self'"],
    ['form-action', "'self'"],
  ];
  return directives.map(([name, value]) => `${name} ${value}`).join('; ');
}

/** Cross-origin isolation lets DuckDB-WASM use its threaded (coi) build. */
export const ISOLATION_HEADERS: Record<string, string> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
  'Cross-Origin-Resource-Policy': 'same-origin',
};
