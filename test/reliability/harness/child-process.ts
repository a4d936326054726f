import { spawn, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

/** The repository root (children run from it). */
export const REPO_ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/**
 * A child Node process with its stdout/stderr lines kept, so a test can await a line instead of
 * sleeping, and be killed by its pid (never by name).
 */
/** Children still running; killed by pid if the test process exits without cleaning up (a crashed worker). */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const c of live) c.kill('SIGKILL');
});

export class NodeChild {
  readonly lines: string[] = [];
  readonly errLines: string[] = [];
  readonly exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  #waiters: { re: RegExp; resolve: (m: RegExpMatchArray) => void }[] = [];

  constructor(readonly child: ChildProcess) {
    live.add(child);
    this.exited = new Promise((resolve) =>
      child.once('exit', (code, signal) => {
        live.delete(child);
        resolve({ code, signal });
      }),
    );
    const take = (line: string, into: string[]): void => {
      into.push(line);
      if (into.length > 5000) into.splice(0, 1000);
      for (const w of [...this.#waiters]) {
        const m = line.match(w.re);
        if (m !== null) {
          this.#waiters = this.#waiters.filter((x) => x !== w);
          w.resolve(m);
        }
      }
    };
    createInterface({ input: child.stdout! }).on('line', (l) => take(l, this.lines));
    createInterface({ input: child.stderr! }).on('line', (l) => take(l, this.errLines));
  }

  static spawn(script: string, args: string[], env: Record<string, string> = {}): NodeChild {
    const child = spawn(process.execPath, [script, ...args], { cwd: REPO_ROOT, env: { ...process.env, ...env }, stdio: ['pipe', 'pipe', 'pipe'] });
    return new NodeChild(child);
  }

  get pid(): number {
    return this.child.pid!;
  }

  /** Resolves with the first line (stdout or stderr, past or future) matching `re`; rejects on exit or timeout. */
  waitForLine(re: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    for (const l of [...this.lines, ...this.errLines]) {
      const m = l.match(re);
      if (m !== null) return Promise.resolve(m);
    }
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => reject(new Error(`no line matching ${re} within ${timeoutMs} ms; last stderr: ${this.errLines.slice(-5).join(' | ')}`)), timeoutMs);
      const w = { re, resolve: (m: RegExpMatchArray) => { clearTimeout(t); resolve(m); } };
      this.#waiters.push(w);
      void this.exited.then(({ code, signal }) => {
        if (!this.#waiters.includes(w)) return;
        clearTimeout(t);
        reject(new Error(`process exited (${code ?? signal}) before a line matching ${re}; stderr: ${this.errLines.slice(-10).join(' | ')}`));
      });
    });
  }

  /** Like `waitForLine` but only for lines that arrive from now on. */
  waitForNewLine(re: RegExp, timeoutMs = 20_000): Promise<RegExpMatchArray> {
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => {
        this.#waiters = this.#waiters.filter((x) => x !== w);
        reject(new Error(`no new line matching ${re} within ${Math.round(timeoutMs)} ms`));
      }, timeoutMs);
      const w = { re, resolve: (m: RegExpMatchArray) => { clearTimeout(t); resolve(m); } };
      this.#waiters.push(w);
    });
  }

  /** SIGKILL by pid and wait for the exit. */
  async kill9(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    await this.exited;
  }

  /** SIGTERM (graceful) and wait; SIGKILL after `graceMs`. */
  async stop(graceMs = 5000): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    const t = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
    await this.exited;
    clearTimeout(t);
  }
}

/** Polls `cond` every `everyMs` until true; throws after `timeoutMs` naming `what`. Returns the elapsed ms. */
export async function waitFor(cond: () => boolean | Promise<boolean>, what: string, timeoutMs = 20_000, everyMs = 25): Promise<number> {
  const t0 = performance.now();
  for (;;) {
    if (await cond()) return performance.now() - t0;
    if (performance.now() - t0 > timeoutMs) throw new Error(`timed out after ${timeoutMs} ms waiting for: ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}
