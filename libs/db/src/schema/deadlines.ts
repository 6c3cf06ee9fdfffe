import { sql } from 'drizzle-orm';
import { check, index, pgTable, text, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { createdAt, id, instant, updatedAt } from './columns';
import { deadlineStateEnum } from './enums';
import { schools } from './organisation';
import { people } from './people';
import { pupils } from './pupils';

/**
 * Every deadline is a row (the database is the truth; the queue is only the fast path).
 * Case deadlines carry case_id; pupil-conversation deadlines carry school + pupil.
 * Clocks do not pause: a missed deadline stays open (missed = open and due_at passed) and,
 * once met late, keeps met_at > due_at and the written delay_reason.
 */
export const deadlines = pgTable(
  'deadlines',
  {
    id: id(),
    /** Stable natural key computed by the domain, e.g. `case:<id>:investigation-started`. */
    key: text('key').notNull().unique('deadlines_key_unique'),
    kind: text('kind').notNull(),
    schoolId: uuid('school_id')
      .notNull()
      .references(() => schools.id),
    caseId: uuid('case_id').references(() => cases.id),
    pupilId: uuid('pupil_id').references(() => pupils.id),
    dueAt: instant('due_at').notNull(),
    state: deadlineStateEnum('state').notNull().default('open'),
    metAt: instant('met_at'),
    cancelledAt: instant('cancelled_at'),
    /** "snarast": a delay must be justified in writing. */
    delayReason: text('delay_reason'),
    delayReasonAt: instant('delay_reason_at'),
    delayReasonById: uuid('delay_reason_by_id').references(() => people.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('deadlines_case_open_idx')
      .on(t.caseId, t.dueAt)
      .where(sql`${t.state} = 'open'`),
    index('deadlines_school_kind_open_idx')
      .on(t.schoolId, t.kind, t.dueAt)
      .where(sql`${t.state} = 'open'`),
    index('deadlines_pupil_idx').on(t.pupilId),
    check('deadlines_met_has_met_at', sql`(${t.state} = 'met') = (${t.metAt} is not null)`),
    check(
      'deadlines_cancelled_has_cancelled_at',
      sql`(${t.state} = 'cancelled') = (${t.cancelledAt} is not null)`,
    ),
  ],
);
