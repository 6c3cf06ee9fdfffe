import { sql } from 'drizzle-orm';
import { boolean, check, date, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { id, instant } from './columns';
import { externalBodyKindEnum } from './enums';
import { people } from './people';

/**
 * An external body involved in a case (PPT, child welfare, BUP, the school health service, the
 * police, the county governor, another): who, why, and when the school was in contact. Part of
 * the case file the county governor asks for (seeds/002). Append-only like the rest of the case
 * work (trigger, migration 0007): a correction is a new row.
 */
export const caseExternalBodies = pgTable(
  'case_external_bodies',
  {
    id: id(),
    caseId: uuid('case_id')
      .notNull()
      .references(() => cases.id),
    kind: externalBodyKindEnum('kind').notNull(),
    /** The body's name ("PPT for Indre Østfold"); required for kind 'other'. */
    name: text('name'),
    /** What the body was involved in, and why. */
    involvement: text('involvement').notNull(),
    /** The date of contact (Oslo calendar date). */
    contactedOn: date('contacted_on', { mode: 'string' }).notNull(),
    /** The text holds information about other pupils: the parents' copy leaves it out. */
    concernsOtherPupils: boolean('concerns_other_pupils').notNull().default(false),
    recordedById: uuid('recorded_by_id')
      .notNull()
      .references(() => people.id),
    /** When it was recorded (the application's clock, not the database's). */
    createdAt: instant('created_at').notNull(),
  },
  (t) => [
    index('case_external_bodies_case_idx').on(t.caseId, t.contactedOn),
    check('case_external_bodies_other_named', sql`${t.kind} <> 'other' or (${t.name} is not null and btrim(${t.name}) <> '')`),
  ],
);
