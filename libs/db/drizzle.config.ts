import { defineConfig } from 'drizzle-kit';

// Generate only: `npx drizzle-kit generate` (from libs/db) writes SQL into migrations/,
// which is read and committed. Never `push` outside a scratch database.
export default defineConfig({
  dialect: 'postgresql',
  schema: './src/schema/index.ts',
  out: './migrations',
  strict: true,
  verbose: true,
});
