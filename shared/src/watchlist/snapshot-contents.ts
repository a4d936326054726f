/**
 * What a watchlist snapshot must contain: its metadata (zod) and the sections with their element types.
 * The SHA-256 in the container catches damaged bytes; these catch a well-formed file that is not what
 * `toSnapshot` writes (another build, a hand-edited header), which would otherwise load and fail later,
 * inside a screening.
 */
import { z } from 'zod';
import { AspkError } from '../errors/aspk-error.js';
import { DEFAULT_MATCHER_OPTIONS, type MatcherOptions } from './person-matcher.js';
import type { SectionValue } from './snapshot-codec.js';
import { WatchlistEntry } from './watchlist-entry.js';

const matcherShape = Object.fromEntries(Object.keys(DEFAULT_MATCHER_OPTIONS).map((k) => [k, z.number()])) as Record<keyof MatcherOptions, z.ZodNumber>;

/** The JSON metadata of a snapshot (the typed arrays are its sections). */
export const SnapshotMeta = z.object({
  count: z.number().int().nonnegative(),
  yearMin: z.number().int(),
  ocrVariantScore: z.number(),
  matcher: z.object(matcherShape),
  /** Entries changed since the base was built (the overlay), as entries. */
  overlay: z.array(WatchlistEntry),
  /** `watchlistEngineFingerprint()` of the code that wrote it. */
  engine: z.string(),
  /** The caller's tag (`toSnapshot(tag)`). */
  tag: z.unknown().optional(),
});
export type SnapshotMeta = z.infer<typeof SnapshotMeta>;

/** Parses snapshot metadata; throws `WATCHLIST_SNAPSHOT_INVALID` naming the first bad field. */
export function parseSnapshotMeta(meta: unknown): SnapshotMeta {
  const r = SnapshotMeta.safeParse(meta);
  if (!r.success) throw new AspkError('WATCHLIST_SNAPSHOT_INVALID', `snapshot metadata is malformed: ${r.error.issues[0]?.path.join('.') ?? ''} ${r.error.issues[0]?.message ?? ''}`.trimEnd());
  return r.data;
}

type Kind = 'u8' | 'u16' | 'i16' | 'u32' | 'i32' | 'str' | 'category';

const SECTIONS: Readonly<Record<string, Kind>> = {
  tokens: 'str', tokFold1: 'str', tokFold2: 'str', keys: 'str', nationalities: 'str', tombstones: 'u32',
  'p.record': 'u32', 'p.yearNat': 'u32', 'p.traits': 'u32', 'p.nameStart': 'u32', 'p.nameAlias': 'u8', 'p.nameTokStart': 'u32',
  'p.occTok': 'u32', 'p.occRole': 'u8', 'p.yearStart': 'u32', 'p.tokFamily': 'i16', 'p.tokCount': 'u32', 'p.tokKeyStart': 'u32',
  'p.tokKeys': 'u32', 'p.tokByRaw': 'u32', 'p.tokByFold1': 'u32', 'p.keySpan': 'u32', 'p.postings': 'u32', 'p.nbStart': 'u32', 'p.nbKeys': 'u32', 'p.delHash': 'u32', 'p.delKey': 'u32', 'p.sketches': 'u32',
  'd.record': 'u32', 'd.keyBytes': 'u8', 'd.keyStart': 'u32', 'd.foldSlots': 'u32',
  'e.ids': 'u8', 'e.idStart': 'u32', 'e.idSlots': 'i32', 'e.records': 'u8', 'e.recordStart': 'u32', 'e.shapeStart': 'u32',
  'e.shapeFields': 'u32', 'e.action': 'u8', 'e.category': 'category', 'e.dict': 'str',
};

function is(kind: Kind, v: SectionValue): boolean {
  switch (kind) {
    case 'str': return Array.isArray(v);
    case 'u8': return v instanceof Uint8Array;
    case 'u16': return v instanceof Uint16Array;
    case 'i16': return v instanceof Int16Array;
    case 'u32': return v instanceof Uint32Array;
    case 'i32': return v instanceof Int32Array;
    case 'category': return v instanceof Uint8Array || v instanceof Uint16Array || v instanceof Uint32Array;
  }
}

/** Throws `WATCHLIST_SNAPSHOT_INVALID` when a section is missing, of the wrong type, or a per-person array has the wrong length. */
export function checkSnapshotSections(sections: ReadonlyMap<string, SectionValue>, persons: number): void {
  const bad = (message: string): never => {
    throw new AspkError('WATCHLIST_SNAPSHOT_INVALID', message);
  };
  for (const [name, kind] of Object.entries(SECTIONS)) {
    const v = sections.get(name);
    if (v === undefined) bad(`snapshot lacks section ${name}`);
    else if (!is(kind, v)) bad(`snapshot section ${name} has the wrong type`);
  }
  if (!Number.isInteger(persons) || persons < 0) bad('snapshot person count is not a count');
  for (const name of ['p.record', 'p.yearNat', 'p.traits']) if (sections.get(name)!.length !== persons) bad(`snapshot section ${name} does not have one element per person`);
  if (sections.get('p.sketches')!.length !== 2 * persons) bad('snapshot section p.sketches does not have two elements per person');
  if (sections.get('p.keySpan')!.length !== 2 * sections.get('keys')!.length) bad('snapshot section p.keySpan does not have two elements per key');
}

