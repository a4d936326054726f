import { describe, expect, it } from 'vitest';
import { elyctisMessage } from './elyctis-profile.js';
import { SIM_PROFILES, msPerByte, type EncodedFrame } from './reader-profile.js';
import { getReaderProfile } from './reader-profiles.js';
import { xorBcc } from './rte-profile.js';

const TD3 = ['P<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<<<<<<<<<', 'L898902C36UTO7408122F1204159ZE184226B<<<<<10'];
const TD2 = ['I<UTOERIKSSON<<ANNA<MARIA<<<<<<<<<<<', 'D231458907UTO7408122F1204159<<<<<<<6'];
const flat = (f: EncodedFrame): Buffer => Buffer.concat(f.segments.map((s) => s.bytes));

describe('reader profiles', () => {
  it('Access-IS wraps CR-terminated lines in FS STX … ETX GS', () => {
    expect(flat(getReaderProfile('access-is').encode(TD3))).toEqual(Buffer.from(`\x1c\x02${TD3[0]}\r${TD3[1]}\r\x03\x1d`, 'latin1'));
  });

  it('plain profiles use their separator, with or without a final terminator', () => {
    expect(flat(getReaderProfile('plain-crlf').encode(TD3)).toString('latin1')).toBe(`${TD3[0]}\r\n${TD3[1]}\r\n`);
    expect(flat(getReaderProfile('plain-lf').encode(TD3, { finalTerminator: false })).toString('latin1')).toBe(`${TD3[0]}\n${TD3[1]}`);
  });

  it('line-by-line sends one burst per line, lineGapMs apart', () => {
    const f = getReaderProfile('line-by-line').encode(TD3, { lineGapMs: 80 });
    expect(f.segments.map((s) => s.gapBeforeMs)).toEqual([0, 80]);
    expect(f.segments.map((s) => s.bytes.toString('latin1'))).toEqual([`${TD3[0]}\r`, `${TD3[1]}\r`]);
  });

  it('3M RTE: fixed header, three bottom-aligned `_`-padded lines, ETX and an XOR BCC', () => {
    const bytes = flat(getReaderProfile('3m-rte').encode(TD2));
    expect([...bytes.subarray(0, 6)]).toEqual([0x01, 1 + 45 + 45, 0x4f, 0x55, 0x02, 0x03]);
    const data = bytes.subarray(6, bytes.length - 2).toString('latin1');
    expect(data).toBe(`\r${TD2[0]}________\r${TD2[1]}________\r`);
    expect(bytes[bytes.length - 2]).toBe(0x03);
    expect(bytes[bytes.length - 1]).toBe(xorBcc(bytes.subarray(1, bytes.length - 1)));
  });

  it('JSON-in-STX/ETX sends status messages around the MRZ message at 256000 8O1', () => {
    const p = getReaderProfile('json-stx');
    const text = flat(p.encode(TD3)).toString('latin1');
    expect(text.split('\x03\r\n').filter(Boolean).map((m) => JSON.parse(m.slice(1)))).toEqual([
      { type: 'status', status: 'readStart' }, { type: 'mrz', mrz: TD3.join('\n') }, { type: 'status', status: 'readEnd' },
    ]);
    expect(msPerByte(p.serial)).toBeCloseTo(11_000 / 256_000, 6); // ≈ 43 µs per byte
  });

  it('every profile has an empty bad-read block and 9600 8N1 ≈ 1.04 ms per byte unless stated', () => {
    for (const name of SIM_PROFILES) {
      const p = getReaderProfile(name);
      expect(flat(p.emptyBlock()).length).toBeGreaterThan(0);
      if (name !== 'json-stx') expect(msPerByte(p.serial)).toBeCloseTo(10 / 9.6, 6);
    }
  });
});

describe('Elyctis responder', () => {
  const arm = elyctisMessage(0x43, Buffer.from([1]));
  const texts = (fs: EncodedFrame[]): string[] => fs.map((f) => flat(f).toString('hex'));

  it('sends a newly inserted document once in continuous mode, then switches the mode off', () => {
    const r = getReaderProfile('elyctis').createResponder?.();
    if (!r) throw new Error('no responder');
    const answer = getReaderProfile('elyctis').encode(TD3);
    expect(texts(r.onHostBytes(arm))).toEqual([elyctisMessage(0x43, Buffer.from([1])).toString('hex')]);
    const sent = r.present(TD3, answer);
    expect(sent).toContain(answer);
    // Mode is off now: the next document waits for a re-arm, and then comes exactly once.
    const next = getReaderProfile('elyctis').encode(TD2);
    expect(r.present(TD2, next)).not.toContain(next);
    expect(r.onHostBytes(arm.subarray(0, 2))).toEqual([]); // commands may arrive split
    expect(r.onHostBytes(arm.subarray(2))).toContain(next);
    expect(r.onHostBytes(arm)).not.toContain(next); // never re-read
  });

  it('answers Inquire with the MRZ and Inquire-one-line without separators', () => {
    const r = getReaderProfile('elyctis').createResponder?.();
    if (!r) throw new Error('no responder');
    expect(texts(r.onHostBytes(Buffer.from([0x49, 0, 0])))).toEqual([elyctisMessage(0x49, Buffer.alloc(0)).toString('hex')]);
    r.present(TD3, getReaderProfile('elyctis').encode(TD3));
    expect(texts(r.onHostBytes(Buffer.from([0x4c, 0, 0])))).toEqual([elyctisMessage(0x4c, Buffer.from(TD3.join(''))).toString('hex')]);
    expect(texts(r.onHostBytes(Buffer.from([0x49, 0, 0])))).toEqual([elyctisMessage(0x49, Buffer.from(TD3.join('\r'))).toString('hex')]);
  });
});
