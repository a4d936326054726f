/**
 * Binary snapshot container (watchlist-matching.md §4.10): magic, a small JSON header (format, metadata,
 * section table, SHA-256 digests of the body), then 8-byte-aligned sections: typed arrays as raw
 * little-endian bytes, string lists as one offset table plus UTF-8 blob (`encodeStringTable`). Only the
 * header is JSON; the hot structures and the entry records are binary. Loading checks the digests and
 * creates typed-array views on the caller's bytes without copying (it copies only when the caller's buffer
 * is misaligned). Signing is the caller's business (the crypto module signs the bytes it ships).
 *
 * The body is hashed in chunks of `SNAPSHOT_CHUNK_BYTES` (one SHA-256 per chunk, all in the header) rather
 * than as one stream, so that a file can be read and checked by several threads at once
 * (`readSnapshotFile`): on the project's VMs the first touch of fresh memory, not the hashing, is most of a
 * load (~3.5 ms per MiB to read a file into new memory, ~2 ms per MiB for the first pass over it), and that
 * cost is per thread, so two threads halve it. Any changed, missing or extra body byte still fails the
 * check: every chunk's digest must match, and the number of chunks follows from the body's length.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AspkError } from '../errors/aspk-error.js';
import { decodeStringTable, encodeStringTable } from './typed-buffers.js';

const MAGIC = 'ASPKWL\u0000\u0001';
/**
 * Format 8: the body's digests per chunk (`chunkBytes`, `sha256` a list) instead of one digest; the persons'
 * name sketches stored (`p.sketches`) instead of derived at every load.
 * Format 7: keys with equal posting lists share one copy; each key has a span (`p.keySpan`, two numbers per
 * key) instead of a CSR start (`p.keyPostStart`).
 * Format 6: postings carry each person's birth month and day below its id (person-core.ts, `POSTING_ID_SHIFT`).
 * Format 5 added the token dictionary's two sort orders (`tokByRaw`, `tokByFold1`), for truncated names.
 * Format 4 added the per-person birth date, nationality, sex and token count as the two packed words
 * the matcher reads (`yearNat`, `traits`), so a load builds no per-person array (format 3 had six narrow
 * columns for them). Formats 6, 5, 4, 3, 2 (binary records with per-field headers) and 1 (entries as JSON)
 * are rejected with `WATCHLIST_SNAPSHOT_INVALID`: a snapshot is a cache of list data the caller can
 * rebuild from.
 */
export const SNAPSHOT_FORMAT = 8;

/** Bytes of body per SHA-256 digest: ~50 digests (3 KB of header) for a 1M + 1M-entry snapshot of ~200 MiB. */
export const SNAPSHOT_CHUNK_BYTES = 4 * 2 ** 20;

export type SectionValue = Uint8Array | Uint16Array | Int16Array | Uint32Array | Int32Array | string[];
type SectionType = 'u8' | 'u16' | 'i16' | 'u32' | 'i32' | 'str';

const count = z.number().int().nonnegative();
const SectionHeader = z.object({ name: z.string(), type: z.enum(['u8', 'u16', 'i16', 'u32', 'i32', 'str']), offset: count, byteLength: count, count });
type SectionHeader = z.infer<typeof SectionHeader>;
/** The JSON header, parsed at the edge like any input: a file that is JSON but not a header is refused, not half-read. */
const Header = z.object({ format: z.number(), meta: z.unknown(), sections: z.array(SectionHeader), chunkBytes: z.number().int().positive(), sha256: z.array(z.string().regex(/^[0-9a-f]{64}$/)) });
type Header = z.infer<typeof Header>;

function typeOf(v: SectionValue): SectionType {
  if (Array.isArray(v)) return 'str';
  if (v instanceof Uint8Array) return 'u8';
  if (v instanceof Uint16Array) return 'u16';
  if (v instanceof Int16Array) return 'i16';
  if (v instanceof Uint32Array) return 'u32';
  return 'i32';
}

const align8 = (n: number): number => (n + 7) & ~7;

