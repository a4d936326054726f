import { describe, expect, it } from 'vitest';
import { linkStateOf } from './link-state.js';

describe('linkStateOf', () => {
  const base = { socketConnected: true, everAcked: true, pushFailures: 0, watchlistRejected: false };
  it('is online only when the socket is up, batches are acknowledged and the watchlist is accepted', () => {
    expect(linkStateOf(base)).toBe('online');
    expect(linkStateOf({ ...base, pushFailures: 1 })).toBe('degraded');
    expect(linkStateOf({ ...base, watchlistRejected: true })).toBe('degraded');
  });
  it('is offline without a socket unless batches still get through over HTTP', () => {
    expect(linkStateOf({ ...base, socketConnected: false, pushFailures: 2 })).toBe('offline');
    expect(linkStateOf({ ...base, socketConnected: false, everAcked: false })).toBe('offline');
    expect(linkStateOf({ ...base, socketConnected: false })).toBe('degraded');
  });
});
