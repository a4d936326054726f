/** Public surface of shared/src/watchlist (re-exported by shared/src/index.ts). */
export * from './watchlist-entry.js';
export * from './watchlist-import-result.js';
export * from './parse-watchlist-jsonl.js';
export * from './parse-watchlist-csv.js';
export { foldNameKey, foldNameKeys } from './fold-name.js';
export { transliterateCyrillic } from './transliterate-cyrillic.js';
export { canonicalState } from './state-code.js';
export { normalizeDocumentNumber } from './document-key.js';
export type { ScreeningQuery } from './person-query.js';
export { screeningQueryFromMrz, type MrzScreeningFields } from './screening-query-from-mrz.js';
export { snapshotChunks, snapshotHeaderLength, type SnapshotChunks } from './snapshot-codec.js';
export { warmUpScreening } from './screening-warm-up.js';
export { DEFAULT_MATCHER_OPTIONS, type MatcherOptions, type SearchStats } from './person-matcher.js';
export {
  WatchlistIndex,
  DEFAULT_ALERT_THRESHOLD,
  DEFAULT_HIT_LIMIT,
  type WatchlistHit,
  type DocumentHit,
  type WatchlistIndexOptions,
  type ScreenOptions,
} from './watchlist-index.js';
