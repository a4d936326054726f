import { DEFAULT_ALERT_THRESHOLD, WatchlistIndex, screeningQueryFromMrz, type MrzDocument, type MrzScreeningFields, type WatchlistEntry, type WatchlistOp } from '@aspk/shared';
import type { WatchlistHead } from '../store/watchlist-cache.js';
import type { Screener, ScreenerHit, WatchlistSnapshot } from './screener.js';

/** True when the entry applies on `isoDate` (its validity window; absent bounds are open). */
function inForce(e: WatchlistEntry, isoDate: string): boolean {
  return (e.validFrom === undefined || e.validFrom.slice(0, 10) <= isoDate) && (e.validUntil === undefined || e.validUntil.slice(0, 10) >= isoDate);
}

function screeningFields(d: MrzDocument): MrzScreeningFields {
  const f: MrzScreeningFields = {
    surname: d.surname, givenNames: d.givenNames, nameMayBeTruncated: d.nameMayBeTruncated, birthDate: d.birthDate,
    nationality: d.nationality, sex: d.sex ?? '', issuingState: d.issuingState, documentNumber: d.documentNumber,
  };
  if (d.birthDateIso !== null) f.birthDateIso = d.birthDateIso;
  return f;
}

/**
 * Adapts the shared `WatchlistIndex` to the inspection's `Screener`: one `screen` call does person
 * matching and document lookup (exact and OCR-variant numbers) at `threshold`; entries outside their
 * validity window on the crossing date are dropped.
 */
export function indexScreener(index: WatchlistIndex, threshold = DEFAULT_ALERT_THRESHOLD): Screener {
  return {
    screen(doc, isoDate) {
      const out: ScreenerHit[] = [];
      for (const h of index.screen(screeningQueryFromMrz(screeningFields(doc)), { threshold })) {
        const entry = index.get(h.entryId);
        if (entry !== undefined && inForce(entry, isoDate)) out.push({ entry, kind: h.kind, score: h.score, reasons: h.reasons });
      }
      return out;
    },
  };
}

/** A ready-to-swap snapshot of the list around an index already built or loaded for `head`. */
export function indexedWatchlistSnapshot(index: WatchlistIndex, head: WatchlistHead, threshold?: number): WatchlistSnapshot {
  return { screener: indexScreener(index, threshold), index, version: head.version, head: head.head, expiresAtMs: head.expiresAtMs, appliedAtMs: head.appliedAtMs, entries: index.size };
}

/** A ready-to-swap snapshot of the list: index, version and head together (built off the hot path). */
export function buildWatchlistSnapshot(entries: readonly WatchlistEntry[], head: WatchlistHead, threshold?: number): WatchlistSnapshot {
  return indexedWatchlistSnapshot(WatchlistIndex.build(entries), head, threshold);
}

/** Above this many changes since the last full build, the overlay is merged into a fresh base. */
const COMPACT_AFTER_CHANGES = 10_000;

/**
 * The next snapshot after `ops` (already committed to the cache): applied to the current index as a
 * delta instead of a full rebuild, which at 1,000,000 entries would block the agent for seconds on every
 * change. Safe in place: screening is synchronous, so no check is in flight while the index changes, and
 * the new version number is published in the same tick (INV-4). Null when `prev` has no index (nothing
 * loaded yet) or holds another version than `fromVersion`, the version the ops were applied to: the
 * caller builds from the cache.
 */
export function advanceWatchlistSnapshot(prev: WatchlistSnapshot, ops: readonly WatchlistOp[], head: WatchlistHead, threshold?: number, fromVersion?: number): WatchlistSnapshot | null {
  if (prev.index === undefined) return null;
  // The ops (or a re-signed head) apply to the cache's version `fromVersion`; an index holding another
  // version (a failed rebuild left the old one in place) must not be patched or relabelled: rebuild.
  if (fromVersion !== undefined && prev.version !== fromVersion) return null;
  // Net effect of the ops in order: a later op on the same id wins.
  const upserts = new Map<string, WatchlistEntry>();
  const removals = new Set<string>();
  for (const op of ops) {
    if (op.op === 'put') {
      upserts.set(op.entry.id, op.entry);
      removals.delete(op.entry.id);
    } else {
      upserts.delete(op.entryId);
      removals.add(op.entryId);
    }
  }
  let index = prev.index;
  if (upserts.size > 0 || removals.size > 0) index.applyChanges([...upserts.values()], [...removals]);
  if (index.pendingChanges > COMPACT_AFTER_CHANGES) index = index.compact();
  return indexedWatchlistSnapshot(index, head, threshold);
}
