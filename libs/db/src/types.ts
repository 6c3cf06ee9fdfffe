import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import type * as schema from './schema';

export type Schema = typeof schema;

/**
 * A database handle or an open transaction, on either driver (postgres.js or PGlite). Query
 * functions take this, so callers decide the transaction boundaries.
 */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
