import { describe, expect, it } from 'vitest';
import { FrameAssembler, type AssemblerEvent } from './frame-assembler.js';
import type { ScannerProfile } from './scanner-profile.js';

// ICAO 9303-4 Appendix A specimen (TD3) and 9303-5 specimen (TD1).
const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD1 = ['I<UTOD231458907<<<<<<<<<<<<<<<', '7408122F1204159UTO<<<<<<<<<<<6', 'ERIKSSON<<ANNA<MARIA<<<<<<<<<<'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];

const b = (...parts: (string | number[])[]): Buffer =>
  Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'latin1') : Buffer.from(p))));

function frames(ev: AssemblerEvent[]): string[][] {
  return ev.flatMap((e) => (e.kind === 'frame' ? [e.lines] : []));
}

/** Feeds `bytes` in pieces of `size` at 1 ms steps, then idles. */
function run(profile: ScannerProfile, bytes: Buffer, size = bytes.length, idleTimeoutMs = 150): AssemblerEvent[] {
  const a = new FrameAssembler({ profile, idleTimeoutMs });
  const out: AssemblerEvent[] = [];
  let t = 0;
  for (let i = 0; i < bytes.length; i += size) out.push(...a.push(bytes.subarray(i, i + size), t++));
  out.push(...a.tick(t + idleTimeoutMs));
  return out;
}

function xor(bytes: number[]): number {
  return bytes.reduce((x, y) => x ^ y, 0);
}

function rteFrame(lines: string[], flag = 0x03, corrupt = false): Buffer {
  const width = lines.length === 3 ? 30 : 44;
  const rows = [...Array<string>(3 - lines.length).fill(''), ...lines.map((l) => l.padEnd(width, '_'))];
  const data = [...Buffer.from(rows.map((r) => r + '\r').join(''), 'latin1')];
  const checked = [data.length & 0xff, 0x4f, 0x55, 0x02, flag, ...data, 0x03];
  return b([0x01, ...checked, xor(checked) ^ (corrupt ? 1 : 0)]);
}

const elyctis = (cmd: number, payload: string): Buffer => b([cmd, payload.length >> 8, payload.length & 0xff], payload);

const fixtures: { name: string; profile: ScannerProfile; bytes: Buffer; lines: string[] }[] = [
  { name: 'plain CR', profile: 'plain-cr', bytes: b(TD3.join('\r') + '\r'), lines: TD3 },
  { name: 'plain LF, no final terminator', profile: 'plain-lf', bytes: b(TD3.join('\n')), lines: TD3 },
  { name: 'plain CR LF, TD1', profile: 'plain-crlf', bytes: b(TD1.join('\r\n') + '\r\n'), lines: TD1 },
  { name: 'STX/ETX', profile: 'stx-etx', bytes: b([0x02], TD2.join('\r'), [0x03, 0x0d, 0x0a]), lines: TD2 },
  { name: 'Access-IS', profile: 'access-is', bytes: b([0x1c, 0x02], TD1.map((l) => l + '\r').join(''), [0x03, 0x1d]), lines: TD1 },
  { name: 'Desko', profile: 'desko', bytes: b([0x12, 0x02], TD3.map((l) => l + '\r').join(''), [0x03, 0x14]), lines: TD3 },
  { name: '3M RTE, 2-line bottom-aligned, FLAG = 03', profile: '3m-rte', bytes: rteFrame(TD2), lines: TD2 },
  { name: '3M RTE, 3-line', profile: '3m-rte', bytes: rteFrame(TD1), lines: TD1 },
  { name: 'Elyctis inquire answer', profile: 'elyctis', bytes: elyctis(0x49, TD3.join('\r')), lines: TD3 },
  { name: 'Elyctis one-line answer', profile: 'elyctis', bytes: elyctis(0x4c, TD1.join('')), lines: TD1 },
  { name: 'JSON in STX/ETX', profile: 'json-stx', bytes: b([0x02], JSON.stringify({ type: 'mrz', mrz: TD3.join('\n') }), [0x03, 0x0d, 0x0a]), lines: TD3 },
];

