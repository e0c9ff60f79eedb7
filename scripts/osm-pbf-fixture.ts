/**
 * Writes the OSM PBF test fixtures (test/fixtures/osm/):
 *
 * - shenzhen_nanshan_bbox.osm.pbf: the Nanshan OSM XML in that folder re-encoded the way osmium
 *   lays out real extracts (an OSMHeader blob, then zlib-compressed OSMData blobs of at most 8000
 *   entities: DenseNodes, ways, relations), with every node, way, relation and tag kept.
 * - tiny_roads.osm.pbf: four hand-placed nodes and three ways in one RAW (uncompressed) blob, with
 *   plain Nodes and DenseNodes, a non-default granularity, non-zero offsets and 64-bit ids, so the
 *   reader's less common paths are exercised with values a test can check by hand.
 *
 * The XML is parsed here with its own regexes and the protobuf written by a small writer of its own,
 * independently of web/src/coverage (osmXml.ts, osmPbf.ts), so the tests compare two separate paths.
 * Deterministic; rerun with `npx tsx scripts/osm-pbf-fixture.ts`.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { zlibSync } from 'fflate';

const DIR = 'test/fixtures/osm';
const BLOCK_ENTITIES = 8000;

/** Protobuf writer: varints for non-negative integers up to 2^53, zigzag for signed ones. */
class Writer {
  private buf = new Uint8Array(256);
  private pos = 0;

  private ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.pos + n));
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  varint(n: number): this {
    if (!Number.isSafeInteger(n) || n < 0) throw new Error(`varint out of range: ${n}`);
    this.ensure(8);
    // Division rather than bit shifts: shifts would truncate to 32 bits.
    while (n >= 0x80) {
      this.buf[this.pos++] = (n % 0x80) | 0x80;
      n = Math.floor(n / 0x80);
    }
    this.buf[this.pos++] = n;
    return this;
  }

  svarint(n: number): this {
    return this.varint(n >= 0 ? n * 2 : -n * 2 - 1);
  }

  key(field: number, wire: number): this {
    return this.varint(field * 8 + wire);
  }

  uintField(field: number, n: number): this {
    return this.key(field, 0).varint(n);
  }

  sintField(field: number, n: number): this {
    return this.key(field, 0).svarint(n);
  }

  bytesField(field: number, bytes: Uint8Array): this {
    this.key(field, 2).varint(bytes.length);
    this.ensure(bytes.length);
    this.buf.set(bytes, this.pos);
    this.pos += bytes.length;
    return this;
  }

  stringField(field: number, s: string): this {
    return this.bytesField(field, new TextEncoder().encode(s));
  }

  messageField(field: number, message: Writer): this {
    return this.bytesField(field, message.finish());
  }

  packedUint(field: number, values: number[]): this {
    if (values.length === 0) return this;
    const inner = new Writer();
    for (const v of values) inner.varint(v);
    return this.messageField(field, inner);
  }

  packedSint(field: number, values: number[]): this {
    if (values.length === 0) return this;
    const inner = new Writer();
    for (const v of values) inner.svarint(v);
    return this.messageField(field, inner);
  }

  finish(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }
}

/** Delta coding used by DenseNodes columns, way refs and relation member ids. */
function deltas(values: number[]): number[] {
  return values.map((v, i) => (i === 0 ? v : v - values[i - 1]));
}

/** [4-byte big-endian BlobHeader length][BlobHeader{type, datasize}][Blob{raw | raw_size + zlib_data}]. */
function fileBlock(type: 'OSMHeader' | 'OSMData', payload: Uint8Array, compress: boolean): Uint8Array {
  const blob = new Writer();
  if (compress) blob.uintField(2, payload.length).bytesField(3, zlibSync(payload, { level: 9 }));
  else blob.bytesField(1, payload);
  const blobBytes = blob.finish();
  const header = new Writer().stringField(1, type).uintField(3, blobBytes.length).finish();
  const out = new Uint8Array(4 + header.length + blobBytes.length);
  new DataView(out.buffer).setUint32(0, header.length);
  out.set(header, 4);
  out.set(blobBytes, 4 + header.length);
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) out.set(p, at), (at += p.length);
  return out;
}

