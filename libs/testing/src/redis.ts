import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';

export const DEFAULT_TEST_REDIS_URL = 'redis://127.0.0.1:6379';

/**
 * A key prefix no other suite (or parallel run) uses, e.g. for BullMQ's `prefix` option.
 * No ':' inside: BullMQ adds its own separators, and a colon-free prefix keeps SCAN patterns
 * simple.
 */
export function uniqueRedisPrefix(label = 'test'): string {
  const safe = label.replace(/[^a-zA-Z0-9-]/g, '-');
  return `trygg-${safe}-${process.pid}-${randomBytes(4).toString('hex')}`;
}

export interface TestRedis {
  redis: Redis;
  prefix: string;
  url: string;
  /** Another connection to the same server (BullMQ wants one per Worker); closed by close(). */
  duplicate: () => Redis;
  /** Deletes every key of the prefix (also what a "Redis lost everything" test needs). */
  flushPrefix: () => Promise<number>;
  /** flushPrefix, then quit every connection. */
  close: () => Promise<void>;
}

/** QUIT, and wait until the socket is really gone (quit() resolves on the reply). */
async function shutdown(connection: Redis): Promise<void> {
  if (connection.status === 'end') return;
  const ended = new Promise<void>((resolve) => connection.once('end', () => resolve()));
  try {
    await connection.quit();
  } catch {
    connection.disconnect();
  }
  const timer = setTimeout(() => connection.disconnect(), 1_000);
  await ended;
  clearTimeout(timer);
}

export async function createTestRedis(
  options: { url?: string; label?: string } = {},
): Promise<TestRedis> {
  const url = options.url ?? process.env['REDIS_URL'] ?? DEFAULT_TEST_REDIS_URL;
  const prefix = uniqueRedisPrefix(options.label);
  // BullMQ workers refuse a connection that gives up on commands (maxRetriesPerRequest).
  const connect = () => new Redis(url, { maxRetriesPerRequest: null, lazyConnect: false });
  const redis = connect();
  const extra: Redis[] = [];
  await redis.ping();

  const flushPrefix = async () => {
    let deleted = 0;
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) deleted += await redis.unlink(...keys);
    } while (cursor !== '0');
    return deleted;
  };

  return {
    redis,
    prefix,
    url,
    duplicate: () => {
      const connection = connect();
      extra.push(connection);
      return connection;
    },
    flushPrefix,
    close: async () => {
      await flushPrefix();
      await Promise.all([redis, ...extra].map(shutdown));
    },
  };
}
