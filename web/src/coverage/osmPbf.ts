/**
 * Reads road networks from OpenStreetMap PBF (`.osm.pbf`, as Geofabrik, BBBike and osmium write
 * them) into the same node/way structure as the OSM XML reader, so the road graph and isochrones
 * do not care which one the user dropped. Format: https://wiki.openstreetmap.org/wiki/PBF_Format
 *
 * A file is a sequence of [4-byte big-endian BlobHeader length][BlobHeader][Blob]; each Blob holds
 * a raw or zlib-compressed HeaderBlock (the first) or PrimitiveBlock. The protobuf decoding is a
 * small hand-written reader rather than a dependency: we need a dozen fields, 64-bit-safe varints
 * as Numbers, and bounds checks that turn damaged files into specific errors instead of hangs.
 */
import { unzlibSync } from 'fflate';
import { onewayOf, parseMaxspeed, type OsmRoads, type OsmWay } from './osmXml';

/** Spec limits: a BlobHeader must be under 64 KiB and a Blob (either size) at most 32 MiB. */
const MAX_BLOB_HEADER = 64 * 1024;
const MAX_BLOB = 32 * 1024 * 1024;
const TWO_32 = 4294967296;
/** Features this reader understands; HistoricalInformation only means ids may repeat (last wins, as in XML). */
const SUPPORTED_FEATURES = new Set(['OsmSchema-V0.6', 'DenseNodes', 'HistoricalInformation']);
const ZLIB_HINT = 're-encode the file with zlib compression, e.g. `osmium cat in.osm.pbf -o out.osm.pbf --output-format pbf,pbf_compression=zlib`';

/** An error whose message already says where in the file it happened; not re-wrapped. */
export class OsmPbfError extends Error {
  override name = 'OsmPbfError';
}

/**
 * Protobuf wire-format cursor over buf[pos, end). Varints are decoded as two unsigned 32-bit
 * halves so 64-bit values (ids, int64 offsets) come out exact up to 2^53 rather than wrapping.
 */
class ProtoReader {
  private lo = 0;
  private hi = 0;
  constructor(
    readonly buf: Uint8Array,
    public pos: number,
    readonly end: number,
  ) {}

  private raw(): void {
    const buf = this.buf;
    const end = this.end;
    let pos = this.pos;
    if (pos >= end) throw new Error(`varint at byte ${pos} runs past the end of its message`);
    let b = buf[pos++];
    if (b < 0x80) {
      // Fast path: most keys, deltas and string indexes are one byte.
      this.lo = b;
      this.hi = 0;
      this.pos = pos;
      return;
    }
    let lo = b & 0x7f;
    let hi = 0;
    const start = this.pos;
    for (let shift = 7; shift < 28; shift += 7) {
      if (pos >= end) throw new Error(`varint at byte ${start} runs past the end of its message`);
      b = buf[pos++];
      lo |= (b & 0x7f) << shift;
      if (b < 0x80) return this.done(lo, 0, pos);
    }
    // The fifth byte straddles the halves: 4 bits low, 3 bits high.
    if (pos >= end) throw new Error(`varint at byte ${start} runs past the end of its message`);
    b = buf[pos++];
    lo |= (b & 0x0f) << 28;
    hi = (b & 0x7f) >> 4;
    if (b < 0x80) return this.done(lo, hi, pos);
    for (let shift = 3; shift < 32; shift += 7) {
      if (pos >= end) throw new Error(`varint at byte ${start} runs past the end of its message`);
      b = buf[pos++];
      hi |= (b & 0x7f) << shift;
      if (b < 0x80) return this.done(lo, hi, pos);
    }
    throw new Error(`varint at byte ${start} is longer than 10 bytes`);
  }

  private done(lo: number, hi: number, pos: number): void {
    this.lo = lo >>> 0;
    this.hi = hi >>> 0;
    this.pos = pos;
  }

  /** uint32 / uint64 / field keys. */
  uint(): number {
    this.raw();
    return this.hi * TWO_32 + this.lo;
  }

  /** int32 / int64: two's complement, negatives take 10 bytes. */
  int(): number {
    this.raw();
    if (this.hi & 0x80000000) return -((~this.hi >>> 0) * TWO_32 + (~this.lo >>> 0) + 1);
    return this.hi * TWO_32 + this.lo;
  }

