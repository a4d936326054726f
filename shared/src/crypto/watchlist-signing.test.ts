import { describe, expect, it } from 'vitest';
import type { WatchlistChangesReply, WatchlistOp } from '../protocol/watchlist-change.js';
import { WatchlistChange, WatchlistSnapshot } from '../protocol/watchlist-change.js';
import { generateSigningKey, signEd25519, verifyEd25519 } from './ed25519.js';
import { GENESIS_HASH } from './sha256.js';
import {
  checkWatchlistChanges,
  checkWatchlistSnapshot,
  signWatchlistChange,
  signWatchlistHead,
  signWatchlistSnapshot,
  type WatchlistLocalState,
} from './watchlist-signing.js';

const key = generateSigningKey();
const other = generateSigningKey();
const NOW = Date.parse('2026-11-27T12:00:00Z');
const iso = (ms: number) => new Date(ms).toISOString();

const put = (id: string): WatchlistOp => ({
  op: 'put',
  entry: { id, type: 'document', category: 'stolen', action: 'deny', issuingState: 'KGZ', documentNumber: `AC${id}` },
});

function history(n: number, k = key, skewMs = 0) {
  const changes: WatchlistChange[] = [];
  let prevHash = GENESIS_HASH;
  for (let v = 0; v < n; v++) {
    const ops: WatchlistOp[] = v % 3 === 2 ? [{ op: 'tombstone', entryId: `e${v - 1}` }] : [put(`e${v}`)];
    const c = signWatchlistChange({ listId: 'main', prevVersion: v, prevHash, ops, issuedAt: iso(NOW - 1000 - skewMs) }, k);
    changes.push(c);
    prevHash = c.hash;
  }
  const head = signWatchlistHead(
    { listId: 'main', headVersion: n, headHash: prevHash, issuedAt: iso(NOW - 1000), expiresAt: iso(NOW + 86_400_000) },
    k,
  );
  return { changes, head };
}

const fresh: WatchlistLocalState = { version: 0, headHash: GENESIS_HASH, lastHeadIssuedAtMs: null };
const reply = (changes: WatchlistChange[], head: WatchlistChangesReply['head'], more = false): WatchlistChangesReply => ({
  changes,
  head,
  more,
  snapshotRequired: false,
});

describe('Ed25519', () => {
  it('verifies its own signature and fails on any flipped bit', () => {
    const sig = signEd25519(key.privateKeyPem, 'hello');
    expect(verifyEd25519(key.publicKey, 'hello', sig)).toBe(true);
    expect(verifyEd25519(key.publicKey, 'hellp', sig)).toBe(false);
    expect(verifyEd25519(other.publicKey, 'hello', sig)).toBe(false);
    expect(verifyEd25519('not-a-key', 'hello', sig)).toBe(false);
  });
});

describe('checkWatchlistChanges', () => {
  it('accepts a clean history that round-trips through the wire schema', () => {
    const { changes, head } = history(5);
    const wire = JSON.parse(JSON.stringify(changes)).map((c: unknown) => WatchlistChange.parse(c));
    expect(checkWatchlistChanges(fresh, reply(wire, head), key.publicKey, NOW)).toEqual({ ok: true });
  });

  it('rejects each tampering with its reason', () => {
    const { changes, head } = history(5);
    const local: WatchlistLocalState = { version: 2, headHash: changes[1]!.hash, lastHeadIssuedAtMs: null };
    const tail = changes.slice(2);
    const flipped = structuredClone(tail);
    flipped[0]!.header.issuedAt = iso(NOW);
    const alteredOps = structuredClone(tail);
    alteredOps[1]!.ops = [put('evil')];
    const cases: [WatchlistChangesReply, string][] = [
      [reply(flipped, head), 'bad-signature'],
      [reply(tail.slice(1), head), 'gap'],
      [reply(changes.slice(1), head), 'rollback'],
      [reply(alteredOps, head), 'ops-hash-mismatch'],
      [reply(tail.slice(0, 2), head), 'head-mismatch'],
      [reply(history(5, other).changes.slice(2), head), 'unknown-key'],
    ];
    for (const [r, reason] of cases) expect(checkWatchlistChanges(local, r, key.publicKey, NOW)).toMatchObject({ ok: false, reason });
    // A different history signed by the same key does not chain onto what the agent holds.
    const forked = history(5, key, 1);
    expect(checkWatchlistChanges(local, reply(forked.changes.slice(2), forked.head), key.publicKey, NOW)).toMatchObject({
      ok: false,
      reason: 'chain-mismatch',
    });
  });

  it('rejects an expired head record and an older head record than the last accepted', () => {
    const { changes, head } = history(2);
    expect(checkWatchlistChanges(fresh, reply(changes, head), key.publicKey, NOW + 2 * 86_400_000)).toMatchObject({ reason: 'expired' });
    const seen = { ...fresh, lastHeadIssuedAtMs: NOW };
    expect(checkWatchlistChanges(seen, reply(changes, head), key.publicKey, NOW)).toMatchObject({ reason: 'rollback' });
  });

  it('accepts a partial reply flagged more without matching the head', () => {
    const { changes, head } = history(5);
    expect(checkWatchlistChanges(fresh, reply(changes.slice(0, 3), head, true), key.publicKey, NOW)).toEqual({ ok: true });
  });
});

describe('checkWatchlistSnapshot', () => {
  it('accepts a signed snapshot and rejects altered content', () => {
    const { changes, head } = history(3);
    const entries = [put('b'), put('a')].map((o) => (o.op === 'put' ? o.entry : null)).filter((e) => e !== null);
    const snap = signWatchlistSnapshot(
      { listId: 'main', version: 3, headHash: changes[2]!.hash, entries, issuedAt: iso(NOW), head },
      key,
    );
    const wire = WatchlistSnapshot.parse(JSON.parse(JSON.stringify(snap)));
    expect(checkWatchlistSnapshot(fresh, wire, key.publicKey, NOW)).toEqual({ ok: true });
    const bad = structuredClone(wire);
    bad.entries[0]!.action = 'alert';
    expect(checkWatchlistSnapshot(fresh, bad, key.publicKey, NOW)).toMatchObject({ reason: 'content-mismatch' });
  });
});
