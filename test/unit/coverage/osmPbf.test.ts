import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { isOsmPbf, parseOsmPbf } from '../../../web/src/coverage/osmPbf';
import { parseOsmXml } from '../../../web/src/coverage/osmXml';

const DIR = 'test/fixtures/osm';
const nanshanXml = () => gunzipSync(readFileSync(`${DIR}/shenzhen_nanshan_bbox.osm.xml.gz`));
const nanshanPbf = () => new Uint8Array(readFileSync(`${DIR}/shenzhen_nanshan_bbox.osm.pbf`));
const tinyPbf = () => new Uint8Array(readFileSync(`${DIR}/tiny_roads.osm.pbf`));

// A few lines of protobuf encoding to build files the fixtures do not cover.
function varint(n: number): number[] {
  const out: number[] = [];
  while (n >= 0x80) {
    out.push((n % 0x80) | 0x80);
    n = Math.floor(n / 0x80);
  }
  out.push(n);
  return out;
}
function field(num: number, value: number | string | number[]): number[] {
  if (typeof value === 'number') return [...varint(num * 8), ...varint(value)];
  const bytes = typeof value === 'string' ? [...new TextEncoder().encode(value)] : value;
  return [...varint(num * 8 + 2), ...varint(bytes.length), ...bytes];
}
function fileBlock(type: string, blob: number[]): number[] {
  const header = [...field(1, type), ...field(3, blob.length)];
  return [0, 0, header.length >> 8, header.length & 0xff, ...header, ...blob];
}
const osmHeader = (features: string[]) => fileBlock('OSMHeader', field(1, features.flatMap((f) => field(4, f))));
/** datasize of the first BlobHeader, which the fixture writer puts right after the type field. */
function headerDatasize(bytes: Uint8Array): number {
  const typeLen = bytes[5];
  let at = 6 + typeLen + 1;
  let n = 0;
  for (let shift = 1; ; shift *= 128) {
    const b = bytes[at++];
    n += (b & 0x7f) * shift;
    if (b < 0x80) return n;
  }
}
const file = (...blocks: number[][]) => Uint8Array.from(blocks.flat());

