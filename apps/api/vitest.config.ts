import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    passWithNoTests: true,
    // Integration suites each copy a migrated template database; the first build takes a while.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
