// Entry of the index-build worker thread. A worker does not inherit the main thread's TypeScript loader
// (tsx, registered by the bin launcher, `--import tsx` or vitest), so it registers tsx itself and then
// runs the TypeScript body.
import { register } from 'tsx/esm/api';

register();
await import('./index-build-worker.ts');