/** Per-block string table; index 0 is the empty string, as the spec reserves it as a delimiter. */
class StringTable {
  private index = new Map<string, number>([['', 0]]);
  private list = [''];
  id(s: string): number {
    let i = this.index.get(s);
    if (i === undefined) {
      i = this.list.length;
      this.index.set(s, i);
      this.list.push(s);
    }
    return i;
  }
  message(): Writer {
    const w = new Writer();
    for (const s of this.list) w.stringField(1, s);
    return w;
  }
}

type Tags = [string, string][];
interface XmlNode {
  id: number;
  lat: string;
  lon: string;
  tags: Tags;
}
interface XmlWay {
  id: number;
  refs: number[];
  tags: Tags;
}
interface XmlRelation {
  id: number;
  members: { type: 'node' | 'way' | 'relation'; ref: number; role: string }[];
  tags: Tags;
}

function unescapeXml(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]+|#\d+|amp|lt|gt|quot|apos);/g, (_, e: string) =>
    e[0] === '#' ? String.fromCodePoint(e[1] === 'x' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10)) : ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" } as Record<string, string>)[e],
  );
}

function attrs(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of text.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]] = unescapeXml(m[2]);
  return out;
}

function tagsOf(body: string | undefined): Tags {
  return body ? [...body.matchAll(/<tag\s([^>]*?)\/>/g)].map((m) => attrs(m[1])).map((a) => [a.k, a.v] as [string, string]) : [];
}

/** Elements in document order; each kind is contiguous in OSM XML (nodes, then ways, then relations). */
function readXml(xml: string): { nodes: XmlNode[]; ways: XmlWay[]; relations: XmlRelation[] } {
  const nodes: XmlNode[] = [];
  for (const m of xml.matchAll(/<node\s([^>]*?)\s*(?:\/>|>([\s\S]*?)<\/node>)/g)) {
    const a = attrs(m[1]);
    nodes.push({ id: Number(a.id), lat: a.lat, lon: a.lon, tags: tagsOf(m[2]) });
  }
  const ways: XmlWay[] = [];
  for (const m of xml.matchAll(/<way\s([^>]*?)\s*(?:\/>|>([\s\S]*?)<\/way>)/g)) {
    const refs = [...(m[2] ?? '').matchAll(/<nd\s+ref="(-?\d+)"/g)].map((r) => Number(r[1]));
    ways.push({ id: Number(attrs(m[1]).id), refs, tags: tagsOf(m[2]) });
  }
  const relations: XmlRelation[] = [];
  for (const m of xml.matchAll(/<relation\s([^>]*?)\s*(?:\/>|>([\s\S]*?)<\/relation>)/g)) {
    const members = [...(m[2] ?? '').matchAll(/<member\s([^>]*?)\/>/g)].map((x) => {
      const a = attrs(x[1]);
      return { type: a.type as 'node' | 'way' | 'relation', ref: Number(a.ref), role: a.role ?? '' };
    });
    relations.push({ id: Number(attrs(m[1]).id), members, tags: tagsOf(m[2]) });
  }
  return { nodes, ways, relations };
}

/** Degrees as decimal text → units of 100 nanodegrees (granularity 100, 7 decimals), exactly. */
function toUnits(deg: string): number {
  return Math.round(Number(deg) * 1e7);
}

