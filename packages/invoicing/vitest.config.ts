import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Integration tests build the migrated template database once (the first file may wait for it).
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
