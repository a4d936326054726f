/**
 * Check-digit-guided OCR repair suggestions (icao-9303.md §11). For a failing check digit, try every
 * single replacement of a covered character (or of the slot) by its OCR look-alike from a *detected*
 * confusion pair (`O`/`0`, `D`/`0`, `I`/`1`, `B`/`8`, `S`/`5`, `Z`/`2`; the invisible pairs such as
 * `G`/`6` cannot change a check digit). Propose it only when exactly one replacement makes the digit
 * pass. Names, codes and sex have no check digit and are never touched; nothing is ever applied.
 */
import { checkDigitOver } from './verify-check-digit.js';
import type { MrzSpan } from './mrz-layouts.js';
import type { MrzRepairSuggestion } from './mrz-result.js';
import type { FailedCheck } from './parse-context.js';
import { toRange } from './parse-context.js';

/** Detected OCR confusions: each character and the look-alikes it is tried as. */
const LOOK_ALIKES: Readonly<Record<string, string>> = {
  '0': 'OD',
  O: '0',
  D: '0',
  '1': 'I',
  I: '1',
  '8': 'B',
  B: '8',
  '5': 'S',
  S: '5',
  '2': 'Z',
  Z: '2',
};

interface Candidate {
  line: number;
  col: number;
  found: string;
  replacement: string;
}

const isDigit = (ch: string): boolean => ch >= '0' && ch <= '9';

function passes(lines: readonly string[], check: FailedCheck): boolean {
  const computed = checkDigitOver(lines, check.covers);
  const slot = lines[check.slot.line]!.charAt(check.slot.start);
  if (computed < 0 || !isDigit(slot) || Number(slot) !== computed) return false;
  if (!check.numeric) return true;
  // Dates hold digits (and '<' groups in a birth date) only.
  for (const span of check.covers) {
    for (let i = span.start; i < span.end; i++) {
      const ch = lines[span.line]!.charAt(i);
      if (!isDigit(ch) && ch !== '<') return false;
    }
  }
  return true;
}

function replaceAt(lines: readonly string[], line: number, col: number, ch: string): string[] {
  const copy = lines.slice();
  const text = copy[line]!;
  copy[line] = text.slice(0, col) + ch + text.slice(col + 1);
  return copy;
}

function candidatesFor(lines: readonly string[], check: FailedCheck, positions: readonly MrzSpan[]): Candidate[] {
  const found: Candidate[] = [];
  for (const span of positions) {
    const isSlot = span === check.slot;
    for (let col = span.start; col < span.end; col++) {
      const ch = lines[span.line]!.charAt(col);
      for (const alt of LOOK_ALIKES[ch] ?? '') {
        if ((isSlot || check.numeric) && !isDigit(alt)) continue;
        if (passes(replaceAt(lines, span.line, col, alt), check)) found.push({ line: span.line, col, found: ch, replacement: alt });
      }
    }
  }
  return found;
}

function suggestion(check: FailedCheck, lines: readonly string[], c: Candidate): MrzRepairSuggestion {
  const repaired = replaceAt(lines, c.line, c.col, c.replacement);
  const value = check.covers.map((s) => repaired[s.line]!.slice(s.start, s.end)).join('');
  const label = check.field === 'composite' ? 'composite' : check.field;
  return {
    field: check.field,
    range: toRange({ line: c.line, start: c.col, end: c.col + 1 }),
    found: c.found,
    replacement: c.replacement,
    value,
    message: `line ${c.line + 1} column ${c.col + 1}: '${c.found}' may be a misread '${c.replacement}'; it is the only look-alike that makes the ${label} check digit pass. Compare with the document before correcting.`,
  };
}

/**
 * Suggestions for the failed checks of one parse. `fieldChecked` lists the spans already covered by a
 * field check digit: a composite failure is repaired only in the characters no field digit covers.
 */
export function suggestRepairs(lines: readonly string[], failed: readonly FailedCheck[], fieldChecked: readonly MrzSpan[]): MrzRepairSuggestion[] {
  const out: MrzRepairSuggestion[] = [];
  let repaired: readonly string[] = lines;
  let unresolvedField = false;
  let composite: FailedCheck | null = null;
  for (const check of failed) {
    if (check.field === 'composite') {
      composite = check;
      continue;
    }
    const found = candidatesFor(lines, check, [...check.covers, check.slot]);
    if (found.length === 1) {
      out.push(suggestion(check, lines, found[0]!));
      repaired = replaceAt(repaired, found[0]!.line, found[0]!.col, found[0]!.replacement);
    } else unresolvedField = true;
  }
  if (composite !== null && !unresolvedField && !passes(repaired, composite)) {
    const free = uncovered(composite.covers, fieldChecked);
    const found = candidatesFor(repaired, composite, [...free, composite.slot]);
    if (found.length === 1) out.push(suggestion(composite, repaired, found[0]!));
  }
  return out;
}

/** Parts of `covers` outside every span of `checked` (one-character spans, simple and rare path). */
function uncovered(covers: readonly MrzSpan[], checked: readonly MrzSpan[]): MrzSpan[] {
  const out: MrzSpan[] = [];
  for (const span of covers) {
    for (let i = span.start; i < span.end; i++) {
      if (!checked.some((c) => c.line === span.line && i >= c.start && i < c.end)) out.push({ line: span.line, start: i, end: i + 1 });
    }
  }
  return out;
}
