import { createQueues, type Queues } from '@trygg/jobs';
import { uniqueRedisPrefix } from '@trygg/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from './test-support';

let x: TestApp;
let queues: Queues;

beforeAll(async () => {
  queues = await createQueues({ kind: 'redis', url: process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', prefix: uniqueRedisPrefix('dashboard') });
  x = await createTestApp({ queues });
});
afterAll(async () => {
  await queues?.close();
  await x?.drop();
});

describe('the queue dashboard', () => {
  it('is for admins: the page for the admin, 403 for a principal, 401 without a session', async () => {
    const page = await x.as(x.s.admin).get('/api/admin/queues');
    expect(page.status).toBe(200);
    expect(String(page.body)).toContain('trygg – køer');
    // Its own scripts may run there (and only there: the rest of the API allows none).
    expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
    expect((await x.as(x.s.admin).get('/api/admin/queues/api/queues')).status).toBe(200);

    const refused = await x.as(x.s.principal).get('/api/admin/queues');
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toBe('Bare administrator kan gjøre dette.');
    expect((await x.as(x.s.principal).get('/api/admin/queues/api/queues')).status).toBe(403);
    expect((await x.as(null).get('/api/admin/queues')).status).toBe(401);
  });

  it('leaves the strict policy on everything else', async () => {
    const health = await x.as(null).get('/api/health');
    expect(health.headers.get('content-security-policy')).toContain("default-src 'none'");
  });
});
