export * from './schema';
export type { Db, Schema } from './types';
export { createDb, type CreateDbOptions, type DbHandle } from './client';
export { createEmbeddedDb, type EmbeddedDbHandle } from './embedded';
export { migrate, migrationsFolder, type MigrateResult } from './migrate';
export * from './queries/notifications';
export * from './queries/deadlines';
export * from './queries/cases';
export * from './queries/audit';
