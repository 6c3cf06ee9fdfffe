import { defineConfig } from 'vitest/config';

// The case file is read and rendered in Oslo time whatever the machine's zone; make sure the
// tests prove it (workers inherit).
process.env['TZ'] = 'UTC';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts'],
    env: { TZ: 'UTC' },
    // Integration suites each copy a migrated template database.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
