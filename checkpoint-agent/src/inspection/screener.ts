import type { MrzDocument, WatchlistEntry, WatchlistIndex } from '@aspk/shared';

/** One watchlist hit as the screener reports it. */
export interface ScreenerHit {
  entry: WatchlistEntry;
  kind: 'person' | 'document';
  /** 0..1; 1 for an exact document-number match. */
  score: number;
  reasons: string[];
}

/**
 * What the inspection needs from the in-memory watchlist index: document lookup and fuzzy person
 * screening of one document, with the entries in force on `atIsoDate`. `watchlist-screener.ts` adapts
 * the shared `WatchlistIndex` to it.
 */
export interface Screener {
  screen(doc: MrzDocument, atIsoDate: string): ScreenerHit[];
}

/**
 * The list the checks run against, swapped atomically as one object when sync applies a new version:
 * a check never sees the index of one version with the version number of another (INV-4).
 */
export interface WatchlistSnapshot {
  screener: Screener | null;
  /** The index behind `screener`, kept so a new version can be applied as a delta (`advanceWatchlistSnapshot`). */
  index?: WatchlistIndex;
  version: number;
  head: string | null;
  /** When the head record stops being fresh (UTC ms); null = unknown. */
  expiresAtMs: number | null;
  appliedAtMs: number | null;
  entries: number;
}
