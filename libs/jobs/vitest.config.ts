import { defineConfig } from 'vitest/config';

process.env['TZ'] = 'UTC';

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: {
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    passWithNoTests: true,
    env: { TZ: 'UTC' },
    // Each suite has its own Redis prefix / database, so files may run side by side.
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
