/** Public surface of shared/src/mrz (re-exported by shared/src/index.ts). */
export * from './check-digit.js';
export * from './encode-mrz.js';
