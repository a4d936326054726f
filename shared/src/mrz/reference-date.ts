/**
 * The date against which centuries are inferred and expiry and age judged (icao-9303.md §8.3). The
 * engine takes it as a parameter; only when a caller passes none does `parseMrz` fall back to the
 * current UTC date (the agent always passes its injected clock's date).
 */
import { daysInMonth } from './calendar.js';

export interface ReferenceDate {
  y: number;
  m: number;
  d: number;
  /** `YYYY-MM-DD`, kept for messages. */
  iso: string;
}

let cachedText = '';
let cachedValue: ReferenceDate | null = null;

/** Parses `YYYY-MM-DD` (a real calendar day, years 1900–9999); `null` when it is anything else. */
export function parseReferenceDate(text: unknown): ReferenceDate | null {
  if (typeof text !== 'string') return null;
  if (text === cachedText) return cachedValue;
  let value: ReferenceDate | null = null;
  if (text.length === 10 && text.charCodeAt(4) === 45 && text.charCodeAt(7) === 45) {
    const y = digits(text, 0, 4);
    const m = digits(text, 5, 7);
    const d = digits(text, 8, 10);
    if (y >= 1900 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m)) value = { y, m, d, iso: text };
  }
  cachedText = text;
  cachedValue = value;
  return value;
}

function digits(text: string, start: number, end: number): number {
  let n = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    n = n * 10 + c;
  }
  return n;
}

let todayKey = -1;
let todayValue: ReferenceDate = { y: 1970, m: 1, d: 1, iso: '1970-01-01' };

/** Today's UTC date, recomputed at most once per day. */
export function utcToday(nowMs: number = Date.now()): ReferenceDate {
  const key = Math.floor(nowMs / 86_400_000);
  if (key !== todayKey) {
    const t = new Date(key * 86_400_000);
    todayValue = { y: t.getUTCFullYear(), m: t.getUTCMonth() + 1, d: t.getUTCDate(), iso: t.toISOString().slice(0, 10) };
    todayKey = key;
  }
  return todayValue;
}
