import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

const apiUrl = process.env.API_URL ?? 'http://127.0.0.1:3000';

export default defineConfig({
  plugins: [react()],
  server: { host: '127.0.0.1', port: Number(process.env.ADMIN_PORT ?? 5173), proxy: { '/api': apiUrl } },
  test: { include: ['src/**/*.test.ts', 'src/**/*.test.tsx'], env: { TZ: 'UTC' } },
});
