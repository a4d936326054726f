/**
 * Transport normalisation only (icao-9303.md §1): length cap, line splitting, trailing spaces, empty
 * lines. Everything else (lowercase, inner spaces, NUL, `_`) stays in place and becomes a charset
 * error later, with its position. Reader-specific clean-up belongs to the scanner driver.
 */
import { isMrzText } from './check-digit.js';
import type { MrzIssue } from './mrz-issue.js';

/** Inputs longer than this many UTF-16 code units are refused before any other work. */
export const MRZ_MAX_INPUT_CHARS = 512;

export interface NormalisedMrz {
  lines: string[];
  /** Every line holds only `[A-Z0-9<]` (lets the parser skip its charset pass). */
  clean: boolean;
  /** Set when nothing further can be read (not text, too long, empty). */
  fatal: MrzIssue | null;
}

/** Accepts `unknown` on purpose: callers at an edge may hand over anything, and parsing never throws. */
export function normaliseMrz(input: unknown): NormalisedMrz {
  const lines: string[] = [];
  if (typeof input === 'string') {
    if (input.length > MRZ_MAX_INPUT_CHARS) return tooLong(input.length);
    return done(lines, splitInto(input, lines));
  } else if (Array.isArray(input)) {
    return normaliseArray(input, lines);
  } else {
    return fatal({ code: 'INPUT_NOT_TEXT', message: 'MRZ input must be a string or an array of strings' });
  }
}

function normaliseArray(input: readonly unknown[], lines: string[]): NormalisedMrz {
  try {
    // Cap before touching the contents: an array of a million strings costs no more than a short one.
    if (input.length > MRZ_MAX_INPUT_CHARS) return tooLong(input.length);
    let total = 0;
    for (let i = 0; i < input.length; i++) {
      const part: unknown = input[i];
      if (typeof part !== 'string') return fatal({ code: 'INPUT_NOT_TEXT', message: `line ${i + 1} of the input is not a string` });
      total += part.length;
      if (total > MRZ_MAX_INPUT_CHARS) return tooLong(total);
    }
    let clean = true;
    for (let i = 0; i < input.length; i++) if (!splitInto(input[i] as string, lines)) clean = false;
    return done(lines, clean);
  } catch {
    // A proxy or getter that throws is junk like any other.
    return fatal({ code: 'INPUT_NOT_TEXT', message: 'MRZ input array could not be read' });
  }
}

function fatal(issue: MrzIssue): NormalisedMrz {
  return { lines: [], clean: false, fatal: issue };
}


function done(lines: string[], clean: boolean): NormalisedMrz {
  if (lines.length === 0) return fatal({ code: 'INPUT_EMPTY', message: 'no MRZ lines in the input' });
  return { lines, clean, fatal: null };
}

function tooLong(n: number): NormalisedMrz {
  return fatal({ code: 'INPUT_TOO_LONG', message: `input has more than ${MRZ_MAX_INPUT_CHARS} characters (${n}); an MRZ has at most 90` });
}

/**
 * Splits on CR LF, CR or LF; strips trailing spaces; drops empty lines. Returns whether every line
 * pushed holds only MRZ characters.
 */
function splitInto(text: string, out: string[]): boolean {
  const n = text.length;
  // Fast path (an array of clean lines, the usual case).
  if (n > 0 && isMrzText(text)) {
    // A line of MRZ characters only needs no splitting or trimming either.
    out.push(text);
    return true;
  }
  let clean = true;
  let start = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? text.charCodeAt(i) : 10;
    if (c !== 10 && c !== 13) continue;
    let end = i;
    while (end > start && text.charCodeAt(end - 1) === 32) end--;
    if (end > start) {
      const line = start === 0 && end === n ? text : text.slice(start, end);
      if (!isMrzText(line)) clean = false;
      out.push(line);
    }
    if (c === 13 && i + 1 < n && text.charCodeAt(i + 1) === 10) i++;
    start = i + 1;
  }
  return clean;
}