/** Deterministic bytes for the junk and corruption cases. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 4294967296;
  };
}

describe('Nanshan road network: PBF and XML readers agree', () => {
  const xml = parseOsmXml(nanshanXml().toString('utf8'));
  const pbf = parseOsmPbf(nanshanPbf());

  it('has the same nodes in the same order with the same coordinates', () => {
    expect(pbf.nodeIndex.size).toBe(xml.nodeIndex.size);
    expect(pbf.lon.length).toBe(xml.lon.length);
    expect(xml.nodeIndex.size).toBe(18996);
    const wrong: string[] = [];
    for (const [id, i] of xml.nodeIndex) {
      const j = pbf.nodeIndex.get(id);
      if (j !== i || Math.abs(pbf.lon[j] - xml.lon[i]) > 1e-7 || Math.abs(pbf.lat[j] - xml.lat[i]) > 1e-7) wrong.push(`node ${id}: xml #${i} ${xml.lon[i]},${xml.lat[i]} pbf #${j} ${j === undefined ? '-' : `${pbf.lon[j]},${pbf.lat[j]}`}`);
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });

  it('has the same highway ways, in order, with the same nodes, class, direction and speed', () => {
    expect(xml.ways.length).toBeGreaterThan(1000);
    expect(pbf.ways.length).toBe(xml.ways.length);
    expect(pbf.ways).toEqual(xml.ways);
    // The fixture has each kind of direction and a speed limit, so the comparison means something.
    expect(new Set(pbf.ways.map((w) => w.oneway))).toEqual(new Set(['yes', 'no', 'reverse']));
    expect(pbf.ways.some((w) => w.maxspeedKmh === 50)).toBe(true);
  });
});

describe('tiny_roads.osm.pbf: plain and dense nodes, granularity 1000, offsets, a raw blob', () => {
  const roads = parseOsmPbf(tinyPbf());

  it('places the four nodes at (offset + 1000 × value) / 1e9 degrees, in file order', () => {
    // lat_offset 22.5°, lon_offset 113.9°; values in microdegrees; ids above 2^32.
    expect([...roads.nodeIndex]).toEqual([
      [4300000001, 0],
      [4300000002, 1],
      [4300000010, 2],
      [4300000011, 3],
    ]);
    const expected = [
      [113.941567, 22.531234], // 113.9e9 + 1000 × 41567, 22.5e9 + 1000 × 31234 (plain Node)
      [113.942002, 22.532001], // values 42002, 32001 (plain Node)
      [113.94325, 22.5335], // values 43250, 33500 (DenseNodes)
      [113.944444, 22.4995], // values 44444, -500: a negative delta-coded latitude (DenseNodes)
    ];
    expected.forEach(([lon, lat], i) => {
      expect(roads.lon[i]).toBeCloseTo(lon, 12);
      expect(roads.lat[i]).toBeCloseTo(lat, 12);
    });
  });

  it('keeps the two highway ways, drops the building and the ref to a node not in the file', () => {
    expect(roads.ways).toEqual([
      { nodes: [4300000001, 4300000002, 4300000010], highway: 'residential', oneway: 'no', maxspeedKmh: null },
      { nodes: [4300000010, 4300000011], highway: 'primary', oneway: 'yes', maxspeedKmh: 60 },
    ]);
  });
});

describe('damaged and foreign input fails with a specific error', () => {
  it('a PBF cut in half is "truncated"', () => {
    const bytes = nanshanPbf();
    expect(() => parseOsmPbf(bytes.subarray(0, bytes.length >> 1))).toThrow(/truncated OSM PBF: blob \d+ needs \d+ bytes at offset \d+, the file ends at \d+/);
    expect(() => parseOsmPbf(bytes.subarray(0, bytes.length - 1))).toThrow(/truncated/);
  });

  it('a cut anywhere in the tiny file is reported, never returned or hung on', () => {
    const bytes = tinyPbf();
    const boundary = 4 + ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]);
    for (let cut = 1; cut < bytes.length; cut++) {
      // PBF has no end marker: cut exactly after the header blob, what is left is a valid file with no roads.
      if (cut === boundary + headerDatasize(bytes)) expect(() => parseOsmPbf(bytes.subarray(0, cut))).toThrow('no highway ways in this OSM PBF file');
      else expect(() => parseOsmPbf(bytes.subarray(0, cut))).toThrow(/truncated|not an OSM PBF/);
    }
  });

  it('empty input and random junk throw a clear Error', () => {
    expect(() => parseOsmPbf(new Uint8Array(0))).toThrow(/not an OSM PBF file: the file is empty/);
    const next = random(42);
    for (let k = 0; k < 200; k++) {
      const junk = Uint8Array.from({ length: 1 + Math.floor(next() * 5000) }, () => Math.floor(next() * 256));
      expect(() => parseOsmPbf(junk)).toThrow(/not an OSM PBF file|truncated OSM PBF/);
    }
    // Junk after a valid header blob, and a BlobHeader length beyond the spec's 64 KiB.
    expect(() => parseOsmPbf(file(osmHeader(['OsmSchema-V0.6']), [0, 0, 0, 5, 0xff, 0xff, 0xff, 0xff, 0xff]))).toThrow(/corrupt OSM PBF: blob 2/);
    expect(() => parseOsmPbf(Uint8Array.from([0, 1, 0, 0, 1, 2, 3]))).toThrow(/BlobHeader of 65536 bytes/);
  });

  it('flipped bytes anywhere either parse or throw an Error', () => {
    const next = random(7);
    // fflate does not check the zlib checksum, so flips inside Nanshan's blobs also feed garbage to the protobuf decoding.
    for (const [original, rounds] of [
      [tinyPbf(), 300],
      [nanshanPbf(), 60],
    ] as const) {
      for (let k = 0; k < rounds; k++) {
        const bytes = original.slice();
        for (let f = 0; f < 3; f++) bytes[Math.floor(next() * bytes.length)] = Math.floor(next() * 256);
        try {
          parseOsmPbf(bytes);
        } catch (error) {
          expect(error).toBeInstanceOf(Error);
          expect((error as Error).message).toMatch(/OSM PBF/);
        }
      }
    }
  });

  it('names lzma, lz4 and zstd compression and says how to re-encode', () => {
    for (const [num, name] of [
      [4, 'lzma'],
      [6, 'lz4'],
      [7, 'zstd'],
    ] as const) {
      const bytes = file(osmHeader(['OsmSchema-V0.6', 'DenseNodes']), fileBlock('OSMData', [...field(2, 1000), ...field(num, [0x28, 0xb5, 0x2f, 0xfd, 1, 2, 3])]));
      expect(() => parseOsmPbf(bytes)).toThrow(new RegExp(`${name}-compressed.*pbf_compression=zlib`));
    }
  });

  it('names a required feature it does not support', () => {
    expect(() => parseOsmPbf(file(osmHeader(['OsmSchema-V0.6', 'DenseNodes', 'Fancy-Nodes-V9'])))).toThrow(/"Fancy-Nodes-V9"/);
    // HistoricalInformation is accepted.
    expect(() => parseOsmPbf(file(osmHeader(['OsmSchema-V0.6', 'HistoricalInformation'])))).toThrow('no highway ways in this OSM PBF file');
  });

  it('a file whose first blob is not an OSMHeader is not an OSM PBF', () => {
    expect(() => parseOsmPbf(file(fileBlock('OSMData', field(1, []))))).toThrow(/not an OSM PBF file: the first blob is of type "OSMData"/);
  });
});

describe('isOsmPbf', () => {
  it('recognises the fixtures and rejects XML, junk and short input', () => {
    expect(isOsmPbf(nanshanPbf())).toBe(true);
    expect(isOsmPbf(tinyPbf())).toBe(true);
    expect(isOsmPbf(nanshanPbf().subarray(0, 64))).toBe(true);
    expect(isOsmPbf(new Uint8Array(nanshanXml()))).toBe(false);
    expect(isOsmPbf(new Uint8Array(readFileSync(`${DIR}/shenzhen_nanshan_bbox.osm.xml.gz`)))).toBe(false);
    expect(isOsmPbf(new Uint8Array(0))).toBe(false);
    expect(isOsmPbf(Uint8Array.from([0, 0, 0]))).toBe(false);
    expect(isOsmPbf(file(fileBlock('OSMData', [])))).toBe(false);
  });
});
