import { drizzle, type PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import * as schema from './schema';
import type { Schema } from './types';

export interface DbHandle {
  db: PostgresJsDatabase<Schema>;
  /** The postgres.js client, for the rare raw query (and `sql.reserve()`). */
  sql: postgres.Sql;
  close: () => Promise<void>;
}

export interface CreateDbOptions {
  /** Pool size (postgres.js default 10). */
  max?: number;
  /**
   * The role every connection of the pool acts as (sent as the `role` start-up parameter, the
   * same as `SET ROLE` — and `RESET ROLE` goes back to it, not to the login role). The app
   * runs as `trygg_app` (migration 0005: no UPDATE/DELETE on the audit log); resolve it with
   * `resolveAppRole`. Migrations run without it.
   */
  role?: string;
  /**
   * false: commits on this pool do not wait for the WAL to reach disk (`synchronous_commit =
   * off`). Only for writes whose loss in a PostgreSQL crash (the last fraction of a second) is
   * already handled — the worker's claim and mark-sent: a lost claim is claimed again, a lost
   * mark-sent re-sends the message with the same Message-ID.
   */
  synchronousCommit?: false;
}

/** A pooled connection to PostgreSQL. Nothing connects until the first query. */
export function createDb(url: string, options: CreateDbOptions = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    connection: {
      ...(options.role ? { role: options.role } : {}),
      ...(options.synchronousCommit === false ? { synchronous_commit: 'off' } : {}),
    },
    // "relation already exists, skipping" from idempotent DDL is not worth a log line.
    onnotice: () => {},
  });
  const db = drizzle({ client: sql, schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
