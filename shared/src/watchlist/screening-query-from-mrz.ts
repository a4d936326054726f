/**
 * Turns a parsed MRZ document into a `ScreeningQuery`. Takes a structural type so the watchlist does not
 * depend on the MRZ module: anything with these fields (the MRZ engine's `Document`) fits.
 */
import type { ScreeningQuery } from './person-query.js';

/** The MRZ fields screening needs. */
export interface MrzScreeningFields {
  surname: string;
  givenNames: string;
  nameMayBeTruncated?: boolean;
  /** Raw MRZ `YYMMDD`; unknown parts are `<<` (ICAO 9303-3 §4.8). */
  birthDate: string;
  /** The same date with its inferred century, `YYYY-MM-DD` (or partial); preferred when present. */
  birthDateIso?: string;
  nationality: string;
  sex: string;
  issuingState: string;
  documentNumber: string;
}

/**
 * Builds the query. The birth date comes from `birthDateIso` when given; otherwise from the raw `YYMMDD`
 * with the century inferred against `currentYear` (a year not in the future; callers inject the clock), and
 * is left out when neither is available. Unknown parts become a partial date (`YYYY-MM`, `YYYY`).
 */
export function screeningQueryFromMrz(doc: MrzScreeningFields, options: { currentYear?: number } = {}): ScreeningQuery {
  const q: ScreeningQuery = { surname: doc.surname, givenNames: doc.givenNames, issuingState: doc.issuingState, documentNumber: doc.documentNumber };
  if (doc.nameMayBeTruncated === true) q.nameMayBeTruncated = true;
  const birth = doc.birthDateIso ?? isoFromRaw(doc.birthDate, options.currentYear);
  if (birth !== undefined) q.birthDate = birth;
  const nat = doc.nationality.replace(/</g, '');
  if (nat !== '') q.nationality = nat;
  if (doc.sex === 'M' || doc.sex === 'F' || doc.sex === '<') q.sex = doc.sex;
  return q;
}

function isoFromRaw(raw: string, currentYear: number | undefined): string | undefined {
  const m = /^(\d\d|<<)(\d\d|<<)(\d\d|<<)$/.exec(raw);
  if (m === null || m[1] === '<<' || currentYear === undefined) return undefined;
  const yy = Number(m[1]);
  const year = yy <= currentYear % 100 ? currentYear - (currentYear % 100) + yy : currentYear - (currentYear % 100) - 100 + yy;
  if (m[2] === '<<') return String(year);
  if (m[3] === '<<') return `${year}-${m[2]}`;
  return `${year}-${m[2]}-${m[3]}`;
}
