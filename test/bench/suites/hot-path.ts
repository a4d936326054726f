/**
 * The agent's whole hot path (architecture.md "Performance budget", issue 5): the bytes of a reader frame
 * in, the verdict out, with a 1,000,000-entry watchlist loaded — FrameAssembler (bytes → MRZ lines) →
 * the inspection pipeline (parseMrz → checks → WatchlistIndex screening → verdict). Travellers are the
 * screening evaluation's seeded mix (listed persons under transliteration variants, namesakes, hard
 * negatives, fresh travellers) plus listed-document probes, rendered as TD3 MRZs and framed as a
 * `plain-cr` reader sends them. Recording the crossing (SQLite, synchronous=FULL) is measured apart: it
 * happens after the verdict is on screen.
 *
 *   npm run bench -- hot-path          (ASPK_BENCH_ENTRIES=100000 for a quicker run)
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { v7 as uuidv7 } from 'uuid';
import { encodeMrz, type ScreeningQuery } from '@aspk/shared';
import { AGENT_MIGRATIONS, CrossingStore, FrameAssembler, buildWatchlistSnapshot, createInspector, openDatabase, type NewCrossing } from '@aspk/checkpoint-agent';
import { buildDataset } from '../../eval/screening-dataset.js';
import { documentEntry, documentProbe } from '../../eval/screening-generator.js';
import { SeededRandom } from '../../eval/seeded-random.js';
import { fmtNs, printTable, summarize } from '../stats.js';

const TOTAL = Number(process.env.ASPK_BENCH_ENTRIES ?? 1_000_000);
const SEED = 20261127;
const TRAVELLERS = 20_000;

function yymmdd(iso: string | undefined): string {
  if (iso === undefined) return '<<<<<<';
  const [y, m, d] = iso.split('-');
  return `${y!.slice(2)}${m ?? '<<'}${d ?? '<<'}`;
}

console.log(`hot path: building a ${TOTAL.toLocaleString('en')}-entry list (seed ${SEED}) …`);
const t0 = performance.now();
// Persons from the evaluation's generator; documents added here in a loop (its builder spreads the
// document array into push(), which overflows the stack at several hundred thousand documents).
const data = buildDataset({ seed: SEED, persons: Math.round(TOTAL * 0.6), documents: 0, positives: 4_000, negatives: 12_000, hardPerClass: 300 });
const docRng = new SeededRandom(SEED + 1);
const probes: { state: string; number: string }[] = [];
for (let i = 0, n = TOTAL - data.entries.length; i < n; i++) {
  const doc = documentEntry(docRng, `D${String(i + 1).padStart(7, '0')}`);
  data.entries.push(doc);
  if (i % 100 === 0) probes.push(documentProbe(doc, docRng));
}
const tGen = performance.now();
const snapshot = buildWatchlistSnapshot(data.entries, { version: 1, head: 'b'.repeat(64), expiresAtMs: Date.now() + 86_400_000, appliedAtMs: Date.now() });
const tBuild = performance.now();
console.log(`list generated in ${((tGen - t0) / 1000).toFixed(1)} s, index built in ${((tBuild - tGen) / 1000).toFixed(1)} s (${snapshot.entries.toLocaleString('en')} entries), heap ${(process.memoryUsage().heapUsed / 2 ** 20).toFixed(0)} MiB`);

// Frames as a plain-cr reader sends them: lines separated and ended by CR.
const rng = new SeededRandom(SEED);
const frames: Buffer[] = [];
const render = (q: ScreeningQuery, doc?: { state: string; number: string }): void => {
  const nat = (q.nationality ?? 'KGZ').padEnd(3, '<').slice(0, 3);
  try {
    const mrz = encodeMrz({
      format: 'TD3', documentCode: 'P', issuingState: doc?.state ?? nat, documentNumber: doc?.number.replace(/[^A-Z0-9]/g, '').slice(0, 9) ?? `AB${String(rng.int(1e7)).padStart(7, '0')}`,
      nationality: nat, birthDate: yymmdd(q.birthDate), sex: q.sex ?? '<', expiryDate: '310101', surname: q.surname, givenNames: q.givenNames,
    });
    frames.push(Buffer.from(`${mrz.split('\n').join('\r')}\r`, 'latin1'));
  } catch {
    // a generated name the encoder refuses (not MRZ-encodable) is skipped, not benchmarked
  }
};
for (const t of data.travellers) if (frames.length < TRAVELLERS * 0.8) render(t.query);
for (const p of probes) if (frames.length < TRAVELLERS) render({ surname: 'PROBE', givenNames: 'DOC', birthDate: '1980-01-01', sex: 'M' }, p);
for (let i = frames.length - 1; i > 0; i--) {
  const j = rng.int(i + 1);
  [frames[i], frames[j]] = [frames[j]!, frames[i]!];
}

const inspect = createInspector({ watchlist: () => snapshot });
const assembler = new FrameAssembler({ profile: 'plain-cr' });
let clock = 0;
const verdicts = new Map<string, number>();
const parts = { assemble: [] as number[], parse: [] as number[], screen: [] as number[] };

/** One frame: bytes → assembler → inspection → verdict. Returns the verdict. */
function hotPath(bytes: Buffer): string {
  clock += 1000;
  const a0 = performance.now();
  const events = assembler.push(bytes, clock);
  parts.assemble.push((performance.now() - a0) * 1e6);
  for (const e of events) {
    if (e.kind !== 'frame') continue;
    const r = inspect({ crossingId: '019ac5a4-0000-7000-8000-000000000000', text: e.lines.join('\n'), laneId: '1', direction: 'entry', source: 'reader', wallMs: Date.now(), monoMs: clock });
    parts.parse.push(r.timingsUs.parse * 1000);
    parts.screen.push(r.timingsUs.screen * 1000);
    return r.verdict;
  }
  return 'no-frame';
}

