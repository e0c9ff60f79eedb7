/**
 * The CSV slicer: every data row exactly once, in order, never cut (also inside quotes and
 * across slices), header dropped, encodings turned into UTF-8, progress reaching the file size.
 * Every slice is detached right after it is handed out, as DuckDB-WASM's registerFileBuffer
 * does in the browser (it transfers the buffer to its worker), so a slicer that kept reading a
 * slice it gave away loses rows here too. Reads are cut inside UTF-8 and GB18030 characters;
 * lines are checked across slices; stray quotes stop the import at the line they open.
 */
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { csvChunks, CsvFormatError, CSV_MAX_QUOTED_LINE_BREAKS, CSV_MAX_ROW_BYTES, scanRows, type CsvChunk } from '../../../web/src/ingest/csvChunks';
import { detectEncoding, type EncodingGuess } from '../../../web/src/ingest/textEncoding';

const utf8 = (s: string) => new TextEncoder().encode(s);

/** What the browser does to a registered buffer: moved to the worker, empty here. */
function transfer(bytes: Uint8Array): void {
  structuredClone(bytes, { transfer: [bytes.buffer as ArrayBuffer] });
  expect(bytes.byteLength).toBe(0);
}

type Seen = Omit<CsvChunk, 'utf8' | 'rowLines' | 'fileLine'> & { text: string; lines: number[] };

async function collect(bytes: Uint8Array, chunkBytes: number, options: { encoding?: EncodingGuess; delimiter?: string } = {}) {
  const chunks: Seen[] = [];
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>]);
  for await (const chunk of csvChunks(blob, options.encoding ?? detectEncoding(bytes), { chunkBytes, delimiter: options.delimiter })) {
    const { utf8: data, rowLines, fileLine: _fileLine, ...rest } = chunk;
    chunks.push({ ...rest, text: new TextDecoder().decode(data), lines: rowLines ? [...rowLines] : Array.from({ length: chunk.rows }, (_, i) => chunk.startLine + i) });
    transfer(data);
  }
  return { chunks, texts: chunks.map((c) => c.text), done: chunks.map((c) => c.bytesDone), lines: chunks.flatMap((c) => c.lines) };
}

describe('scanRows', () => {
  const scan = (text: string, final = false, fastPath = true) => scanRows(utf8(text), { delimiter: 0x2c, firstLine: 1, final, fastPath });

  it('cuts after the last line break that ends a row, with quotes as DuckDB reads them', () => {
    expect(scan('a,b\n1,2\n3,').end).toBe(8);
    expect(scan('a,"x\ny"\n1,"2\n').end).toBe(8);
    expect(scan('no newline').end).toBe(-1);
    // A quote inside an unquoted field is a character: it opens nothing.
    expect(scan('a,12" screen,b\nc,d,e\n')).toMatchObject({ end: 21, rows: 2, quotedBreaks: [] });
    // At a field's start (after at most one space) it does; a closing quote followed by text reopens on the next quote.
    expect(scan('a, "b\nc",d\ne\n')).toMatchObject({ end: 13, rows: 2, quotedBreaks: [1] });
    expect(scan('a,  "b\nc",d\n')).toMatchObject({ end: 12, rows: 2, rowLines: null });
    expect(scan('"a"b"c\nd",f\ng\n')).toMatchObject({ end: 14, rows: 2, rowLines: [1, 3] });
  });

  it('counts lines and rows: blank lines are no rows, CR LF is one line break, a lone CR ends a row', () => {
    expect(scan('a\n\nb\r\n\r\nc\n')).toMatchObject({ end: 10, lines: 5, rows: 3, rowLines: [1, 3, 5] });
    expect(scan('a\rb\nc\n')).toMatchObject({ lines: 3, rows: 3, rowLines: null });
    expect(scan('a\n"b\nc"\nd\n')).toMatchObject({ lines: 4, rows: 3, rowLines: [1, 2, 4], quotedBreaks: [2] });
    expect(scan('a\nb', true)).toMatchObject({ end: 3, lines: 1, rows: 2, rowLines: null });
  });

  it('gives the same answer with and without the shortcut for text without quotes', () => {
    const alphabet = fc.constantFrom('a', '1', ',', ' ', '\n', '\r', '\r\n', '车');
    fc.assert(
      fc.property(fc.array(alphabet, { maxLength: 40 }), fc.boolean(), (parts, final) => {
        const text = parts.join('');
        expect(scan(text, final, true)).toEqual(scan(text, final, false));
      }),
      { numRuns: 2000, seed: 21 },
    );
  });
});

