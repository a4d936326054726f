/** Public surface of shared/src/watchlist (re-exported by shared/src/index.ts). */
export {};
