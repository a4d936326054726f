/** Public surface of shared/src/protocol (re-exported by shared/src/index.ts). */
export * from './crossing.js';
export * from './watchlist-change.js';
export * from './agent-messages.js';
export * from './reader-framing.js';
