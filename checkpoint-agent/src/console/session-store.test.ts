import { describe, expect, it } from 'vitest';
import { SessionStore } from './session-store.js';

describe('SessionStore', () => {
  it('expires a session after the idle timeout and after the absolute timeout, whatever the activity', () => {
    let now = 0;
    const s = new SessionStore({ idleMs: 1000, absoluteMs: 5000, now: () => now });
    const a = s.create('aibek', 'officer');
    expect(a.id).toMatch(/^[A-Za-z0-9_-]{43}$/); // 256 random bits
    now = 900;
    expect(s.touch(a.id)).toBeDefined();
    now = 1800; // 900 ms after the last touch
    expect(s.touch(a.id)).toBeDefined();
    now = 2900; // 1100 ms idle
    expect(s.touch(a.id)).toBeUndefined();
    const b = s.create('aibek', 'officer');
    for (now = 3000; now < 7900; now += 800) expect(s.touch(b.id)).toBeDefined();
    now = 8100; // past 5000 ms since creation although active
    expect(s.touch(b.id)).toBeUndefined();
  });

  it('sweeps expired sessions and announces every ended session', () => {
    let now = 0;
    const s = new SessionStore({ idleMs: 1000, absoluteMs: 5000, now: () => now });
    const ended: string[] = [];
    s.on('ended', (id) => ended.push(id));
    const a = s.create('aibek', 'officer');
    const b = s.create('nurlan', 'officer');
    now = 500;
    s.touch(b.id);
    now = 1200;
    s.sweep();
    expect(ended).toEqual([a.id]);
    s.destroy(b.id);
    expect(ended).toEqual([a.id, b.id]);
  });

  it('destroys all sessions of a user', () => {
    const s = new SessionStore({ idleMs: 1000, absoluteMs: 5000 });
    const a = s.create('aibek', 'officer');
    const b = s.create('aibek', 'officer');
    const c = s.create('nurlan', 'supervisor');
    s.destroyUser('aibek');
    expect([s.touch(a.id), s.touch(b.id)]).toEqual([undefined, undefined]);
    expect(s.touch(c.id)).toBeDefined();
  });
});
