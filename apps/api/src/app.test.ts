import { describe, expect, it } from 'vitest';
import { createApp } from './app';

describe('api', () => {
  it('answers the health check with the injected clock', async () => {
    const app = createApp({ clock: () => new Date('2026-04-06T05:30:00Z') });
    const res = await app.request('/api/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok', time: '2026-04-06T05:30:00.000Z' });
  });
});