/**
 * Throws `WATCHLIST_SNAPSHOT_INVALID` when the sections, though each of the right type, do not fit together:
 * an offset table (CSR) without one entry per indexed item plus one, or that does not start at 0 and end at
 * the length of what it indexes; a span outside the postings; a small id table (token → keys, key →
 * neighbours, deletions, token orders, entry shapes) that points past what it indexes; an open-addressing
 * table that is not a power of two of slots. The digests prove that the bytes are the ones written, the
 * engine fingerprint that this code's rules wrote them; this refuses, with the section named, a file whose
 * parts do not belong together (a faulty writer, sections mixed from two builds), which would otherwise
 * surface inside a screening as an exception or a loop over billions of positions.
 *
 * What is not checked, and why: the values inside the large per-person and per-entry arrays (postings,
 * token occurrences, the interior of offset tables, record numbers, slot contents: ~28M elements at
 * 1M + 1M). Checking them took 85–170 ms of a 0.55 s agent load (measured), for files that only a writer
 * with this exact code or someone who can already write the agent's data folder could produce. The probe
 * loops of the two open-addressing tables are bounded by their size (`document-table.ts`,
 * `entry-store.ts`), so even a table without a free slot cannot hang a lookup.
 */
export function checkSnapshotStructure(sections: ReadonlyMap<string, SectionValue>, persons: number): void {
  const bad = (name: string, what: string): never => {
    throw new AspkError('WATCHLIST_SNAPSHOT_INVALID', `snapshot section ${name} ${what}`);
  };
  const u32 = (name: string): Uint32Array => sections.get(name) as Uint32Array;
  const count = (name: string): number => sections.get(name)!.length;
  const length = (name: string, n: number): void => {
    if (count(name) !== n) bad(name, `does not have ${n} elements`);
  };
  const below = (name: string, limit: number, shift = 0): void => {
    const a = u32(name);
    for (let i = 0; i < a.length; i++) if (a[i]! >>> shift >= limit) bad(name, 'points past what it indexes');
  };
  const csr = (name: string, entries: number, target: number): void => {
    length(name, entries + 1);
    if (u32(name)[0] !== 0 || u32(name)[entries] !== target) bad(name, 'does not run from 0 to the length it indexes');
  };
  const pow2 = (name: string, width: number): void => {
    const n = count(name) / width;
    if (!Number.isInteger(n) || n === 0 || (n & (n - 1)) !== 0) bad(name, 'is not a power of two of slots');
  };
  const tokens = count('tokens');
  const keys = count('keys');
  const records = count('e.recordStart') - 1;
  // Persons.
  length('tokFold1', tokens);
  length('tokFold2', tokens);
  csr('p.nameStart', persons, count('p.nameAlias'));
  csr('p.nameTokStart', count('p.nameAlias'), count('p.occTok'));
  length('p.occRole', count('p.occTok'));
  const yearStart = u32('p.yearStart');
  for (let i = 0; i < yearStart.length; i++) if (yearStart[i]! > persons || (i > 0 && yearStart[i]! < yearStart[i - 1]!)) bad('p.yearStart', 'is not an ascending list of person ids');
  length('p.tokFamily', tokens);
  length('p.tokCount', tokens);
  csr('p.tokKeyStart', tokens, count('p.tokKeys'));
  below('p.tokKeys', keys);
  below('p.tokByRaw', tokens);
  below('p.tokByFold1', tokens);
  const span = u32('p.keySpan');
  const postings = count('p.postings');
  for (let k = 0; k < span.length; k += 2) if (!(span[k]! <= span[k + 1]! && span[k + 1]! <= postings)) bad('p.keySpan', 'holds a span outside the postings');
  csr('p.nbStart', keys, count('p.nbKeys'));
  below('p.nbKeys', keys);
  length('p.delKey', count('p.delHash'));
  below('p.delKey', keys);
  // Documents.
  csr('d.keyStart', count('d.record'), count('d.keyBytes'));
  pow2('d.foldSlots', 2);
  // Entries.
  csr('e.idStart', records, count('e.ids'));
  csr('e.recordStart', records, count('e.records'));
  pow2('e.idSlots', 1);
  length('e.action', records);
  length('e.category', records);
  csr('e.shapeStart', count('e.shapeStart') - 1, count('e.shapeFields'));
  below('e.shapeFields', count('e.dict'), 3);
}