for (let i = 0; i < 3000; i++) hotPath(frames[i % frames.length]!); // warm-up
parts.assemble.length = 0;
parts.parse.length = 0;
parts.screen.length = 0;
const samples = new Float64Array(frames.length);
for (let i = 0; i < frames.length; i++) {
  const s = performance.now();
  const v = hotPath(frames[i]!);
  samples[i] = (performance.now() - s) * 1e6;
  verdicts.set(v, (verdicts.get(v) ?? 0) + 1);
}
const whole = summarize(samples);
const parse = summarize(parts.parse);
const screen = summarize(parts.screen);
const row = (step: string, s: ReturnType<typeof summarize>) => ({ step, n: s.n, median: fmtNs(s.medianNs), p90: fmtNs(s.p90Ns), p99: fmtNs(s.p99Ns), max: fmtNs(s.maxNs) });
printTable([row('FrameAssembler: bytes → lines', summarize(parts.assemble)), row('parseMrz (inside)', parse), row('screening (inside)', screen), row('bytes → verdict (whole)', whole)]);
console.log(`verdicts: ${[...verdicts].map(([k, v]) => `${k} ${v}`).join(', ')}`);
console.log(`target p99 < 1 ms: ${whole.p99Ns < 1e6 ? 'met' : 'NOT met'} (p99 ${fmtNs(whole.p99Ns)}, median ${fmtNs(whole.medianNs)})`);

// After the verdict: recording the crossing + outbox item in one synchronous=FULL transaction.
const dir = mkdtempSync(join(tmpdir(), 'aspk-bench-'));
const db = openDatabase(join(dir, 'agent.db'), AGENT_MIGRATIONS);
const store = new CrossingStore(db, { agentId: 'kpp-bench' });
const rec = new Float64Array(1000);
const base: Omit<NewCrossing, 'id'> = {
  checkpointId: 'kpp-bench', laneId: '1', direction: 'entry', source: 'reader', wallMs: Date.now(), monoMs: 1, bootId: 'b', verdict: 'clear', severity: null,
  requiredAction: null, mrzValid: true, mrzErrors: [], document: null, alerts: [], inspection: {}, watchlistVersion: 1, watchlistHead: null, watchlistStale: false, recordedBy: null,
};
for (let i = 0; i < rec.length; i++) {
  const s = performance.now();
  store.record({ ...base, id: uuidv7() });
  rec[i] = (performance.now() - s) * 1e6;
}
db.close();
rmSync(dir, { recursive: true, force: true });
printTable([row('record crossing + outbox (SQLite WAL, synchronous=FULL)', summarize(rec))]);
