// The whole product for a browser test, in this process: a fresh database with a seeded school,
// the API (createApp) on a clock the test moves, and the web app built with Vite — all behind
// one HTTP server on 127.0.0.1, port 0, with /api routed to the API and every other path to the
// built app (index.html for the app's own paths, as a production web server would).
import { mkdtemp, readFile, rm, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { extname, join, normalize, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serve } from '@hono/node-server';
import { createApp } from '@trygg/api';
import { people } from '@trygg/db';
import { localDateTimeToInstant } from '@trygg/domain';
import { createTestDatabase, seedSchool, type SeededSchool, type TestDatabase } from '@trygg/testing';
import { eq } from 'drizzle-orm';
import { build } from 'vite';

const adminRoot = fileURLToPath(new URL('../../admin/', import.meta.url));

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.map': 'application/json',
};

/** Oslo wall-clock 'YYYY-MM-DDTHH:MM' → Date. */
export const osloDate = (local: string) => new Date(localDateTimeToInstant(local).epochMilliseconds);

export interface Stack {
  url: string;
  db: TestDatabase;
  school: SeededSchool;
  /** The API's clock; tests move it to let deadlines pass. */
  clock: { now: Date };
  mailboxDir: string;
  emailOf: (personId: string) => Promise<string>;
  close: () => Promise<void>;
}

/** Builds the web app into a temporary folder (not apps/admin/dist, which a developer may be using). */
export async function buildAdmin(outDir: string): Promise<void> {
  // Vitest runs with NODE_ENV=test, which would make a development bundle: test what ships.
  const nodeEnv = process.env['NODE_ENV'];
  process.env['NODE_ENV'] = 'production';
  try {
    await build({
      root: adminRoot,
      configFile: join(adminRoot, 'vite.config.ts'),
      logLevel: 'warn',
      mode: 'production',
      build: { outDir, emptyOutDir: true },
    });
  } finally {
    process.env['NODE_ENV'] = nodeEnv;
  }
}

async function staticFile(dir: string, pathname: string): Promise<Response> {
  let rel: string;
  try {
    rel = normalize(decodeURIComponent(pathname)).replace(/^([/\\])+/, '');
  } catch {
    return new Response('Bad request', { status: 400 });
  }
  const file = join(dir, rel);
  if (rel && file.startsWith(dir + sep)) {
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) {
      return new Response(await readFile(file), { headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream' } });
    }
    // A missing asset is a 404; any other path is one of the app's pages.
    if (rel.startsWith('assets/')) return new Response('Not found', { status: 404 });
  }
  return new Response(await readFile(join(dir, 'index.html')), { headers: { 'content-type': TYPES['.html']! } });
}

export async function startStack(options: { now?: Date } = {}): Promise<Stack> {
  const work = await mkdtemp(join(tmpdir(), 'trygg-e2e-'));
  const webDir = join(work, 'web');
  const mailboxDir = join(work, 'mailbox');
  const [db] = await Promise.all([createTestDatabase(), buildAdmin(webDir)]);
  const school = await seedSchool(db.db);
  const clock = { now: options.now ?? osloDate('2026-04-13T09:00') };

  let api: ReturnType<typeof createApp> | null = null;
  const server = serve({
    hostname: '127.0.0.1',
    port: 0,
    fetch: (request: Request) => {
      const { pathname } = new URL(request.url);
      if (pathname === '/api' || pathname.startsWith('/api/')) {
        return api ? api.fetch(request) : new Response('starting', { status: 503 });
      }
      return staticFile(webDir, pathname);
    },
  });
  await new Promise<void>((resolve, reject) => {
    if (server.listening) resolve();
    server.once('listening', () => resolve());
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const errors: string[] = [];
  api = createApp({
    db: db.db,
    clock: () => clock.now,
    sessionSecret: 'e2e-session-secret-e2e-session-secret',
    appUrl: `${url}/`,
    mailboxDir,
    devLogin: true,
    log: { error: (message, meta) => errors.push(`${message} ${JSON.stringify(meta ?? {})}`) },
  });

  return {
    url,
    db,
    school,
    clock,
    mailboxDir,
    emailOf: async (personId) => {
      const [row] = await db.db.select({ email: people.email }).from(people).where(eq(people.id, personId));
      if (!row) throw new Error(`no person ${personId}`);
      return row.email;
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await db.drop();
      await rm(work, { recursive: true, force: true });
      if (errors.length) console.error('api errors during the browser tests:\n' + errors.join('\n'));
    },
  };
}
