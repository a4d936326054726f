#!/usr/bin/env node
// Thin launcher: the workspace ships TypeScript sources and runs them through tsx's loader, so there is
// no build step between `npm install` and `npx <bin>`.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
