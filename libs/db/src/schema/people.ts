import { sql } from 'drizzle-orm';
import { pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { createdAt, id, instant, updatedAt } from './columns';
import { personKindEnum } from './enums';

/** Everyone who logs in or is told something. Pupils and parents are not people here (v1). */
export const people = pgTable(
  'people',
  {
    id: id(),
    name: text('name').notNull(),
    email: text('email').notNull(),
    kind: personKindEnum('kind').notNull().default('staff'),
    /** OIDC `sub` (with its issuer folded in by the login code) once single sign-on exists. */
    externalSubject: text('external_subject'),
    deactivatedAt: instant('deactivated_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('people_email_lower_unique').on(sql`lower(${t.email})`),
    uniqueIndex('people_external_subject_unique').on(t.externalSubject),
  ],
);
