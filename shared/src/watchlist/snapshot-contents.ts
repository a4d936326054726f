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
  if (sections.get('p.nameStart')!.length !== persons + 1) bad('snapshot section p.nameStart does not have one element per person plus one');
  if (sections.get('p.sketches')!.length !== 2 * persons) bad('snapshot section p.sketches does not have two elements per person');
  if (sections.get('p.keySpan')!.length !== 2 * sections.get('keys')!.length) bad('snapshot section p.keySpan does not have two elements per key');
}
