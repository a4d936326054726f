/** The agent's local storage: crossings + outbox, officers, audit, watchlist cache and its index file. */
export * from './open-database.js';
export * from './sqlite-error.js';
export * from './agent-migrations.js';
export * from './crossing-record.js';
export * from './crossing-store.js';
export * from './audit-log.js';
export * from './password-hash.js';
export * from './officer-store.js';
export * from './watchlist-cache.js';
export * from './index-snapshot-file.js';
export * from './read-snapshot-file.js';
