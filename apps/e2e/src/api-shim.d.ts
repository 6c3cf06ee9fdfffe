// TEMPORARY. apps/api/package.json exports "./src/index.ts", which does not exist yet, so
// TypeScript cannot resolve '@trygg/api' (vitest.config.ts aliases it to apps/api/src/app.ts).
// This declares the part of createApp the browser tests use. Delete this file (and the alias)
// once apps/api/src/index.ts exports createApp: an ambient declaration would hide the real types.
declare module '@trygg/api' {
  import type { Db } from '@trygg/db';

  export interface AppDeps {
    db: Db;
    clock: () => Date;
    sessionSecret: string;
    appUrl: string;
    mailboxDir?: string;
    devLogin?: boolean;
    log?: { error: (message: string, meta?: Record<string, unknown>) => void };
  }

  export function createApp(deps: AppDeps): { fetch: (request: Request) => Response | Promise<Response> };
}
