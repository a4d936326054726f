import { describe, expect, it } from 'vitest';
import { runScreeningEval } from './screening-eval-run.js';

// Small version of `npm run eval:screening` (2,000 persons + 2,000 documents, fixed seed, a few seconds).
// The targets (recall ≥ 0.98, false positives ≤ 1 %) apply to the 100k `ci` profile, where they are
// met (see the README); this 2,000-person set is too small for them (0.977 here over 565 positives without
// the E2 stress rule: 13 misses), so recall is held at its measured floor to catch regressions.
const SEED = 20260101;

describe(`screening evaluation, small profile (seed ${SEED})`, () => {
  const r = runScreeningEval({ seed: SEED, persons: 2_000, documents: 2_000, positives: 600, negatives: 600, hardPerClass: 50 });
  const ctx = `seed ${SEED}: ${JSON.stringify({ recall: r.recall, fp: r.falsePositiveRate, byRule: r.recallByRule })}`;

  it('keeps false positives (namesakes apart) at or under 1 %', () => {
    expect(r.falsePositiveRate, ctx).toBeLessThanOrEqual(0.01);
  });
  it('keeps recall at or above its measured floor, and near-perfect on clean spellings', () => {
    expect(r.recall, ctx).toBeGreaterThanOrEqual(0.97);
    for (const rule of ['T1', 'T4', 'D1', 'E1']) expect(r.recallByRule[rule]?.recall ?? 0, `${rule} ${ctx}`).toBeGreaterThanOrEqual(0.93);
    // The headline excludes only the E2 stress rule (two errors), which is still measured and reported.
    expect(r.positivesWithStress - r.positives, ctx).toBe(r.recallByRule['E2']?.n ?? 0);
  });
  it('finds every listed document, OCR variants included, and nothing under another state', () => {
    for (const c of Object.values(r.documentRecall)) expect(c.recall, ctx).toBe(1);
    for (const c of Object.values(r.documentFalsePositives)) expect(c.rate, ctx).toBe(0);
  });
  it('does not alert on the same name born years apart', () => {
    expect(r.hardNegatives['H-D5-date']?.falsePositiveRate ?? 1, ctx).toBeLessThanOrEqual(0.05);
  });
});
