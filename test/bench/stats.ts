/** Small measurement helpers for the benchmark suites (never used for assertions in tests). */
import { performance } from 'node:perf_hooks';

export interface Summary {
  n: number;
  medianNs: number;
  p90Ns: number;
  p99Ns: number;
  maxNs: number;
}

/** Percentile summary of per-operation times in nanoseconds. */
export function summarize(samplesNs: Float64Array | number[]): Summary {
  const s = Float64Array.from(samplesNs).sort();
  const at = (q: number): number => s[Math.min(s.length - 1, Math.floor(q * (s.length - 1)))] ?? NaN;
  return { n: s.length, medianNs: at(0.5), p90Ns: at(0.9), p99Ns: at(0.99), maxNs: s[s.length - 1] ?? NaN };
}

/**
 * Times `fn` over `inputs`, one sample per call after a warm-up. Calls are short (µs), so each sample
 * is the mean of `batch` consecutive calls to keep timer resolution out of the figures.
 */
export function measure<T>(inputs: readonly T[], fn: (input: T) => unknown, opts: { warmup?: number; batch?: number } = {}): Summary {
  const batch = opts.batch ?? 1;
  const warmup = opts.warmup ?? Math.min(inputs.length, 2000);
  let sink = 0;
  for (let i = 0; i < warmup; i++) if (fn(inputs[i % inputs.length]!) !== undefined) sink++;
  const samples = new Float64Array(Math.floor(inputs.length / batch));
  for (let s = 0; s < samples.length; s++) {
    const t0 = performance.now();
    for (let j = 0; j < batch; j++) if (fn(inputs[s * batch + j]!) !== undefined) sink++;
    samples[s] = ((performance.now() - t0) * 1e6) / batch;
  }
  if (sink < 0) console.log(sink);
  return summarize(samples);
}

export function fmtNs(ns: number): string {
  if (ns >= 1e6) return `${(ns / 1e6).toFixed(2)} ms`;
  if (ns >= 1e3) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${ns.toFixed(0)} ns`;
}

/** Prints rows as an aligned table. */
export function printTable(rows: Record<string, string | number>[]): void {
  if (rows.length === 0) return;
  const cols = Object.keys(rows[0]!);
  const width = cols.map((c) => Math.max(c.length, ...rows.map((r) => String(r[c] ?? '').length)));
  const line = (vals: string[]): string => vals.map((v, i) => v.padEnd(width[i]!)).join('  ');
  console.log(line(cols));
  console.log(line(width.map((w) => '-'.repeat(w))));
  for (const r of rows) console.log(line(cols.map((c) => String(r[c] ?? ''))));
}
