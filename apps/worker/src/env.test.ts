import { describe, expect, it } from 'vitest';
import { parseWorkerEnv } from './env';

describe('worker env', () => {
  it('fills in defaults; no REDIS_URL means the PostgreSQL queue backend', () => {
    const env = parseWorkerEnv({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/trygg', SMTP_URL: 'smtp://127.0.0.1:2525' });
    expect(env.REDIS_URL).toBeUndefined();
    expect(env).toMatchObject({ REDIS_PREFIX: 'trygg', WORKER_CONCURRENCY: 10, SHUTDOWN_TIMEOUT_MS: 10_000 });
  });

  it('lists every bad variable without echoing secrets', () => {
    expect(() => parseWorkerEnv({ DATABASE_URL: 'mysql://u:hunter2@db/x', WORKER_CONCURRENCY: '0' })).toThrow(
      /DATABASE_URL[\s\S]*SMTP_URL[\s\S]*WORKER_CONCURRENCY/,
    );
    expect(() => parseWorkerEnv({ DATABASE_URL: 'mysql://u:hunter2@db/x' })).not.toThrow(/hunter2/);
  });

  it('uses a development ACK_SECRET outside production, and refuses to run without one in production', () => {
    const base = { DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/trygg', SMTP_URL: 'smtp://127.0.0.1:2525' };
    expect(parseWorkerEnv(base)).toMatchObject({ ackSecretIsDefault: true });
    expect(() => parseWorkerEnv({ ...base, NODE_ENV: 'production' })).toThrow(/ACK_SECRET: required in production/);
    const secret = 'x'.repeat(40);
    expect(parseWorkerEnv({ ...base, NODE_ENV: 'production', ACK_SECRET: secret })).toMatchObject({ ACK_SECRET: secret, ackSecretIsDefault: false });
  });
});
