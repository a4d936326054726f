import { describe, expect, it } from 'vitest';
import { parseRate, scheduleFrame } from './pacing.js';

const frame = (n: number, gap = 0) => ({ segments: [{ bytes: Buffer.alloc(n, 0x41), gapBeforeMs: gap }] });

describe('pacing and chunking', () => {
  it('usb64 delivers 64-byte packets when their last byte has left the UART', () => {
    const w = scheduleFrame(frame(150), 'usb64', 1);
    expect(w.map((x) => [x.atMs, x.bytes.length])).toEqual([[64, 64], [128, 64], [150, 22]]);
  });

  it('ftdi16ms groups bytes into 16 ms latency-timer bursts', () => {
    const w = scheduleFrame(frame(40), 'ftdi16ms', 1);
    expect(w.map((x) => [x.atMs, x.bytes.length])).toEqual([[16, 15], [32, 16], [48, 9]]);
    expect(w.reduce((s, x) => s + x.bytes.length, 0)).toBe(40);
  });

  it('byte chunking writes each byte at its own time; burst writes once; gaps add up', () => {
    expect(scheduleFrame(frame(3), 'byte', 2).map((x) => x.atMs)).toEqual([2, 4, 6]);
    const two = { segments: [{ bytes: Buffer.alloc(10), gapBeforeMs: 0 }, { bytes: Buffer.alloc(10), gapBeforeMs: 100 }] };
    expect(scheduleFrame(two, 'burst', 1).map((x) => x.atMs)).toEqual([10, 120]);
  });

  it('without pacing everything is due at once (but gaps stay)', () => {
    expect(scheduleFrame(frame(200), 'usb64', 0).map((x) => x.atMs)).toEqual([0, 0, 0, 0]);
    expect(scheduleFrame(frame(5, 30), 'burst', 0).map((x) => x.atMs)).toEqual([30]);
  });

  it('parses rates', () => {
    expect(parseRate('6/min')).toBe(6);
    expect(parseRate('1/s')).toBe(60);
    expect(parseRate('120/h')).toBe(2);
    expect(() => parseRate('fast')).toThrow(/6\/min/);
  });
});
