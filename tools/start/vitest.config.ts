import { defineConfig } from 'vitest/config';

process.env['TZ'] = 'UTC';

export default defineConfig({
  resolve: { tsconfigPaths: true },
  test: { include: ['*.test.ts'], env: { TZ: 'UTC' }, testTimeout: 60_000, hookTimeout: 60_000 },
});
