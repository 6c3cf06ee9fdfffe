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
}

/** A pooled connection to PostgreSQL. Nothing connects until the first query. */
export function createDb(url: string, options: CreateDbOptions = {}): DbHandle {
  const sql = postgres(url, {
    max: options.max ?? 10,
    // "relation already exists, skipping" from idempotent DDL is not worth a log line.
    onnotice: () => {},
  });
  const db = drizzle({ client: sql, schema });
  return { db, sql, close: () => sql.end({ timeout: 5 }) };
}
