import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['**/*.test.ts'],
    exclude: ['**/node_modules/**', '**/dist-types/**'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    // Two cores: forks keep native addons (better-sqlite3, serialport, koffi) isolated per file.
    pool: 'forks',
  },
});
