import { describe, expect, it } from 'vitest';
import { fileTooBig, importByteLimit, MAX_IMPORT_BYTES } from '../../../web/src/ingest/fileSizeLimit';
import { HEAD_BYTES, prepareImport } from '../../../web/src/ingest/prepareImport';

describe('file size limit', () => {
  it('is 2 GiB, or half the heap when the browser allows less', () => {
    expect(importByteLimit(undefined)).toBe(MAX_IMPORT_BYTES);
    expect(importByteLimit(8 * 1024 ** 3)).toBe(MAX_IMPORT_BYTES);
    expect(importByteLimit(2 * 1024 ** 3)).toBe(1024 ** 3);
  });

  it('says why a file is refused, with both sizes', () => {
    expect(fileTooBig(1024 ** 3, MAX_IMPORT_BYTES)).toBeNull();
    expect(fileTooBig(3.5 * 1024 ** 3, MAX_IMPORT_BYTES)).toMatch(/^the file is 3\.5 GB, and this browser tab can import at most 2\.0 GB: split it/);
  });
});

describe('previewing only the head of a big file', () => {
  it('guesses from the first 256 KB and keeps the real size', () => {
    const line = 'D1,2026-11-17 08:00:00,113.30000,23.10000\n';
    const text = 'driver,time,lon,lat\n' + line.repeat(Math.ceil((HEAD_BYTES * 2) / line.length));
    const bytes = new TextEncoder().encode(text);
    const prepared = prepareImport('big.csv', bytes.subarray(0, HEAD_BYTES), bytes.length);
    expect(prepared.byteLength).toBe(bytes.length);
    expect(prepared.preview.rows).toHaveLength(20);
    expect(prepared.preview.rows.every((r) => r.length === 4)).toBe(true);
    expect(prepared.guess.kind).toBe('pings');
  });
});
