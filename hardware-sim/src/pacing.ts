/**
 * Turns an encoded frame into timed writes (document-readers.md §3, §9.1): bytes take
 * `bits per byte × 1000 / baud` ms each (PTYs do not pace, so the simulator must), and USB adapters
 * deliver them in packets (`usb64`, CDC-ACM) or latency-timer bursts (`ftdi16ms`); `byte` and `trickle`
 * (8-byte dribs) model slow links.
 */
import type { EncodedFrame } from './profiles/reader-profile.js';

export const CHUNKINGS = ['burst', 'byte', 'trickle', 'usb64', 'ftdi16ms'] as const;
export type Chunking = (typeof CHUNKINGS)[number];

/** A write `atMs` after the frame started. */
export interface TimedWrite {
  atMs: number;
  bytes: Buffer;
}

/**
 * @param msPerByte transmission time per byte; 0 = no pacing (fast tests).
 * Each write is due when its last byte would have left the UART.
 */
export function scheduleFrame(frame: EncodedFrame, chunking: Chunking, msPerByte: number): TimedWrite[] {
  const out: TimedWrite[] = [];
  let t = 0;
  for (const seg of frame.segments) {
    t += seg.gapBeforeMs;
    const start = t;
    const n = seg.bytes.length;
    const doneAt = (k: number): number => start + (k + 1) * msPerByte; // byte k fully sent
    if (chunking === 'burst') out.push({ atMs: doneAt(n - 1), bytes: seg.bytes });
    // A slow link delivering 8-byte dribs (what a PTY shows for a trickling reader, document-readers.md §7).
    else if (chunking === 'trickle') for (let k = 0; k < n; k += 8) out.push({ atMs: doneAt(Math.min(n, k + 8) - 1), bytes: seg.bytes.subarray(k, k + 8) });
    else if (chunking === 'byte') for (let k = 0; k < n; k++) out.push({ atMs: doneAt(k), bytes: seg.bytes.subarray(k, k + 1) });
    else if (chunking === 'usb64') {
      for (let k = 0; k < n; k += 64) out.push({ atMs: doneAt(Math.min(n, k + 64) - 1), bytes: seg.bytes.subarray(k, k + 64) });
    } else {
      // FTDI latency timer: whatever arrived within a 16 ms window is delivered at the window's end.
      let k = 0;
      while (k < n) {
        const windowEnd = (Math.floor(doneAt(k) / 16) + 1) * 16;
        let e = k;
        while (e < n && doneAt(e) < windowEnd) e++;
        out.push({ atMs: msPerByte === 0 ? doneAt(e - 1) : windowEnd, bytes: seg.bytes.subarray(k, e) });
        k = e;
      }
    }
    t = doneAt(n - 1);
  }
  return out.filter((w) => w.bytes.length > 0);
}

/** Parses a rate such as `6/min`, `1/s`, `120/h` into documents per minute. */
export function parseRate(rate: string): number {
  const m = /^(\d+(?:\.\d+)?)\/(s|sec|min|h|hour)$/.exec(rate.trim());
  if (m === null) throw new RangeError(`rate must look like 6/min, 1/s or 120/h, got ${JSON.stringify(rate)}`);
  const n = Number(m[1]);
  const unit = m[2];
  return unit === 's' || unit === 'sec' ? n * 60 : unit === 'min' ? n : n / 60;
}
