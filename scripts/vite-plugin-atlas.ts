/**
 * Serves and ships the app's data from our own origin, converts the GCJ-02 boundaries to WGS-84
 * at build time, and applies the Content-Security-Policy and cross-origin isolation headers.
 */
import { readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Plugin, Connect } from 'vite';
import { contentSecurityPolicy, ISOLATION_HEADERS } from '../web/src/security/contentSecurityPolicy';
import { basemapOrigin, parseBasemapConfig } from '../web/src/map/basemapConfig';
import { derivedDataFiles } from './derived-data';
import { precacheVersion, serviceWorkerSource } from './serviceWorker';

const SHIPPED_DIRS = ['demo', 'gz-ev-charging'];
const CONTENT_TYPES: Record<string, string> = {
  parquet: 'application/vnd.apache.parquet',
  csv: 'text/csv; charset=utf-8',
  geojson: 'application/geo+json',
  md: 'text/markdown; charset=utf-8',
  json: 'application/json',
};

/**
 * DuckDB-WASM's other builds stay online-only: the app runs the 'eh' build in every browser it
 * supports; 'mvp' is for browsers without WebAssembly exceptions, 'coi' for the threads opt-in.
 * Precaching them would add 70 MB for no offline user.
 */
const NOT_PRECACHED = /duckdb-(mvp|coi)|duckdb-browser-(mvp|coi)/;

function listFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? listFiles(path) : [path];
  });
}

/** Every file under /data/ the app may fetch, keyed by its path below data/. */
function dataFiles(repoRoot: string): Map<string, () => Buffer> {
  const files = new Map<string, () => Buffer>();
  const dataDir = join(repoRoot, 'data');
  for (const dir of SHIPPED_DIRS) {
    for (const path of listFiles(join(dataDir, dir))) files.set(relative(dataDir, path), () => readFileSync(path));
  }
  files.set('README.md', () => readFileSync(join(dataDir, 'README.md')));
  let derived: Record<string, string> | null = null;
  const derivedNames = ['boundaries/guangzhou_districts.wgs84.geojson', 'boundaries/guangdong_cities.wgs84.geojson'];
  for (const name of derivedNames) {
    files.set(name, () => {
      const all = (derived ??= derivedDataFiles(repoRoot));
      const text = all[name];
      if (text === undefined) throw new Error(`derived-data did not produce ${name}`);
      return Buffer.from(text);
    });
  }
  return files;
}

export function atlasPlugin(repoRoot: string, env: Record<string, string | undefined>): Plugin {
  const csp = contentSecurityPolicy(basemapOrigin(parseBasemapConfig(env)));
  const files = dataFiles(resolve(repoRoot));

  const serveData: Connect.NextHandleFunction = (req, res, next) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    const match = /\/data\/(.+)$/.exec(url.pathname);
    const load = match ? files.get(decodeURIComponent(match[1])) : undefined;
    if (!load) return next();
    const ext = match![1].split('.').pop() ?? '';
    res.setHeader('Content-Type', CONTENT_TYPES[ext] ?? 'application/octet-stream');
    res.end(load());
  };
  const securityHeaders: Connect.NextHandleFunction = (_req, res, next) => {
    res.setHeader('Content-Security-Policy', csp);
    for (const [name, value] of Object.entries(ISOLATION_HEADERS)) res.setHeader(name, value);
    next();
  };

  let outDir = '';
  return {
    name: 'outreach-atlas',
    configResolved(config) {
      outDir = resolve(config.root, config.build.outDir);
    },
    /** After everything is written: the service worker precaches exactly what the build holds. */
    closeBundle() {
      if (!outDir) return;
      const names = listFiles(outDir)
        .map((path) => relative(outDir, path).split('\\').join('/'))
        .filter((name) => name !== 'sw.js' && !NOT_PRECACHED.test(name))
        .sort();
      const version = precacheVersion(names.map((name) => ({ name, bytes: readFileSync(join(outDir, name)) })));
      writeFileSync(join(outDir, 'sw.js'), serviceWorkerSource(version, names));
    },
    configureServer(server) {
      server.middlewares.use(securityHeaders);
      server.middlewares.use(serveData);
    },
    configurePreviewServer(server) {
      server.middlewares.use(securityHeaders);
      server.middlewares.use(serveData);
    },
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        // The dev server injects inline scripts for hot reload, so the meta policy is for builds;
        // dev and preview still send the policy as a header.
        if (ctx.server) return html;
        return html.replace('<head>', `<head>\n    <meta http-equiv="Content-Security-Policy" content="${csp}" />`);
      },
    },
    generateBundle() {
      for (const [name, load] of files) this.emitFile({ type: 'asset', fileName: `data/${name}`, source: load() });
    },
  };
}
