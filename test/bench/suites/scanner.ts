/**
 * Scanner driver: time to turn one reader frame (as 64-byte USB packets) into MRZ lines, per profile,
 * with the agent's FrameAssembler; throughput on 1 MB of random bytes; and, for the one framing a stock
 * parser can handle (plain CR lines), serialport's ReadlineParser on the same bytes as the alternative.
 * The assembler is hand-written for correctness (envelopes, mixed separators, latin1 noise, resync; see
 * document-readers.md §6.4), so the comparison shows what that costs, not a speed claim.
 */
import { performance } from 'node:perf_hooks';
import { ReadlineParser } from 'serialport';
import { getReaderProfile, Prng, SIM_PROFILES, TravellerGenerator } from '@aspk/hardware-sim';
import { FrameAssembler } from '@aspk/checkpoint-agent';
import { fmtNs, measure } from '../stats.js';

const N = 5000;
const travellers = new TravellerGenerator({ seed: 1, now: new Date('2026-06-01'), mix: { invalid: 0, expired: 0 } }).take(N);

function packets(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += 64) out.push(bytes.subarray(i, i + 64));
  return out;
}

console.log(`FrameAssembler, one frame in 64-byte packets (${N} travellers, all formats)`);
console.log('profile        median      p99        frames/s (median)');
for (const name of SIM_PROFILES) {
  const profile = getReaderProfile(name);
  const inputs = travellers.map((t) => packets(Buffer.concat(profile.encode(t.lines).segments.map((s) => s.bytes))));
  const a = new FrameAssembler({ profile: name === 'line-by-line' ? 'plain-cr' : name });
  let t = 0;
  let frames = 0;
  const s = measure(inputs, (pk) => {
    t += 1000; // documents arrive well apart: each push first completes anything idle
    for (const p of pk) for (const e of a.push(p, t)) if (e.kind === 'frame') frames++;
    return frames;
  });
  console.log(`${name.padEnd(14)} ${fmtNs(s.medianNs).padEnd(11)} ${fmtNs(s.p99Ns).padEnd(10)} ${Math.round(1e9 / s.medianNs).toLocaleString('en')}`);
}

const noise = new Prng(7).bytes(1 << 20);
for (const profile of ['auto', 'access-is', 'plain-cr', 'elyctis'] as const) {
  const a = new FrameAssembler({ profile });
  const t0 = performance.now();
  for (let i = 0; i < noise.length; i += 64) a.push(noise.subarray(i, i + 64), i / 1e4);
  const ms = performance.now() - t0;
  console.log(`1 MB random bytes, ${profile.padEnd(9)}: ${ms.toFixed(0)} ms (${(1000 / ms).toFixed(1)} MB/s)`);
}

// Same bytes (plain CR frames) through serialport's ReadlineParser, which can only split lines.
const plain = Buffer.concat(travellers.map((t) => Buffer.concat(getReaderProfile('plain-cr').encode(t.lines).segments.map((s) => s.bytes))));
const pk = packets(plain);
{
  const parser = new ReadlineParser({ delimiter: '\r', encoding: 'latin1' });
  let lines = 0;
  parser.on('data', () => lines++);
  const t0 = performance.now();
  for (const p of pk) parser.write(p);
  await new Promise((r) => setImmediate(r));
  const ms = performance.now() - t0;
  const a = new FrameAssembler({ profile: 'plain-cr' });
  let frames = 0;
  const t1 = performance.now();
  for (const p of pk) for (const e of a.push(p, 0)) if (e.kind === 'frame') frames++;
  const ms2 = performance.now() - t1;
  console.log(`plain CR, ${N} documents (${(plain.length / 1024).toFixed(0)} KiB): ReadlineParser ${ms.toFixed(1)} ms (${lines} lines, no frames), FrameAssembler ${ms2.toFixed(1)} ms (${frames} frames)`);
}
