import { sql } from 'drizzle-orm';
import { boolean, check, index, integer, pgTable, text, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { schools } from './organisation';
import { people } from './people';

export const pupils = pgTable(
  'pupils',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    name: text('name').notNull(),
    /** What emails to school staff carry instead of the name. */
    initials: text('initials').notNull(),
    birthYear: integer('birth_year').notNull(),
    /** The class or base group ("5A") as the administration system's export names it; null: not known. */
    className: text('class_name'),
    /** Fødselsnummer; optional and never shown in lists or emails. */
    nationalId: text('national_id'),
    contactTeacherId: uuid('contact_teacher_id').references(() => people.id),
    /** § 12-4 "følgje med": pupils with heightened vulnerability get a lower threshold. */
    heightenedAttention: boolean('heightened_attention').notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('pupils_school_idx').on(t.schoolId),
    index('pupils_contact_teacher_idx').on(t.contactTeacherId),
    uniqueIndex('pupils_national_id_unique')
      .on(t.nationalId)
      .where(sql`${t.nationalId} is not null`),
    check('pupils_birth_year_plausible', sql`${t.birthYear} between 1990 and 2100`),
  ],
);