/** Writes named sections and JSON metadata into one snapshot buffer. */
export function encodeSnapshot(meta: unknown, sections: Record<string, SectionValue>): Uint8Array {
  const parts: { name: string; type: SectionType; bytes: Uint8Array; count: number }[] = [];
  for (const [name, v] of Object.entries(sections)) {
    const bytes = Array.isArray(v) ? encodeStringTable(v) : new Uint8Array(v.buffer, v.byteOffset, v.byteLength);
    parts.push({ name, type: typeOf(v), bytes, count: v.length });
  }
  let bodyLen = 0;
  const table: SectionHeader[] = parts.map((p) => {
    const h = { name: p.name, type: p.type, offset: bodyLen, byteLength: p.bytes.length, count: p.count };
    bodyLen = align8(bodyLen + p.bytes.length);
    return h;
  });
  // Sections are copied once, straight into the output (a separate body buffer would copy ~200 MB twice
  // at 1M entries); the digests have a fixed width, so the header can be laid out before they are known.
  const chunks = Math.ceil(bodyLen / SNAPSHOT_CHUNK_BYTES);
  const headerOf = (sha256: string[]): Uint8Array => new TextEncoder().encode(JSON.stringify({ format: SNAPSHOT_FORMAT, meta, sections: table, chunkBytes: SNAPSHOT_CHUNK_BYTES, sha256 } satisfies Header));
  const headLen = headerOf(Array.from({ length: chunks }, () => '0'.repeat(64))).length;
  const headStart = 12;
  const bodyStart = align8(headStart + headLen);
  const out = new Uint8Array(bodyStart + bodyLen);
  parts.forEach((p, i) => out.set(p.bytes, bodyStart + table[i]!.offset));
  const sha256 = chunkRanges(bodyStart, bodyLen, SNAPSHOT_CHUNK_BYTES).map(([from, to]) => sha256Hex(out.subarray(from, to)));
  const header = headerOf(sha256);
  for (let i = 0; i < 8; i++) out[i] = MAGIC.charCodeAt(i);
  new DataView(out.buffer).setUint32(8, header.length, true);
  out.set(header, headStart);
  return out;
}

function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** `[from, to)` of each digest's chunk, as positions in the whole snapshot. */
function chunkRanges(bodyStart: number, bodyLen: number, chunkBytes: number): [number, number][] {
  const out: [number, number][] = [];
  for (let at = 0; at < bodyLen; at += chunkBytes) out.push([bodyStart + at, bodyStart + Math.min(bodyLen, at + chunkBytes)]);
  return out;
}

function invalid(message: string): never {
  throw new AspkError('WATCHLIST_SNAPSHOT_INVALID', message);
}

function readHeader(bytes: Uint8Array): { header: Header; headLen: number } {
  const headLen = snapshotHeaderLength(bytes);
  if (12 + headLen > bytes.length) invalid('snapshot header truncated');
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + headLen)));
  } catch {
    invalid('snapshot header is not valid JSON');
  }
  // The format first: a file of another format has other header fields, and "unsupported snapshot format"
  // says what happened (an upgrade) where a schema error on one of its fields would not.
  const format = z.object({ format: z.number() }).safeParse(json);
  if (format.success && format.data.format !== SNAPSHOT_FORMAT) invalid(`unsupported snapshot format ${String(format.data.format)}`);
  const parsed = Header.safeParse(json);
  if (!parsed.success) invalid(`snapshot header is malformed: ${parsed.error.issues[0]?.path.join('.') ?? ''} ${parsed.error.issues[0]?.message ?? ''}`.trimEnd());
  return { header: parsed.data, headLen };
}

/**
 * Length of the JSON header, from the first 12 bytes (magic, then the length); the header ends at byte
 * `12 + length`. Throws `WATCHLIST_SNAPSHOT_INVALID` when the bytes are too short or not a snapshot.
 */
export function snapshotHeaderLength(bytes: Uint8Array): number {
  if (bytes.length < 12) invalid('snapshot too short');
  for (let i = 0; i < 8; i++) if (bytes[i] !== MAGIC.charCodeAt(i)) invalid('not a watchlist snapshot (bad magic)');
  return new DataView(bytes.buffer, bytes.byteOffset, 12).getUint32(8, true);
}

