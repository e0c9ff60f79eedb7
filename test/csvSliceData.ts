/**
 * Deterministic ping files for the slice tests (unit and browser): CSV in UTF-8 or GBK whose
 * Chinese notes straddle every slice boundary, and a checksum over driver, time, lon and lat
 * that DuckDB computes from the imported `pings` table and Node from the generated rows.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PingRow {
  driver: number;
  time: string;
  lon: string;
  lat: string;
  note: string;
}

/** Characters for the notes, all in the GBK fixture's header (车牌号,定位时间,高德经度,高德纬度). */
export const NOTE_CHARS = '车牌号定位时间高德经纬度';
const ASCII_NOTE_CHARS = 'abcdefghijk';

/**
 * GBK bytes of NOTE_CHARS, read off the GBK fixture itself: its header decodes to those
 * characters, two bytes each. (Node and the browser decode GBK but cannot encode it.)
 */
export function gbkTable(root = process.cwd()): Map<string, [number, number]> {
  const bytes = readFileSync(join(root, 'test/fixtures/import/pings_gbk_gcj02.csv'));
  const header = bytes.subarray(0, bytes.indexOf(0x0d));
  const table = new Map<string, [number, number]>();
  let at = 0;
  for (const char of new TextDecoder('gb18030').decode(header)) {
    if (char === ',') at++;
    else {
      table.set(char, [header[at], header[at + 1]]);
      at += 2;
    }
  }
  for (const char of NOTE_CHARS) if (!table.has(char)) throw new Error(`${char} is not in the GBK fixture's header`);
  return table;
}

/** Rows from a fixed seed: 97 drivers around Guangzhou over one day. */
export function pingRows(n: number, seed = 20261117): PingRow[] {
  let state = seed >>> 0;
  const next = () => (state = (Math.imul(state, 1664525) + 1013904223) >>> 0) / 2 ** 32;
  return Array.from({ length: n }, (_, i) => {
    const minute = Math.floor(next() * 24 * 60);
    const time = `2026-11-17 ${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}`;
    return { driver: 1000 + (i % 97), time, lon: (113.1 + next() * 0.4).toFixed(6), lat: (22.9 + next() * 0.4).toFixed(6), note: '' };
  });
}

export interface SliceFile {
  bytes: Uint8Array;
  rows: PingRow[];
  /** The file line of each row (the header is line 1). */
  lines: number[];
  /** Offsets of the bytes of multi-byte characters other than their first. */
  insideCharacter: Set<number>;
}

/**
 * `driver,time,lon,lat,note` rows in ASCII, UTF-8 or GBK. In UTF-8 and GBK every multiple of
 * `sliceBytes` (where a read of the file ends) falls inside a Chinese character of some row's
 * note. `extra` may put a line before a row (a blank line, say) or replace the row's text; the
 * lines are counted through it.
 */
export function sliceCsv(
  source: PingRow[],
  options: { encoding: 'ascii' | 'utf-8' | 'gbk'; sliceBytes: number; extra?: (index: number) => { before?: string; row?: string } | undefined },
): SliceFile {
  const ascii = options.encoding === 'ascii';
  const width = options.encoding === 'utf-8' ? 3 : 2;
  const gbk = options.encoding === 'gbk' ? gbkTable() : null;
  const out: number[] = [];
  const insideCharacter = new Set<number>();
  /** The bytes of `text`, which will go at the end of `out`. */
  const encode = (text: string): number[] => {
    let at = out.length;
    return [...text].flatMap((c) => {
      const encoded = c.charCodeAt(0) < 0x80 ? [c.charCodeAt(0)] : gbk ? gbk.get(c) : [...new TextEncoder().encode(c)];
      if (!encoded) throw new Error(`no GBK bytes for ${c}`);
      for (let k = 1; k < encoded.length; k++) insideCharacter.add(at + k);
      at += encoded.length;
      return encoded;
    });
  };
  out.push(...encode('driver,time,lon,lat,note\n'));
  const rows: PingRow[] = [];
  const lines: number[] = [];
  let line = 2;
  let boundary = options.sliceBytes;
  const alphabet = ascii ? ASCII_NOTE_CHARS : NOTE_CHARS;
  const chars = (from: number, count: number) => Array.from({ length: count }, (_, k) => alphabet[(from + k) % alphabet.length]).join('');
  source.forEach((row, i) => {
    const extra = options.extra?.(i);
    if (extra?.before !== undefined) {
      out.push(...encode(extra.before));
      line += extra.before.split('\n').length - 1;
    }
    while (boundary <= out.length) boundary += options.sliceBytes;
    const prefix = `${row.driver},${row.time},${row.lon},${row.lat},`;
    let note = chars(i, 1 + (i % 6));
    const ahead = boundary - out.length;
    // The next read boundary is in this row or close after it: put it inside this note, off a
    // character's first byte (the previous row left at least 63 bytes, more than the prefix).
    if (!ascii && extra?.row === undefined && ahead < prefix.length + width * note.length + 64 && ahead > prefix.length + 1) {
      const pad = (ahead - prefix.length) % width === 0 ? 1 : 0;
      note = 'x'.repeat(pad) + chars(i, Math.floor((ahead - prefix.length - pad) / width) + 2);
    }
    const text = extra?.row ?? `${prefix}${note}`;
    lines.push(line);
    line += text.split('\n').length;
    out.push(...encode(text + '\n'));
    rows.push({ ...row, note });
  });
  return { bytes: Uint8Array.from(out), rows, lines, insideCharacter };
}

/** The checksum as DuckDB computes it over the imported pings (driver ids kept, not hashed). */
export const PINGS_CHECKSUM_SQL = `SELECT concat_ws(' ', count(*), sum(driver_id), sum(epoch(ts)::BIGINT // 60), sum(round(lon * 1e6)::BIGINT), sum(round(lat * 1e6)::BIGINT),
  sum((((driver_id * 1000003 + epoch(ts)::BIGINT // 60) % 2147483647) * ((round(lon * 1e6)::BIGINT * 1000033 + round(lat * 1e6)::BIGINT) % 2147483647)) % 2147483647)) AS checksum FROM pings`;

/** The same checksum from the rows: count, sums of driver, minute, lon and lat in millionths, and a sum coupling them per row. */
export function pingsChecksum(rows: PingRow[]): string {
  const sums = [0n, 0n, 0n, 0n, 0n];
  const P = 2147483647n;
  for (const row of rows) {
    const [date, clock] = row.time.split(' ');
    const [y, mo, d] = date.split('-').map(Number);
    const [h, mi, s] = clock.split(':').map(Number);
    const minute = BigInt(Math.floor(Date.UTC(y, mo - 1, d, h, mi, s) / 60000));
    const driver = BigInt(row.driver);
    const lon = BigInt(Math.round(Number(row.lon) * 1e6));
    const lat = BigInt(Math.round(Number(row.lat) * 1e6));
    sums[0] += driver;
    sums[1] += minute;
    sums[2] += lon;
    sums[3] += lat;
    sums[4] += ((((driver * 1000003n + minute) % P) * ((lon * 1000033n + lat) % P)) % P);
  }
  return [BigInt(rows.length), ...sums].join(' ');
}
