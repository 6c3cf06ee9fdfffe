// Builds the BullMQ queues on one of two backends: Redis (production) or BullMQ's official
// PostgreSQL backend (no Redis: embedded mode, small installs). Same Queue/Worker API on both.
import { createPostgresBackend, Queue, runMigrations, Worker, type Processor, type WorkerOptions } from 'bullmq';
import { Redis } from 'ioredis';
import pg from 'pg';
import { queueNames, type QueueName } from './catalog';

export type QueueConnection =
  | {
      kind: 'redis';
      url: string;
      /** Key prefix of every BullMQ key (default 'trygg'); tests use a unique one per suite. */
      prefix?: string;
    }
  | {
      kind: 'postgres';
      databaseUrl: string;
      /** Size of the one pool all queues and workers share (default 10). */
      poolMax?: number;
    };

/** The settings a worker may tune; connection and prefix come from the queues. */
export type QueueWorkerOptions = Omit<WorkerOptions, 'connection' | 'prefix'>;

export interface Queues {
  readonly kind: QueueConnection['kind'];
  /** The key prefix (Redis) or schema (PostgreSQL) the queues live in. */
  readonly namespace: string;
  queue(name: QueueName): Queue;
  all(): readonly Queue[];
  /** A worker on the same backend and namespace as the queues. Close it before `close()`. */
  createWorker(name: QueueName, processor: Processor, options?: QueueWorkerOptions): Worker;
  /** Closes the queues and the connections they own (not workers: close those first). */
  close(): Promise<void>;
}

/** The PostgreSQL schema BullMQ's backend lives in (its default). */
export const BULLMQ_SCHEMA = 'bullmq';

/**
 * Which backend to use, from the values the composition root read from the environment:
 * Redis when there is a REDIS_URL, else BullMQ's PostgreSQL backend on DATABASE_URL.
 */
export function resolveQueueConnection(input: {
  redisUrl?: string | undefined;
  databaseUrl?: string | undefined;
  prefix?: string | undefined;
}): QueueConnection {
  if (input.redisUrl) return { kind: 'redis', url: input.redisUrl, ...(input.prefix ? { prefix: input.prefix } : {}) };
  if (input.databaseUrl) return { kind: 'postgres', databaseUrl: input.databaseUrl };
  throw new Error('no queue backend: set REDIS_URL, or DATABASE_URL for the PostgreSQL backend');
}

export async function createQueues(connection: QueueConnection): Promise<Queues> {
  return connection.kind === 'redis' ? createRedisQueues(connection) : createPostgresQueues(connection);
}

function createRedisQueues(connection: Extract<QueueConnection, { kind: 'redis' }>): Queues {
  const prefix = connection.prefix ?? 'trygg';
  // Producers fail fast when Redis is away (an api request must not hang on it); workers
  // must wait forever instead — BullMQ refuses a worker connection with a retry limit.
  const producer = new Redis(connection.url, { maxRetriesPerRequest: 2 });
  producer.on('error', () => undefined); // reported through the failing command instead
  let workerConnection: Redis | undefined;
  const queues = new Map<QueueName, Queue>(
    queueNames.map((name) => [name, new Queue(name, { connection: producer, prefix })]),
  );
  return {
    kind: 'redis',
    namespace: prefix,
    queue: (name) => queues.get(name) as Queue,
    all: () => [...queues.values()],
    createWorker(name, processor, options = {}) {
      workerConnection ??= new Redis(connection.url, { maxRetriesPerRequest: null });
      return new Worker(name, processor, { ...options, connection: workerConnection, prefix });
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      // BullMQ leaves connections it was given open; these are ours.
      producer.disconnect();
      workerConnection?.disconnect();
    },
  };
}

async function createPostgresQueues(connection: Extract<QueueConnection, { kind: 'postgres' }>): Promise<Queues> {
  const pool = new pg.Pool({
    connectionString: connection.databaseUrl,
    max: connection.poolMax ?? 10,
    // BullMQ trusts a pool it did not build to detect a dropped LISTEN connection only when
    // keepAlive is on (it then blocks up to an hour instead of re-polling every 10 s).
    keepAlive: true,
    // BullMQ's SQL uses unqualified names. A pool built by BullMQ pins the schema with the
    // startup option `-c search_path=bullmq`, which PGlite (pglite-socket) ignores; a SET on
    // every new connection works on both. On PGlite every socket connection shares ONE
    // session, so this search_path becomes the app's too. Hence `public` FIRST (STACK.md
    // suggests `bullmq, public`): the app's unqualified DDL and queries keep landing in
    // public, while BullMQ still finds its tables and functions (most of its functions pin
    // their own search_path). Either order requires that no app table shares a name with a
    // BullMQ one (job, event, meta, scheduler, metrics, …) — apps/worker tests that.
    onConnect: async (client: pg.ClientBase) => {
      await client.query(`SET search_path TO public, ${BULLMQ_SCHEMA}`);
    },
  });
  pool.on('error', () => undefined); // an idle client dropping; the next query reports it
  try {
    // Migrate once, on one dedicated session (runMigrations takes a transaction-scoped
    // advisory lock, so an api and a worker starting together apply it once).
    const client = await pool.connect();
    try {
      await runMigrations(client, BULLMQ_SCHEMA);
    } finally {
      client.release();
    }
  } catch (error) {
    await pool.end();
    throw error;
  }
  // The backend is passed per instance (not setDefaultBackendFactory): no process-wide
  // state, and Redis and PostgreSQL queues can coexist in one process (tests do).
  // The PostgreSQL classes carry the backend in their type; the surface we use is the same.
  const queues = new Map<QueueName, Queue>(
    queueNames.map((name) => [name, new Queue(name, { connection: pool }, createPostgresBackend) as unknown as Queue]),
  );
  return {
    kind: 'postgres',
    namespace: BULLMQ_SCHEMA,
    queue: (name) => queues.get(name) as Queue,
    all: () => [...queues.values()],
    createWorker(name, processor, options = {}) {
      return new Worker(name, processor, { ...options, connection: pool }, createPostgresBackend) as unknown as Worker;
    },
    async close() {
      await Promise.all([...queues.values()].map((q) => q.close()));
      await pool.end();
    },
  };
}
