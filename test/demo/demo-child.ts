/**
 * Children of the demo, on top of the reliability harness's `NodeChild` (lines kept for awaiting, kill by
 * pid): long-running servers get their own process group, so that Ctrl-C in the terminal reaches only the
 * launcher, which then stops them in order; their output goes to a log file as well.
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { NodeChild, REPO_ROOT } from '../reliability/harness/child-process.js';

/**
 * The parent's environment without `ASPK_*` variables: the launcher decides every child's configuration,
 * so a stray `ASPK_AGENT_CONSOLE_PORT` in the shell cannot put two agents on one port.
 */
export function childEnv(extra: Record<string, string>): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(process.env)) if (v !== undefined && !k.startsWith('ASPK_')) env[k] = v;
  return { ...env, ...extra };
}

/** Starts `script args` as a server in its own process group, its stdout and stderr appended to `logFile`. */
export function spawnServer(script: string, args: string[], env: Record<string, string>, logFile: string): NodeChild {
  const child = spawn(process.execPath, [script, ...args], { cwd: REPO_ROOT, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const nc = new NodeChild(child);
  const log = createWriteStream(logFile, { flags: 'a', mode: 0o600 });
  child.stdout!.pipe(log, { end: false });
  child.stderr!.pipe(log, { end: false });
  void nc.exited.then(() => log.end());
  return nc;
}

/** Runs a one-shot command (`aspk-central checkpoint add …`); resolves with its stdout lines, throws with its stderr on failure. */
export async function runCommand(script: string, args: string[], env: Record<string, string>, stdin?: string): Promise<string[]> {
  const child = spawn(process.execPath, [script, ...args], { cwd: REPO_ROOT, env, stdio: ['pipe', 'pipe', 'pipe'] });
  const nc = new NodeChild(child);
  child.stdin!.end(stdin ?? '');
  const { code, signal } = await nc.exited;
  if (code !== 0) {
    throw new CommandFailed(`${args.slice(0, 2).join(' ')} failed (${code ?? signal}): ${[...nc.errLines, ...nc.lines].join(' | ')}`, nc.errLines.join('\n'));
  }
  return nc.lines;
}

/** A one-shot command that exited non-zero; `stderr` for callers that recognise an expected failure. */
export class CommandFailed extends Error {
  constructor(message: string, readonly stderr: string) {
    super(message);
  }
}
