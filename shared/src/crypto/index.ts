/** Public surface of shared/src/crypto (re-exported by shared/src/index.ts). */
export {};
