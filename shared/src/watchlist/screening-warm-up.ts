/**
 * One warm-up screening: a query derived from an entry of the index's own list, so that V8 optimises the
 * screening code before travellers arrive.
 *
 * Why: V8 compiles a function to optimised code only after it has run many times; a process that has just
 * loaded its index screens its first few thousand queries partly in slower tiers. Measured at 1M entries in
 * a fresh process holding only the index (README, fifth round): the first pass over the benchmark's 4,000
 * probes, after a 500-query warm-up, had a p99 of 4.3 ms (steady state ~0.25 ms); after 3,000 screenings of
 * the list's own names it was 0.67 ms. An agent runs these steps in idle time after loading its index
 * (`start-screening-warm-up.ts` in the agent), a few at a time. The queries vary like real documents do (a
 * keying error in the surname, a year-only date, a truncated name) so that those code paths warm up too,
 * and listed documents are looked up. Nothing is recorded; hits are discarded.
 */
import type { PersonEntry } from './watchlist-entry.js';
import type { ScreeningQuery } from './person-query.js';
import type { WatchlistIndex } from './watchlist-index.js';

/** A prime stride: consecutive steps visit records spread over the whole list. */
const STRIDE = 7919;

/** Screens warm-up query `step` (0, 1, 2, …) against `index`; returns false when the list has no entry to derive it from. */
export function warmUpScreening(index: WatchlistIndex, step: number): boolean {
  const n = index.baseRecords;
  if (n === 0) return false;
  const entry = index.entryAt((step * STRIDE) % n);
  if (entry === undefined) return true; // removed since the index was built
  if (entry.type === 'document') index.lookupDocument(entry.issuingState, entry.documentNumber);
  else index.screen(warmUpQuery(entry, step));
  return true;
}

/** The query of warm-up step `step` for a listed person: as listed, or with one of the variations documents bring. */
export function warmUpQuery(e: PersonEntry, step: number): ScreeningQuery {
  const q: ScreeningQuery = { surname: e.surname, givenNames: e.givenNames };
  if (e.birthDate !== undefined) q.birthDate = step % 4 === 2 ? e.birthDate.slice(0, 4) : e.birthDate;
  if (e.nationality !== undefined) q.nationality = e.nationality;
  if (e.sex !== undefined) q.sex = e.sex;
  if (step % 4 === 1 && e.surname.length >= 5) {
    // A keying error: one letter inside the surname dropped.
    const at = 1 + (step % (e.surname.length - 2));
    q.surname = e.surname.slice(0, at) + e.surname.slice(at + 1);
  }
  if (step % 4 === 3 && e.givenNames.length >= 4) {
    // An MRZ that cut the name field short.
    q.givenNames = e.givenNames.slice(0, e.givenNames.length - 2);
    q.nameMayBeTruncated = true;
  }
  return q;
}
