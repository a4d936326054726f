/**
 * Never-throws fuzz driver for `parseMrz`, shared by the unit test (≥ 100k inputs, a few seconds) and
 * the benchmark suite (millions). A seeded xorshift PRNG mutates valid documents of every format
 * (replace, insert, delete, split/merge lines, junk, CR/LF noise) and mixes in pure junk, then checks
 * the invariants every result must keep.
 */
import fc from 'fast-check';
import { parseMrz, type MrzResult } from '@aspk/shared';
import { encodeLines, junkInput, validDocument } from './mrz-arbitraries.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789<';
const JUNK = ['a', 'z', ' ', '\t', '\u0000', '_', '«', '\uD800', 'Ä', '\u200B', '\r', '\n', '\r\n', '<<<<', '0'];

function xorshift(seed: number): () => number {
  let x = seed | 0 || 0x9e3779b9;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 4294967296;
  };
}

export interface FuzzStats {
  inputs: number;
  ok: number;
  withDocument: number;
  suggestions: number;
}

/** Invariants of a result; returns a description of the first broken one, or null. */
export function checkInvariants(r: MrzResult): string | null {
  if (r.ok !== (r.errors.length === 0)) return 'ok disagrees with errors';
  if ((r.format === null) !== (r.document === null)) return 'format and document disagree';
  for (const issue of [...r.errors, ...r.warnings]) {
    if (issue.code === 'INTERNAL_ERROR') return `engine fault: ${issue.message}`;
    if (typeof issue.message !== 'string' || issue.message.length === 0) return 'issue without message';
    const rg = issue.range;
    if (rg === undefined) continue;
    const line = r.lines[rg.line - 1];
    if (line === undefined || rg.start < 1 || rg.end < rg.start || rg.end > line.length) return `range ${JSON.stringify(rg)} outside the lines`;
  }
  for (const s of r.suggestions) if (s.found === s.replacement || s.field === 'name') return 'bad suggestion';
  return null;
}

/** Parses `count` generated inputs; throws (in the caller's test) on the first broken invariant. */
export function fuzzMrz(count: number, seed: number): FuzzStats {
  const rnd = xorshift(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const bases: string[][] = [];
  for (const kind of ['TD1', 'TD2', 'TD3', 'MRVA', 'MRVB', 'PU'] as const) for (const d of fc.sample(validDocument(kind), { seed, numRuns: 100 })) bases.push(encodeLines(d));
  const junk = fc.sample(junkInput, { seed, numRuns: 2000 });
  const stats: FuzzStats = { inputs: 0, ok: 0, withDocument: 0, suggestions: 0 };
  const refs = ['2026-11-27', '1999-12-31', '2000-02-29', '2068-01-01'];
  for (let n = 0; n < count; n++) {
    let input: unknown;
    const mode = rnd();
    if (mode < 0.05) input = junk[n % junk.length];
    else {
      const lines = pick(bases).slice();
      const edits = 1 + Math.floor(rnd() * 4);
      for (let e = 0; e < edits; e++) {
        const li = Math.floor(rnd() * lines.length);
        const text = lines[li]!;
        const col = Math.floor(rnd() * (text.length + 1));
        const op = rnd();
        const ch = rnd() < 0.8 ? pick([...ALPHABET]) : pick(JUNK);
        if (op < 0.6) lines[li] = text.slice(0, col) + ch + text.slice(col + 1);
        else if (op < 0.7) lines[li] = text.slice(0, col) + ch + text.slice(col);
        else if (op < 0.8) lines[li] = text.slice(0, col) + text.slice(col + 1);
        else if (op < 0.85) lines.splice(li, 1, text.slice(0, col), text.slice(col));
        else if (op < 0.9 && lines.length > 1) lines.splice(li, 1);
        else if (op < 0.95) lines.push(text);
        else lines[li] = text + ' '.repeat(1 + Math.floor(rnd() * 3));
      }
      input = rnd() < 0.5 ? lines : lines.join(pick(['\n', '\r\n', '\r', '\n\n']));
    }
    const options = rnd() < 0.2 ? { referenceDate: pick(refs), policy: { allowSexX: rnd() < 0.5, allowUnknownExpiry: rnd() < 0.5, allowLegacyLongNumberCheckDigit: true } } : undefined;
    const r = parseMrz(input as string, options);
    const broken = checkInvariants(r);
    if (broken !== null) throw new Error(`fuzz seed ${seed}, input ${n} ${JSON.stringify(input)}: ${broken}`);
    stats.inputs++;
    if (r.ok) stats.ok++;
    if (r.document !== null) stats.withDocument++;
    stats.suggestions += r.suggestions.length;
  }
  return stats;
}
