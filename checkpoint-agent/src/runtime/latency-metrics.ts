import { createHistogram, type RecordableHistogram } from 'node:perf_hooks';

/** Percentiles of one latency series, µs. */
export interface LatencySummary {
  count: number;
  p50Us: number;
  p90Us: number;
  p99Us: number;
  maxUs: number;
}

/**
 * Latency histograms for the metrics endpoint, on `perf_hooks.createHistogram` (HDR histogram in C++,
 * constant memory whatever the uptime). Values are recorded in ns and reported in µs.
 */
export class LatencyMetrics {
  readonly #h = new Map<string, RecordableHistogram>();

  /** Records one duration in µs under `name`. */
  record(name: string, us: number): void {
    let h = this.#h.get(name);
    if (h === undefined) this.#h.set(name, (h = createHistogram()));
    h.record(Math.max(1, Math.round(us * 1000)));
  }

  summary(): Record<string, LatencySummary> {
    const out: Record<string, LatencySummary> = {};
    const us = (ns: number): number => Math.round(ns / 10) / 100;
    for (const [name, h] of this.#h) {
      out[name] = { count: h.count, p50Us: us(h.percentile(50)), p90Us: us(h.percentile(90)), p99Us: us(h.percentile(99)), maxUs: us(h.max) };
    }
    return out;
  }
}