/** What a reader needs to check a snapshot of `totalBytes` in parallel: each chunk's range and digest. */
export interface SnapshotChunks {
  /** `[from, to)` in the whole snapshot, one per digest. */
  ranges: [number, number][];
  sha256: string[];
}

/**
 * The chunks of a snapshot of `totalBytes` whose first bytes (at least the whole header) are `head`. Throws
 * `WATCHLIST_SNAPSHOT_INVALID` when the header is bad or its digests do not fit a body of that length
 * (a truncated or extended file).
 */
export function snapshotChunks(head: Uint8Array, totalBytes: number): SnapshotChunks {
  const { header, headLen } = readHeader(head);
  return chunksOf(header, headLen, totalBytes);
}

function chunksOf(header: Header, headLen: number, totalBytes: number): SnapshotChunks {
  const bodyStart = align8(12 + headLen);
  if (totalBytes < bodyStart) invalid('snapshot truncated before its body');
  // Counted before the ranges are listed, so a header with a tiny chunk size cannot make a huge list.
  if (Math.ceil((totalBytes - bodyStart) / header.chunkBytes) !== header.sha256.length) invalid('snapshot body length does not match its digests (truncated or extended)');
  return { ranges: chunkRanges(bodyStart, totalBytes - bodyStart, header.chunkBytes), sha256: header.sha256 };
}

/** The metadata of a snapshot (its header only: no hash check, no sections). Throws like `decodeSnapshot`. */
export function readSnapshotMeta(bytes: Uint8Array): unknown {
  return readHeader(bytes).header.meta;
}

/** Reads a snapshot; throws `WATCHLIST_SNAPSHOT_INVALID` on a bad magic, format, hash or section table. */
export function decodeSnapshot(bytes: Uint8Array, options: { verifyHash?: boolean } = {}): { meta: unknown; sections: Map<string, SectionValue> } {
  const { header, headLen } = readHeader(bytes);
  const bodyStart = align8(12 + headLen);
  const body = bytes.subarray(bodyStart);
  if (options.verifyHash !== false) {
    const { ranges, sha256 } = chunksOf(header, headLen, bytes.length);
    ranges.forEach(([from, to], i) => {
      if (sha256Hex(bytes.subarray(from, to)) !== sha256[i]) invalid(`snapshot body hash mismatch in chunk ${i} (corrupt or altered)`);
    });
  }
  const sections = new Map<string, SectionValue>();
  for (const s of header.sections) {
    if (s.offset + s.byteLength > body.length) invalid(`section ${s.name} out of bounds`);
    const raw = body.subarray(s.offset, s.offset + s.byteLength);
    sections.set(s.name, view(s.type, raw, s.count));
  }
  return { meta: header.meta, sections };
}

function view(type: SectionType, raw: Uint8Array, count: number): SectionValue {
  if (type === 'str') {
    try {
      return decodeStringTable(raw, count);
    } catch (e) {
      invalid(`string section: ${(e as Error).message}`);
    }
  }
  if (type === 'u8') return raw;
  const size = type === 'u16' || type === 'i16' ? 2 : 4;
  if (type !== 'u16' && type !== 'i16' && type !== 'u32' && type !== 'i32') invalid(`unknown section type ${String(type)}`);
  if (raw.byteLength % size !== 0) invalid('section length is not a whole number of elements');
  // Zero-copy when aligned; a copy otherwise (typed-array views need element alignment).
  const src = raw.byteOffset % size === 0 ? raw : raw.slice();
  const n = src.byteLength / size;
  if (type === 'u16') return new Uint16Array(src.buffer, src.byteOffset, n);
  if (type === 'i16') return new Int16Array(src.buffer, src.byteOffset, n);
  if (type === 'u32') return new Uint32Array(src.buffer, src.byteOffset, n);
  return new Int32Array(src.buffer, src.byteOffset, n);
}
