/**
 * The CSV slicer: every data row exactly once, in order, never cut (also inside quotes and
 * across slices), header dropped, encodings turned into UTF-8, progress reaching the file size.
 */
import { describe, expect, it } from 'vitest';
import { csvChunks, firstRowEnd, lastRowEnd } from '../../../web/src/ingest/csvChunks';
import { detectEncoding } from '../../../web/src/ingest/textEncoding';

const utf8 = (s: string) => new TextEncoder().encode(s);

async function collect(bytes: Uint8Array, chunkBytes: number) {
  const chunks = [];
  for await (const chunk of csvChunks(new Blob([bytes as Uint8Array<ArrayBuffer>]), detectEncoding(bytes), chunkBytes)) chunks.push(chunk);
  return { texts: chunks.map((c) => new TextDecoder().decode(c.utf8)), done: chunks.map((c) => c.bytesDone) };
}

describe('row boundaries', () => {
  it('finds the last and first line break outside quotes', () => {
    expect(lastRowEnd(utf8('a,b\n1,2\n3,'))).toBe(8);
    expect(lastRowEnd(utf8('a,"x\ny"\n1,"2\n'))).toBe(8);
    expect(lastRowEnd(utf8('no newline'))).toBe(-1);
    expect(firstRowEnd(utf8('"h\n1",h2\n1,2\n'))).toBe(9);
  });
});

describe('csvChunks', () => {
  const rows = Array.from({ length: 500 }, (_, i) => `D${i},2026-11-17 08:${String(i % 60).padStart(2, '0')}:00,113.${i},23.${i}\n`);
  const file = 'driver,time,lon,lat\n' + rows.join('');

  for (const size of [7, 64, 1000, 1 << 20]) {
    it(`gives every data row once, in order, in slices of ${size} bytes`, async () => {
      const { texts, done } = await collect(utf8(file), size);
      expect(texts.join('')).toBe(rows.join(''));
      for (const text of texts) expect(text.endsWith('\n')).toBe(true);
      expect(done.at(-1)).toBe(utf8(file).length);
      expect([...done].sort((a, b) => a - b)).toEqual(done);
      if (size === 64) expect(texts.length).toBeGreaterThan(100);
    });
  }

  it('never cuts a quoted field with a line break, even across slices', async () => {
    const text = 'name,lon,lat\n"会员之家\n（天河）",113.3,23.1\n"x ""y""\nz",113.4,23.2\nplain,113.5,23.3\n';
    const { texts } = await collect(utf8(text), 5);
    expect(texts.join('')).toBe(text.slice(text.indexOf('\n') + 1));
    expect(texts.some((t) => t.startsWith('"x'))).toBe(true);
    for (const t of texts) expect((t.match(/"/g) ?? []).length % 2).toBe(0);
  });

  it('skips the byte-order mark and a quoted header with a line break', async () => {
    const text = '\ufeff"driver\nid",lon,lat\nA,113,23\n';
    const { texts } = await collect(utf8(text), 4);
    expect(texts.join('')).toBe('A,113,23\n');
  });

  it('decodes GB18030 slice by slice into UTF-8', async () => {
    // 司机,经度 in GBK, then rows with Chinese plates; 0x0A never occurs inside a GBK character.
    const gbk = new Uint8Array([0xcb, 0xbe, 0xbb, 0xfa, 0x2c, 0xbe, 0xad, 0xb6, 0xc8, 0x0a, 0xd4, 0xc1, 0x41, 0x2c, 0x31, 0x0a, 0xd4, 0xc1, 0x42, 0x2c, 0x32, 0x0a]);
    const { texts } = await collect(gbk, 3);
    expect(texts.join('')).toBe('粤A,1\n粤B,2\n');
  });

  it('keeps a last row without a line break, and a header-only file gives nothing', async () => {
    expect((await collect(utf8('a,b\n1,2\n3,4'), 3)).texts.join('')).toBe('1,2\n3,4');
    expect((await collect(utf8('a,b\n'), 3)).texts).toEqual([]);
    expect((await collect(utf8('a,b'), 3)).texts).toEqual([]);
  });

  it('reads UTF-16 in one piece', async () => {
    const text = 'a,b\n1,2\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) bytes[2 + 2 * i] = text.charCodeAt(i);
    expect((await collect(bytes, 4)).texts).toEqual(['1,2\n']);
  });
});
