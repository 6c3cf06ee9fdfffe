// The link in a serious-case or § 12-5 notice to the school owner: `${appUrl}/kvittering/<token>`.
// The web app shows what is being acknowledged (GET) and acknowledges it (POST). The token is
// the credential — owners click it from their mail without logging in — so only its sha256 is
// stored, and the page shows no names: a case number, the school and when the notice went.
import { createRoute } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { acknowledge, acknowledgements, appendAuditEntry, appendTimeline, cases, notifications, schools, type Db } from '@trygg/db';
import { acknowledgementView, tokenParam } from '@trygg/contracts';
import { errors, jsonContent, type Api, type RouteDeps } from '../context';
import { enqueueCaseNotifications, hashAckToken, syncCaseDeadlines } from '../engine';
import { notFound } from '../errors';
import { isoOrNull, toInstant } from '../time';

/** sha256 hex of the link token, as libs/scheduling stored it when the notice was composed. */
const tokenHash = hashAckToken;

async function load(db: Db, hash: string) {
  const [row] = await db
    .select({ ack: acknowledgements, notification: notifications })
    .from(acknowledgements)
    .innerJoin(notifications, eq(notifications.id, acknowledgements.notificationId))
    .where(eq(acknowledgements.tokenHash, hash));
  if (!row) return null;
  const caseId = row.notification.caseId;
  const [kase] = caseId
    ? await db
        .select({
          id: cases.id,
          number: cases.number,
          serious: cases.serious,
          concernsEmployee: cases.concernsEmployee,
          schoolName: schools.name,
          schoolId: schools.id,
        })
        .from(cases)
        .innerJoin(schools, eq(schools.id, cases.schoolId))
        .where(eq(cases.id, caseId))
    : [];
  const payloadAbout = row.notification.payload['about'];
  const about =
    payloadAbout === 'serious' || payloadAbout === 's12_5'
      ? payloadAbout
      : kase
        ? kase.concernsEmployee
          ? ('s12_5' as const)
          : kase.serious
            ? ('serious' as const)
            : null
        : null;
  return { ...row, kase, about };
}

export function registerAcknowledgementRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;
  const responses = { 200: jsonContent(acknowledgementView, 'Varselet'), 400: errors[400], 404: errors[404] };

  const view = (found: NonNullable<Awaited<ReturnType<typeof load>>>, acknowledgedAt: Date | null) => ({
    about: found.about,
    caseNumber: found.kase?.number ?? null,
    schoolName: found.kase?.schoolName ?? null,
    sentAt: isoOrNull(found.notification.sentAt),
    acknowledgedAt: isoOrNull(acknowledgedAt),
  });

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/acknowledgements/{token}',
      tags: ['Kvittering'],
      summary: 'Hva skoleeieren kvitterer for (uten navn)',
      request: { params: tokenParam },
      responses,
    }),
    async (c) => {
      const { token } = c.req.valid('param');
      const found = await load(db, tokenHash(token));
      if (!found) throw notFound('varselet');
      return c.json(view(found, found.ack.acknowledgedAt), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/acknowledgements/{token}',
      tags: ['Kvittering'],
      summary: 'Skoleeieren kvitterer for varselet (første klikk teller); stopper ny utsending',
      request: { params: tokenParam },
      responses,
    }),
    async (c) => {
      const { token } = c.req.valid('param');
      const hash = tokenHash(token);
      const now = deps.clock();
      const result = await db.transaction(async (tx) => {
        const found = await load(tx, hash);
        if (!found) return null;
        const done = await acknowledge(tx, hash, now);
        if (!done) return null;
        const caseId = found.notification.caseId;
        if (done.firstTime && caseId) {
          await appendTimeline(tx, {
            caseId,
            at: now,
            actorId: done.acknowledgement.personId,
            kind: 'owner_acknowledged',
            payload: { about: found.about, notificationId: found.notification.id },
          });
          // The acknowledgement meets the owner_acknowledge deadline: the re-send is cancelled.
          await syncCaseDeadlines(tx, caseId, toInstant(now));
        }
        await appendAuditEntry(tx, {
          at: now,
          actorId: done.acknowledgement.personId,
          action: 'acknowledgement.acknowledge',
          entityType: 'case',
          entityId: caseId,
          schoolId: found.kase?.schoolId ?? null,
          requestId: c.get('requestId'),
          details: { firstTime: done.firstTime, notificationId: found.notification.id },
        });
        return { found, acknowledgedAt: done.acknowledgement.acknowledgedAt };
      });
      if (!result) throw notFound('varselet');
      // The entry above names the owner the link was sent to (there is no session).
      c.set('audited', true);
      if (result.found.notification.caseId) {
        await enqueueCaseNotifications(db, deps.jobs, result.found.notification.caseId, now, deps.log);
      }
      return c.json(view(result.found, result.acknowledgedAt), 200);
    },
  );
}
