import { defineConfig } from 'vitest/config';

// Nothing here may lean on the machine's zone (test workers inherit this).
process.env['TZ'] = 'UTC';

export default defineConfig({
  // @trygg/* resolve through the root tsconfig paths (libraries are consumed from source).
  resolve: { tsconfigPaths: true },
  test: {
    include: ['*.test.ts'],
    env: { TZ: 'UTC' },
    testTimeout: 60_000,
    hookTimeout: 120_000,
  },
});
