import { defineConfig } from 'vitest/config';

// The worker computes nothing in the machine's zone; make sure of it (test workers inherit).
process.env['TZ'] = 'UTC';

export default defineConfig({
  // @trygg/* resolve through the root tsconfig paths (libraries are consumed from source).
  resolve: { tsconfigPaths: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    passWithNoTests: true,
    env: { TZ: 'UTC' },
    // Suites get their own database / Redis prefix / SMTP port, so files may run side by side.
    maxWorkers: 2,
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
