/**
 * State of one `parseMrz` call: the lines, the layout, the policy, the reference date, and the issues
 * found so far. Field readers receive it and report into it; nothing here allocates on the happy path
 * except the two issue arrays.
 */
import { isMrzText, mrzCodeValue } from './check-digit.js';
import type { MrzFieldName, MrzIssue, MrzIssueCode, MrzRange } from './mrz-issue.js';
import type { MrzLayout, MrzSpan } from './mrz-layouts.js';
import type { MrzPolicy } from './mrz-policy.js';
import type { ReferenceDate } from './reference-date.js';

/** A check digit that failed, kept for the repair step (icao-9303.md §11). */
export interface FailedCheck {
  field: MrzFieldName;
  /** The characters the digit covers (several spans for a composite or a long number). */
  covers: MrzSpan[];
  slot: MrzSpan;
  /** Character classes allowed in the covered data: dates are digits only. */
  numeric: boolean;
}

export class ParseContext {
  readonly errors: MrzIssue[] = [];
  readonly warnings: MrzIssue[] = [];
  /** Made on the first failure only: a valid document (the usual case) never needs the array. */
  failedChecks: FailedCheck[] | null = null;
  /** The first State field holding `UTO` (issuing State is read first), set by `readStateCode`. */
  specimenField: 'issuingState' | 'nationality' | null = null;

  /** Per line, 1 where the character is outside `[A-Z0-9<]`; `null` when every character is clean. */
  readonly bad: Uint8Array[] | null;

  constructor(
    readonly lines: readonly string[],
    readonly layout: MrzLayout,
    readonly policy: Readonly<MrzPolicy>,
    readonly ref: ReferenceDate,
    /** The normaliser found only MRZ characters (skips the charset pass). */
    clean: boolean,
  ) {
    this.bad = clean ? null : findBadCharacters(lines);
  }

  error(code: MrzIssueCode, field: MrzFieldName, message: string, span?: MrzSpan): void {
    this.errors.push(span === undefined ? { code, field, message } : { code, field, message, range: toRange(span) });
  }

  warn(code: MrzIssueCode, field: MrzFieldName, message: string, span?: MrzSpan): void {
    this.warnings.push(span === undefined ? { code, field, message } : { code, field, message, range: toRange(span) });
  }

  /** A policy deviation (icao-9303.md §12): error when the switch is off, warning when on. */
  deviation(allowed: boolean, code: MrzIssueCode, field: MrzFieldName, message: string, span: MrzSpan): void {
    if (allowed) this.warn(code, field, `${message} (accepted by policy)`, span);
    else this.error(code, field, message, span);
  }

  /** True when `span` holds only MRZ characters. */
  clean(span: MrzSpan): boolean {
    const bad = this.bad;
    if (bad === null) return true;
    const row = bad[span.line]!;
    for (let i = span.start; i < span.end; i++) if (row[i] === 1) return false;
    return true;
  }

  /** Character code at a position. */
  code(line: number, col: number): number {
    return this.lines[line]!.charCodeAt(col);
  }

  /** Reports every run of non-MRZ characters, split at field boundaries. */
  reportCharset(): void {
    const bad = this.bad;
    if (bad === null) return;
    for (let l = 0; l < bad.length; l++) {
      const row = bad[l]!;
      const fields = this.layout.fieldAt[l]!;
      let i = 0;
      while (i < row.length) {
        if (row[i] !== 1) {
          i++;
          continue;
        }
        const field = fields[i]!;
        let j = i + 1;
        while (j < row.length && row[j] === 1 && fields[j] === field) j++;
        this.error('CHARSET_INVALID', field, `${describeChars(this.lines[l]!.slice(i, j))} not in the MRZ alphabet A–Z, 0–9, < (ICAO 9303-3 §4.3)`, { line: l, start: i, end: j });
        i = j;
      }
    }
  }
}

/** 0-based end-exclusive span → 1-based inclusive range. */
export function toRange(span: MrzSpan): MrzRange {
  return { line: span.line + 1, start: span.start + 1, end: span.end };
}

function findBadCharacters(lines: readonly string[]): Uint8Array[] | null {
  let any = false;
  for (let l = 0; l < lines.length && !any; l++) any = !isMrzText(lines[l]!);
  if (!any) return null;
  return lines.map((line) => {
    const row = new Uint8Array(line.length);
    for (let i = 0; i < line.length; i++) if (mrzCodeValue(line.charCodeAt(i)) < 0) row[i] = 1;
    return row;
  });
}

/** Names characters the way an officer can read them: `'a'`, `space`, `U+0000`. */
export function describeChars(text: string): string {
  const parts: string[] = [];
  for (const ch of text) {
    const c = ch.codePointAt(0)!;
    if (c === 32) parts.push('space');
    else if (c < 32 || c === 127 || (c >= 0x80 && c < 0xa0) || (c >= 0xd800 && c <= 0xdfff)) parts.push('U+' + c.toString(16).toUpperCase().padStart(4, '0'));
    else parts.push(JSON.stringify(ch));
  }
  if (parts.length > 8) return `characters ${parts.slice(0, 8).join(', ')} … (${parts.length})`;
  return parts.length === 1 ? `character ${parts[0]!}` : `characters ${parts.join(', ')}`;
}