function headerBlock(opts: { bbox?: [number, number, number, number]; features: string[]; source?: string }): Uint8Array {
  const w = new Writer();
  if (opts.bbox) {
    // HeaderBBox: left, right, top, bottom in nanodegrees.
    const [left, right, top, bottom] = opts.bbox;
    w.messageField(1, new Writer().sintField(1, left).sintField(2, right).sintField(3, top).sintField(4, bottom));
  }
  for (const f of opts.features) w.stringField(4, f);
  w.stringField(16, 'outreach-atlas fixture');
  if (opts.source) w.stringField(17, opts.source);
  return w.finish();
}

function nanshan(): Uint8Array {
  const xml = gunzipSync(readFileSync(`${DIR}/shenzhen_nanshan_bbox.osm.xml.gz`)).toString('utf8');
  const { nodes, ways, relations } = readXml(xml);
  const lats = nodes.map((n) => toUnits(n.lat));
  const lons = nodes.map((n) => toUnits(n.lon));
  const bbox: [number, number, number, number] = [Math.min(...lons) * 100, Math.max(...lons) * 100, Math.max(...lats) * 100, Math.min(...lats) * 100];
  const blocks = [fileBlock('OSMHeader', headerBlock({ bbox, features: ['OsmSchema-V0.6', 'DenseNodes'], source: 'Overpass API export (osm_base 2021-03-17), © OpenStreetMap contributors, ODbL 1.0' }), true)];

  for (let start = 0; start < nodes.length; start += BLOCK_ENTITIES) {
    const chunk = nodes.slice(start, start + BLOCK_ENTITIES);
    const strings = new StringTable();
    const keysVals: number[] = [];
    for (const n of chunk) {
      for (const [k, v] of n.tags) keysVals.push(strings.id(k), strings.id(v));
      keysVals.push(0);
    }
    const dense = new Writer()
      .packedSint(1, deltas(chunk.map((n) => n.id)))
      .packedSint(8, deltas(lats.slice(start, start + chunk.length)))
      .packedSint(9, deltas(lons.slice(start, start + chunk.length)));
    // keys_vals may be left out only when no node in the block has tags.
    if (chunk.some((n) => n.tags.length)) dense.packedUint(10, keysVals);
    const group = new Writer().messageField(2, dense);
    blocks.push(fileBlock('OSMData', new Writer().messageField(1, strings.message()).messageField(2, group).finish(), true));
  }

  for (let start = 0; start < ways.length; start += BLOCK_ENTITIES) {
    const strings = new StringTable();
    const group = new Writer();
    for (const way of ways.slice(start, start + BLOCK_ENTITIES)) {
      const w = new Writer()
        .uintField(1, way.id)
        .packedUint(2, way.tags.map(([k]) => strings.id(k)))
        .packedUint(3, way.tags.map(([, v]) => strings.id(v)))
        .packedSint(8, deltas(way.refs));
      group.messageField(3, w);
    }
    blocks.push(fileBlock('OSMData', new Writer().messageField(1, strings.message()).messageField(2, group).finish(), true));
  }

  const memberType = { node: 0, way: 1, relation: 2 } as const;
  for (let start = 0; start < relations.length; start += BLOCK_ENTITIES) {
    const strings = new StringTable();
    const group = new Writer();
    for (const rel of relations.slice(start, start + BLOCK_ENTITIES)) {
      const w = new Writer()
        .uintField(1, rel.id)
        .packedUint(2, rel.tags.map(([k]) => strings.id(k)))
        .packedUint(3, rel.tags.map(([, v]) => strings.id(v)))
        .packedUint(8, rel.members.map((m) => strings.id(m.role)))
        .packedSint(9, deltas(rel.members.map((m) => m.ref)))
        .packedUint(10, rel.members.map((m) => memberType[m.type]));
      group.messageField(4, w);
    }
    blocks.push(fileBlock('OSMData', new Writer().messageField(1, strings.message()).messageField(2, group).finish(), true));
  }
  console.log(`nanshan: ${nodes.length} nodes, ${ways.length} ways, ${relations.length} relations in ${blocks.length} blobs`);
  return concat(blocks);
}

