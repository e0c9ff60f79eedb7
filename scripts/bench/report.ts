/** Shared by the benchmarks: medians, machine facts and the BENCHMARKS.md section they own. */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

export function machine() {
  return { cores: cpus().length, cpu: cpus()[0]?.model ?? 'unknown', memoryGiB: Math.round(totalmem() / 2 ** 30) };
}

/** Writes the JSON and replaces (or appends) the section starting with `heading` in BENCHMARKS.md. */
export function writeBenchmark(jsonName: string, result: unknown, heading: string, table: string): void {
  mkdirSync('benchmarks', { recursive: true });
  writeFileSync(`benchmarks/${jsonName}`, JSON.stringify(result, null, 2) + '\n');
  const path = 'BENCHMARKS.md';
  const header = '# Benchmarks\n\nFigures are medians measured on the machine named under each table; rerun the command to refresh a section.\n\n';
  const existing = existsSync(path) ? readFileSync(path, 'utf8') : header;
  const start = existing.indexOf(heading);
  const next = start >= 0 ? existing.indexOf('\n## ', start + heading.length) : -1;
  const updated = start < 0 ? existing.trimEnd() + '\n\n' + table : existing.slice(0, start) + table + (next >= 0 ? existing.slice(next + 1) : '');
  writeFileSync(path, updated);
}
