import { defineConfig } from 'vitest/config';

// Integration tests compute nothing in the machine's zone; make sure of it (workers inherit).
process.env['TZ'] = 'UTC';

export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    passWithNoTests: true,
    env: { TZ: 'UTC' },
    // Each int suite gets its own database, so files may run side by side; two cores here.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
