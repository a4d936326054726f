import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FaultProxy } from './fault-proxy.js';

/** An upstream that records what it received and answers with the body length. */
let received: string[] = [];
let upstream: Server;
let upstreamPort: number;

beforeAll(async () => {
  upstream = createServer((req, res) => {
    let body = '';
    req.on('data', (c: Buffer) => (body += c.toString()));
    req.on('end', () => {
      received.push(body);
      res.setHeader('connection', 'close');
      res.end(`got ${body.length}`);
    });
  });
  upstream.listen(0, '127.0.0.1');
  await once(upstream, 'listening');
  upstreamPort = (upstream.address() as AddressInfo).port;
});

afterAll(async () => {
  upstream.close();
});

async function post(url: string, body: string, timeoutMs = 2000): Promise<string> {
  const res = await fetch(url, { method: 'POST', body, signal: AbortSignal.timeout(timeoutMs), headers: { connection: 'close' } });
  return res.text();
}

describe('FaultProxy', () => {
  it('passes bytes both ways in pass mode', async () => {
    const proxy = await FaultProxy.start({ targetPort: upstreamPort });
    try {
      expect(await post(proxy.url, 'hello')).toBe('got 5');
      expect(proxy.stats.bytesUp).toBeGreaterThan(0);
      expect(proxy.stats.bytesDown).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('drop-acks: the upstream receives the request, the client never sees the answer', async () => {
    const proxy = await FaultProxy.start({ targetPort: upstreamPort, mode: 'drop-acks' });
    received = [];
    try {
      await expect(post(proxy.url, 'batch-1', 500)).rejects.toThrow();
      expect(received).toEqual(['batch-1']);
      expect(proxy.stats.droppedDown).toBeGreaterThan(0);
    } finally {
      await proxy.close();
    }
  });

  it('blackhole swallows everything without closing; switching back to pass heals new connections', async () => {
    const proxy = await FaultProxy.start({ targetPort: upstreamPort, mode: 'blackhole' });
    received = [];
    try {
      await expect(post(proxy.url, 'lost', 400)).rejects.toThrow();
      expect(received).toEqual([]);
      expect(proxy.stats.swallowed).toBeGreaterThan(0);
      proxy.setMode('pass');
      expect(await post(proxy.url, 'healed')).toBe('got 6');
    } finally {
      await proxy.close();
    }
  });

  it('refuse closes new connections and reset sends RST', async () => {
    const proxy = await FaultProxy.start({ targetPort: upstreamPort, mode: 'refuse' });
    try {
      await expect(post(proxy.url, 'x')).rejects.toThrow();
      expect(proxy.stats.refused).toBe(1);
      proxy.setMode('reset');
      await expect(post(proxy.url, 'x')).rejects.toThrow();
      expect(proxy.stats.resets).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('delay holds chunks for the configured latency and keeps their order', async () => {
    let seed = 1;
    const random = (): number => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const proxy = await FaultProxy.start({ targetPort: upstreamPort, mode: 'delay', latencyMs: 60, jitterMs: 20, random });
    try {
      const t0 = performance.now();
      expect(await post(proxy.url, 'slow')).toBe('got 4');
      // One request and one response each cross the proxy at least once: ≥ 2 × (60 − 20) ms.
      expect(performance.now() - t0).toBeGreaterThanOrEqual(80);
    } finally {
      await proxy.close();
    }
  });
});
