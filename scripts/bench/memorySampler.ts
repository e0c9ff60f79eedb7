/**
 * Peak memory of the browser, read from Linux's /proc while the benchmark runs: the proportional
 * set size (PSS, shared pages split between processes) of Chromium's renderers, where a tab, its
 * workers and DuckDB-WASM's memory live, and of all Chromium processes.
 */
import { readdirSync, readFileSync } from 'node:fs';

function pssKiB(pid: string): number {
  try {
    const match = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
    return match ? Number(match[1]) : 0;
  } catch {
    return 0; // the process ended between listing and reading
  }
}

export function chromiumMemoryMiB(): { renderersMiB: number; totalMiB: number } {
  let renderers = 0;
  let total = 0;
  for (const pid of readdirSync('/proc')) {
    if (!/^\d+$/.test(pid)) continue;
    let cmdline: string;
    try {
      cmdline = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
    } catch {
      continue;
    }
    if (!cmdline.includes('chromium')) continue;
    const kib = pssKiB(pid);
    total += kib;
    if (cmdline.includes('--type=renderer')) renderers += kib;
  }
  return { renderersMiB: renderers / 1024, totalMiB: total / 1024 };
}

/** Samples every `everyMs` until stopped; `peak()` gives the highest readings so far. */
export function startMemorySampler(everyMs = 200) {
  let peakRenderers = 0;
  let peakTotal = 0;
  const sample = () => {
    const now = chromiumMemoryMiB();
    peakRenderers = Math.max(peakRenderers, now.renderersMiB);
    peakTotal = Math.max(peakTotal, now.totalMiB);
  };
  const timer = setInterval(sample, everyMs);
  sample();
  return {
    peak: () => ({ renderersMiB: Math.round(peakRenderers), totalMiB: Math.round(peakTotal) }),
    reset: () => {
      peakRenderers = 0;
      peakTotal = 0;
    },
    stop: () => clearInterval(timer),
  };
}
