/**
 * In-repo TCP fault proxy for the reliability suite (reliability-security.md §3): one listening socket on
 * 127.0.0.1, one upstream socket per accepted connection, and a mode that can be switched at run time.
 * Toxiproxy's vocabulary, without Docker or a Go toolchain (neither exists on these machines).
 *
 * Modes:
 * - `pass`      bytes flow both ways.
 * - `delay`     each chunk is held for `latencyMs ± jitterMs` in each direction (order kept per direction).
 * - `blackhole` bytes are swallowed both ways, sockets stay open (a silently dead satellite link).
 * - `drop-acks` client → upstream flows, upstream → client is discarded: central commits, the agent never
 *               hears the acknowledgement.
 * - `reset`     every open connection is reset (RST) and so is every new one.
 * - `refuse`    new connections are closed at once; open ones are left alone.
 */
import { createConnection, createServer, type AddressInfo, type Server, type Socket } from 'node:net';

export type FaultMode = 'pass' | 'delay' | 'blackhole' | 'drop-acks' | 'reset' | 'refuse';

export interface FaultProxyOptions {
  /** Upstream host, default 127.0.0.1. */
  targetHost?: string;
  targetPort: number;
  /** Listening port, default 0 (any free port). */
  listenPort?: number;
  mode?: FaultMode;
  latencyMs?: number;
  jitterMs?: number;
  /** Seeded source of jitter so a failing run replays; default Math.random. */
  random?: () => number;
}

export interface FaultProxyStats {
  connections: number;
  resets: number;
  refused: number;
  bytesUp: number;
  bytesDown: number;
  droppedDown: number;
  swallowed: number;
}

interface Pair {
  client: Socket;
  upstream: Socket;
  /** Pending (possibly delayed) writes per direction; a close waits for them so no byte is cut off. */
  tails: { up: Promise<void>; down: Promise<void> };
}

export class FaultProxy {
  readonly stats: FaultProxyStats = { connections: 0, resets: 0, refused: 0, bytesUp: 0, bytesDown: 0, droppedDown: 0, swallowed: 0 };
  private mode: FaultMode;
  private latencyMs: number;
  private jitterMs: number;
  private readonly random: () => number;
  private readonly pairs = new Set<Pair>();
  private readonly server: Server;

  private constructor(private readonly opts: FaultProxyOptions) {
    this.mode = opts.mode ?? 'pass';
    this.latencyMs = opts.latencyMs ?? 0;
    this.jitterMs = opts.jitterMs ?? 0;
    this.random = opts.random ?? Math.random;
    this.server = createServer((client) => this.accept(client));
  }

  /** Starts a proxy listening on 127.0.0.1. */
  static async start(opts: FaultProxyOptions): Promise<FaultProxy> {
    const proxy = new FaultProxy(opts);
    await new Promise<void>((resolve, reject) => {
      proxy.server.once('error', reject);
      proxy.server.listen(opts.listenPort ?? 0, '127.0.0.1', () => resolve());
    });
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  get currentMode(): FaultMode {
    return this.mode;
  }

  get openConnections(): number {
    return this.pairs.size;
  }

  /** Switches the mode; `reset` also resets every open connection at once. */
  setMode(mode: FaultMode, opts: { latencyMs?: number; jitterMs?: number } = {}): void {
    this.mode = mode;
    if (opts.latencyMs !== undefined) this.latencyMs = opts.latencyMs;
    if (opts.jitterMs !== undefined) this.jitterMs = opts.jitterMs;
    if (mode === 'reset') for (const pair of [...this.pairs]) this.resetPair(pair);
  }

  /** Changes the upstream port (central restarted on another port); open connections are reset. */
  retarget(targetPort: number): void {
    this.opts.targetPort = targetPort;
    for (const pair of [...this.pairs]) this.resetPair(pair);
  }

  async close(): Promise<void> {
    for (const pair of [...this.pairs]) this.resetPair(pair);
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private accept(client: Socket): void {
    if (this.mode === 'refuse') {
      this.stats.refused++;
      client.destroy();
      return;
    }
    if (this.mode === 'reset') {
      this.stats.resets++;
      client.resetAndDestroy();
      return;
    }
    this.stats.connections++;
    const upstream = createConnection({ host: this.opts.targetHost ?? '127.0.0.1', port: this.opts.targetPort });
    const pair: Pair = { client, upstream, tails: { up: Promise.resolve(), down: Promise.resolve() } };
    this.pairs.add(pair);
    const drop = (): void => {
      if (!this.pairs.has(pair)) return;
      void Promise.all([pair.tails.up, pair.tails.down]).then(() => {
        this.pairs.delete(pair);
        client.destroy();
        upstream.destroy();
      });
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    this.forward(pair, client, upstream, 'up');
    this.forward(pair, upstream, client, 'down');
  }

  private forward(pair: Pair, from: Socket, to: Socket, dir: 'up' | 'down'): void {
    // Delayed chunks are chained so that jitter never reorders bytes within one direction.
    from.on('data', (chunk: Buffer) => {
      switch (this.mode) {
        case 'blackhole':
          this.stats.swallowed += chunk.length;
          return;
        case 'drop-acks':
          if (dir === 'down') {
            this.stats.droppedDown += chunk.length;
            return;
          }
          break;
        case 'delay': {
          const wait = Math.max(0, this.latencyMs + (this.random() * 2 - 1) * this.jitterMs);
          pair.tails[dir] = pair.tails[dir].then(() => new Promise((r) => setTimeout(r, wait))).then(() => this.write(to, chunk, dir));
          return;
        }
        default:
          break;
      }
      pair.tails[dir] = pair.tails[dir].then(() => this.write(to, chunk, dir));
    });
    from.on('end', () => {
      pair.tails[dir] = pair.tails[dir].then(() => {
        if (!to.destroyed) to.end();
      });
    });
  }

  private write(to: Socket, chunk: Buffer, dir: 'up' | 'down'): void {
    if (to.destroyed) return;
    if (dir === 'up') this.stats.bytesUp += chunk.length;
    else this.stats.bytesDown += chunk.length;
    to.write(chunk);
  }

  private resetPair(pair: Pair): void {
    if (!this.pairs.delete(pair)) return;
    this.stats.resets++;
    pair.client.resetAndDestroy();
    pair.upstream.destroy();
  }
}
