/**
 * `npm run bench [-- name...]`: runs every suite in `test/bench/suites/` (or those whose file name
 * contains one of the given words), each in its own Node process so that one suite's heap and JIT
 * state do not colour the next. Suites print their own tables (median, percentiles, and the ratio
 * against the obvious alternative measured in the same run).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';

const dir = fileURLToPath(new URL('./suites/', import.meta.url));
const filters = process.argv.slice(2);
const suites = readdirSync(dir)
  .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
  .filter((f) => filters.length === 0 || filters.some((w) => f.includes(w)))
  .sort();

let failed = 0;
for (const suite of suites) {
  process.stdout.write(`\n=== ${suite} ===\n`);
  const r = spawnSync(process.execPath, ['--expose-gc', '--import', 'tsx', join(dir, suite)], { stdio: 'inherit' });
  if (r.status !== 0) {
    failed++;
    process.stdout.write(`suite ${suite} exited with ${r.status ?? r.signal}\n`);
  }
}
process.exitCode = failed > 0 ? 1 : 0;
