// Serves one PGlite database to many PostgreSQL clients over TCP, safely.
//
// PGlite is a single PostgreSQL session. @electric-sql/pglite-socket 0.2.17 multiplexes many
// connections onto it, but one wire message at a time, first come first served. That breaks
// the extended query protocol as drizzle uses it over postgres.js: a query is sent as
// Parse(unnamed)+Describe+Sync, and — after the answer — Bind(unnamed)+Execute+Sync. Another
// connection's Parse in between replaces the unnamed statement, and the Bind fails ("bind
// message supplies 2 parameters, but prepared statement "" requires 4"). Seen with `npm start`:
// the worker's sweep failed every minute, exactly when BullMQ was busy on its own connections.
//
// This server hands the session to one connection at a time and takes it back only at a
// protocol boundary (Sync or a simple Query) where nothing of that connection's is pending:
//   - not while the session is in a transaction (the connection that opened it keeps it);
//   - not after a batch that parsed the unnamed statement without binding it (the describe-
//     first pattern above: the Bind follows in the next batch) — released at the next Sync,
//     or after `describeHoldMs` should the client never come back.
// Everything else — the startup handshake, SSL refusal, cancel requests — is what
// pglite-socket does too. On top, NotificationResponse messages, which PGlite writes into the
// output of whichever connection committed the NOTIFY, go to every connection, so LISTENing
// clients (BullMQ's workers) wake at once instead of polling.
//
// The session stays shared: SET, session advisory locks and prepared statement names are
// common to all connections (see embedded-postgres.ts). A connection holding a transaction open
// while it waits for another connection blocks both: never await a queue call or another pool
// inside a database transaction.
import { createServer, type Server, type Socket } from 'node:net';
import type { PGlite } from '@electric-sql/pglite';

const SSL_REQUEST = 80877103;
const GSSENC_REQUEST = 80877104;
const CANCEL_REQUEST = 80877102;

export interface PgliteServer {
  /** host:port */
  address: string;
  port: number;
  stats: () => { connections: number; waiting: number; owner: number | null };
  close: () => Promise<void>;
}

export interface PgliteServerOptions {
  host?: string;
  /** 0 = any free port. */
  port?: number;
  /** How long a describe-first hold may wait for the client's Bind. Default 5 s. */
  describeHoldMs?: number;
  /** Warn when a connection keeps a transaction open (and everyone else waiting) this long. Default 30 s. */
  longTransactionWarnMs?: number;
  log?: (message: string) => void;
}

interface Connection {
  id: number;
  socket: Socket;
  input: Buffer;
  /** Complete messages not yet run; `startup` ones have no type byte. */
  inbox: { data: Buffer; startup: boolean }[];
  started: boolean;
  closed: boolean;
  /** Since the last Sync: parsed the unnamed statement / bound it. */
  parsedUnnamed: boolean;
  boundUnnamed: boolean;
  /** Bytes of PGlite output not yet split into messages. */
  output: Buffer;
}

/** The first NUL-terminated string of a message body starting at `offset`, and where it ends. */
function cstring(message: Buffer, offset: number): [string, number] {
  const end = message.indexOf(0, offset);
  return [message.toString('utf8', offset, end), end + 1];
}

