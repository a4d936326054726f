/**
 * `--watchlist FILE`: loads a JSON-lines watchlist into the shared `WatchlistIndex` and screens every
 * valid document (person matching and document lookup, hits at or above the default alert threshold).
 */
import { readFile } from 'node:fs/promises';
import { parseWatchlistJsonl, screeningQueryFromMrz, WatchlistIndex, type MrzResult } from '@aspk/shared';
import type { ScreeningHitOutput } from './inspect-output.js';

export interface Screener {
  /** Hits for one parsed document, best first; empty for a document that is not valid. */
  screen(result: MrzResult): ScreeningHitOutput[];
}

export type LoadedScreener = { ok: true; screener: Screener } | { ok: false; message: string; exitCode: number };

/** Exit code for an unreadable or invalid watchlist file. */
export const WATCHLIST_EXIT_CODE = 3;

export async function loadScreener(path: string): Promise<LoadedScreener> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    return { ok: false, exitCode: WATCHLIST_EXIT_CODE, message: `cannot read watchlist ${path}: ${e instanceof Error ? e.message : String(e)}` };
  }
  const parsed = parseWatchlistJsonl(text);
  if (!parsed.ok) {
    const shown = parsed.errors.slice(0, 5).map((e) => `line ${e.line}: ${e.reason}`).join('; ');
    return { ok: false, exitCode: WATCHLIST_EXIT_CODE, message: `watchlist ${path} is invalid (${parsed.errors.length} bad line(s)): ${shown}` };
  }
  // A one-shot command: the index lives as long as the process, so the build may use shared arrays.
  const index = WatchlistIndex.build(parsed.entries, { sharedArrays: true });
  return { ok: true, screener: { screen: (result) => screenDocument(index, result) } };
}

function screenDocument(index: WatchlistIndex, result: MrzResult): ScreeningHitOutput[] {
  const doc = result.document;
  if (!result.ok || doc === null) return [];
  const query = screeningQueryFromMrz({
    surname: doc.surname,
    givenNames: doc.givenNames,
    nameMayBeTruncated: doc.nameMayBeTruncated,
    birthDate: doc.birthDate,
    ...(doc.birthDateIso === null ? {} : { birthDateIso: doc.birthDateIso }),
    nationality: doc.nationality,
    sex: doc.sex ?? '',
    issuingState: doc.issuingState,
    documentNumber: doc.documentNumber,
  });
  return index.screen(query).map((h) => ({ entryId: h.entryId, score: h.score, reasons: h.reasons, kind: h.kind, action: h.action }));
}