/**
 * Hand-made: granularity 1000 (microdegrees), lat_offset 22.5°, lon_offset 113.9°, so
 * degrees = (offset + 1000 * value) / 1e9. Ids above 2^32 need 64-bit varints.
 *
 *   node 4300000001 (plain)  lat value  31234 → 22.531234, lon value 41567 → 113.941567
 *   node 4300000002 (plain)  lat value  32001 → 22.532001, lon value 42002 → 113.942002
 *   node 4300000010 (dense)  lat value  33500 → 22.5335,   lon value 43250 → 113.94325
 *   node 4300000011 (dense)  lat value   -500 → 22.4995,   lon value 44444 → 113.944444
 *
 *   way 5000000001 highway=residential, refs 1, 2, 4300000099 (not in the file), 10
 *   way 5000000002 highway=primary oneway=yes maxspeed=60, refs 10, 11
 *   way 5000000003 building=yes, refs 1, 2, 11, 1
 */
function tiny(): Uint8Array {
  const strings = new StringTable();
  const s = (x: string) => strings.id(x);
  const plain = new Writer()
    .messageField(1, new Writer().sintField(1, 4300000001).messageField(4, new Writer().uintField(1, 3)).sintField(8, 31234).sintField(9, 41567))
    .messageField(1, new Writer().sintField(1, 4300000002).packedUint(2, [s('highway')]).packedUint(3, [s('traffic_signals')]).sintField(8, 32001).sintField(9, 42002));
  const dense = new Writer()
    .packedSint(1, deltas([4300000010, 4300000011]))
    .messageField(5, new Writer().packedUint(1, [1, 2])) // DenseInfo versions, to be skipped
    .packedSint(8, deltas([33500, -500]))
    .packedSint(9, deltas([43250, 44444]))
    .packedUint(10, [0, s('barrier'), s('gate'), 0]);
  const way = (id: number, tags: Tags, refs: number[]) =>
    new Writer()
      .uintField(1, id)
      .packedUint(2, tags.map(([k]) => s(k)))
      .packedUint(3, tags.map(([, v]) => s(v)))
      .packedSint(8, deltas(refs));
  const ways = new Writer()
    .messageField(3, way(5000000001, [['highway', 'residential'], ['name', '测试路']], [4300000001, 4300000002, 4300000099, 4300000010]))
    .messageField(3, way(5000000002, [['highway', 'primary'], ['oneway', 'yes'], ['maxspeed', '60']], [4300000010, 4300000011]))
    .messageField(3, way(5000000003, [['building', 'yes']], [4300000001, 4300000002, 4300000011, 4300000001]));
  const relations = new Writer().messageField(
    4,
    new Writer().uintField(1, 6000000001).packedUint(2, [s('type')]).packedUint(3, [s('route')]).packedUint(8, [s('')]).packedSint(9, [5000000002]).packedUint(10, [1]),
  );
  const block = new Writer()
    .messageField(1, strings.message())
    .messageField(2, plain) // a PrimitiveGroup of plain Nodes
    .messageField(2, new Writer().messageField(2, dense))
    .messageField(2, ways)
    .messageField(2, relations)
    .uintField(17, 1000)
    .uintField(18, 1000)
    .uintField(19, 22_500_000_000)
    .uintField(20, 113_900_000_000)
    .finish();
  return concat([fileBlock('OSMHeader', headerBlock({ features: ['OsmSchema-V0.6', 'DenseNodes'] }), false), fileBlock('OSMData', block, false)]);
}

const big = nanshan();
writeFileSync(`${DIR}/shenzhen_nanshan_bbox.osm.pbf`, big);
const small = tiny();
writeFileSync(`${DIR}/tiny_roads.osm.pbf`, small);
console.log(`wrote ${DIR}/shenzhen_nanshan_bbox.osm.pbf (${big.length} bytes) and ${DIR}/tiny_roads.osm.pbf (${small.length} bytes)`);