describe('csvChunks', () => {
  const rows = Array.from({ length: 500 }, (_, i) => `D${i},2026-11-17 08:${String(i % 60).padStart(2, '0')}:00,113.${i},23.${i}\n`);
  const file = 'driver,time,lon,lat\n' + rows.join('');

  for (const size of [7, 64, 1000, 1 << 20]) {
    it(`gives every data row once, in order, in slices of ${size} bytes, though each slice is taken away`, async () => {
      const { texts, done, lines } = await collect(utf8(file), size);
      expect(texts.join('')).toBe(rows.join(''));
      for (const text of texts) expect(text.endsWith('\n')).toBe(true);
      expect(done.at(-1)).toBe(utf8(file).length);
      expect([...done].sort((a, b) => a - b)).toEqual(done);
      expect(lines).toEqual(rows.map((_, i) => i + 2));
      if (size === 64) expect(texts.length).toBeGreaterThan(100);
    });
  }

  it('never cuts a quoted field with a line break, even across slices', async () => {
    const text = 'name,lon,lat\n"会员之家\n（天河）",113.3,23.1\n"x ""y""\nz",113.4,23.2\nplain,113.5,23.3\n';
    const { texts, chunks, lines } = await collect(utf8(text), 5);
    expect(texts.join('')).toBe(text.slice(text.indexOf('\n') + 1));
    expect(texts.some((t) => t.startsWith('"x'))).toBe(true);
    for (const t of texts) expect((t.match(/"/g) ?? []).length % 2).toBe(0);
    expect(chunks.some((c) => c.quotedLineBreaks)).toBe(true);
    expect(lines).toEqual([2, 4, 6]);
  });

  it('keeps a stray quote inside a field as a character, across slices', async () => {
    const body = Array.from({ length: 200 }, (_, i) => (i === 17 ? 'D17,12" screen,113.1,23.1\n' : `D${i},x,113.1,23.1\n`)).join('');
    const { texts, lines } = await collect(utf8('driver,note,lon,lat\n' + body), 50);
    expect(texts.join('')).toBe(body);
    expect(lines).toHaveLength(200);
  });

  it('skips the byte-order mark and a quoted header with a line break', async () => {
    const text = '\ufeff"driver\nid",lon,lat\nA,113,23\n';
    const { texts, lines } = await collect(utf8(text), 4);
    expect(texts.join('')).toBe('A,113,23\n');
    expect(lines).toEqual([3]);
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

  it('reads UTF-16 slice by slice, also when a read ends inside a character', async () => {
    const text = 'a,b\n1,粤\n2,😀\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    for (const size of [1, 3, 5, 1024]) expect((await collect(bytes, size)).texts.join('')).toBe('1,粤\n2,😀\n');
  });
});

describe('slice boundaries inside characters', () => {
  // Plates and notes in Chinese, so that reads end inside characters of 2, 3 and 4 bytes.
  const rows = Array.from({ length: 60 }, (_, i) => `粤A${i},2026-11-17 08:00:00,113.${i},23.${i},${'会员之家驿站'.slice(0, 1 + (i % 6))}😀\n`);
  const text = 'driver,time,lon,lat,note\n' + rows.join('');

  it('UTF-8: every read size, every row whole', async () => {
    for (let size = 1; size <= 40; size++) {
      const { texts, lines } = await collect(utf8(text), size);
      expect(texts.join(''), `slices of ${size} bytes`).toBe(rows.join(''));
      expect(lines).toEqual(rows.map((_, i) => i + 2));
    }
  });

  it('GB18030: every read size, every row whole, with one decoder across reads', async () => {
    // Two-byte (粤 D4C1, 车 B3B5, 817C) and four-byte (9439FC36) characters, and '|' as delimiter:
    // 0x7C is also a GBK trail byte, so bytes must be decoded before they are cut into fields.
    const gb = (hex: string) => Uint8Array.from(hex.match(/../g)!.map((h) => parseInt(h, 16)));
    const a = (s: string) => utf8(s);
    const parts: Uint8Array[] = [a('driver|note|lon\n')];
    for (let i = 0; i < 30; i++) parts.push(gb('d4c1'), a(`${i}|`), gb('b3b5'), gb('817c'), a('"x|'), gb('9439fc36'), a(`|113.${i}\n`));
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((at, p) => (bytes.set(p, at), at + p.length), 0);
    const whole = new TextDecoder('gb18030').decode(bytes);
    const expected = whole.slice(whole.indexOf('\n') + 1);
    expect(expected).toContain('粤0|车');
    for (let size = 1; size <= 30; size++) {
      const { texts, lines } = await collect(bytes, size, { encoding: { encoding: 'gb18030', bomLength: 0 }, delimiter: '|' });
      expect(texts.join(''), `slices of ${size} bytes`).toBe(expected);
      // The quote after the trail byte 0x7C is inside a field (a character), so it opens nothing: one row per line.
      expect(lines).toEqual(Array.from({ length: 30 }, (_, i) => i + 2));
    }
  });
});

describe('file lines across slices', () => {
  it('gives each row the line it starts on, past blank lines, CR LF and quoted line breaks', async () => {
    let text = 'id,lon,lat\r\n';
    let line = 2;
    const expected: number[] = [];
    for (let i = 0; i < 120; i++) {
      if (i % 17 === 5) {
        text += '\r\n';
        line++;
      }
      expected.push(line);
      // A quoted CR LF and LF: two more file lines, no more rows.
      text += i % 23 === 7 ? `R${i},"multi\r\nline\nnote",23.1\r\n` : `R${i},113.1,23.1\r\n`;
      line += i % 23 === 7 ? 3 : 1;
    }
    for (const size of [16, 50, 333, 100_000]) {
      const { lines: seen, chunks } = await collect(utf8(text), size);
      expect(seen, `slices of ${size} bytes`).toEqual(expected);
      if (size === 50) expect(chunks.length).toBeGreaterThan(20);
    }
  });

  it('turns a line of DuckDB (per slice, quoted line breaks not counted) into a file line', async () => {
    const text = 'h,x\n' + 'a,1\n'.repeat(10) + 'b,"1\n2\n3"\nc,1\nd,1\n';
    const found: number[] = [];
    // The first read is the header and the ten a-rows exactly, so the second slice starts with b.
    for await (const chunk of csvChunks(new Blob([utf8(text)]), { encoding: 'utf-8', bomLength: 0 }, { chunkBytes: 44 })) {
      // DuckDB's line 2 of a slice is the second line outside quotes.
      if (new TextDecoder().decode(chunk.utf8).startsWith('b,')) found.push(chunk.fileLine(1), chunk.fileLine(2), chunk.fileLine(3));
      transfer(chunk.utf8);
    }
    expect(found).toEqual([12, 15, 16]);
  });
});

describe('a stray quote is bounded and named by its line', () => {
  const rowsOf = (n: number, from = 0) => Array.from({ length: n }, (_, i) => `D${from + i},2026-11-17 08:00:00,113.1,23.1\n`).join('');

  async function failure(text: string, chunkBytes = 4096): Promise<string> {
    try {
      await collect(utf8(text), chunkBytes);
    } catch (error) {
      expect(error).toBeInstanceOf(CsvFormatError);
      return (error as Error).message;
    }
    throw new Error('no error');
  }

  it('a quote opening a field that never closes stops the import at the line it opened on', async () => {
    const text = 'driver,time,lon,lat\n' + rowsOf(500) + 'D500,"2026-11-17 08:00:00,113.1,23.1\n' + rowsOf(500, 501);
    expect(await failure(text)).toContain(`line 502 (D500,"2026-11-17 08:00:00,113.1,23.1): a double quote (") opens a field here that is not closed within ${CSV_MAX_QUOTED_LINE_BREAKS} line breaks; if the quote is part of the text`);
    // Also when the file ends first.
    expect(await failure('driver,time,lon,lat\n' + rowsOf(40) + 'D40,"x,113.1,23.1\n' + rowsOf(5))).toMatch(/^line 42 \(D40,"x,113\.1,23\.1\): .* is never closed/);
    // A field of long lines stops within a row's bound, not at the end of the file.
    const long = `D1,"${'x'.repeat(200_000)}\n` + `${'x'.repeat(200_000)}\n`.repeat(6);
    expect(await failure('driver,time,lon,lat\n' + long + rowsOf(10), 64 * 1024)).toMatch(/^line 2 \(D1,"x+…\): a double quote \("\) opens a field here that is still open 1 MB later/);
  });

  it('a quote cut off by the end of the file in the last line is closed, so the cut row is checked like any other', async () => {
    const body = rowsOf(30) + 'D30,"2026-11-17 08:00:00",113.1,23.1\nD31,"2026-11-17';
    const { texts } = await collect(utf8('driver,time,lon,lat\n' + body), 64);
    expect(texts.join('')).toBe(body + '"');
  });

  it('a row over the bound, with no line break, stops the import at its line', async () => {
    const text = 'driver,time,lon,lat\n' + rowsOf(3) + 'D3,' + 'y'.repeat(CSV_MAX_ROW_BYTES + 300_000);
    expect(await failure(text + '\n' + rowsOf(2), 256 * 1024)).toMatch(/^line 5 \(D3,y+…\): a row longer than 1 MB/);
  });
});
