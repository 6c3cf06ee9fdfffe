// § 12-4 "melde frå": any staff member — also in the after-school programme (SFO/AKS) and
// homework help (§ 12-1) — reports to the principal. The report opens a case at once; its
// deadlines and the principal's notice are written in the same transaction, so a report is
// never stored without the clocks that make the school act on it.
import { createRoute } from '@hono/zod-openapi';
import { eq } from 'drizzle-orm';
import { appendTimeline, cases, nextCaseNumber, pupils, reports, roles, schools } from '@trygg/db';
import { isInLeadership, type RoleGrant } from '@trygg/domain';
import { fileReport, reportCreated, type FileReport } from '@trygg/contracts';
import { hasRoleAt, requireWorksAt, type Caller } from '../caller';
import { audit, callerOf, errors, jsonBody, jsonContent, type Api, type Ctx, type RouteDeps } from '../context';
import { enqueueCaseNotifications, notifyNewReport, syncCaseDeadlines } from '../engine';
import { ApiError, invalidField } from '../errors';
import { eventInstant, osloYear, toInstant } from '../time';

const reporterKindOf = (kind: string) => (kind === 'sfo_aks' || kind === 'homework_help' ? kind : 'staff');

export function registerReportRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/reports',
      tags: ['Meldinger'],
      summary: 'Meld fra om en elev (alle ansatte ved skolen, også SFO/AKS og leksehjelp)',
      description:
        'Oppretter meldingen og en sak i én transaksjon, med frister og varsel til rektor. En melding etter § 12-5 ' +
        '(concernsEmployee + accusedPersonId) om noen i skolens ledelse går rett til skoleeieren. Den som melder, får bare ' +
        'saksnummeret tilbake.',
      request: jsonBody(fileReport),
      responses: {
        201: jsonContent(reportCreated, 'Meldingen er registrert, saken er opprettet'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        413: errors[413],
        415: errors[415],
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const body = c.req.valid('json');
      const now = deps.clock();
      try {
        const created = await file(c, caller, body, now);
        await enqueueCaseNotifications(db, deps.jobs, created.caseId, now, deps.log);
        return c.json(created, 201);
      } catch (error) {
        // Nothing of a refused report is kept — except that it was tried.
        if (error instanceof ApiError) {
          await audit(db, c, now, { action: 'report.file.refused', entityType: 'report', schoolId: null, details: { code: error.code } });
        }
        throw error;
      }
    },
  );

  async function file(c: Ctx, caller: Caller, body: FileReport, now: Date): Promise<{ caseId: string; number: string }> {
    const [school] = await db.select({ id: schools.id }).from(schools).where(eq(schools.id, body.schoolId));
    if (!school) throw new ApiError('NOT_FOUND', 'Fant ikke skolen.', [{ field: 'schoolId', message: 'Fant ikke skolen.' }]);
    requireWorksAt(caller, body.schoolId);

    const [pupil] = await db.select({ id: pupils.id, schoolId: pupils.schoolId }).from(pupils).where(eq(pupils.id, body.pupilId));
    if (!pupil) throw new ApiError('NOT_FOUND', 'Fant ikke eleven.', [{ field: 'pupilId', message: 'Fant ikke eleven.' }]);
    if (pupil.schoolId !== body.schoolId) throw invalidField('pupilId', 'Eleven går ikke på denne skolen.');

    const asOf = eventInstant(body.reportedAt, 'reportedAt', now);
    const occurredAt = body.occurredAt === undefined ? null : eventInstant(body.occurredAt, 'occurredAt', now);

    // § 12-5: is the accused in the school's leadership? Then the leadership never sees the case.
    let accusedInLeadership = false;
    if (body.concernsEmployee && body.accusedPersonId) {
      const accusedRoles = await db
        .select({ role: roles.role, schoolId: roles.schoolId })
        .from(roles)
        .where(eq(roles.personId, body.accusedPersonId));
      const grants: RoleGrant[] = accusedRoles
        .filter((r) => r.schoolId !== null)
        .map((r) => ({ role: r.role, schoolId: r.schoolId as string }));
      if (!grants.some((g) => g.schoolId === body.schoolId)) {
        throw invalidField('accusedPersonId', 'Personen er ikke ansatt ved denne skolen.');
      }
      accusedInLeadership = isInLeadership(grants, body.schoolId);
    }

    // A report the principal files is known to the principal and registered by it (§ 12-6 counts
    // from here) — unless the case is one the leadership must be kept out of.
    const principalFiles = hasRoleAt(caller, body.schoolId, 'principal') && !(body.concernsEmployee && accusedInLeadership);

    const created = await db.transaction(async (tx) => {
      const number = await nextCaseNumber(tx, body.schoolId, osloYear(asOf));
      const [kase] = await tx
        .insert(cases)
        .values({
          schoolId: body.schoolId,
          pupilId: body.pupilId,
          number,
          status: 'reported',
          concernsEmployee: body.concernsEmployee,
          accusedPersonId: body.concernsEmployee ? (body.accusedPersonId ?? null) : null,
          accusedInLeadership,
          principalKnewAt: principalFiles ? asOf : null,
          openedAt: asOf,
        })
        .returning({ id: cases.id });
      const [report] = await tx
        .insert(reports)
        .values({
          schoolId: body.schoolId,
          pupilId: body.pupilId,
          caseId: kase!.id,
          filedById: caller.personId,
          reporterKind: reporterKindOf(caller.kind),
          basis: body.basis,
          category: body.category,
          intervened: body.intervened,
          intervention: body.intervention ?? null,
          serious: body.serious,
          concernsEmployee: body.concernsEmployee,
          accusedPersonId: body.concernsEmployee ? (body.accusedPersonId ?? null) : null,
          description: body.description,
          filedAt: now,
          occurredAt,
          asOf,
          ...(principalFiles ? { registeredAt: asOf, registeredById: caller.personId } : {}),
        })
        .returning({ id: reports.id });
      await appendTimeline(tx, {
        caseId: kase!.id,
        at: asOf,
        actorId: caller.personId,
        kind: 'report_filed',
        payload: {
          reportId: report!.id,
          basis: body.basis,
          category: body.category,
          serious: body.serious,
          concernsEmployee: body.concernsEmployee,
          intervened: body.intervened,
        },
      });
      if (principalFiles) {
        await appendTimeline(tx, { caseId: kase!.id, at: asOf, actorId: caller.personId, kind: 'acknowledged', payload: {} });
        await appendTimeline(tx, { caseId: kase!.id, at: asOf, actorId: caller.personId, kind: 'principal_knew', payload: {} });
      }
      await syncCaseDeadlines(tx, kase!.id, toInstant(now));
      await notifyNewReport(tx, report!.id, toInstant(now));
      await audit(tx, c, now, {
        action: 'report.file',
        entityType: 'case',
        entityId: kase!.id,
        schoolId: body.schoolId,
        details: { reportId: report!.id, section12_5: body.concernsEmployee },
      });
      return { caseId: kase!.id, number };
    });
    return created;
  }
}
