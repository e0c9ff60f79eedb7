import { describe, expect, it } from 'vitest';
import { contentSecurityPolicy } from '../../../web/src/security/contentSecurityPolicy';
import { basemapOrigin, displayCrs, parseBasemapConfig } from '../../../web/src/map/basemapConfig';

const directive = (csp: string, name: string) => csp.split('; ').find((d) => d.startsWith(name + ' '));

describe('content security policy', () => {
  it('allows only our own origin by default', () => {
    const csp = contentSecurityPolicy();
    expect(directive(csp, 'default-src')).toBe("default-src 'self'");
    expect(directive(csp, 'connect-src')).toBe("connect-src 'self' blob: data:");
    expect(directive(csp, 'script-src')).toContain("'wasm-unsafe-eval'");
    expect(csp).not.toMatch(/https?:/);
    expect(csp).not.toContain("'unsafe-eval'");
  });

  it('adds exactly the configured basemap origin', () => {
    const config = parseBasemapConfig({ VITE_BASEMAP_URL: 'https://tiles.example.cn/{z}/{x}/{y}.png', VITE_BASEMAP_CRS: 'gcj-02' });
    expect(config).toMatchObject({ kind: 'raster', crs: 'GCJ02' });
    const csp = contentSecurityPolicy(basemapOrigin(config));
    expect(directive(csp, 'img-src')).toBe("img-src 'self' blob: data: https://tiles.example.cn");
    expect(displayCrs(config)).toBe('GCJ02');
  });
});

describe('basemap configuration', () => {
  it('is off by default and draws overlays in WGS-84', () => {
    expect(parseBasemapConfig({})).toBeNull();
    expect(displayCrs(null)).toBe('WGS84');
    expect(basemapOrigin(null)).toEqual([]);
  });

  it('rejects bad settings with a message naming the setting', () => {
    expect(() => parseBasemapConfig({ VITE_BASEMAP_URL: 'not a url' })).toThrow(/VITE_BASEMAP_URL/);
    expect(() => parseBasemapConfig({ VITE_BASEMAP_URL: 'ftp://x.cn/{z}' })).toThrow(/http/);
    expect(() => parseBasemapConfig({ VITE_BASEMAP_URL: 'https://x.cn/{z}', VITE_BASEMAP_CRS: 'BD09' })).toThrow(/VITE_BASEMAP_CRS/);
    expect(() => parseBasemapConfig({ VITE_BASEMAP_URL: 'https://x.cn/{z}', VITE_BASEMAP_KIND: 'vector' })).toThrow(/VITE_BASEMAP_KIND/);
  });
});
