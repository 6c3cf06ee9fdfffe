// Notifications the worker gave up on (markFailed / giveUpExhaustedNotifications in
// libs/db): until now they reached only the error log and the queue dashboard. Admins get
// system failures (DOMAIN.md "Roles"), so they list them here — newest first, paged like the
// case list. Admins do not read cases: an item names the case by its number only (no case id,
// no pupil), and last_error loses anything that looks like an email address (an SMTP answer
// often quotes the recipient's).
import { createRoute } from '@hono/zod-openapi';
import { and, count, desc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { cases, notifications, people, roles, schools } from '@trygg/db';
import { failedNotificationList, failedNotificationQuery, type FailedNotificationItem } from '@trygg/contracts';
import { requireAdmin } from '../caller';
import { audit, callerOf, errors, jsonContent, type Api, type RouteDeps } from '../context';
import { iso } from '../time';

export const FAILED_NOTIFICATIONS_PATH = '/api/admin/failed-notifications';

const ADDRESS = /[^\s<>()[\]"',;:@]+@[^\s<>()[\]"',;:@]+/g;
const MAX_ERROR = 500;

/** The error text without email addresses ("550 5.1.1 <ola@skole.no>: no such user" → "550 5.1.1 <[adresse]>: …"). */
export function withoutAddresses(error: string | null): string | null {
  if (error === null) return null;
  const scrubbed = error.replace(ADDRESS, '[adresse]');
  return scrubbed.length > MAX_ERROR ? `${scrubbed.slice(0, MAX_ERROR)}…` : scrubbed;
}

type ItemRole = FailedNotificationItem['recipient']['roles'][number];

export function registerFailedNotificationRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'get',
      path: FAILED_NOTIFICATIONS_PATH,
      tags: ['Drift'],
      summary: 'Varsler som ikke kom fram (administrator): gitt opp etter siste forsøk, nyeste først',
      request: { query: failedNotificationQuery },
      responses: {
        200: jsonContent(failedNotificationList, 'Varsler som ikke kom fram'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const now = deps.clock();
      if (!caller.isAdmin) {
        await audit(db, c, now, { action: 'notification.failed.list.refused', entityType: 'notification' });
      }
      requireAdmin(caller);
      const q = c.req.valid('query');
      // Given up on and never sent (markFailed never gives up a sent row; this keeps it so).
      const given = and(isNotNull(notifications.failedPermanentlyAt), isNull(notifications.sentAt));
      const [{ total } = { total: 0 }] = await db.select({ total: count() }).from(notifications).where(given);
      const rows = await db
        .select({
          id: notifications.id,
          kind: notifications.kind,
          step: notifications.step,
          schoolId: notifications.schoolId,
          ownerId: notifications.ownerId,
          recipientId: notifications.recipientId,
          recipientName: people.name,
          schoolName: schools.name,
          caseNumber: cases.number,
          attempts: notifications.attempts,
          lastError: notifications.lastError,
          failedAt: notifications.failedPermanentlyAt,
          sendAfter: notifications.sendAfter,
        })
        .from(notifications)
        .innerJoin(people, eq(people.id, notifications.recipientId))
        .leftJoin(schools, eq(schools.id, notifications.schoolId))
        .leftJoin(cases, eq(cases.id, notifications.caseId))
        .where(given)
        .orderBy(desc(notifications.failedPermanentlyAt), desc(notifications.id))
        .limit(q.pageSize)
        .offset((q.page - 1) * q.pageSize);
      const recipientIds = [...new Set(rows.map((r) => r.recipientId))];
      const held = recipientIds.length
        ? await db
            .select({ personId: roles.personId, role: roles.role, schoolId: roles.schoolId, ownerId: roles.ownerId })
            .from(roles)
            .where(inArray(roles.personId, recipientIds))
        : [];
      const items: FailedNotificationItem[] = rows.map((r) => {
        // The roles that made this person a recipient: those at the school (or the owner), and admin.
        const mine = held.filter(
          (h) =>
            h.personId === r.recipientId &&
            (h.role === 'admin' || (r.schoolId !== null && h.schoolId === r.schoolId) || (r.ownerId !== null && h.ownerId === r.ownerId)),
        );
        return {
          id: r.id,
          kind: r.kind,
          step: r.step,
          schoolName: r.schoolName,
          caseNumber: r.caseNumber,
          recipient: { name: r.recipientName, roles: [...new Set(mine.map((h) => h.role as ItemRole))].sort() },
          attempts: r.attempts,
          lastError: withoutAddresses(r.lastError),
          failedAt: iso(r.failedAt!),
          sendAfter: iso(r.sendAfter),
        };
      });
      await audit(db, c, now, {
        action: 'notification.failed.list',
        entityType: 'notification',
        details: { notificationIds: items.map((i) => i.id), total },
      });
      return c.json({ items, page: q.page, pageSize: q.pageSize, total }, 200);
    },
  );
}
