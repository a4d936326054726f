import { describe, expect, it } from 'vitest';
import pino from 'pino';
import { WatchlistIndex, type WatchlistEntry } from '@aspk/shared';
import { startScreeningWarmUp } from './start-screening-warm-up.js';

const list: WatchlistEntry[] = Array.from({ length: 50 }, (_, i) => ({ id: `p-${i}`, type: 'person', surname: `ASANOV${String.fromCharCode(65 + (i % 26))}`, givenNames: 'ERLAN', birthDate: '1990-01-02', category: 'wanted', action: 'refer' }));
const silent = pino({ level: 'silent' });
const within = <T>(p: Promise<T>, ms: number): Promise<T> => Promise.race([p, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`not within ${ms} ms`)), ms))]);

describe('startScreeningWarmUp', () => {
  it('runs every step in slices that let the event loop run in between', async () => {
    const index = WatchlistIndex.build(list);
    let screens = 0;
    const screen = index.screen.bind(index);
    index.screen = (q, o) => (screens++, screen(q, o));
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 0);
    const done = await within(new Promise<number>((resolve) => startScreeningWarmUp(() => index, silent, { steps: 4000, sliceMs: 1, onDone: resolve })), 20_000);
    clearInterval(ticker);
    expect(done).toBe(4000);
    expect(screens).toBe(4000); // every step screened a person of this list
    // 4,000 screenings do not fit in one 1 ms slice: timers ran between slices.
    expect(ticks).toBeGreaterThan(0);
  });

  it('stops when asked, and does nothing without an index', async () => {
    const index = WatchlistIndex.build(list);
    let screens = 0;
    let stop = (): void => undefined;
    const screen = index.screen.bind(index);
    // Stopped from inside its 10th screening, as the agent's close could interrupt it between slices.
    index.screen = (q, o) => (++screens === 10 && stop(), screen(q, o));
    stop = startScreeningWarmUp(() => index, silent, { steps: 1_000_000, sliceMs: 1000, onDone: () => expect.unreachable() });
    const turns = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
    };
    await turns(5);
    expect(screens).toBe(10);
    let asked = 0;
    startScreeningWarmUp(() => (asked++, undefined), silent, { onDone: () => expect.unreachable() });
    await turns(5);
    expect(asked).toBe(1);
  });

  it('waits for the first index when told of index changes, over an empty list too, then runs every step', async () => {
    let current: WatchlistIndex | undefined;
    const listeners = new Set<() => void>();
    let subscribed = 0;
    const changes = (listener: () => void): (() => void) => {
      subscribed++;
      listeners.add(listener);
      return () => void listeners.delete(listener);
    };
    const change = (next: WatchlistIndex | undefined): void => {
      current = next;
      for (const l of listeners) l();
    };
    let asked = 0;
    const done = new Promise<number>((resolve) => startScreeningWarmUp(() => (asked++, current), silent, { steps: 500, indexChanges: changes, onDone: resolve }));
    const turns = async (n: number): Promise<void> => {
      for (let i = 0; i < n; i++) await new Promise((r) => setImmediate(r));
    };
    await turns(5);
    expect(asked).toBe(1); // asked once, then waits: no polling
    change(WatchlistIndex.build([])); // an empty list has nothing to warm up with: still waiting
    await turns(5);
    expect(asked).toBe(2);
    const index = WatchlistIndex.build(list);
    let screens = 0;
    const screen = index.screen.bind(index);
    index.screen = (q, o) => (screens++, screen(q, o));
    change(index);
    expect(await within(done, 20_000)).toBe(500);
    expect(screens).toBe(500);
    expect(subscribed).toBe(1);
    expect(listeners.size).toBe(0); // unsubscribed once done
  });

  it('logs a failing step and stops instead of throwing into the event loop', async () => {
    const index = WatchlistIndex.build(list);
    index.screen = () => {
      throw new Error('boom');
    };
    let logged: (line: { msg: string; step?: number }) => void = () => undefined;
    const line = new Promise<{ msg: string; step?: number }>((resolve) => (logged = resolve));
    const log = pino({ level: 'info' }, { write: (s: string) => logged(JSON.parse(s) as { msg: string }) });
    startScreeningWarmUp(() => index, log);
    expect(await within(line, 5_000)).toMatchObject({ msg: 'screening warm-up stopped', step: 0 });
  });
});
