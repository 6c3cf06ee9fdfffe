// A fixed-window rate limit per client IP, in this process's memory. Enough for one API
// instance; with several instances behind a load balancer each counts on its own (the limit
// becomes N × max) — then the counts belong in a shared store (Redis, PostgreSQL).
import type { Context, MiddlewareHandler } from 'hono';
import { ApiError } from './errors';

export interface RateLimitOptions {
  /** Requests allowed per window and client. */
  max: number;
  windowMs: number;
  clock: () => Date;
  /** The client's address; requests without one share a single bucket. */
  clientIp: (c: Context) => string | undefined;
}

/** Above this many tracked clients, windows that have ended are swept out. */
const SWEEP_ABOVE = 10_000;

export function rateLimit(opts: RateLimitOptions): MiddlewareHandler {
  const windows = new Map<string, { startedAt: number; count: number }>();
  return async (c, next) => {
    const now = opts.clock().getTime();
    const key = opts.clientIp(c) ?? 'unknown';
    let entry = windows.get(key);
    if (!entry || now - entry.startedAt >= opts.windowMs) {
      if (windows.size > SWEEP_ABOVE) {
        for (const [k, w] of windows) if (now - w.startedAt >= opts.windowMs) windows.delete(k);
      }
      entry = { startedAt: now, count: 0 };
      windows.set(key, entry);
    }
    entry.count += 1;
    if (entry.count > opts.max) {
      const retryAfter = Math.max(1, Math.ceil((entry.startedAt + opts.windowMs - now) / 1000));
      c.header('Retry-After', String(retryAfter));
      throw new ApiError('RATE_LIMITED', `For mange innloggingsforsøk. Vent ${retryAfter} sekunder og prøv igjen.`);
    }
    await next();
  };
}
