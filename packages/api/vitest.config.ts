import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    // Integration tests build the migrated template database once (the first file may wait for it), and the
    // table-driven ones (every status × every action) make hundreds of calls on a real database.
    testTimeout: 30_000,
    hookTimeout: 120_000,
  },
});