  /** sint32 / sint64: zigzag, decoded on the halves so it stays exact beyond 32 bits. */
  sint(): number {
    this.raw();
    const lo = this.lo;
    const hi = this.hi;
    if (hi === 0) return (lo >>> 1) ^ -(lo & 1);
    const half = (hi >>> 1) * TWO_32 + (((lo >>> 1) | ((hi & 1) << 31)) >>> 0);
    return lo & 1 ? -half - 1 : half;
  }

  /** Reads a length prefix and returns where the field ends, checked against the message. */
  lengthEnd(): number {
    const start = this.pos;
    const len = this.uint();
    const end = this.pos + len;
    if (end > this.end) throw new Error(`field of ${len} bytes at byte ${start} overruns its message (which ends at byte ${this.end})`);
    return end;
  }

  string(): string {
    const end = this.lengthEnd();
    const s = utf8.decode(this.buf.subarray(this.pos, end));
    this.pos = end;
    return s;
  }

  bytes(): Uint8Array {
    const end = this.lengthEnd();
    const b = this.buf.subarray(this.pos, end);
    this.pos = end;
    return b;
  }

  skip(wire: number): void {
    const at = this.pos;
    if (wire === 0) this.raw();
    else if (wire === 2) this.pos = this.lengthEnd();
    else if (wire === 1 || wire === 5) {
      this.pos += wire === 1 ? 8 : 4;
      if (this.pos > this.end) throw new Error(`fixed-width field at byte ${at} overruns its message`);
    } else throw new Error(`wire type ${wire} at byte ${at} is not valid here (corrupt data?)`);
  }

  /** Repeated varints, packed (wire 2) or one per key (wire 0); both are legal protobuf. */
  repeated(wire: number, out: number[], kind: 'uint' | 'sint' | 'int'): void {
    if (wire === 0) {
      out.push(this[kind]());
      return;
    }
    if (wire !== 2) throw new Error(`wire type ${wire} at byte ${this.pos} where a repeated integer was expected`);
    const end = this.lengthEnd();
    // Narrow the bound so a bad varint cannot read into the next field.
    const sub = new ProtoReader(this.buf, this.pos, end);
    if (kind === 'sint') while (sub.pos < end) out.push(sub.sint());
    else if (kind === 'uint') while (sub.pos < end) out.push(sub.uint());
    else while (sub.pos < end) out.push(sub.int());
    this.pos = end;
  }
}

const utf8 = new TextDecoder('utf-8');

/** Everything read so far; number arrays rather than an object per node. */
interface Collected {
  lons: number[];
  lats: number[];
  nodeIndex: Map<number, number>;
  /** Highway ways with all their refs; refs are filtered against nodeIndex once the whole file is read. */
  ways: OsmWay[];
}

interface BlobHeader {
  type: string | null;
  datasize: number | null;
}

function readBlobHeader(buf: Uint8Array, start: number, end: number): BlobHeader {
  const r = new ProtoReader(buf, start, end);
  const out: BlobHeader = { type: null, datasize: null };
  while (r.pos < end) {
    const key = r.uint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (field === 1 && wire === 2) out.type = r.string();
    else if (field === 3 && wire === 0) out.datasize = r.int();
    else r.skip(wire); // indexdata(2) and future fields
  }
  return out;
}

/** The Blob's payload, decompressed. Throws OsmPbfError for compressions we cannot read. */
function readBlob(buf: Uint8Array, start: number, end: number, where: string): Uint8Array {
  const r = new ProtoReader(buf, start, end);
  let raw: Uint8Array | null = null;
  let zlib: Uint8Array | null = null;
  let rawSize: number | null = null;
  let other: string | null = null;
  while (r.pos < end) {
    const key = r.uint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (field === 1 && wire === 2) raw = r.bytes();
    else if (field === 2 && wire === 0) rawSize = r.int();
    else if (field === 3 && wire === 2) zlib = r.bytes();
    else if (field === 4 || field === 5 || field === 6 || field === 7) {
      other = field === 4 ? 'lzma' : field === 5 ? 'bzip2' : field === 6 ? 'lz4' : 'zstd';
      r.skip(wire);
    } else r.skip(wire);
  }
  if (raw) return raw;
  if (zlib) {
    if (rawSize !== null && (rawSize < 0 || rawSize > MAX_BLOB)) throw new Error(`raw_size ${rawSize} is outside 0..${MAX_BLOB} bytes`);
    // A preallocated output buffer caps what a corrupt or hostile stream can make us allocate:
    // fflate does not grow a caller's buffer. Writers always set raw_size; if one did not, allow the spec maximum.
    const out = new Uint8Array(rawSize ?? MAX_BLOB + 1);
    let data: Uint8Array;
    try {
      data = unzlibSync(zlib, { out });
    } catch (error) {
      throw new Error(`zlib data does not decompress (${error instanceof Error ? error.message : String(error)})`);
    }
    if (rawSize !== null && data.length !== rawSize) throw new Error(`zlib data decompressed to ${data.length} bytes, raw_size says ${rawSize}`);
    if (data.length > MAX_BLOB) throw new Error(`zlib data decompresses to more than ${MAX_BLOB} bytes`);
    return data;
  }
  if (other) throw new OsmPbfError(`OSM PBF ${where} is ${other}-compressed, which this reader does not support; ${ZLIB_HINT}`);
  throw new Error('the blob holds no data (no raw or zlib_data field)');
}

