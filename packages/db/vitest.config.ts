import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    // Integration tests need a real PostgreSQL: TEST_DATABASE_URL, else local postgres (testing.ts).
    // They create and drop their own databases, and the first one may build the migrated template.
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
