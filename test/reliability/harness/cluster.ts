import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FaultProxy } from '../fault-proxy.js';
import { AgentProcess } from './agent-process.js';
import { CentralProcess } from './central-process.js';
import { waitFor } from './child-process.js';

/**
 * One reliability setup on 127.0.0.1: a real central process, a fault proxy in front of it per agent (the
 * agent's link to headquarters), and real agent processes, all in one temporary directory that is removed
 * at the end. Every child is killed by its pid in `close()`.
 */
export class Cluster {
  readonly agents: AgentProcess[] = [];
  readonly proxies: FaultProxy[] = [];

  private constructor(
    readonly dir: string,
    readonly central: CentralProcess,
    readonly credentials: Map<string, string>,
  ) {}

  static async start(agentIds: string[], opts: { startCentral?: boolean } = {}): Promise<Cluster> {
    const dir = mkdtempSync(join(tmpdir(), 'aspk-rel-'));
    const { central, credentials } = await CentralProcess.create(join(dir, 'central'), agentIds);
    if (opts.startCentral !== false) await central.start();
    return new Cluster(dir, central, credentials);
  }

  /**
   * Adds an agent whose link to central goes through a fault proxy (`viaProxy`, default true). Central must
   * have been started once (its port is fixed from then on).
   */
  async addAgent(id: string, opts: { viaProxy?: boolean; sync?: Record<string, number>; officer?: boolean } = {}): Promise<{ agent: AgentProcess; proxy: FaultProxy | null }> {
    let url = this.central.url;
    let proxy: FaultProxy | null = null;
    if (opts.viaProxy !== false) {
      proxy = await FaultProxy.start({ targetPort: this.central.port });
      this.proxies.push(proxy);
      url = proxy.url;
    }
    const agent = new AgentProcess({ dir: join(this.dir, id), checkpointId: id, centralUrl: url, token: this.credentials.get(id)!, publicKey: this.central.publicKey, ...(opts.sync ? { sync: opts.sync } : {}) });
    if (opts.officer !== false) await agent.addOfficer();
    this.agents.push(agent);
    return { agent, proxy };
  }

  /**
   * Waits until central holds every id in `recorded` and the agent's outbox is empty; returns the ms it
   * took (the convergence time when called right after the last fault ended).
   */
  async converge(agent: AgentProcess, recorded: readonly string[], timeoutMs = 30_000): Promise<number> {
    return waitFor(() => agent.outboxDepth() === 0 && this.central.holds(recorded).size === recorded.length, `central holds all ${recorded.length} recorded crossings of ${agent.o.checkpointId}`, timeoutMs, 50);
  }

  /** The sync figures of reliability-security.md §5.1 for one agent. */
  figures(agent: AgentProcess, recorded: readonly string[]): { recorded: number; delivered: number; lost: number; duplicates_stored: number; seq_conflicts: number; gaps: number } {
    const held = this.central.holds(recorded);
    const c = this.central.counts(agent.o.checkpointId);
    return { recorded: recorded.length, delivered: held.size, lost: recorded.length - held.size, duplicates_stored: c.rows - c.distinct, seq_conflicts: c.conflicts, gaps: c.gaps };
  }

  async close(): Promise<void> {
    await Promise.all(this.agents.map((a) => a.kill9()));
    await this.central.kill9();
    await Promise.all(this.proxies.map((p) => p.close()));
    rmSync(this.dir, { recursive: true, force: true });
  }
}

/** Prints the scenario's one JSON line (reliability-security.md §5.1). */
export function report(figures: Record<string, unknown>): void {
  process.stdout.write(`${JSON.stringify(figures)}\n`);
}


/** The seed for this run: `ASPK_SEED` when replaying, else derived from the clock. */
export function runSeed(): number {
  const s = Number(process.env['ASPK_SEED']);
  return Number.isInteger(s) && s > 0 ? s : Date.now() % 2_147_483_647;
}
