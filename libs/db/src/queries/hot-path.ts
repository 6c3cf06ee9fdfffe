import type { SQL } from 'drizzle-orm';
import { PgDialect } from 'drizzle-orm/pg-core';
import type { Db } from '../types';

/** postgres.js answers `execute` with the rows, PGlite with `{ rows }`. */
export function rowsOf<T = Record<string, unknown>>(result: unknown): T[] {
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

const dialect = new PgDialect();

interface PreparingClient {
  unsafe(query: string, params: unknown[], options: { prepare: boolean }): Promise<unknown>;
}

const preparing = (client: unknown): client is PreparingClient =>
  typeof client === 'function' && typeof (client as { unsafe?: unknown }).unsafe === 'function';

/**
 * Runs a hand-written query of the send path (once or twice per message sent) as a named
 * prepared statement on postgres.js. drizzle's `execute` sends every statement unprepared,
 * which costs a Describe round trip and a fresh parse and plan each time. On PGlite, or inside
 * a transaction (no `$client`), it is a plain `execute`.
 */
export async function executeHotPath<T>(db: Db, query: SQL): Promise<T[]> {
  const client = (db as { $client?: unknown }).$client;
  if (!preparing(client)) return rowsOf<T>(await db.execute(query));
  const { sql, params } = dialect.sqlToQuery(query);
  return (await client.unsafe(sql, params, { prepare: true })) as T[];
}
