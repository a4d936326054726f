import { performance } from 'node:perf_hooks';
import { parseMrz, type MrzDocument, type MrzPolicy, type WatchlistAction, type WatchlistEntry, type Verdict } from '@aspk/shared';
import type { CrossingDocument } from '../store/crossing-record.js';
import type { InspectFn } from '../runtime/checkpoint-runtime.js';
import { SEVERITIES, type Inspection, type InspectionAlert, type InspectionCheck, type RequiredAction, type Severity } from './inspection.js';
import type { WatchlistSnapshot } from './screener.js';

export interface InspectorOptions {
  /** MRZ policy deviations (strict by default). */
  mrzPolicy?: Partial<MrzPolicy>;
  /** Below this age (completed years at the crossing date) the officer checks consent papers. Default 18. */
  minorAgeYears?: number;
  /** Refer every traveller to secondary while the list is stale. Default false. */
  referWhenStale?: boolean;
  /** The current list, read once per inspection (an atomic swap replaces it). */
  watchlist: () => WatchlistSnapshot;
}

/** Severity of a watchlist action (detain is the gravest; protect = a person at risk, e.g. a missing child). */
const ACTION_SEVERITY: Record<WatchlistAction, Severity> = { alert: 'medium', refer: 'high', deny: 'high', detain: 'critical', protect: 'high' };
/** Which finding's action wins when several apply, gravest first. */
const ACTION_RANK: readonly RequiredAction[] = ['detain', 'deny', 'protect', 'refer', 'alert', 'manual-check', 'check-consent'];

function verdictOf(action: RequiredAction | null): Verdict {
  if (action === null) return 'clear';
  if (action === 'detain' || action === 'deny') return 'deny';
  if (action === 'refer') return 'refer';
  return 'alert';
}

function toCrossingDocument(d: MrzDocument): CrossingDocument {
  return {
    documentCode: d.documentCode.replace(/<+$/, '') || null,
    issuingState: d.issuingState || null,
    documentNumber: d.documentNumber || null,
    nationality: d.nationality || null,
    birthDate: d.birthDateIso ?? (d.birthDate || null),
    expiryDate: d.expiryDateIso ?? (d.expiryDate || null),
    // ICAO 9303-4..7: `<` is "unspecified", which the protocol writes `X`.
    sex: d.sex === null ? null : d.sex === '<' ? 'X' : d.sex,
    surname: d.surname || null,
    givenNames: d.givenNames || null,
  };
}

function labelOf(e: WatchlistEntry): string {
  return e.type === 'person' ? `${e.surname}, ${e.givenNames}`.replace(/, $/, '') : `${e.issuingState} ${e.documentNumber}`;
}

/** `YYYY-MM-DD` of a UTC ms time, cached per day: the hot path formats a date once a day, not per scan. */
function makeIsoDay(): (ms: number) => string {
  let dayStart = 0;
  let dayEnd = -1;
  let iso = '';
  return (ms) => {
    if (ms < dayStart || ms > dayEnd) {
      dayStart = ms - (ms % 86_400_000);
      dayEnd = dayStart + 86_399_999;
      iso = new Date(dayStart).toISOString().slice(0, 10);
    }
    return iso;
  };
}

/**
 * The hot path (architecture.md, "How data flows"): MRZ text → `parseMrz` → checks (MRZ validity,
 * expiry, minor, specimen) → screening (document list, person list) → verdict. Pure computation, no I/O;
 * timings from `performance.now()`. A watchlist hit is screened even when the MRZ is invalid: a listed
 * person with a damaged document must still raise the alert.
 */
export function createInspector(o: InspectorOptions): InspectFn {
  const minorAge = o.minorAgeYears ?? 18;
  const policy = o.mrzPolicy ?? {};
  const isoDay = makeIsoDay();
  return (input): Inspection => {
    const t0 = performance.now();
    const today = isoDay(input.wallMs);
    const r = parseMrz(input.text, { policy, referenceDate: today });
    const t1 = performance.now();
    const checks: InspectionCheck[] = [];
    const d = r.document;
    if (!r.ok) checks.push({ code: 'MRZ_INVALID', severity: 'medium', action: 'manual-check', message: r.errors.map((e) => e.message).join('; ') });
    if (d !== null) {
      if (d.expired === true) checks.push({ code: 'DOCUMENT_EXPIRED', severity: 'medium', action: 'manual-check', message: `document expired on ${d.expiryDateIso ?? d.expiryDate}` });
      if (d.age !== null && d.age < minorAge) checks.push({ code: 'MINOR', severity: 'low', action: 'check-consent', message: `traveller is ${d.age}: check consent papers` });
      if (d.specimen) checks.push({ code: 'SPECIMEN', severity: 'high', action: 'manual-check', message: 'ICAO specimen document (UTO) presented at a live lane' });
    }
    const t2 = performance.now();
    const wl = o.watchlist();
    const stale = wl.expiresAtMs !== null && input.wallMs > wl.expiresAtMs;
    const alerts: InspectionAlert[] = [];
    if (wl.screener === null) {
      checks.push({ code: 'WATCHLIST_NOT_READY', severity: 'high', action: 'manual-check', message: 'no watchlist loaded: screening did not run' });
    } else if (d !== null) {
      for (const h of wl.screener.screen(d, today)) {
        alerts.push({ entryId: h.entry.id, score: h.score, reasons: h.reasons, kind: h.kind, action: h.entry.action, category: h.entry.category, severity: ACTION_SEVERITY[h.entry.action], label: labelOf(h.entry) });
      }
      for (const a of alerts) {
        checks.push({ code: a.kind === 'document' ? 'DOCUMENT_LISTED' : 'PERSON_LISTED', severity: a.severity, action: a.action, message: `${a.category}: ${a.reasons.join('; ')}` });
      }
    }
    if (stale) {
      checks.push(o.referWhenStale
        ? { code: 'WATCHLIST_STALE', severity: 'medium', action: 'refer', message: 'watchlist is stale: policy refers every traveller' }
        : { code: 'WATCHLIST_STALE', severity: 'low', action: null, message: 'watchlist is stale: result may miss recent entries' });
    }
    const t3 = performance.now();
    let severity: Severity | null = null;
    let requiredAction: RequiredAction | null = null;
    for (const c of checks) {
      if (c.action === null) continue;
      if (severity === null || SEVERITIES.indexOf(c.severity) > SEVERITIES.indexOf(severity)) severity = c.severity;
      if (requiredAction === null || ACTION_RANK.indexOf(c.action) < ACTION_RANK.indexOf(requiredAction)) requiredAction = c.action;
    }
    const t4 = performance.now();
    return {
      crossingId: input.crossingId, laneId: input.laneId, direction: input.direction, source: input.source, wallMs: input.wallMs, monoMs: input.monoMs,
      verdict: verdictOf(requiredAction), severity, requiredAction,
      mrz: { ok: r.ok, format: r.format, lines: r.lines, errors: r.errors, warnings: r.warnings, suggestions: r.suggestions },
      document: d === null ? null : toCrossingDocument(d), age: d?.age ?? null, checks, alerts,
      watchlist: { version: wl.version, head: wl.head, stale, ready: wl.screener !== null },
      timingsUs: { parse: (t1 - t0) * 1000, checks: (t2 - t1) * 1000, screen: (t3 - t2) * 1000, total: (t4 - t0) * 1000 },
    };
  };
}
