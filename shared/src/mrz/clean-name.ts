/**
 * Name field of the clean-document fast path (ICAO 9303-3 §4.6; icao-9303.md §10): the well-formed
 * case only — letters in components split by single `<`, at most one `<<` between primary and
 * secondary identifier, fillers to the end. Anything else (digits, a leading `<`, an empty
 * component, a second `<<`, all fillers, a character outside the MRZ alphabet) returns `null`, and
 * the general reader (`read-name.ts`) names the problem.
 *
 * Same result as `readWellFormedName` there, obtained with native string code instead of a loop
 * over `charCodeAt`: one sticky regular expression checks the whole field (it is also the charset
 * check of these columns, which `loadCodes` skips), then `indexOf` finds the `<<`, the fillers and
 * the components. Counted with callgrind, `charCodeAt` on the sliced strings that `split` and
 * readers produce costs 40–80 machine instructions per character, the regular expression about
 * 10; the name is the longest field.
 */
import type { MrzSpan } from './mrz-layouts.js';
import { spaced, type NameRead } from './read-name.js';

/**
 * Primary identifier, optionally `<<` and the secondary identifier, then fillers up to the end of
 * the line (the name field ends every line it is on, in every format). Sticky: matched from the
 * field's first column (`lastIndex`), no substring needed.
 */
const WELL_FORMED_NAME = /[A-Z]+(?:<[A-Z]+)*(?:<<[A-Z]+(?:<[A-Z]+)*)?<*$/y;

export function readCleanName(line: string, span: MrzSpan): NameRead | null {
  const start = span.start;
  const width = span.end;
  if (line.length !== width) return null;
  WELL_FORMED_NAME.lastIndex = start;
  if (!WELL_FORMED_NAME.test(line)) return null;
  // The shape is known now: a `<<` followed by a letter separates the identifiers; any other `<<`
  // starts the trailing fillers; without any `<<` at most one filler ends the field.
  let primaryEnd = line.indexOf('<<', start);
  let end: number;
  let secondaryStart = -1;
  if (primaryEnd < 0) {
    primaryEnd = line.charCodeAt(width - 1) === 60 ? width - 1 : width;
    end = primaryEnd;
  } else if (primaryEnd + 2 === width || line.charCodeAt(primaryEnd + 2) === 60) {
    end = primaryEnd;
  } else {
    secondaryStart = primaryEnd + 2;
    end = line.indexOf('<<', secondaryStart);
    if (end < 0) end = line.charCodeAt(width - 1) === 60 ? width - 1 : width;
  }
  const primary = components(line, start, primaryEnd);
  const secondary = secondaryStart < 0 ? [] : components(line, secondaryStart, end);
  return { primary, secondary, surname: spaced(primary), givenNames: spaced(secondary), truncated: end === width };
}

/**
 * The `<`-separated components of `line[from..to)`. Sliced one by one with `indexOf`: `split`
 * goes through a runtime call that cost more than the whole regular expression. Literals for one
 * and two components (most names), since the first `push` reserves room for 17 elements.
 */
function components(line: string, from: number, to: number): string[] {
  const a = line.indexOf('<', from);
  if (a < 0 || a >= to) return [line.slice(from, to)];
  const b = line.indexOf('<', a + 1);
  if (b < 0 || b >= to) return [line.slice(from, a), line.slice(a + 1, to)];
  const out = [line.slice(from, a), line.slice(a + 1, b)];
  let s = b + 1;
  for (;;) {
    const k = line.indexOf('<', s);
    if (k < 0 || k >= to) {
      out.push(line.slice(s, to));
      return out;
    }
    out.push(line.slice(s, k));
    s = k + 1;
  }
}