function checkHeaderBlock(block: Uint8Array, where: string): void {
  const r = new ProtoReader(block, 0, block.length);
  while (r.pos < block.length) {
    const key = r.uint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (field === 4 && wire === 2) {
      const feature = r.string();
      if (!SUPPORTED_FEATURES.has(feature)) throw new OsmPbfError(`OSM PBF ${where} requires the feature "${feature}", which this reader does not support (it reads ${[...SUPPORTED_FEATURES].join(', ')})`);
    } else r.skip(wire); // bbox, optional_features, writingprogram, source, replication fields
  }
}

/** Scratch arrays reused across blocks and entities, so decoding allocates per way, not per value. */
const scratch = { a: [] as number[], b: [] as number[], c: [] as number[], keys: [] as number[], vals: [] as number[], sStart: [] as number[], sEnd: [] as number[] };

function readPrimitiveBlock(block: Uint8Array, out: Collected): void {
  const end = block.length;
  const r = new ProtoReader(block, 0, end);
  // Protobuf writes fields in number order, so granularity (17) and the offsets (19, 20) come after
  // the groups (2): collect the groups' extents first and decode them once the scale is known.
  const groups: number[] = [];
  let granularity = 100;
  let latOffset = 0;
  let lonOffset = 0;
  const sStart = scratch.sStart;
  const sEnd = scratch.sEnd;
  sStart.length = 0;
  sEnd.length = 0;
  while (r.pos < end) {
    const key = r.uint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (field === 1 && wire === 2) {
      const tableEnd = r.lengthEnd();
      const t = new ProtoReader(block, r.pos, tableEnd);
      while (t.pos < tableEnd) {
        const k = t.uint();
        if (k === ((1 << 3) | 2)) {
          const e = t.lengthEnd();
          sStart.push(t.pos);
          sEnd.push(e);
          t.pos = e;
        } else t.skip(k & 7);
      }
      r.pos = tableEnd;
    } else if (field === 2 && wire === 2) {
      const e = r.lengthEnd();
      groups.push(r.pos, e);
      r.pos = e;
    } else if (field === 17 && wire === 0) granularity = r.int();
    else if (field === 19 && wire === 0) latOffset = r.int();
    else if (field === 20 && wire === 0) lonOffset = r.int();
    else r.skip(wire); // date_granularity(18) and unknown fields
  }
  if (granularity <= 0) throw new Error(`granularity ${granularity} is not positive`);
  // Strings decoded on first use: ways only need a handful of keys and values per block.
  const strings: (string | undefined)[] = new Array(sStart.length);
  const str = (i: number): string => {
    if (i >= sStart.length) throw new Error(`string index ${i} is beyond the block's string table of ${sStart.length}`);
    return (strings[i] ??= utf8.decode(block.subarray(sStart[i], sEnd[i])));
  };
  const scale = { granularity, latOffset, lonOffset };
  for (let g = 0; g < groups.length; g += 2) {
    const gEnd = groups[g + 1];
    const gr = new ProtoReader(block, groups[g], gEnd);
    while (gr.pos < gEnd) {
      const key = gr.uint();
      const wire = key & 7;
      const field = Math.floor(key / 8);
      if (wire !== 2) {
        gr.skip(wire);
        continue;
      }
      const e = gr.lengthEnd();
      if (field === 1) readNode(block, gr.pos, e, scale, out);
      else if (field === 2) readDense(block, gr.pos, e, scale, out);
      else if (field === 3) readWay(block, gr.pos, e, str, out);
      // relations(4) and changesets(5) carry nothing a road graph needs.
      gr.pos = e;
    }
  }
}

