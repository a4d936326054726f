/** Public surface of shared/src/crypto (re-exported by shared/src/index.ts). Pure: `node:crypto` only. */
export * from './canonical-json.js';
export * from './sha256.js';
export * from './ed25519.js';
export * from './hash-chain.js';
export * from './watchlist-signing.js';
