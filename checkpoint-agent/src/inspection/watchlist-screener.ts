import { DEFAULT_ALERT_THRESHOLD, WatchlistIndex, screeningQueryFromMrz, type MrzDocument, type MrzScreeningFields, type WatchlistEntry } from '@aspk/shared';
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

/** A ready-to-swap snapshot of the list: index, version and head together (built off the hot path). */
export function buildWatchlistSnapshot(entries: readonly WatchlistEntry[], head: WatchlistHead, threshold?: number): WatchlistSnapshot {
  const index = WatchlistIndex.build(entries);
  return { screener: indexScreener(index, threshold), version: head.version, head: head.head, expiresAtMs: head.expiresAtMs, appliedAtMs: head.appliedAtMs, entries: index.size };
}
