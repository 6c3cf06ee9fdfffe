import { defineConfig } from 'vitest/config';

// Nothing here may lean on the machine's zone (test workers inherit this).
process.env['TZ'] = 'UTC';

export default defineConfig({
  resolve: {
    // @trygg/* libraries resolve through the root tsconfig paths (consumed from source).
    tsconfigPaths: true,
  },
  test: {
    include: ['src/**/*.test.ts'],
    env: { TZ: 'UTC' },
    // One browser and one stack for the whole file: the journeys run in order.
    fileParallelism: false,
    testTimeout: 60_000,
    hookTimeout: 180_000,
  },
});
