import { afterAll, describe, expect, it } from 'vitest';
import { createTestRedis, uniqueRedisPrefix, type TestRedis } from './redis';

describe('test Redis', () => {
  const open: TestRedis[] = [];
  afterAll(async () => {
    await Promise.all(open.map((r) => r.close()));
  });

  it('prefixes are unique and colon-free', () => {
    const prefixes = new Set(Array.from({ length: 100 }, () => uniqueRedisPrefix('worker suite')));
    expect(prefixes.size).toBe(100);
    for (const p of prefixes) expect(p).toMatch(/^trygg-worker-suite-\d+-[0-9a-f]{8}$/);
  });

  it('connects with maxRetriesPerRequest: null and cleans up only its own keys', async () => {
    const a = await createTestRedis({ label: 'a' });
    const b = await createTestRedis({ label: 'b' });
    open.push(a, b);
    expect(a.redis.options.maxRetriesPerRequest).toBeNull();
    for (let i = 0; i < 1200; i += 1) await a.redis.set(`${a.prefix}:k${i}`, '1');
    await b.redis.set(`${b.prefix}:keep`, '1');
    expect(await a.flushPrefix()).toBe(1200);
    expect(await a.redis.keys(`${a.prefix}*`)).toEqual([]);
    expect(await b.redis.get(`${b.prefix}:keep`)).toBe('1');
  });

  it('close() removes the keys and closes duplicates too', async () => {
    const r = await createTestRedis();
    const extra = r.duplicate();
    await extra.set(`${r.prefix}:x`, '1');
    const watcher = await createTestRedis();
    open.push(watcher);
    await r.close();
    expect(await watcher.redis.exists(`${r.prefix}:x`)).toBe(0);
    expect(extra.status).toBe('end');
  });
});
