/**
 * `npm run eval:screening [-- --seed N --profile ci|small|benchmark --threshold T]`: generates the synthetic
 * list and travellers (watchlist-matching.md §5), screens them and prints recall per rule, false-positive
 * rate (namesakes apart), hard-negative rates, alerts per 1,000 travellers and a threshold sweep, then one
 * JSON line with every metric. Exit code 1 when recall < 0.98 or false positives > 1 %.
 */
import { parseArgs } from 'node:util';
import { runScreeningEval } from './screening-eval-run.js';

const PROFILES = {
  small: { persons: 2_000, documents: 2_000, positives: 600, negatives: 600, hardPerClass: 50 },
  ci: { persons: 100_000, documents: 100_000, positives: 2_000, negatives: 2_000, hardPerClass: 200 },
  benchmark: { persons: 1_000_000, documents: 1_000_000, positives: 10_000, negatives: 10_000, hardPerClass: 1_000 },
} as const;

const { values } = parseArgs({ options: { seed: { type: 'string', default: '20260101' }, profile: { type: 'string', default: 'ci' }, threshold: { type: 'string' } } });
const profile = PROFILES[values.profile as keyof typeof PROFILES];
if (profile === undefined) throw new Error(`unknown profile ${values.profile}; use ${Object.keys(PROFILES).join(', ')}`);
const seed = Number(values.seed);
console.log(`screening evaluation: profile ${values.profile}, seed ${seed}`);
const r = runScreeningEval({ seed, ...profile, ...(values.threshold !== undefined ? { threshold: Number(values.threshold) } : {}) });
const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
console.log(`list: ${r.persons} persons + ${r.documents} documents, index built in ${(r.buildMs / 1000).toFixed(2)} s; threshold ${r.threshold}`);
console.log(`recall ${r.recall.toFixed(4)} over ${r.positives} positives without stress rules (with E2 two-error stress positives: ${r.recallWithStress.toFixed(4)} over ${r.positivesWithStress}) (rank 1: ${pct(r.rank1)}); false positives ${pct(r.falsePositiveRate)} (namesakes apart: ${pct(r.namesakeRate)}); alerts per 1,000 travellers ${r.alertsPer1000.toFixed(1)}`);
console.log('recall per rule:');
for (const [rule, c] of Object.entries(r.recallByRule)) console.log(`  ${rule.padEnd(4)} n=${String(c.n).padStart(5)}  ${c.recall.toFixed(4)}`);
console.log('hard negatives (share with a non-namesake hit):');
for (const [k, c] of Object.entries(r.hardNegatives)) console.log(`  ${k.padEnd(18)} n=${String(c.n).padStart(5)}  ${pct(c.falsePositiveRate)}`);
console.log('documents:', Object.entries(r.documentRecall).map(([k, c]) => `${k} recall ${c.recall.toFixed(4)} (n=${c.n})`).join('; '), '|', Object.entries(r.documentFalsePositives).map(([k, c]) => `${k} false hits ${pct(c.rate)} (n=${c.n})`).join('; '));
console.log('threshold sweep:');
for (const s of r.sweep) console.log(`  ${s.threshold.toFixed(2)}  recall ${s.recall.toFixed(4)}  FP ${pct(s.falsePositiveRate)}  alerts/1000 ${s.alertsPer1000.toFixed(1)}`);
console.log(`latency (in-process, this run, incl. eval overhead): p50 ${r.latencyUs.p50.toFixed(1)} µs, p99 ${r.latencyUs.p99.toFixed(1)} µs, max ${r.latencyUs.max.toFixed(1)} µs`);
if (r.missed.length > 0 && process.env.EVAL_VERBOSE === '1') for (const m of r.missed) console.log('missed', JSON.stringify(m));
const { missed, ...line } = r;
console.log(JSON.stringify({ profile: values.profile, ...line, missedSample: missed.length }));
process.exitCode = r.recall >= 0.98 && r.falsePositiveRate <= 0.01 ? 0 : 1;
