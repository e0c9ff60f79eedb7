/**
 * Guards the import graph of web/src: no cycle between folders, no cycle between files, and no
 * module importing "upward" past the layer table below. Every .ts/.tsx file under web/src is read
 * and its imports are found by regex (static `import … from`, `export … from`, side-effect
 * `import '…'`, dynamic `import('…')` — also in type positions — and worker/asset URLs
 * `new URL('./x.worker.ts', import.meta.url)`); `?url` / `?worker` / `?raw` suffixes are dropped.
 * Only relative specifiers are followed; packages are outside the graph.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The layers, lowest first. A file may import from its own layer (if that makes no folder cycle)
 * or from lower layers only. A folder = the first path segment under web/src; files directly in
 * web/src (App.tsx, main.tsx) are the folder "root". A new folder must be placed here.
 */
const LAYERS: readonly (readonly string[])[] = [
  /* 0 */ ['geo', 'i18n', 'security', 'workers'],
  /* 1 */ ['db', 'export'],
  /* 2 */ ['density', 'coverage', 'stations', 'planner', 'sql', 'ingest', 'persist', 'project', 'offline', 'map'],
  /* 3 */ ['state'],
  /* 4 */ ['ui'],
  /* 5 */ ['root'],
];

/**
 * Whether `import type` edges count towards cycles between FILES (they always count for folder
 * cycles and layers). They are erased at runtime, so a type-only cycle cannot break module
 * initialisation. Off: the store's slices name the whole store's type (`get(): AtlasState`)
 * while the store is composed from them, a loop that exists only in types.
 */
const FILE_CYCLES_COUNT_TYPE_IMPORTS = false;

const WEB_SRC = resolve(__dirname, '../../../web/src');

export type Graph = ReadonlyMap<string, ReadonlySet<string>>;

export interface UpwardImport {
  from: string;
  to: string;
  fromLayer: number;
  toLayer: number;
}

/**
 * One concrete cycle per knot of the graph (strongly connected component with more than one node,
 * or a self-loop), as a path along the edges that starts and ends at the same node.
 */
export function findCycles(graph: Graph): string[][] {
  const next = (n: string): readonly string[] => [...(graph.get(n) ?? [])].sort();
  const cycles: string[][] = [];
  for (const component of cyclicComponents(graph)) {
    const members = new Set(component);
    const start = component[0];
    // Shortest path from start back to start inside the component (breadth-first).
    const previous = new Map<string, string>();
    const queue = [start];
    let found = false;
    for (let q = 0; q < queue.length && !found; q++) {
      for (const target of next(queue[q])) {
        if (!members.has(target)) continue;
        if (target === start) {
          previous.set(start, queue[q]);
          found = true;
          break;
        }
        if (!previous.has(target)) {
          previous.set(target, queue[q]);
          queue.push(target);
        }
      }
    }
    const path = [start];
    for (let n = previous.get(start)!; n !== start; n = previous.get(n)!) path.push(n);
    path.push(start);
    cycles.push(path.reverse());
  }
  return cycles.sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * The strongly connected components that contain a cycle (more than one node, or a self-loop),
 * each sorted, e.g. every file that takes part in a knot of imports.
 */
export function cyclicComponents(graph: Graph): string[][] {
  const nodes = new Set<string>(graph.keys());
  for (const targets of graph.values()) for (const t of targets) nodes.add(t);
  const next = (n: string): readonly string[] => [...(graph.get(n) ?? [])].sort();

  // Tarjan's strongly connected components (iterative, so deep graphs cannot overflow the stack).
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let counter = 0;
  for (const root of [...nodes].sort()) {
    if (index.has(root)) continue;
    const work: { node: string; edges: readonly string[]; i: number }[] = [];
    const open = (node: string) => {
      index.set(node, counter);
      low.set(node, counter);
      counter++;
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: next(node), i: 0 });
    };
    open(root);
    while (work.length) {
      const frame = work[work.length - 1];
      if (frame.i < frame.edges.length) {
        const target = frame.edges[frame.i++];
        if (!index.has(target)) open(target);
        else if (onStack.has(target)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(target)!));
        continue;
      }
      work.pop();
      if (work.length) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }

  return components
    .map((component) => [...component].sort())
    .filter((component) => component.length > 1 || (graph.get(component[0])?.has(component[0]) ?? false))
    .sort((a, b) => a[0].localeCompare(b[0]));
}