interface Scale {
  granularity: number;
  latOffset: number;
  lonOffset: number;
}

/**
 * Nanodegrees → degrees. Dividing the exact integer by 1e9 (rather than multiplying by 1e-9) is
 * correctly rounded, so a 7-decimal coordinate comes out as the same double the XML text parses to.
 */
function addNode(id: number, lat: number, lon: number, s: Scale, out: Collected): void {
  out.nodeIndex.set(id, out.lons.length);
  out.lats.push((s.latOffset + s.granularity * lat) / 1e9);
  out.lons.push((s.lonOffset + s.granularity * lon) / 1e9);
}

function readNode(buf: Uint8Array, start: number, end: number, s: Scale, out: Collected): void {
  const r = new ProtoReader(buf, start, end);
  let id: number | null = null;
  let lat: number | null = null;
  let lon: number | null = null;
  while (r.pos < end) {
    const key = r.uint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (field === 1 && wire === 0) id = r.sint();
    else if (field === 8 && wire === 0) lat = r.sint();
    else if (field === 9 && wire === 0) lon = r.sint();
    else r.skip(wire); // keys, vals, info
  }
  if (id === null || lat === null || lon === null) throw new Error(`a Node at byte ${start} lacks its id, lat or lon`);
  addNode(id, lat, lon, s, out);
}

function readDense(buf: Uint8Array, start: number, end: number, s: Scale, out: Collected): void {
  const r = new ProtoReader(buf, start, end);
  const ids = scratch.a;
  const lats = scratch.b;
  const lons = scratch.c;
  ids.length = lats.length = lons.length = 0;
  while (r.pos < end) {
    const key = r.uint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (field === 1) r.repeated(wire, ids, 'sint');
    else if (field === 8) r.repeated(wire, lats, 'sint');
    else if (field === 9) r.repeated(wire, lons, 'sint');
    else r.skip(wire); // denseinfo(5), keys_vals(10)
  }
  if (lats.length !== ids.length || lons.length !== ids.length) throw new Error(`DenseNodes at byte ${start} has ${ids.length} ids but ${lats.length} lats and ${lons.length} lons`);
  // All three columns are delta-coded from the previous node in the group.
  let id = 0;
  let lat = 0;
  let lon = 0;
  for (let i = 0; i < ids.length; i++) {
    id += ids[i];
    lat += lats[i];
    lon += lons[i];
    addNode(id, lat, lon, s, out);
  }
}

function readWay(buf: Uint8Array, start: number, end: number, str: (i: number) => string, out: Collected): void {
  const r = new ProtoReader(buf, start, end);
  const keys = scratch.keys;
  const vals = scratch.vals;
  const refs = scratch.a;
  keys.length = vals.length = refs.length = 0;
  while (r.pos < end) {
    const key = r.uint();
    const wire = key & 7;
    const field = Math.floor(key / 8);
    if (field === 2) r.repeated(wire, keys, 'uint');
    else if (field === 3) r.repeated(wire, vals, 'uint');
    else if (field === 8) r.repeated(wire, refs, 'sint');
    else r.skip(wire); // id(1), info(4), LocationsOnWays lat(9)/lon(10)
  }
  if (keys.length !== vals.length) throw new Error(`a Way at byte ${start} has ${keys.length} tag keys but ${vals.length} values`);
  // Later duplicates of a key win, as in the XML reader.
  let highway: string | undefined;
  let oneway: string | undefined;
  let junction: string | undefined;
  let maxspeed: string | undefined;
  for (let i = 0; i < keys.length; i++) {
    const k = str(keys[i]);
    if (k === 'highway') highway = str(vals[i]);
    else if (k === 'oneway') oneway = str(vals[i]);
    else if (k === 'junction') junction = str(vals[i]);
    else if (k === 'maxspeed') maxspeed = str(vals[i]);
  }
  if (!highway) return;
  const nodes = new Array<number>(refs.length);
  let ref = 0;
  for (let i = 0; i < refs.length; i++) nodes[i] = ref += refs[i];
  out.ways.push({ nodes, highway, oneway: onewayOf(oneway, junction), maxspeedKmh: parseMaxspeed(maxspeed) });
}

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Cheap sniff: a plausible first length followed by a BlobHeader of type "OSMHeader". */
export function isOsmPbf(bytes: Uint8Array): boolean {
  if (bytes.length < 4) return false;
  const len = ((bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3]) >>> 0;
  if (len === 0 || len >= MAX_BLOB_HEADER || 4 + len > bytes.length) return false;
  try {
    return readBlobHeader(bytes, 4, 4 + len).type === 'OSMHeader';
  } catch {
    return false;
  }
}

