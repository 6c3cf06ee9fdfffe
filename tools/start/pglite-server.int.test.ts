// The embedded database server under the load `npm start` puts on it: drizzle over postgres.js
// (describe-first extended protocol), node-postgres (BullMQ), transactions, LISTEN/NOTIFY.
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import { createJobProducer, createQueues, type Queues } from '@trygg/jobs';
import pg from 'pg';
import postgres from 'postgres';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { servePglite, type PgliteServer } from './pglite-server';

describe('servePglite', () => {
  let db: PGlite;
  let server: PgliteServer;
  let url: string;
  const logged: string[] = [];

  beforeAll(async () => {
    db = await PGlite.create();
    await db.exec('create table item (id int primary key, label text not null)');
    server = await servePglite(db, { describeHoldMs: 500, log: (m) => logged.push(m) });
    url = `postgres://postgres@${server.address}/postgres`;
  });

  afterAll(async () => {
    await server?.close();
    await db?.close();
  });

  it('keeps concurrent clients apart: postgres.js describe-first and node-postgres in parallel', async () => {
    const sql = postgres(url, { max: 5, onnotice: () => undefined });
    const pool = new pg.Pool({ connectionString: url, max: 5 });
    const wrong: string[] = [];
    try {
      await Promise.all(
        Array.from({ length: 400 }, async (_, i) => {
          // Different parameter counts and types, so a swapped statement cannot pass.
          if (i % 2 === 0) {
            const rows = await sql.unsafe('select $1::int as a, $2::text as b', [i, `s${i}`], { prepare: false });
            if (rows[0]?.a !== i || rows[0]?.b !== `s${i}`) wrong.push(`js ${i}`);
          } else {
            const { rows } = await pool.query('select $1::text as b, $2::int as a, $3::int as c, $4::int as d', [`s${i}`, i, 1, 2]);
            if (rows[0]?.a !== i || rows[0]?.b !== `s${i}`) wrong.push(`pg ${i}`);
          }
        }),
      );
    } finally {
      await sql.end();
      await pool.end();
    }
    expect(wrong).toEqual([]);
  });

  it('gives an open transaction the session: others wait, and see only what was committed', async () => {
    const a = new pg.Client({ connectionString: url });
    const b = new pg.Client({ connectionString: url });
    await Promise.all([a.connect(), b.connect()]);
    try {
      await a.query('begin');
      await a.query('insert into item values (1, $1)', ['one']);
      let bDone = false;
      const bCount = b.query('select count(*)::int as n from item').then((r) => {
        bDone = true;
        return r.rows[0].n as number;
      });
      await new Promise((r) => setTimeout(r, 200));
      expect(bDone).toBe(false); // not inside a's transaction
      await a.query('rollback');
      expect(await bCount).toBe(0);
    } finally {
      await Promise.all([a.end(), b.end()]);
    }
  });

  it('rolls back the transaction of a client that disconnects, and carries on', async () => {
    const a = new pg.Client({ connectionString: url });
    await a.connect();
    a.on('error', () => undefined);
    await a.query('begin');
    await a.query("insert into item values (2, 'two')");
    (a as unknown as { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
    const b = new pg.Client({ connectionString: url });
    await b.connect();
    try {
      expect((await b.query('select count(*)::int as n from item where id = 2')).rows[0].n).toBe(0);
    } finally {
      await b.end();
    }
  });

  it('delivers NOTIFY to the listening connection', async () => {
    const listener = new pg.Client({ connectionString: url });
    const sender = new pg.Client({ connectionString: url });
    await Promise.all([listener.connect(), sender.connect()]);
    try {
      await listener.query('listen trygg_test');
      const received = new Promise<string | undefined>((resolve) => listener.on('notification', (n) => resolve(n.payload)));
      await sender.query("select pg_notify('trygg_test', 'hello')");
      expect(await received).toBe('hello');
    } finally {
      await Promise.all([listener.end(), sender.end()]);
    }
  });

  it('runs BullMQ on its PostgreSQL backend, with jobs starting promptly', async () => {
    let queues: Queues | undefined;
    try {
      queues = await createQueues({ kind: 'postgres', databaseUrl: url });
      const ran: number[] = [];
      const worker = queues.createWorker('notifications', async () => void ran.push(Date.now()));
      await worker.waitUntilReady();
      await new Promise((r) => setTimeout(r, 500)); // let the worker settle into waiting
      const t0 = Date.now();
      await createJobProducer(queues).enqueue('send-notification', { notificationId: randomUUID() });
      await expect.poll(() => ran.length, { timeout: 15_000 }).toBe(1);
      // Woken by the NOTIFY, not by a poll seconds later.
      expect((ran[0] as number) - t0).toBeLessThan(1_500);
      await worker.close();
    } finally {
      await queues?.close();
    }
  });
});
