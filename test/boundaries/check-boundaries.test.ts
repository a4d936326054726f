import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBoundaries, checkFile } from './check-boundaries.js';

const root = fileURLToPath(new URL('../../', import.meta.url));

describe('workspace boundaries (architecture.md)', () => {
  it('the repository breaks no rule', () => {
    expect(checkBoundaries(root)).toEqual([]);
  });

  it('flags I/O in shared', () => {
    const v = checkFile('shared', 'shared/src/x.ts', "import { readFileSync } from 'node:fs';\n");
    expect(v.map((x) => x.rule)).toEqual(['shared does no I/O']);
  });

  it('lets shared tests use the oracle and test tools, but not the file system', () => {
    expect(checkFile('shared', 'shared/src/mrz/a.test.ts', "import { parse } from 'mrz';\nimport fc from 'fast-check';")).toEqual([]);
    expect(checkFile('shared', 'shared/src/mrz/a.test.ts', "import fs from 'node:fs';")).toHaveLength(1);
  });

  it('flags the agent importing central, and any deep import', () => {
    const src = "import { x } from '@aspk/central-server';\nimport { y } from '@aspk/shared/src/mrz/parse.js';\n";
    const v = checkFile('checkpoint-agent', 'checkpoint-agent/src/a.ts', src);
    expect(v.map((x) => [x.line, x.rule])).toEqual([
      [1, 'checkpoint-agent imports only @aspk/shared'],
      [2, 'deep import of a workspace'],
    ]);
  });

  it('flags the agent importing the simulator (the agent only opens a device path)', () => {
    const v = checkFile('checkpoint-agent', 'checkpoint-agent/src/a.ts', "const m = await import('@aspk/hardware-sim');");
    expect(v).toHaveLength(1);
  });

  it('flags process.env outside config loading', () => {
    expect(checkFile('central-server', 'central-server/src/api/x.ts', 'const p = process.env.PORT;')).toHaveLength(1);
    expect(checkFile('central-server', 'central-server/src/config.ts', 'const p = process.env.PORT;')).toEqual([]);
  });

  it('lets test import every workspace', () => {
    expect(checkFile('test', 'test/e2e/x.ts', "import { a } from '@aspk/central-server';")).toEqual([]);
  });
});
