import { index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { instant } from './columns';
import { people } from './people';

/**
 * Logged-in sessions, server-side: the browser's cookie holds only a random id, and this row
 * holds the SHA-256 of that id (a copy of the table does not let anyone act as the people in
 * it). Logging out, an idle or absolute timeout, or a refused login deletes the row, and the
 * cookie stops working at once.
 */
export const sessions = pgTable(
  'sessions',
  {
    /** SHA-256 (hex) of the cookie value. */
    idHash: text('id_hash').primaryKey(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id, { onDelete: 'cascade' }),
    /** 'oidc' (Feide or the local identity provider) or 'test' (minted by a test helper). */
    method: text('method').notNull(),
    /** The authentication level the identity provider asserted (Feide: fad08:3 = MFA). */
    acr: text('acr'),
    createdAt: instant('created_at').notNull(),
    /** Moved forward by requests (at most once a minute); the idle timeout counts from here. */
    lastSeenAt: instant('last_seen_at').notNull(),
    /** Absolute end, however active the session is. */
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [index('sessions_person_idx').on(t.personId), index('sessions_expires_idx').on(t.expiresAt)],
);
