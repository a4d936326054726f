/**
 * Name field (ICAO 9303-3 §4.6; icao-9303.md §10): primary identifier, `<<`, secondary identifier,
 * components separated by one `<`, fillers to the end. Letters only. A letter in the last position
 * means the issuer may have cut the name (truncation rule), so matching must treat it as a prefix.
 * Hot path: native `indexOf`/`split` on the well-formed case; the slow path only names the errors.
 */
import type { ParseContext } from './parse-context.js';

export interface NameRead {
  primary: string[];
  secondary: string[];
  /** Components joined by spaces. */
  surname: string;
  givenNames: string;
  truncated: boolean;
}

const isLetter = (c: number): boolean => c >= 65 && c <= 90;

export function readName(ctx: ParseContext): NameRead {
  return readWellFormedName(ctx) ?? readAnyName(ctx);
}

/**
 * Fast path for the usual, well-formed name: letters in components split by single `<`, at most one
 * `<<` between the identifiers, fillers to the end. One pass slices each component straight out of
 * the line (the general reader below makes three intermediate substrings and scans twice; the name
 * was the costliest field in the CPU profile). Returns `null` at the first deviation (digit, leading
 * `<`, empty component, second `<<`, all fillers) so that `readAnyName` reports it exactly as before.
 */
function readWellFormedName(ctx: ParseContext): NameRead | null {
  const span = ctx.layout.name;
  const line = ctx.lines[span.line]!;
  const start = span.start;
  let end = span.end;
  while (end > start && line.charCodeAt(end - 1) === 60) end--;
  if (end === start || !isLetter(line.charCodeAt(start))) return null;
  const primary: string[] = [];
  const secondary: string[] = [];
  let out = primary;
  let from = start;
  for (let i = start + 1; i < end; i++) {
    const c = line.charCodeAt(i);
    if (c !== 60) {
      if (!isLetter(c)) return null;
      continue;
    }
    out.push(line.slice(from, i));
    // `end` is just after a letter, so a '<' before it is always followed by another character.
    if (line.charCodeAt(i + 1) === 60) {
      if (out === secondary) return null; // a second '<<'
      out = secondary;
      i++;
    }
    if (!isLetter(line.charCodeAt(i + 1))) return null; // '<<<' or a digit: the general reader names it
    from = i + 1;
  }
  out.push(line.slice(from, end));
  return { primary, secondary, surname: spaced(primary), givenNames: spaced(secondary), truncated: end === span.end };
}

/** Any name field, naming every deviation from 9303-3 §4.6. */
function readAnyName(ctx: ParseContext): NameRead {
  const span = ctx.layout.name;
  const line = ctx.lines[span.line]!;
  const { start } = span;
  // One forward pass: end of the last letter, any digit, the first '<<' (hot path, no regex).
  let end = start;
  let digit = false;
  let sep = -1;
  let prevFiller = false;
  for (let i = start; i < span.end; i++) {
    const c = line.charCodeAt(i);
    if (c === 60) {
      if (prevFiller && sep < 0) sep = i - 1 - start;
      prevFiller = true;
    } else {
      prevFiller = false;
      end = i + 1;
      if (c >= 48 && c <= 57) digit = true;
    }
  }
  const truncated = end === span.end;
  if (end === start) {
    ctx.error('NAME_EMPTY', 'name', 'name field is all fillers; the primary identifier is mandatory (ICAO 9303-3 §4.6)', span);
    return { primary: [], secondary: [], surname: '', givenNames: '', truncated: false };
  }
  if (sep >= end - start) sep = -1; // only trailing fillers after the last letter
  const text = line.slice(start, end);
  if (digit) reportDigits(ctx, start, end);
  const primaryText = sep < 0 ? text : text.slice(0, sep);
  const secondaryText = sep < 0 ? '' : text.slice(sep + 2);
  if (sep === 0) {
    ctx.deviation(ctx.policy.allowEmptyPrimaryIdentifier, 'PRIMARY_IDENTIFIER_EMPTY', 'name', 'name field starts with <<: the primary identifier is empty (ICAO 9303-3 §4.6 makes it mandatory)', { line: span.line, start, end: start + 2 });
  } else if (text.charCodeAt(0) === 60) {
    ctx.error('NAME_SYNTAX', 'name', 'name field starts with a single filler (ICAO 9303-3 §4.6)', { line: span.line, start, end: start + 1 });
  }
  // Primary cannot hold '<<' (the first one ends it); a leading '<' was reported above.
  const primary = primaryText === '' ? [] : primaryText.charCodeAt(0) === 60 ? primaryText.split('<').filter((c) => c !== '') : splitComponents(primaryText);
  let secondary: string[];
  if (secondaryText === '') secondary = [];
  else if (secondaryText.charCodeAt(0) !== 60 && secondaryText.indexOf('<<') < 0) secondary = splitComponents(secondaryText);
  else {
    // Three fillers between the identifiers, or a second '<<' inside the secondary identifier.
    const at = secondaryText.charCodeAt(0) === 60 ? 0 : secondaryText.indexOf('<<');
    const col = start + sep + 2 + at;
    let j = col;
    while (j < end && line.charCodeAt(j) === 60) j++;
    ctx.error('NAME_SYNTAX', 'name', 'name has an empty component: fillers must separate components singly, and only one << may separate the identifiers (ICAO 9303-3 §4.6)', { line: span.line, start: col - 1, end: j });
    secondary = secondaryText.split('<').filter((c) => c !== '');
  }
  return { primary, secondary, surname: spaced(primary), givenNames: spaced(secondary), truncated };
}

/** Splits on single `<` with native `indexOf` (measurably cheaper than `split` for 1–4 components). */
function splitComponents(text: string): string[] {
  const out: string[] = [];
  let s = 0;
  for (;;) {
    const k = text.indexOf('<', s);
    if (k < 0) {
      out.push(s === 0 ? text : text.slice(s));
      return out;
    }
    out.push(text.slice(s, k));
    s = k + 1;
  }
}

/** Components joined by spaces; concatenation instead of `join` (no flattening until the string is used). */
export function spaced(parts: readonly string[]): string {
  if (parts.length === 0) return '';
  let out = parts[0]!;
  for (let i = 1; i < parts.length; i++) out += ' ' + parts[i]!;
  return out;
}

function reportDigits(ctx: ParseContext, start: number, end: number): void {
  const line = ctx.lines[ctx.layout.name.line]!;
  let i = start;
  while (i < end) {
    const c = line.charCodeAt(i);
    if (c < 48 || c > 57) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < end && line.charCodeAt(j) >= 48 && line.charCodeAt(j) <= 57) j++;
    ctx.error('NAME_SYNTAX', 'name', `digits '${line.slice(i, j)}' in the name; names hold letters only (ICAO 9303-3 §4.6)`, { line: ctx.layout.name.line, start: i, end: j });
    i = j;
  }
}