describe('FrameAssembler', () => {
  for (const f of fixtures) {
    it(`decodes ${f.name} configured, auto-detected, and split at every chunk size`, () => {
      for (const profile of [f.profile, 'auto' as const]) {
        for (const size of [1, 2, 3, 7, 64, f.bytes.length]) {
          const ev = run(profile, f.bytes, size);
          expect(frames(ev), `${profile} size ${size}`).toEqual([f.lines]);
          expect(ev.filter((e) => e.kind === 'partial' || e.kind === 'bad')).toEqual([]);
        }
      }
    });
  }

  it('frames a TD3 whose birth date is unknown (all fillers) and sex unspecified (ICAO 9303-3 §4.8)', () => {
    const unknownBirth = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO<<<<<<0<1204159ZE184226B<<<<<14'];
    for (const profile of ['plain-cr', 'line-by-line', 'auto'] as const) {
      const ev = run(profile, b(unknownBirth.join('\r') + '\r'));
      expect(frames(ev), profile).toEqual([unknownBirth]);
      expect(ev.filter((e) => e.kind === 'partial' || e.kind === 'bad'), profile).toEqual([]);
    }
  });

  it('completes a line frame on shape without waiting for idle', () => {
    const a = new FrameAssembler({ profile: 'plain-cr' });
    const ev = a.push(b(TD3.join('\r')), 0); // no terminator after line 2
    expect(frames(ev)).toEqual([TD3]);
    expect(ev[0]).toMatchObject({ completedBy: 'shape' });
  });

  it('completes an envelope only on its end marker, trailer included', () => {
    const a = new FrameAssembler({ profile: 'access-is' });
    expect(a.push(b([0x1c, 0x02], TD3.map((l) => l + '\r').join(''), [0x03]), 0)).toEqual([]);
    const ev = a.push(b([0x1d]), 1);
    expect(frames(ev)).toEqual([TD3]);
    expect(a.nextDeadlineMs()).toBeNull(); // nothing left behind
  });

  it('resyncs on a new start marker and reports the cut frame as partial', () => {
    const cut = b([0x1c, 0x02], TD3[0] + '\rL8989');
    const ev = run('access-is', Buffer.concat([cut, b([0x1c, 0x02], TD3.map((l) => l + '\r').join(''), [0x03, 0x1d])]), 5);
    expect(ev.filter((e) => e.kind === 'partial')).toMatchObject([{ reason: 'resync' }]);
    expect(frames(ev)).toEqual([TD3]);
  });

  it('resyncs in line mode: junk lines before a complete shape are a partial, the shape a frame', () => {
    const ev = run('plain-cr', b('ABC\r', TD3[1] ?? '', '\r', TD3.join('\r'), '\r'));
    expect(frames(ev)).toEqual([TD3]);
    expect(ev.filter((e) => e.kind === 'partial').length).toBeGreaterThan(0);
  });

  it('ends an incomplete line frame on idle as partial, never as a frame', () => {
    const a = new FrameAssembler({ profile: 'line-by-line', idleTimeoutMs: 100 });
    expect(a.push(b(TD3[0] + '\r'), 0)).toEqual([]);
    expect(a.nextDeadlineMs()).toBe(100);
    expect(a.tick(99)).toEqual([]);
    expect(a.tick(100)).toMatchObject([{ kind: 'partial', reason: 'idle' }]);
  });

  it('keeps lines that arrive within the idle timeout together (row-by-row readers)', () => {
    const a = new FrameAssembler({ profile: 'line-by-line', idleTimeoutMs: 100 });
    expect(a.push(b(TD3[0] + '\r'), 0)).toEqual([]);
    expect(a.tick(99)).toEqual([]);
    expect(frames(a.push(b(TD3[1] + '\r'), 99))).toEqual([TD3]);
  });

  it('verifies the 3M BCC and reports a mismatch as a bad frame', () => {
    const ev = run('3m-rte', rteFrame(TD3, 0x03, true));
    expect(frames(ev)).toEqual([]);
    expect(ev).toMatchObject([{ kind: 'bad', reason: 'checksum' }]);
  });

  it('reads a 3M header whose LEN and FLAG bytes are 03', () => {
    // LEN = 3 cannot describe this body; the header is positional, so ETX is only looked for after it.
    const rows = '\r\r' + 'A'.repeat(0) + '\r';
    const data = [...Buffer.from(rows)];
    const checked = [0x03, 0x4f, 0x55, 0x02, 0x03, ...data, 0x03];
    const ev = run('3m-rte', b([0x01, ...checked, xor(checked)]));
    expect(ev).toMatchObject([{ kind: 'bad', reason: 'empty' }]);
  });

  it('skips Access-IS MSR and barcode frames and JSON status messages', () => {
    const msr = b([0x0e, 0x02], '%B123^X', [0x03, 0x0f]);
    const bar = b([0x1e, 0x02], 'Q0123456789', [0x03, 0x1f]);
    const ev = run('access-is', Buffer.concat([msr, bar, b([0x1c, 0x02], TD3.map((l) => l + '\r').join(''), [0x03, 0x1d])]));
    expect(ev.filter((e) => e.kind === 'ignored').map((e) => (e.kind === 'ignored' ? e.what : ''))).toEqual(['msr', 'barcode']);
    expect(frames(ev)).toEqual([TD3]);
    const status = b([0x02], '{"type":"status","status":"readStart"}', [0x03, 0x0d, 0x0a]);
    expect(run('json-stx', status)).toMatchObject([{ kind: 'ignored', what: 'status:readStart' }]);
    expect(run('json-stx', b([0x02], '{"type":"mrz"}', [0x03]))).toMatchObject([{ kind: 'bad', reason: 'json' }]);
  });

  it('ignores Elyctis acknowledgements, card states and empty answers', () => {
    const ev = run('elyctis', Buffer.concat([elyctis(0x43, '\x01'), elyctis(0x53, '\x01'), elyctis(0x49, '')]));
    expect(ev.map((e) => (e.kind === 'ignored' ? e.what : e.kind))).toEqual(['continuous-mode', 'card-state', 'no-document']);
  });

  it('counts noise outside frames and still finds the frame', () => {
    const noise = b([0x00, 0xff, 0x07, 0x80, 0x1b]);
    for (const f of fixtures) {
      const ev = run(f.profile, Buffer.concat([noise, f.bytes, noise]), 4);
      expect(frames(ev), f.name).toEqual([f.lines]);
      expect(ev.some((e) => e.kind === 'noise')).toBe(true);
    }
  });

  it('passes substitute characters inside an envelope to the validator, but rejects binary garbage', () => {
    const sub = [TD3[0] ?? '', (TD3[1] ?? '').replace('C36', 'C?6')];
    expect(frames(run('desko', b([0x12, 0x02], sub.map((l) => l + '\r').join(''), [0x03, 0x14])))).toEqual([sub]);
    expect(run('stx-etx', b([0x02], 'AB\x01\x07\x80', [0x03]))).toMatchObject([{ kind: 'bad', reason: 'not-mrz' }]);
  });

  it('discards an over-long frame as overflow and recovers', () => {
    const a = new FrameAssembler({ profile: 'stx-etx', maxFrameBytes: 1024 });
    const ev = a.push(b([0x02], 'A'.repeat(2000)), 0);
    expect(ev.some((e) => e.kind === 'partial' && e.reason === 'overflow')).toBe(true);
    expect(frames(a.push(b([0x02], TD3.join('\r'), [0x03]), 1))).toEqual([TD3]);
  });

  it('reports an unfinished frame on reset (port closed)', () => {
    const a = new FrameAssembler({ profile: 'access-is' });
    a.push(b([0x1c, 0x02], TD3[0] ?? ''), 0);
    expect(a.reset()).toMatchObject([{ kind: 'partial', reason: 'closed' }]);
    expect(a.nextDeadlineMs()).toBeNull();
  });

  it('stamps frames with the arrival time of their first and last byte', () => {
    const a = new FrameAssembler({ profile: 'plain-cr' });
    a.push(b(TD3[0] + '\r'), 10);
    const ev = a.push(b(TD3[1] + '\r'), 20);
    expect(ev[0]).toMatchObject({ kind: 'frame', firstByteAt: 10, lastByteAt: 20 });
  });

  it('treats a plain MRZ starting with I, L, C or S as text, not an Elyctis header, under auto', () => {
    expect(frames(run('auto', b(TD1.join('\r') + '\r'), 1))).toEqual([TD1]);
  });
});
