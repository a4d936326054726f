/**
 * @aspk/shared — pure domain code shared by the agent, central server, simulator and tests.
 * No I/O here (no fs, net, db, timers in the hot path); the boundaries test enforces it.
 */
export * from './errors/aspk-error.js';
export * from './mrz/index.js';
export * from './watchlist/index.js';
export * from './crypto/index.js';
export * from './protocol/index.js';
