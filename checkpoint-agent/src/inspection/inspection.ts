import type { Direction, Verdict, WatchlistAction } from '@aspk/shared';
import type { CrossingDocument } from '../store/crossing-record.js';

/** An MRZ engine issue as the console shows it (structurally the engine's `MrzIssue`). */
export interface MrzIssueView {
  code: string;
  field?: string;
  message: string;
  /** 1-based line and columns of the normalised lines, `end` inclusive (ICAO 9303 table convention). */
  range?: { line: number; start: number; end: number };
}

/** A check-digit-guided repair proposal from the engine; shown, never applied. */
export interface MrzSuggestionView {
  field: string;
  range: { line: number; start: number; end: number };
  found: string;
  replacement: string;
  message: string;
}

/** How urgent a finding is, mildest first. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

/**
 * What the officer must do: a watchlist entry's action, or the agent's own for other findings —
 * `check-consent` (a minor: check consent papers, anti-trafficking practice), `manual-check` (MRZ invalid,
 * expired or specimen document: inspect the document by hand).
 */
export type RequiredAction = WatchlistAction | 'check-consent' | 'manual-check';

export const CHECK_CODES = ['MRZ_INVALID', 'DOCUMENT_EXPIRED', 'MINOR', 'SPECIMEN', 'DOCUMENT_LISTED', 'PERSON_LISTED', 'WATCHLIST_STALE', 'WATCHLIST_NOT_READY'] as const;
export type CheckCode = (typeof CHECK_CODES)[number];

/** One finding of the checks. `message` is English; the console translates by `code`. */
export interface InspectionCheck {
  code: CheckCode;
  severity: Severity;
  action: RequiredAction | null;
  message: string;
}

/** A watchlist hit as the officer sees it: the protocol's hit plus what the console needs to show. */
export interface InspectionAlert {
  entryId: string;
  kind: 'person' | 'document';
  /** 0..1; 1 for an exact document match. */
  score: number;
  reasons: string[];
  action: WatchlistAction;
  category: string;
  severity: Severity;
  /** Name or document of the entry, for the officer (personal data: never logged). */
  label: string;
}

/** The outcome of one scan: the hot path's result, stored with the crossing and pushed to the console. */
export interface Inspection {
  crossingId: string;
  laneId: string;
  direction: Direction;
  source: 'reader' | 'manual';
  wallMs: number;
  monoMs: number;
  verdict: Verdict;
  /** Highest severity of the findings; null when clear. */
  severity: Severity | null;
  /** The action of the most severe finding; null when clear. */
  requiredAction: RequiredAction | null;
  mrz: {
    ok: boolean;
    format: string | null;
    /** Normalised lines; error ranges refer to them (1-based, end inclusive). */
    lines: string[];
    errors: MrzIssueView[];
    warnings: MrzIssueView[];
    suggestions: MrzSuggestionView[];
  };
  document: CrossingDocument | null;
  /** Completed years at the crossing date (smallest possible with a partial birth date). */
  age: number | null;
  checks: InspectionCheck[];
  alerts: InspectionAlert[];
  /** The index the screening ran against (INV-4). */
  watchlist: { version: number; head: string | null; stale: boolean; ready: boolean };
  /** Time spent in each step, µs (perf_hooks). */
  timingsUs: { parse: number; checks: number; screen: number; total: number };
}
