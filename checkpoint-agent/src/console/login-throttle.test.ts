import { describe, expect, it } from 'vitest';
import { LoginThrottle } from './login-throttle.js';

describe('LoginThrottle', () => {
  it('locks an account after 5 failures with growing delays that lift by themselves', () => {
    let now = 0;
    const t = new LoginThrottle({ now: () => now, baseLockMs: 1000 });
    const keys = ['user:a', 'ip:127.0.0.1'];
    for (let i = 0; i < 4; i++) t.failure(keys);
    expect(t.lockedForMs(keys)).toBe(0);
    t.failure(keys);
    expect(t.lockedForMs(keys)).toBe(1000);
    now = 1000;
    expect(t.lockedForMs(keys)).toBe(0);
    t.failure(keys);
    expect(t.lockedForMs(keys)).toBe(2000);
    expect(t.lockedForMs(['user:b', 'ip:127.0.0.1'])).toBe(0); // the address is not locked yet
    t.success(keys);
    expect(t.lockedForMs(keys)).toBe(0);
  });

  it('caps the lock and locks an address only after many more failures', () => {
    const t = new LoginThrottle({ now: () => 0, baseLockMs: 1000, maxLockMs: 5000, freeFailuresPerAddress: 10 });
    for (let i = 0; i < 9; i++) t.failure([`user:u${i}`, 'ip:x']);
    expect(t.lockedForMs(['ip:x'])).toBe(0);
    t.failure(['ip:x']);
    expect(t.lockedForMs(['ip:x'])).toBe(1000);
    for (let i = 0; i < 10; i++) t.failure(['ip:x']);
    expect(t.lockedForMs(['ip:x'])).toBe(5000);
  });
});
