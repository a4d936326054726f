/** Public surface of shared/src/protocol (re-exported by shared/src/index.ts). */
export {};
