import { Hono } from 'hono';

export interface AppDeps {
  /** Injectable clock: every rule takes "now" from here, so tests can move time. */
  clock: () => Date;
}

/** Builds the HTTP app; no I/O happens at import or construction. */
export function createApp(deps: AppDeps) {
  const app = new Hono();
  app.get('/api/health', (c) => c.json({ status: 'ok', time: deps.clock().toISOString() }));
  return app;
}
