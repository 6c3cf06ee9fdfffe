import { PGlite } from '@electric-sql/pglite';
import { drizzle, type PgliteDatabase } from 'drizzle-orm/pglite';
import * as schema from './schema';
import type { Schema } from './types';

export interface EmbeddedDbHandle {
  db: PgliteDatabase<Schema>;
  client: PGlite;
  close: () => Promise<void>;
}

/**
 * PostgreSQL in-process (PGlite, WASM) for running without DATABASE_URL: same schema, same
 * migrations. `dataDir` undefined = in memory (gone on close).
 */
export async function createEmbeddedDb(dataDir?: string): Promise<EmbeddedDbHandle> {
  const client = await PGlite.create(dataDir === undefined ? {} : { dataDir });
  const db = drizzle({ client, schema });
  return { db, client, close: () => client.close() };
}
