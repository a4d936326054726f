/**
 * Watchlist entry schema (issue 3, "Watchlist JSON lines"): one person or one document per entry.
 * This is the single edge parser for list data, whatever the carrier (JSON lines, CSV, HTTP body, sync
 * payload). Unknown extra fields are kept (`z.looseObject`) so newer list producers do not break older
 * agents.
 */
import { z } from 'zod';

/** The actions an entry can ask of the officer, mildest first. */
export const WATCHLIST_ACTIONS = ['alert', 'refer', 'deny', 'detain', 'protect'] as const;
export const WatchlistAction = z.enum(WATCHLIST_ACTIONS);
export type WatchlistAction = z.infer<typeof WatchlistAction>;

/** Stable entry id chosen by the list owner; 1–128 characters, no control characters. */
export const WatchlistEntryId = z
  .string()
  .min(1, 'id must not be empty')
  .max(128, 'id must be at most 128 characters')
  // eslint-disable-next-line no-control-regex
  .regex(/^[^\u0000-\u001f\u007f]+$/, 'id must not contain control characters');

/**
 * A name as written on the list: Latin (MRZ style `ABDUL<RAHMAN` or natural `Abdul-Rahman`, diacritics
 * allowed) or Cyrillic (Russian, Ukrainian, Kyrgyz, Kazakh, Tajik letters), with spaces, hyphens,
 * apostrophes, dots and MRZ fillers. Digits are refused: ICAO 9303 Part 3 §4.6 names carry none.
 */
const NAME_RE = /^[\p{Script=Latin}\p{Script=Cyrillic}\p{M}\s'’ʼ`.,<-]*$/u;
const HAS_LETTER_RE = /[\p{Script=Latin}\p{Script=Cyrillic}]/u;

/** One name part (surname or given names) written in Latin or Cyrillic script; at most 200 characters. */
export const WatchlistName = z
  .string()
  .max(200, 'name must be at most 200 characters')
  .regex(NAME_RE, 'name may contain only Latin or Cyrillic letters, spaces, hyphens, apostrophes, dots and <');

const Surname = WatchlistName.refine((s) => HAS_LETTER_RE.test(s), 'surname must contain at least one letter');

/** An alternative spelling or identity of the same person. `givenNames` may be empty (single-name persons). */
export const PersonName = z.object({
  surname: Surname,
  givenNames: WatchlistName.default(''),
});
export type PersonName = z.infer<typeof PersonName>;

function isCalendarDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const days = [31, (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
  return d <= (days[m - 1] ?? 0);
}

/**
 * Full or partial birth date: `YYYY-MM-DD`, `YYYY-MM` or `YYYY` (lists often know only the year), years
 * 1800–2199, a real calendar date (29 February only in leap years).
 */
export const PartialBirthDate = z.string().refine((s) => {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(s);
  if (m === null) return false;
  const y = Number(m[1]);
  if (y < 1800 || y > 2199) return false;
  if (m[2] === undefined) return true;
  const mo = Number(m[2]);
  if (m[3] === undefined) return mo >= 1 && mo <= 12;
  return isCalendarDate(y, mo, Number(m[3]));
}, 'birthDate must be a real date written YYYY-MM-DD, YYYY-MM or YYYY');

/** ICAO 9303 Part 3 §5 state or nationality code: 1–3 capital letters (`D` for Germany, `KGZ`, `XXA`). */
export const IcaoStateCode = z.string().regex(/^[A-Z]{1,3}$/, 'must be an ICAO code of 1–3 capital letters (e.g. KGZ, D)');

/** A validity bound: an ISO date (`2026-01-31`) or an ISO date-time with offset. */
const ValidityBound = z.union([z.iso.date(), z.iso.datetime({ offset: true })], {
  error: 'must be an ISO date (YYYY-MM-DD) or date-time with offset',
});

const common = {
  id: WatchlistEntryId,
  category: z.string().trim().min(1, 'category must not be empty').max(200),
  action: WatchlistAction,
  /** Who put the entry on the list (agency, list name); free text. */
  source: z.string().max(500).optional(),
  /** First day (or instant) the entry applies; absent = already in force. */
  validFrom: ValidityBound.optional(),
  /** Last day (or instant) the entry applies; absent = until removed. */
  validUntil: ValidityBound.optional(),
  /** Operator notes for the secondary officer; never shown in the agent's log. */
  notes: z.string().max(4000).optional(),
};

function validityOrdered(e: { validFrom?: string | undefined; validUntil?: string | undefined }): boolean {
  // ISO dates and date-times compare correctly as strings when both are in the same form; compare the date part.
  if (e.validFrom === undefined || e.validUntil === undefined) return true;
  return e.validFrom.slice(0, 10) <= e.validUntil.slice(0, 10);
}

/** A listed person: names in Latin and/or Cyrillic, aliases, partial birth date, nationality, sex. */
export const PersonEntry = z
  .looseObject({
    ...common,
    type: z.literal('person'),
    surname: Surname,
    givenNames: WatchlistName,
    aliases: z.array(PersonName).max(50, 'at most 50 aliases').optional(),
    birthDate: PartialBirthDate.optional(),
    nationality: IcaoStateCode.optional(),
    sex: z.enum(['M', 'F']).optional(),
  })
  .refine(validityOrdered, { message: 'validFrom must not be after validUntil', path: ['validUntil'] });
export type PersonEntry = z.infer<typeof PersonEntry>;

/** A lost, stolen, invalidated or otherwise listed travel document. */
export const DocumentEntry = z
  .looseObject({
    ...common,
    type: z.literal('document'),
    issuingState: IcaoStateCode,
    /** As printed or in the MRZ; fillers, spaces and hyphens are ignored when matching. Up to 22 characters (TD1 long numbers, ICAO 9303 Part 5). */
    documentNumber: z
      .string()
      .regex(/^[A-Za-z0-9<\s-]+$/, 'documentNumber may contain only letters, digits, <, spaces and hyphens')
      .refine((s) => {
        const n = s.replace(/[^A-Za-z0-9]/g, '').length;
        return n >= 1 && n <= 22;
      }, 'documentNumber must have 1–22 letters or digits'),
    /** ICAO document code (`P`, `PP`, `ID`, `AC`, `V`…), 1–2 characters. */
    documentCode: z.string().regex(/^[A-Z][A-Z<]?$/, 'documentCode must be 1–2 letters (e.g. P, PP, ID)').optional(),
  })
  .refine(validityOrdered, { message: 'validFrom must not be after validUntil', path: ['validUntil'] });
export type DocumentEntry = z.infer<typeof DocumentEntry>;

/** A watchlist entry: `type` is `person` or `document`. */
export const WatchlistEntry = z.discriminatedUnion('type', [PersonEntry, DocumentEntry]);
export type WatchlistEntry = z.infer<typeof WatchlistEntry>;