export function parseOsmPbf(bytes: Uint8Array): OsmRoads {
  const size = bytes.length;
  if (size === 0) throw new OsmPbfError('not an OSM PBF file: the file is empty');
  const out: Collected = { lons: [], lats: [], nodeIndex: new Map(), ways: [] };
  let offset = 0;
  let n = 0;
  while (offset < size) {
    n++;
    // Until the first BlobHeader checks out, damage most likely means "this is some other file".
    const bad = n === 1 ? 'not an OSM PBF file' : 'corrupt OSM PBF';
    if (size - offset < 4) throw new OsmPbfError(`truncated OSM PBF: ${size - offset} stray byte(s) at offset ${offset} where blob ${n}'s header length should be`);
    const headerLen = ((bytes[offset] << 24) | (bytes[offset + 1] << 16) | (bytes[offset + 2] << 8) | bytes[offset + 3]) >>> 0;
    if (headerLen === 0 || headerLen >= MAX_BLOB_HEADER) throw new OsmPbfError(`${bad}: blob ${n} at offset ${offset} declares a BlobHeader of ${headerLen} bytes (it must be 1 to 65535)`);
    const headerStart = offset + 4;
    const headerEnd = headerStart + headerLen;
    if (headerEnd > size) {
      throw new OsmPbfError(`${n === 1 ? 'not an OSM PBF file (or truncated)' : 'truncated OSM PBF'}: blob ${n}'s header needs ${headerLen} bytes at offset ${headerStart}, the file ends at ${size}`);
    }
    let header: BlobHeader;
    try {
      header = readBlobHeader(bytes, headerStart, headerEnd);
    } catch (error) {
      throw new OsmPbfError(`${bad}: blob ${n}'s header at offset ${headerStart} is not valid protobuf (${message(error)})`);
    }
    const { type, datasize } = header;
    if (type === null || datasize === null) throw new OsmPbfError(`${bad}: blob ${n}'s header at offset ${headerStart} lacks its ${type === null ? 'type' : 'datasize'}`);
    if (n === 1 && type !== 'OSMHeader') throw new OsmPbfError(`not an OSM PBF file: the first blob is of type "${type}", not "OSMHeader"`);
    if (datasize < 0 || datasize > MAX_BLOB) throw new OsmPbfError(`${bad}: blob ${n} at offset ${headerEnd} declares ${datasize} bytes (it must be 0 to ${MAX_BLOB})`);
    const blobEnd = headerEnd + datasize;
    if (blobEnd > size) throw new OsmPbfError(`truncated OSM PBF: blob ${n} needs ${datasize} bytes at offset ${headerEnd}, the file ends at ${size}`);
    const where = `blob ${n} (${type}) at offset ${headerEnd}`;
    // Unknown blob types are to be skipped, per the spec.
    if (type === 'OSMHeader' || type === 'OSMData') {
      try {
        const block = readBlob(bytes, headerEnd, blobEnd, where);
        if (type === 'OSMHeader') checkHeaderBlock(block, where);
        else readPrimitiveBlock(block, out);
      } catch (error) {
        if (error instanceof OsmPbfError) throw error;
        throw new OsmPbfError(`corrupt OSM PBF: ${where}: ${message(error)}`, { cause: error });
      }
    }
    offset = blobEnd;
  }
  // As in the XML reader: refs to nodes absent from the file are dropped, then ways too short to route.
  const ways: OsmWay[] = [];
  for (const way of out.ways) {
    const nodes = way.nodes.filter((id) => out.nodeIndex.has(id));
    if (nodes.length >= 2) ways.push({ ...way, nodes });
  }
  if (ways.length === 0) throw new OsmPbfError('no highway ways in this OSM PBF file');
  return { nodeIndex: out.nodeIndex, lon: Float64Array.from(out.lons), lat: Float64Array.from(out.lats), ways };
}
