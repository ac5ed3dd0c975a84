import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.e2e.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 180_000,
    // Each file starts the whole stack (and one an embedded PostgreSQL): one at a time on 2 cores.
    fileParallelism: false,
  },
});
