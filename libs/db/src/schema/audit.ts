import { bigint, index, jsonb, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { people } from './people';

/**
 * Every read and write of a case: who, what, when. Append-only (trigger, migration 0001) and
 * chained: each entry's hash covers the previous entry's hash, so an edit shows. The primary
 * key is a sequence rather than a uuid because the chain needs a total order.
 */
export const auditLog = pgTable(
  'audit_log',
  {
    seq: bigint('seq', { mode: 'number' }).primaryKey().generatedAlwaysAsIdentity(),
    at: instant('at').notNull(),
    /** null = the system itself. */
    actorId: uuid('actor_id').references(() => people.id),
    action: text('action').notNull(),
    entityType: text('entity_type').notNull(),
    entityId: text('entity_id'),
    schoolId: uuid('school_id'),
    requestId: text('request_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    prevHash: text('prev_hash').notNull(),
    hash: text('hash').notNull().unique('audit_log_hash_unique'),
  },
  (t) => [index('audit_log_entity_idx').on(t.entityType, t.entityId)],
);
