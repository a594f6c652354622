import { defineConfig } from 'vitest/config';

// Tests run in forked processes: DuckDB is a native addon and each test file opens its own files.
export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
