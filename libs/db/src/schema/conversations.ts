import { sql } from 'drizzle-orm';
import { check, index, integer, pgEnum, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { reports } from './cases';
import { createdAt, id, instant } from './columns';
import { schools } from './organisation';
import { people } from './people';
import { pupils } from './pupils';

/** Autumn (Aug–Dec) or spring (Jan–Jul) of a school year: a pupil's conversation is per half. */
export const termHalfEnum = pgEnum('term_half', ['autumn', 'spring']);

/** "Does the pupil feel safe and well at school?" — "no" opens a report (§ 12-4, the pupil's own experience decides). */
export const wellbeingAnswerEnum = pgEnum('wellbeing_answer', ['yes', 'no', 'unsure']);

/**
 * § 12-4 (1) følgje med: the planned half-yearly conversation with each pupil (the right comes
 * from the assessment regulation; schools use it to ask whether the pupil feels safe). Held once
 * per pupil and half-year: the unique key makes a second recording a 409, not a second row.
 */
export const pupilConversations = pgTable(
  'pupil_conversations',
  {
    id: id(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    pupilId: uuid('pupil_id')
      .notNull()
      .references(() => pupils.id),
    termYear: integer('term_year').notNull(),
    termHalf: termHalfEnum('term_half').notNull(),
    heldAt: instant('held_at').notNull(),
    /** The staff member who held the conversation (normally the contact teacher). */
    heldById: uuid('held_by_id')
      .notNull()
      .references(() => people.id),
    answer: wellbeingAnswerEnum('answer').notNull(),
    /** Short, optional, confidential: shown in the app, never put in an email. */
    note: text('note'),
    /** The report an answer "no" filed in the same transaction. */
    reportId: uuid('report_id').references(() => reports.id),
    createdAt: createdAt(),
  },
  (t) => [
    unique('pupil_conversations_pupil_term_unique').on(t.pupilId, t.termYear, t.termHalf),
    index('pupil_conversations_school_term_idx').on(t.schoolId, t.termYear, t.termHalf),
    check('pupil_conversations_term_year_plausible', sql`${t.termYear} between 2000 and 2100`),
    check('pupil_conversations_note_short', sql`${t.note} is null or char_length(${t.note}) <= 2000`),
    check('pupil_conversations_no_has_report', sql`(${t.answer} = 'no') = (${t.reportId} is not null)`),
  ],
);