export async function servePglite(db: PGlite, options: PgliteServerOptions = {}): Promise<PgliteServer> {
  const host = options.host ?? '127.0.0.1';
  const describeHoldMs = options.describeHoldMs ?? 5_000;
  const longTransactionWarnMs = options.longTransactionWarnMs ?? 30_000;
  const log = options.log ?? (() => undefined);

  const connections = new Set<Connection>();
  let nextId = 1;
  /** The connection that has the session, if any. */
  let owner: Connection | null = null;
  let ownerSince = 0;
  let holdTimer: NodeJS.Timeout | undefined;
  let warned = false;
  let pumping = false;
  let closing = false;

  const release = () => {
    owner = null;
    clearTimeout(holdTimer);
    holdTimer = undefined;
  };

  /** Splits PGlite's output into messages: notifications to everyone, the rest to `to`. */
  const deliver = (to: Connection, data: Uint8Array) => {
    to.output = to.output.length === 0 ? Buffer.from(data) : Buffer.concat([to.output, data]);
    let offset = 0;
    const own: Buffer[] = [];
    while (to.output.length - offset >= 5) {
      const length = 1 + to.output.readInt32BE(offset + 1);
      if (to.output.length - offset < length) break;
      const message = to.output.subarray(offset, offset + length);
      if (message[0] === 0x41 /* 'A' NotificationResponse */) {
        for (const c of connections) if (!c.closed) c.socket.write(Buffer.from(message));
      } else {
        own.push(message);
      }
      offset += length;
    }
    to.output = to.output.subarray(offset);
    if (own.length > 0 && !to.closed) to.socket.write(Buffer.concat(own));
  };

  const run = async (conn: Connection, message: Buffer) => {
    await db.runExclusive(() => db.execProtocolRawStream(new Uint8Array(message), { onRawData: (data) => deliver(conn, data) }));
  };

  /** Handles the untyped messages a connection starts with; false = wait for more bytes. */
  const startup = (conn: Connection): boolean => {
    if (conn.input.length < 8) return false;
    const length = conn.input.readInt32BE(0);
    if (conn.input.length < length) return false;
    const code = conn.input.readInt32BE(4);
    const message = conn.input.subarray(0, length);
    conn.input = conn.input.subarray(length);
    if (code === SSL_REQUEST || code === GSSENC_REQUEST) {
      conn.socket.write('N'); // no encryption here; the client goes on in the clear
    } else if (code === CANCEL_REQUEST) {
      conn.socket.end(); // PGlite has no other backend to signal
    } else {
      conn.started = true;
      conn.inbox.push({ data: Buffer.from(message), startup: true });
    }
    return true;
  };

  const receive = (conn: Connection, data: Buffer) => {
    conn.input = conn.input.length === 0 ? data : Buffer.concat([conn.input, data]);
    for (;;) {
      if (!conn.started) {
        if (!startup(conn)) break;
        continue;
      }
      if (conn.input.length < 5) break;
      const length = 1 + conn.input.readInt32BE(1);
      if (conn.input.length < length) break;
      conn.inbox.push({ data: Buffer.from(conn.input.subarray(0, length)), startup: false });
      conn.input = conn.input.subarray(length);
    }
    void pump();
  };

  const nextWaiting = (): Connection | undefined => {
    for (const c of connections) if (!c.closed && c.inbox.length > 0) return c;
    return undefined;
  };

  const pump = async (): Promise<void> => {
    if (pumping) return;
    pumping = true;
    try {
      for (;;) {
        const conn = owner ?? nextWaiting();
        if (!conn || conn.closed) {
          if (conn === owner) release();
          if (!conn) break;
          continue;
        }
        const next = conn.inbox.shift();
        if (!next) {
          // The owner is between messages of its exchange: everyone else waits for it.
          if (owner === conn && !warned && db.isInTransaction() && Date.now() - ownerSince > longTransactionWarnMs) {
            warned = true;
            log(`connection #${conn.id} has kept a transaction open for over ${longTransactionWarnMs / 1000} s; other connections wait`);
          }
          break;
        }
        if (owner !== conn) {
          owner = conn;
          ownerSince = Date.now();
          warned = false;
        }
        clearTimeout(holdTimer);
        const message = next.data;
        const type = next.startup ? undefined : message[0];
        if (type === 0x58 /* 'X' Terminate */) {
          conn.socket.end();
          continue; // the close handler releases
        }
        if (type === 0x50 /* 'P' Parse */ && cstring(message, 5)[0] === '') conn.parsedUnnamed = true;
        if (type === 0x42 /* 'B' Bind */ && cstring(message, cstring(message, 5)[1])[0] === '') conn.boundUnnamed = true;
        try {
          await run(conn, message);
        } catch (error) {
          log(`connection #${conn.id}: PGlite failed: ${error instanceof Error ? error.message : String(error)}`);
          conn.socket.destroy();
          continue;
        }
        const boundary = type === undefined /* startup */ || type === 0x53 /* 'S' Sync */ || type === 0x51; /* 'Q' Query */
        if (!boundary) continue;
        const describeFirst = type === 0x53 && conn.parsedUnnamed && !conn.boundUnnamed;
        conn.parsedUnnamed = false;
        conn.boundUnnamed = false;
        if (db.isInTransaction()) continue;
        if (describeFirst) {
          holdTimer = setTimeout(() => {
            if (owner === conn && conn.inbox.length === 0) {
              log(`connection #${conn.id} did not follow up its describe within ${describeHoldMs} ms; releasing the session`);
              release();
              void pump();
            }
          }, describeHoldMs);
          continue;
        }
        release();
      }
    } finally {
      pumping = false;
    }
  };

  const drop = async (conn: Connection) => {
    if (conn.closed) return;
    conn.closed = true;
    connections.delete(conn);
    conn.inbox.length = 0;
    if (owner === conn) {
      // Its transaction must not outlive it, nor keep everyone else waiting.
      if (db.isInTransaction() && !closing) {
        // exec() takes PGlite's own lock (the one runExclusive holds: not re-entrant).
        await db.exec('ROLLBACK').catch(() => undefined);
      }
      release();
    }
    void pump();
  };

  const server: Server = createServer((socket) => {
    if (closing) {
      socket.destroy();
      return;
    }
    socket.setNoDelay(true);
    const conn: Connection = {
      id: nextId++,
      socket,
      input: Buffer.alloc(0),
      inbox: [],
      started: false,
      closed: false,
      parsedUnnamed: false,
      boundUnnamed: false,
      output: Buffer.alloc(0),
    };
    connections.add(conn);
    socket.on('data', (data) => receive(conn, data));
    socket.on('error', () => void drop(conn));
    socket.on('close', () => void drop(conn));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;

  return {
    address: `${host}:${port}`,
    port,
    stats: () => ({
      connections: connections.size,
      waiting: [...connections].filter((c) => c !== owner && c.inbox.length > 0).length,
      owner: owner?.id ?? null,
    }),
    close: async () => {
      closing = true;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      for (const conn of connections) conn.socket.destroy();
      await closed;
      // Let a message already running finish before the caller closes PGlite.
      await db.runExclusive(async () => undefined);
    },
  };
}
