// PostgreSQL for `npm start` without DATABASE_URL: PGlite (PostgreSQL 18 in WASM) on a local
// data folder, served over the PostgreSQL wire protocol on 127.0.0.1.
//
// Why one server in this process, and api and worker still separate processes:
// - A PGlite data folder may be opened by one PGlite instance only (two would corrupt it), so
//   one process must own it and the others connect over a socket.
// - One socket server can serve many connections: PGlite is a single session, so they are
//   multiplexed onto it. @electric-sql/pglite-socket 0.2.17 does serve several connections
//   (`maxConnections`, default 1), but interleaves them message by message, which breaks
//   drizzle-over-postgres.js queries whenever BullMQ's connections are busy (measured: 37 of
//   400 mixed concurrent queries failed with "bind message supplies 2 parameters, but prepared
//   statement "" requires 4"; `npm start`'s sweep failed every minute). pglite-server.ts
//   multiplexes at protocol boundaries instead (0 of 400), and passes NOTIFY on.
// So api and worker (and each one's BullMQ pool) connect as separate processes, as they do in
// production. What the single shared session means, and why it is fine for a demo:
// - session state is shared: search_path (BullMQ's pool sets `public, bullmq`), session
//   advisory locks (re-entrant across connections — migrations therefore use transaction
//   locks, and run here before any child connects), prepared statement names (postgres.js
//   and pg use unique or unnamed ones);
// - one statement runs at a time, and an open transaction holds everyone else up: a connection
//   holding a transaction open while it waits for another connection deadlocks both. Never
//   await a queue call or another pool inside a database transaction (enqueue after commit —
//   the sweep covers a crash in between).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { createEmbeddedDb, migrate, type Db } from '@trygg/db';
import { servePglite } from './pglite-server';

export interface EmbeddedPostgres {
  /** postgres://… for DATABASE_URL. */
  url: string;
  /** Milliseconds: PGlite start, app migrations, the `prepare` step. */
  timings: { startMs: number; migrateMs: number; prepareMs: number };
  migrationsApplied: number;
  close: () => Promise<void>;
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** One owner per data folder: a second `npm start` must not open the same PGlite files. */
function takeLock(dataDir: string): () => void {
  const lock = join(dirname(dataDir), `${dataDir.split(/[\\/]/).pop()}.lock`);
  if (existsSync(lock)) {
    const pid = Number(readFileSync(lock, 'utf8'));
    if (Number.isInteger(pid) && pid !== process.pid && isRunning(pid)) {
      throw new Error(`${dataDir} is in use by process ${pid} (another npm start?); stop it first`);
    }
  }
  writeFileSync(lock, String(process.pid));
  return () => rmSync(lock, { force: true });
}

export async function startEmbeddedPostgres(options: {
  dataDir: string;
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** Runs in-process after the migrations, before any client can connect (demo data). */
  prepare?: (db: Db) => Promise<void>;
}): Promise<EmbeddedPostgres> {
  mkdirSync(options.dataDir, { recursive: true });
  const releaseLock = takeLock(options.dataDir);
  try {
    const t0 = performance.now();
    const embedded = await createEmbeddedDb(options.dataDir);
    const t1 = performance.now();
    // Migrate before any child connects: the api and the worker then find nothing to apply,
    // and the DDL runs on a session whose search_path nobody has changed yet.
    const { applied } = await migrate(embedded.db);
    const t2 = performance.now();
    await options.prepare?.(embedded.db);
    const t3 = performance.now();
    const host = options.host ?? '127.0.0.1';
    const log = (message: string) => console.warn(`[pglite]  ${message}`);
    let server;
    try {
      server = await servePglite(embedded.client, { host, port: options.port ?? 0, log });
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EADDRINUSE') throw error;
      // The preferred port is taken (another PostgreSQL?): any free one will do.
      server = await servePglite(embedded.client, { host, port: 0, log });
    }
    return {
      url: `postgres://postgres@${server.address}/postgres`,
      timings: { startMs: Math.round(t1 - t0), migrateMs: Math.round(t2 - t1), prepareMs: Math.round(t3 - t2) },
      migrationsApplied: applied,
      close: async () => {
        await server.close();
        // Flushes PGlite's files; skipping it risks a damaged data folder.
        await embedded.close();
        releaseLock();
      },
    };
  } catch (error) {
    releaseLock();
    throw error;
  }
}
