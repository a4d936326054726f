import { describe, expect, it } from 'vitest';
import { ClockMonitor, type SyncClock } from './clock-monitor.js';

/** A clock the test moves by hand: wall time can jump, monotonic time only advances. */
function manualClock(wall: number): SyncClock & { advance(ms: number): void; jump(ms: number): void } {
  let w = wall;
  let m = 1000;
  return { wallMs: () => w, monoMs: () => m, advance: (ms) => ((w += ms), (m += ms)), jump: (ms) => (w += ms) };
}

describe('ClockMonitor', () => {
  it('estimates the offset from the midpoint of the exchange, with the round trip as error bound', () => {
    const c = manualClock(1_000_000);
    const mon = new ClockMonitor(c, 120_000);
    const sent = { wallMs: c.wallMs(), monoMs: c.monoMs() };
    c.advance(40);
    const e = mon.observe(1_000_020 + 5000, sent, { wallMs: c.wallMs(), monoMs: c.monoMs() });
    expect(e.offsetMs).toBe(5000);
    expect(e.rttMs).toBe(40);
    expect(mon.flags()).toEqual([]);
  });

  it('keeps trusted time on the server anchor when the wall clock jumps by an hour, and flags the skew', () => {
    const c = manualClock(1_000_000);
    const mon = new ClockMonitor(c, 120_000);
    expect(mon.trustedNow()).toEqual({ ms: 1_000_000, trusted: false });
    const at = { wallMs: c.wallMs(), monoMs: c.monoMs() };
    mon.observe(1_000_000, at, at);
    c.advance(10_000);
    c.jump(-3_600_000);
    expect(mon.trustedNow()).toEqual({ ms: 1_010_000, trusted: true });
    expect(mon.currentOffsetMs()).toBe(3_600_000);
    expect(mon.flags()).toEqual(['offset']);
    c.jump(2 * 3_600_000);
    expect(mon.currentOffsetMs()).toBe(-3_600_000);
    expect(mon.flags()).toEqual(['offset']);
    c.jump(-3_600_000 + 60_000);
    expect(mon.flags()).toEqual([]);
  });
});
