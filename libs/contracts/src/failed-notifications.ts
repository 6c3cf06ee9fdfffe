// Notifications the worker gave up on (notifications.failed_permanently_at), for admins: the
// system failures DOMAIN.md says the admin role receives. Ids, codes and the recipient's name
// and role only — no pupil names, no email addresses (last_error is scrubbed by the API).
import { z } from 'zod';

const instant = z.string();

export const failedNotificationQuery = z.object({
  page: z.coerce.number({ error: 'Sidenummeret må være et tall.' }).int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number({ error: 'Sidestørrelsen må være et tall.' }).int().min(1).max(200).default(50),
});

export const failedNotificationItem = z.object({
  id: z.string(),
  /** Message kind (template), e.g. `deadline-reminder`. */
  kind: z.string(),
  /** Ledger step, e.g. `remind-3d`, `escalate-principal`. */
  step: z.string(),
  schoolName: z.string().nullable(),
  /** The case's number at its school ('2026-0042'); never the case id or the pupil. */
  caseNumber: z.string().nullable(),
  recipient: z.object({
    name: z.string(),
    /** The recipient's roles at the notification's school (or 'owner' / 'admin'). */
    roles: z.array(z.enum(['staff', 'leader', 'principal', 'owner', 'admin'])),
  }),
  attempts: z.number().int(),
  /** The last error with anything that looks like an email address replaced by «[adresse]». */
  lastError: z.string().nullable(),
  failedAt: instant,
  sendAfter: instant,
});

export const failedNotificationList = z.object({
  items: z.array(failedNotificationItem),
  page: z.number(),
  pageSize: z.number(),
  total: z.number(),
});

export type FailedNotificationQuery = z.infer<typeof failedNotificationQuery>;
export type FailedNotificationItem = z.infer<typeof failedNotificationItem>;
export type FailedNotificationList = z.infer<typeof failedNotificationList>;
