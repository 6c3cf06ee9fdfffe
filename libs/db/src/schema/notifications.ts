import { sql } from 'drizzle-orm';
import { check, index, integer, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { cases } from './cases';
import { createdAt, id, instant, updatedAt } from './columns';
import { schoolOwners, schools } from './organisation';
import { people } from './people';

/**
 * THE LEDGER: one row per message that shall go out. BullMQ is at-least-once; the effect is
 * exactly-once because
 *  - (subject_key, recipient_id, step) is unique: nobody is told twice about the same thing
 *    at the same step, however many times the deadline is recomputed;
 *  - a sender claims the row atomically before sending (claimNotification), so two workers
 *    (or a job and the sweep) never both send it;
 *  - the message carries a fixed Message-ID, so a crash between SMTP accept and markSent
 *    yields at worst a duplicate the mail systems recognise.
 * Rows are never deleted: a row no longer wanted gets cancelled_at.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: id(),
    /** What: the deadline key, or another subject key (`report:<id>:new`, `digest:<owner>:<week>`). */
    subjectKey: text('subject_key').notNull(),
    /** Whom. */
    recipientId: uuid('recipient_id')
      .notNull()
      .references(() => people.id),
    /** Which step: `remind-3d`, `on-day`, `escalate-principal`, … */
    step: text('step').notNull(),
    /** Which template/message kind to render. */
    kind: text('kind').notNull(),
    schoolId: uuid('school_id').references(() => schools.id),
    ownerId: uuid('owner_id').references(() => schoolOwners.id),
    caseId: uuid('case_id').references(() => cases.id),
    /** Ids only, never names or case text (it ends up in job payloads and logs). */
    payload: jsonb('payload').$type<Record<string, unknown>>().notNull().default({}),
    /** Not before this instant (already inside the sending window, unless urgent). */
    sendAfter: instant('send_after').notNull(),
    claimedAt: instant('claimed_at'),
    claimToken: uuid('claim_token'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    failedPermanentlyAt: instant('failed_permanently_at'),
    sentAt: instant('sent_at'),
    messageId: text('message_id'),
    cancelledAt: instant('cancelled_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    unique('notifications_what_whom_step_unique').on(t.subjectKey, t.recipientId, t.step),
    // The sweep: unsent, uncancelled, not given up on, oldest first.
    index('notifications_due_idx')
      .on(t.sendAfter)
      .where(
        sql`${t.sentAt} is null and ${t.cancelledAt} is null and ${t.failedPermanentlyAt} is null`,
      ),
    index('notifications_case_idx').on(t.caseId),
    index('notifications_recipient_idx').on(t.recipientId),
    check('notifications_sent_has_message_id', sql`${t.sentAt} is null or ${t.messageId} is not null`),
  ],
);

/**
 * A serious-case or § 12-5 notice to the owner asks for acknowledgement via a link. Only the
 * hash of the link token is stored. Any acknowledgement of the same subject counts (the owner
 * or the second contact).
 */
export const acknowledgements = pgTable(
  'acknowledgements',
  {
    id: id(),
    notificationId: uuid('notification_id')
      .notNull()
      .references(() => notifications.id),
    subjectKey: text('subject_key').notNull(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    /** sha256 hex of the token in the link. */
    tokenHash: text('token_hash').notNull(),
    acknowledgedAt: instant('acknowledged_at'),
    createdAt: createdAt(),
  },
  (t) => [
    unique('acknowledgements_token_hash_unique').on(t.tokenHash),
    unique('acknowledgements_notification_unique').on(t.notificationId),
    index('acknowledgements_subject_idx').on(t.subjectKey),
  ],
);

/** One weekly digest per owner and ISO week (Monday 07:00 Oslo). */
export const digestRuns = pgTable(
  'digest_runs',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => schoolOwners.id),
    /** ISO week, '2026-W47'. */
    isoWeek: text('iso_week').notNull(),
    startedAt: instant('started_at').notNull(),
    completedAt: instant('completed_at'),
    /** The figures as sent (no pupil names or free text). */
    figures: jsonb('figures').$type<Record<string, unknown>>(),
  },
  (t) => [
    unique('digest_runs_owner_week_unique').on(t.ownerId, t.isoWeek),
    check('digest_runs_iso_week_format', sql`${t.isoWeek} ~ '^[0-9]{4}-W(0[1-9]|[1-4][0-9]|5[0-3])$'`),
  ],
);
