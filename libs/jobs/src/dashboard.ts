// The bull-board dashboard, mounted on a Hono app by the api (behind its admin auth).
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { HonoAdapter } from '@bull-board/hono';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';
import type { Queues } from './queues';

export interface DashboardOptions {
  /** Hide the buttons that change jobs (retry, remove, add, pause…). Default false. */
  readOnly?: boolean;
}

/**
 * Mounts the queue dashboard at `basePath` (e.g. '/admin/queues'). Put the auth middleware on
 * that path before calling this. Job data shown there is ids only (see the catalog).
 */
export function mountQueueDashboard(app: Hono<any, any, any>, queues: Queues, basePath: string, options: DashboardOptions = {}): void {
  const base = `/${basePath.replace(/^\/+|\/+$/g, '')}`;
  const serverAdapter = new HonoAdapter(serveStatic);
  serverAdapter.setBasePath(base);
  createBullBoard({
    queues: queues.all().map((queue) => new BullMQAdapter(queue, { readOnlyMode: options.readOnly ?? false })),
    serverAdapter,
    options: { uiConfig: { boardTitle: 'trygg – køer' } },
  });
  app.route(base, serverAdapter.registerPlugin());
}
