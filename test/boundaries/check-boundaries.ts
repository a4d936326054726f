/**
 * Enforces the import rules of `shared/docs/architecture.md` ("Boundaries"). `tsc --build` does not
 * catch an import of a workspace that is not referenced, so this reads every source file's imports.
 *
 * Rules:
 * - `shared` imports no other workspace and does no I/O: outside tests it may import only relative
 *   paths, `zod`, `node:crypto`, `csv-parse` (its sync text API) and `uuid` — computation, not I/O.
 * - `hardware-sim`, `checkpoint-agent` and `central-server` import only `@aspk/shared` of the workspaces.
 * - Nobody deep-imports a workspace (`@aspk/shared/src/...`): `src/index.ts` is the one public surface.
 * - `process.env` is read only in config loading (`config.ts`, `*-config.ts`) and entry points (`cli.ts`).
 * - `test` may import everything.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';

export type Workspace = 'shared' | 'hardware-sim' | 'checkpoint-agent' | 'central-server' | 'test';

export interface Violation {
  file: string;
  line: number;
  rule: string;
  text: string;
}

const WORKSPACE_PACKAGES = ['@aspk/shared', '@aspk/hardware-sim', '@aspk/checkpoint-agent', '@aspk/central-server', '@aspk/test'];
// Pure computation only: schemas, hashing/signing, CSV text parsing (no streams), time-ordered ids.
const SHARED_RUNTIME_ALLOWED = new Set(['zod', 'node:crypto', 'csv-parse', 'uuid']);
const TEST_ONLY_ALLOWED = new Set(['vitest', 'fast-check', 'mrz']);
const IMPORT_RE = /(?:^|[\s;])(?:import|export)\s[^'"`]*?from\s*['"]([^'"]+)['"]|import\s*\(\s*['"]([^'"]+)['"]\s*\)|^\s*import\s*['"]([^'"]+)['"]/gm;

/** Import specifiers with their 1-based line numbers. */
export function importsOf(source: string): { spec: string; line: number }[] {
  const out: { spec: string; line: number }[] = [];
  for (const m of source.matchAll(IMPORT_RE)) {
    const spec = m[1] ?? m[2] ?? m[3];
    if (spec === undefined) continue;
    const line = source.slice(0, m.index).split('\n').length + (m[0].startsWith('\n') ? 1 : 0);
    out.push({ spec, line });
  }
  return out;
}

function packageOf(spec: string): string {
  if (spec.startsWith('@')) return spec.split('/').slice(0, 2).join('/');
  return spec.split('/')[0] ?? spec;
}

/** Checks one file's source against the rules of the workspace it lives in. */
export function checkFile(workspace: Workspace, file: string, source: string): Violation[] {
  const violations: Violation[] = [];
  const isTest = /\.(test|bench)\.ts$/.test(file);
  const lines = source.split('\n');
  for (const { spec, line } of importsOf(source)) {
    const text = lines[line - 1]?.trim() ?? spec;
    if (spec.startsWith('.')) continue;
    const pkg = packageOf(spec);
    if (WORKSPACE_PACKAGES.includes(pkg) && spec !== pkg) {
      violations.push({ file, line, rule: 'deep import of a workspace', text });
      continue;
    }
    if (workspace === 'test') continue;
    if (WORKSPACE_PACKAGES.includes(pkg)) {
      if (workspace === 'shared') violations.push({ file, line, rule: 'shared imports no other workspace', text });
      else if (pkg !== '@aspk/shared') violations.push({ file, line, rule: `${workspace} imports only @aspk/shared`, text });
      continue;
    }
    if (workspace === 'shared' && !SHARED_RUNTIME_ALLOWED.has(spec) && !SHARED_RUNTIME_ALLOWED.has(pkg) && !(isTest && TEST_ONLY_ALLOWED.has(pkg))) {
      violations.push({ file, line, rule: 'shared does no I/O', text });
    }
  }
  const base = file.split(/[\\/]/).pop() ?? file;
  const mayReadEnv = isTest || base === 'config.ts' || base.endsWith('-config.ts') || base === 'cli.ts';
  if (!mayReadEnv && workspace !== 'test') {
    lines.forEach((text, i) => {
      if (/\bprocess\.env\b/.test(text) && !text.trim().startsWith('//') && !text.trim().startsWith('*')) {
        violations.push({ file, line: i + 1, rule: 'process.env is read only in config loading', text: text.trim() });
      }
    });
  }
  return violations;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    if (name === 'node_modules' || name === 'dist-types' || name.startsWith('.')) continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ts|js|mjs)$/.test(name)) out.push(p);
  }
  return out;
}

/** Checks every source file of every workspace under `root`. */
export function checkBoundaries(root: string): Violation[] {
  const workspaces: Workspace[] = ['shared', 'hardware-sim', 'checkpoint-agent', 'central-server', 'test'];
  const violations: Violation[] = [];
  for (const ws of workspaces) {
    for (const file of walk(join(root, ws))) {
      const rel = relative(root, file).split(sep).join('/');
      violations.push(...checkFile(ws, rel, readFileSync(file, 'utf8')));
    }
  }
  return violations;
}
