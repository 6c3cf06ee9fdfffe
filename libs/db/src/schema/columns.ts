import { sql } from 'drizzle-orm';
import { timestamp, uuid } from 'drizzle-orm/pg-core';

// Shared column builders. Every instant is a timestamptz (STACK.md "Time"); the driver
// hands back a JS Date, which is only ever the edge representation of an instant.
export const id = () => uuid('id').primaryKey().default(sql`gen_random_uuid()`);
export const instant = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });
export const createdAt = () => instant('created_at').notNull().defaultNow();
export const updatedAt = () => instant('updated_at').notNull().defaultNow();