/** Edges whose target sits on a higher layer than their source. */
export function upwardImports(edges: Iterable<readonly [string, string]>, layerOf: (node: string) => number): UpwardImport[] {
  const found: UpwardImport[] = [];
  for (const [from, to] of edges) {
    const fromLayer = layerOf(from);
    const toLayer = layerOf(to);
    if (toLayer > fromLayer) found.push({ from, to, fromLayer, toLayer });
  }
  return found;
}

export interface ImportRef {
  /** As written, with any `?query` suffix removed. */
  specifier: string;
  /** `import type …` / `export type …`, or braces holding only `type` names: erased at runtime. */
  typeOnly: boolean;
}

/** Whether a static import/export clause (the text between the keyword and `from`) names only types. */
function clauseIsTypeOnly(clause: string): boolean {
  const trimmed = clause.trim();
  if (/^type\b/.test(trimmed)) return true;
  const braces = /^\{([^}]*)\}$/.exec(trimmed);
  if (!braces) return false;
  const names = braces[1].split(',').map((n) => n.trim()).filter(Boolean);
  return names.length > 0 && names.every((n) => /^type\s/.test(n));
}

/** The modules a source imports, relative or not. Dynamic `import()` and worker URLs count as runtime. */
export function importsOf(source: string): ImportRef[] {
  const refs: ImportRef[] = [];
  const strip = (specifier: string) => specifier.replace(/\?.*$/, '');
  for (const m of source.matchAll(/^\s*(?:import|export)\b([^;'"`]*?)\bfrom\s*['"]([^'"]+)['"]/gm)) refs.push({ specifier: strip(m[2]), typeOnly: clauseIsTypeOnly(m[1]) });
  const runtime = [/^\s*import\s*['"]([^'"]+)['"]/gm, /\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g, /\bnew\s+URL\(\s*['"]([^'"]+)['"]\s*,\s*import\.meta\.url\s*\)/g];
  for (const pattern of runtime) for (const m of source.matchAll(pattern)) refs.push({ specifier: strip(m[1]), typeOnly: false });
  return refs;
}

/** The specifiers a module imports (relative or not, with any `?query` suffix removed). */
export function importSpecifiers(source: string): string[] {
  return importsOf(source).map((ref) => ref.specifier);
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** The file a relative specifier names, or null when nothing matches. */
function resolveRelative(fromFile: string, specifier: string): string | null {
  const base = resolve(dirname(fromFile), specifier);
  const candidates = [base, base.replace(/\.js$/, '.ts'), base.replace(/\.js$/, '.tsx'), `${base}.ts`, `${base}.tsx`, join(base, 'index.ts'), join(base, 'index.tsx')];
  return candidates.find((c) => existsSync(c) && statSync(c).isFile()) ?? null;
}

function folderOf(file: string): string {
  const parts = relative(WEB_SRC, file).split(sep);
  return parts.length === 1 ? 'root' : parts[0];
}

const name = (file: string) => relative(WEB_SRC, file).split(sep).join('/');

function layerOfFolder(folder: string): number {
  return LAYERS.findIndex((folders) => folders.includes(folder));
}

interface Scan {
  files: Map<string, Set<string>>;
  /** The same without type-only imports (erased by the compiler). */
  runtimeFiles: Map<string, Set<string>>;
  folders: Map<string, Set<string>>;
  /** Example file edge behind each folder edge, for failure messages. */
  folderEdgeWitness: Map<string, string>;
  unresolved: string[];
  outside: string[];
  allFolders: Set<string>;
}

function scan(): Scan {
  const files = new Map<string, Set<string>>();
  const runtimeFiles = new Map<string, Set<string>>();
  const folders = new Map<string, Set<string>>();
  const folderEdgeWitness = new Map<string, string>();
  const unresolved: string[] = [];
  const outside: string[] = [];
  const allFolders = new Set<string>();
  for (const file of sourceFiles(WEB_SRC)) {
    const from = name(file);
    const fromFolder = folderOf(file);
    allFolders.add(fromFolder);
    if (!files.has(from)) files.set(from, new Set());
    if (!runtimeFiles.has(from)) runtimeFiles.set(from, new Set());
    if (!folders.has(fromFolder)) folders.set(fromFolder, new Set());
    for (const { specifier, typeOnly } of importsOf(readFileSync(file, 'utf8'))) {
      if (!specifier.startsWith('.')) continue;
      const target = resolveRelative(file, specifier);
      if (!target) {
        unresolved.push(`${from}: '${specifier}'`);
        continue;
      }
      const rel = relative(WEB_SRC, target);
      if (rel.startsWith('..')) {
        outside.push(`${from}: '${specifier}'`);
        continue;
      }
      if (!/\.tsx?$/.test(target)) continue; // styles, JSON and other assets are leaves
      const to = name(target);
      files.get(from)!.add(to);
      if (!typeOnly) runtimeFiles.get(from)!.add(to);
      const toFolder = folderOf(target);
      if (toFolder !== fromFolder) {
        folders.get(fromFolder)!.add(toFolder);
        const key = `${fromFolder}->${toFolder}`;
        if (!folderEdgeWitness.has(key)) folderEdgeWitness.set(key, `${from} -> ${to}`);
      }
    }
  }
  return { files, runtimeFiles, folders, folderEdgeWitness, unresolved, outside, allFolders };
}

describe('the graph checks themselves', () => {
  it('finds no cycle in a DAG', () => {
    const dag: Graph = new Map([
      ['a', new Set(['b', 'c'])],
      ['b', new Set(['c'])],
      ['c', new Set<string>()],
    ]);
    expect(findCycles(dag)).toEqual([]);
  });

  it('finds a two-node cycle, a longer one, and a self-loop, with their paths', () => {
    const graph: Graph = new Map([
      ['a', new Set(['b'])],
      ['b', new Set(['a', 'c'])],
      ['c', new Set(['d'])],
      ['d', new Set(['e'])],
      ['e', new Set(['c'])],
      ['f', new Set(['f'])],
      ['g', new Set(['a'])],
    ]);
    expect(findCycles(graph)).toEqual([
      ['a', 'b', 'a'],
      ['c', 'd', 'e', 'c'],
      ['f', 'f'],
    ]);
    expect(cyclicComponents(graph)).toEqual([['a', 'b'], ['c', 'd', 'e'], ['f']]);
  });

  it('reports a cycle whose path is a real walk along the edges', () => {
    const graph: Graph = new Map([
      ['x', new Set(['y', 'z'])],
      ['y', new Set(['z'])],
      ['z', new Set(['w'])],
      ['w', new Set(['x'])],
    ]);
    const [cycle] = findCycles(graph);
    expect(cycle[0]).toBe(cycle[cycle.length - 1]);
    for (let i = 0; i + 1 < cycle.length; i++) expect(graph.get(cycle[i])!.has(cycle[i + 1])).toBe(true);
    expect(cycle).toEqual(['w', 'x', 'z', 'w']);
  });

  it('tells type-only imports from runtime ones', () => {
    const source = [
      "import type { A } from './a';",
      "import { type B, type C } from './bc';",
      "import { type D, e } from './de';",
      "export type { F } from './f';",
      "export { g } from './g';",
      "import H from './h';",
      "const i = await import('./i');",
    ].join('\n');
    expect(Object.fromEntries(importsOf(source).map((r) => [r.specifier, r.typeOnly]))).toEqual({
      './a': true,
      './bc': true,
      './de': false,
      './f': true,
      './g': false,
      './h': false,
      './i': false,
    });
  });

  it('flags only imports that climb to a higher layer', () => {
    const layer: Record<string, number> = { geo: 0, db: 1, map: 2, map2: 2, ui: 4 };
    const edges: [string, string][] = [
      ['map', 'geo'],
      ['map', 'map2'],
      ['db', 'map'],
      ['geo', 'ui'],
      ['ui', 'db'],
    ];
    expect(upwardImports(edges, (n) => layer[n])).toEqual([
      { from: 'db', to: 'map', fromLayer: 1, toLayer: 2 },
      { from: 'geo', to: 'ui', fromLayer: 0, toLayer: 4 },
    ]);
  });

  it('reads every kind of import the app uses', () => {
    const source = [
      "import { a } from './a';",
      "import type { B } from '../b/b';",
      'import {',
      '  c,',
      '  d,',
      "} from './cd';",
      "export { e } from './e';",
      "export * from './f';",
      "import './styles.css';",
      "import wasm from '../g/g.wasm?url';",
      "import Worker from './h.worker.ts?worker';",
      "const w = new Worker(new URL('./i.worker.ts', import.meta.url), { type: 'module' });",
      "const j = await import('./j');",
      "type K = import('../k').K;",
      "import { useState } from 'react';",
      "const sql = 'SELECT 1 FROM t'; // not an import: from 'nowhere' is inside a statement",
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(
      ['./a', '../b/b', './cd', './e', './f', './styles.css', '../g/g.wasm', './h.worker.ts', './i.worker.ts', './j', '../k', 'react'].sort(),
    );
  });
});

describe('the import graph of web/src', () => {
  const graph = scan();

  it('resolves every relative import to a file inside web/src', () => {
    expect(graph.unresolved, 'relative imports that match no file').toEqual([]);
    expect(graph.outside, 'imports reaching outside web/src (move the module into web/src or out of the app)').toEqual([]);
  });

  it('places every folder on a layer', () => {
    const unplaced = [...graph.allFolders].filter((f) => layerOfFolder(f) < 0).sort();
    expect(unplaced, 'web/src folders missing from the LAYERS table at the top of test/unit/architecture/importGraph.test.ts: place them on a layer').toEqual([]);
  });

  it('has no cycle between folders', () => {
    const cycles = findCycles(graph.folders).map((cycle) => {
      const steps = cycle.slice(0, -1).map((f, i) => `  ${f} -> ${cycle[i + 1]}   (${graph.folderEdgeWitness.get(`${f}->${cycle[i + 1]}`)})`);
      return `${cycle.join(' -> ')}\n${steps.join('\n')}`;
    });
    expect(cycles, `folder cycles:\n${cycles.join('\n')}`).toEqual([]);
  });

  it('has no cycle between files', () => {
    const fileGraph = FILE_CYCLES_COUNT_TYPE_IMPORTS ? graph.files : graph.runtimeFiles;
    const cycles = findCycles(fileGraph).map((cycle) => cycle.join(' -> '));
    const knots = cyclicComponents(fileGraph).map((component) => `  {${component.join(', ')}}`);
    expect(cycles, `file cycles:\n${cycles.join('\n')}\nfiles caught in each knot:\n${knots.join('\n')}`).toEqual([]);
  });

  it('keeps the workers RPC module free of imports from other folders', () => {
    const outward = [...(graph.folders.get('workers') ?? [])].map((folder) => graph.folderEdgeWitness.get(`workers->${folder}`));
    expect(outward, 'workers/ must stay a leaf: the RPC plumbing knows nothing of the app').toEqual([]);
  });

  it('imports only from its own layer or lower ones', () => {
    const edges: [string, string][] = [];
    for (const [from, targets] of graph.files) for (const to of targets) edges.push([from, to]);
    const layerOfFile = (file: string) => layerOfFolder(file.includes('/') ? file.split('/')[0] : 'root');
    const upward = upwardImports(edges, layerOfFile)
      .filter((u) => u.fromLayer >= 0 && u.toLayer >= 0) // unplaced folders fail the test above
      .map((u) => `${u.from} (layer ${u.fromLayer}) -> ${u.to} (layer ${u.toLayer})`);
    expect(upward, `upward imports:\n${upward.join('\n')}`).toEqual([]);
  });
});
