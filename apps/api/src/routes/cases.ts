// Reading and moving cases. Every action is one transaction: the case row is locked
// (SELECT … FOR UPDATE, so two principals clicking at once cannot both start the
// investigation), the caller is authorised, libs/domain decides whether the step is allowed,
// the row and the timeline are written, and the deadlines are recomputed before commit.
//
// Visibility is libs/domain's caseAccess. Whoever may not see a case gets 404, never 403: a
// person with no role at the school — or the accused, or the leadership in a § 12-5 case
// about one of its own — must not even learn that the case exists.
import { runCaseAction } from './case-action';
import { createRoute } from '@hono/zod-openapi';
import { and, asc, eq, exists, inArray, isNotNull, lte, not, sql, type SQL } from 'drizzle-orm';
import {
  appendTimeline,
  caseTimeline,
  cases,
  deadlines,
  deadlinesOfCase,
  insertInvestigationConclusion,
  investigationRoundFacts,
  notifications,
  pupils,
  recordDelayReason,
  reports,
  roles,
  schools,
  type Db,
} from '@trygg/db';
import {
  caseAccess,
  transition,
  type CaseAccess,
  type CaseAccessFacts,
  type CaseAction,
  type CaseState,
  type TransitionContext,
} from '@trygg/domain';
import {
  caseIdParam,
  caseList,
  caseListQuery,
  caseView,
  closeCase,
  concludeInvestigation,
  deadlineParam,
  delayReason,
  delegateCase,
  fullCaseView as fullCaseViewSchema,
  ownerNotice,
  reopenCase,
  startInvestigation,
  atInput,
  type CaseListItem,
  type FullCaseView,
} from '@trygg/contracts';
import { hasRoleAt, type Caller } from '../caller';
import { audit, callerOf, errors, jsonBody, jsonContent, type Api, type Ctx, type RouteDeps } from '../context';
import { accessFactsOf, deadlineState, fullCaseView, getCaseRow, type CaseRow } from '../case-data';
import { NoOwnerContactError, createOwnerNotice } from '../engine';
import { ApiError, invalidField, notFound } from '../errors';
import { measureOwnersByCase, ownMeasuresOf } from '../own-measures';
import { eventInstant, iso, isoOrNull, toInstant } from '../time';

const CASE_NOT_FOUND = () => notFound('saken');

const leadershipBarred = (f: CaseAccessFacts) => f.section12_5 && f.accusedInLeadership;

/**
 * Who may act on a case. `principal`: what only the head of the school does (register the
 * report, record when they knew, delegate, notify the owner). `lead`: also the leader the case
 * is delegated to. In a § 12-5 case about the leadership the owner takes the principal's place.
 */
export function mayAct(caller: Caller, row: CaseRow, facts: CaseAccessFacts, who: 'principal' | 'lead'): boolean {
  if (leadershipBarred(facts)) return hasRoleAt(caller, row.schoolId, 'owner');
  if (hasRoleAt(caller, row.schoolId, 'principal')) return true;
  return who === 'lead' && row.caseLeaderId === caller.personId && hasRoleAt(caller, row.schoolId, 'leader');
}

export const WHO_MESSAGE = {
  principal: 'Bare rektor kan gjøre dette. I en § 12-5-sak om skolens ledelse er det skoleeieren.',
  lead: 'Bare rektor eller lederen saken er delegert til, kan gjøre dette. I en § 12-5-sak om skolens ledelse er det skoleeieren.',
} as const;

/** The domain said no: 422 when only a written reason is missing, else 409 with the domain's words. */
export function refuse(result: { code: string; message: string }): never {
  if (result.code === 'DELAY_REASON_REQUIRED') {
    throw new ApiError(
      'DELAY_REASON_REQUIRED',
      result.message,
      [{ field: 'delayReason', code: result.code, message: result.message }],
      result.code,
    );
  }
  throw new ApiError('TRANSITION_REFUSED', result.message, undefined, result.code);
}

export function step(state: CaseState, action: CaseAction, ctx: TransitionContext = {}) {
  const result = transition(state, action, ctx);
  if (!result.ok) refuse(result);
  return result;
}

const CASE_CLOSED = { code: 'CASE_CLOSED', message: 'Saken er avsluttet. Gjenåpne saken før du gjør dette.' };

interface ActionScope {
  tx: Db;
  row: CaseRow;
  facts: CaseAccessFacts;
  state: CaseState;
  caller: Caller;
  now: Date;
}

export function registerCaseRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  /** Loads the case (locked), checks visibility (404) and the role (403), runs `act`, recomputes deadlines. */
  async function runAction(
    c: Ctx,
    name: string,
    who: 'principal' | 'lead',
    act: (s: ActionScope) => Promise<Record<string, unknown> | void>,
  ): Promise<FullCaseView> {
    const { view } = await runCaseAction(deps, c, name, who, async (scope) => {
      const details = await act(scope);
      return details ? { result: undefined, details } : { result: undefined };
    });
    return view;
  }

  const actionResponses = {
    200: jsonContent(fullCaseViewSchema, 'Utført; saken slik den er nå'),
    400: errors[400],
    401: errors[401],
    403: errors[403],
    404: errors[404],
    409: errors[409],
    415: errors[415],
  };

  const actionRoute = <P extends string, R extends object = object>(path: P, summary: string, request?: R, delayReasonMayBeAsked = false) =>
    createRoute({
      method: 'post',
      path,
      tags: ['Saker'],
      summary,
      request: { params: caseIdParam, ...(request as R) },
      responses: delayReasonMayBeAsked ? { ...actionResponses, 422: errors[422] } : actionResponses,
    });

  // ---- read ----
  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases/{id}',
      tags: ['Saker'],
      summary: 'Én sak: saken, fristene med tilstand, tidslinjen (den som meldte: bare nummer og status; den som gjennomfører et tiltak: også egne tiltak)',
      request: { params: caseIdParam },
      responses: { 200: jsonContent(caseView, 'Saken'), 400: errors[400], 401: errors[401], 404: errors[404] },
    }),
    async (c) => {
      const caller = callerOf(c);
      const { id } = c.req.valid('param');
      const now = deps.clock();
      const row = await getCaseRow(db, id);
      const facts = row ? await accessFactsOf(db, row) : undefined;
      const access: CaseAccess = row && facts ? caseAccess(caller.personId, facts, caller.grants) : 'none';
      if (!row || (access !== 'case' && access !== 'own_part')) {
        await audit(db, c, now, { action: 'case.read.refused', entityType: 'case', entityId: id });
        throw CASE_NOT_FOUND();
      }
      if (access === 'own_part') {
        const limited = { access: 'own_part' as const, id: row.id, number: row.number, status: row.status };
        // A measure owner also sees their own measures (and the pupil's initials); a reporter who
        // carries out none sees number and status only.
        const ownMeasures = facts?.measureResponsibleIds.includes(caller.personId)
          ? await ownMeasuresOf(db, row, caller.personId, now)
          : null;
        await audit(db, c, now, {
          action: 'case.read',
          entityType: 'case',
          entityId: id,
          schoolId: row.schoolId,
          details: { access, ...(ownMeasures ? { measureIds: ownMeasures.map((m) => m.id) } : {}) },
        });
        if (!ownMeasures) return c.json(limited, 200);
        const [pupil] = await db.select({ initials: pupils.initials }).from(pupils).where(eq(pupils.id, row.pupilId));
        return c.json({ ...limited, pupilInitials: pupil?.initials ?? '', ownMeasures }, 200);
      }
      await audit(db, c, now, { action: 'case.read', entityType: 'case', entityId: id, schoolId: row.schoolId, details: { access } });
      return c.json(await fullCaseView(db, row, now), 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/cases',
      tags: ['Saker'],
      summary: 'Sakene du kan se, sortert etter neste frist',
      description:
        'Rektor: alle saker ved skolen (unntatt § 12-5-saker om ledelsen). Leder: saker delegert til deg. Ansatte: saker fra egne ' +
        'meldinger og saker der du gjennomfører et tiltak (bare nummer og status; tiltakene dine: GET /api/my-measures). Skoleeier: alvorlige saker, § 12-5-saker og saker skoleeieren er varslet om.',
      request: { query: caseListQuery },
      responses: { 200: jsonContent(caseList, 'Saker'), 400: errors[400], 401: errors[401] },
    }),
    async (c) => {
      const caller = callerOf(c);
      const q = c.req.valid('query');
      const now = deps.clock();
      let schoolIds = [...new Set(caller.grants.map((g) => g.schoolId))];
      if (q.schoolId) schoolIds = schoolIds.filter((s) => s === q.schoolId);
      const empty = { items: [], page: q.page, pageSize: q.pageSize, total: 0 };
      if (schoolIds.length === 0) return c.json(empty, 200);

      const overdueExists = exists(
        db
          .select({ one: sql`1` })
          .from(deadlines)
          .where(and(eq(deadlines.caseId, cases.id), eq(deadlines.state, 'open'), lte(deadlines.dueAt, now))),
      );
      const conds: SQL[] = [inArray(cases.schoolId, schoolIds)];
      if (q.status) conds.push(eq(cases.status, q.status));
      if (q.serious) conds.push(eq(cases.serious, q.serious === 'true'));
      if (q.section125) conds.push(eq(cases.concernsEmployee, q.section125 === 'true'));
      if (q.leaderId) conds.push(eq(cases.caseLeaderId, q.leaderId));
      if (q.overdue) conds.push(q.overdue === 'true' ? overdueExists : not(overdueExists));
      const rows = await db
        .select({ kase: cases, pupilInitials: pupils.initials, overdue: sql<boolean>`${overdueExists}` })
        .from(cases)
        .innerJoin(pupils, eq(pupils.id, cases.pupilId))
        .where(and(...conds))
        .orderBy(sql`${cases.nextDeadlineAt} asc nulls last`, asc(cases.openedAt), asc(cases.number));

      // The facts caseAccess needs, for all candidate cases at once.
      const reporterRows = await db
        .select({ caseId: reports.caseId, filedById: reports.filedById })
        .from(reports)
        .where(and(inArray(reports.schoolId, schoolIds), isNotNull(reports.caseId)));
      const toldRows = await db
        .selectDistinct({ caseId: notifications.caseId })
        .from(notifications)
        .innerJoin(cases, eq(cases.id, notifications.caseId))
        .innerJoin(schools, eq(schools.id, cases.schoolId))
        .innerJoin(roles, and(eq(roles.personId, notifications.recipientId), eq(roles.role, 'owner'), eq(roles.ownerId, schools.ownerId)))
        .where(and(inArray(cases.schoolId, schoolIds), isNotNull(notifications.sentAt)));
      const told = new Set(toldRows.map((r) => r.caseId));
      // Staff carrying out a measure of the current plan see their own part, as on the case itself.
      const measureOwners = await measureOwnersByCase(db, schoolIds);
      const reportersOf = new Map<string, string[]>();
      for (const r of reporterRows) reportersOf.set(r.caseId!, [...(reportersOf.get(r.caseId!) ?? []), r.filedById]);

      // Filters other than status describe the case file; a reporter sees only number and status.
      const fileFilters = Boolean(q.serious || q.section125 || q.leaderId || q.overdue);
      const visible: CaseListItem[] = [];
      for (const { kase, pupilInitials, overdue } of rows) {
        const facts: CaseAccessFacts = {
          schoolId: kase.schoolId,
          section12_5: kase.concernsEmployee,
          serious: kase.serious,
          ...(kase.accusedPersonId ? { accusedPersonId: kase.accusedPersonId } : {}),
          accusedInLeadership: kase.accusedInLeadership,
          reporterIds: reportersOf.get(kase.id) ?? [],
          measureResponsibleIds: measureOwners.get(kase.id) ?? [],
          delegatedLeaderIds: kase.caseLeaderId ? [kase.caseLeaderId] : [],
          ownerNotified: told.has(kase.id),
        };
        const access = caseAccess(caller.personId, facts, caller.grants);
        if (access === 'case') {
          visible.push({
            access,
            id: kase.id,
            number: kase.number,
            status: kase.status,
            schoolId: kase.schoolId,
            pupilInitials,
            serious: kase.serious,
            section125: kase.concernsEmployee,
            caseLeaderId: kase.caseLeaderId,
            openedAt: iso(kase.openedAt),
            nextDeadlineAt: isoOrNull(kase.nextDeadlineAt),
            overdue: Boolean(overdue),
          });
        } else if (access === 'own_part' && !fileFilters) {
          visible.push({ access, id: kase.id, number: kase.number, status: kase.status });
        }
      }
      const start = (q.page - 1) * q.pageSize;
      const items = visible.slice(start, start + q.pageSize);
      await audit(db, c, now, {
        action: 'case.list',
        entityType: 'case',
        details: { caseIds: items.map((i) => i.id), total: visible.length },
      });
      return c.json({ items, page: q.page, pageSize: q.pageSize, total: visible.length }, 200);
    },
  );

  // ---- actions ----
  app.openapi(actionRoute('/api/cases/{id}/acknowledge', 'Rektor registrerer meldingen'), async (c) => {
    const view = await runAction(c, 'acknowledge', 'principal', async ({ tx, row, state, caller, now }) => {
      step(state, { type: 'acknowledge' });
      await tx
        .update(reports)
        .set({ registeredAt: now, registeredById: caller.personId })
        .where(and(eq(reports.caseId, row.id), sql`${reports.registeredAt} is null`));
      await appendTimeline(tx, { caseId: row.id, at: now, actorId: caller.personId, kind: 'acknowledged', payload: {} });
    });
    return c.json(view, 200);
  });

  app.openapi(
    actionRoute('/api/cases/{id}/principal-knows', 'Rektor fikk personlig vite om saken (§ 12-6 teller fra da)', jsonBody(atInput, false)),
    async (c) => {
      const body = c.req.valid('json');
      const view = await runAction(c, 'principal_knows', 'principal', async ({ tx, row, caller, now }) => {
        const at = eventInstant(body.at, 'at', now);
        if (row.principalKnewAt) throw new ApiError('CONFLICT', 'Det er allerede registrert når rektor fikk vite om saken.');
        await tx.update(cases).set({ principalKnewAt: at, updatedAt: now }).where(eq(cases.id, row.id));
        await appendTimeline(tx, { caseId: row.id, at, actorId: caller.personId, kind: 'principal_knew', payload: {} });
        return { at: at.toISOString() };
      });
      return c.json(view, 200);
    },
  );

  app.openapi(actionRoute('/api/cases/{id}/delegate', 'Deleger saken til en leder ved skolen', jsonBody(delegateCase)), async (c) => {
    const { leaderId } = c.req.valid('json');
    const view = await runAction(c, 'delegate', 'principal', async ({ tx, row, facts, caller, now }) => {
      if (row.status === 'closed') refuse(CASE_CLOSED);
      if (leadershipBarred(facts)) {
        throw invalidField('leaderId', 'Saken gjelder noen i skolens ledelse og kan ikke delegeres til ledelsen (opplæringsloven § 12-5).');
      }
      if (leaderId === row.accusedPersonId) throw invalidField('leaderId', 'Saken kan ikke delegeres til den saken gjelder.');
      const [leader] = await tx
        .select({ id: roles.id })
        .from(roles)
        .where(and(eq(roles.personId, leaderId), eq(roles.schoolId, row.schoolId), eq(roles.role, 'leader')))
        .limit(1);
      if (!leader) throw invalidField('leaderId', 'Personen er ikke leder ved denne skolen.');
      await tx.update(cases).set({ caseLeaderId: leaderId, updatedAt: now }).where(eq(cases.id, row.id));
      await appendTimeline(tx, { caseId: row.id, at: now, actorId: caller.personId, kind: 'delegated', payload: { leaderId } });
      return { leaderId };
    });
    return c.json(view, 200);
  });

  app.openapi(
    actionRoute(
      '/api/cases/{id}/start-investigation',
      'Start undersøkelsen (etter fristen: skriv hvorfor)',
      jsonBody(startInvestigation, false),
      true,
    ),
    async (c) => {
      const body = c.req.valid('json');
      const view = await runAction(c, 'start_investigation', 'lead', async ({ tx, row, state, caller, now }) => {
        const at = eventInstant(body.at, 'at', now);
        if (at < row.openedAt) throw invalidField('at', 'Undersøkelsen kan ikke starte før saken ble meldt.');
        const deadline = (await deadlinesOfCase(tx, row.id)).find((d) => d.kind === 'investigation_start');
        // "snarast" (§ 12-4): a start after the deadline must be justified in writing.
        const result = step(
          state,
          { type: 'start_investigation', ...(body.delayReason ? { delayReason: body.delayReason } : {}) },
          {
            deadlinePassed: deadline !== undefined && deadline.dueAt < at,
          },
        );
        await tx.update(cases).set({ status: result.next.status, investigationStartedAt: at, updatedAt: now }).where(eq(cases.id, row.id));
        // Starting the investigation is the strongest registration of the report.
        await tx
          .update(reports)
          .set({ registeredAt: at, registeredById: caller.personId })
          .where(and(eq(reports.caseId, row.id), sql`${reports.registeredAt} is null`));
        if (result.delayReason && deadline) await recordDelayReason(tx, deadline.key, result.delayReason, caller.personId, now);
        await appendTimeline(tx, {
          caseId: row.id,
          at,
          actorId: caller.personId,
          kind: 'investigation_started',
          payload: result.delayReason ? { delayReason: result.delayReason } : {},
        });
        return { at: at.toISOString(), late: Boolean(result.delayReason) };
      });
      return c.json(view, 200);
    },
  );

  app.openapi(
    actionRoute(
      '/api/cases/{id}/conclude-investigation',
      'Avslutt undersøkelsen (eleven må være hørt og barnets beste vurdert — leses fra undersøkelsen)',
      jsonBody(concludeInvestigation),
      true,
    ),
    async (c) => {
      const body = c.req.valid('json');
      const view = await runAction(c, 'conclude_investigation', 'lead', async ({ tx, row, state, caller, now }) => {
        const at = eventInstant(body.at, 'at', now);
        if (row.investigationStartedAt && at < row.investigationStartedAt) {
          throw invalidField('at', 'Undersøkelsen kan ikke avsluttes før den startet.');
        }
        const deadline = (await deadlinesOfCase(tx, row.id)).find((d) => d.kind === 'investigation_conclude');
        // § 10-2 and § 10-1 are read from the record of this investigation round (a conversation
        // with the pupil, a child's-best assessment), never from what the request claims.
        const round = await investigationRoundFacts(tx, row.id, row.investigationStartedAt ?? row.openedAt);
        const result = step(
          state,
          { type: 'conclude_investigation', ...(body.delayReason ? { delayReason: body.delayReason } : {}) },
          {
            deadlinePassed: deadline !== undefined && deadline.dueAt < at,
            pupilHeard: round.pupilHeard,
            bestInterestAssessed: round.bestInterestAssessed,
          },
        );
        await tx
          .update(cases)
          .set({ investigationConcludedAt: at, investigationMeasuresNeeded: body.measuresNeeded, updatedAt: now })
          .where(eq(cases.id, row.id));
        const conclusion = await insertInvestigationConclusion(tx, {
          caseId: row.id,
          measuresNeeded: body.measuresNeeded,
          reasoning: body.conclusion,
          concludedAt: at,
          recordedById: caller.personId,
          recordedAt: now,
        });
        if (result.delayReason && deadline) await recordDelayReason(tx, deadline.key, result.delayReason, caller.personId, now);
        await appendTimeline(tx, {
          caseId: row.id,
          at,
          actorId: caller.personId,
          kind: 'investigation_concluded',
          payload: {
            conclusionId: conclusion.id,
            measuresNeeded: body.measuresNeeded,
            conclusion: body.conclusion,
            ...(result.delayReason ? { delayReason: result.delayReason } : {}),
          },
        });
        return { at: at.toISOString(), measuresNeeded: body.measuresNeeded };
      });
      return c.json(view, 200);
    },
  );

  app.openapi(actionRoute('/api/cases/{id}/serious', 'Marker saken som alvorlig (rektor må varsle skoleeieren)'), async (c) => {
    const view = await runAction(c, 'mark_serious', 'lead', async ({ tx, row, state, caller, now }) => {
      step(state, { type: 'mark_serious' });
      await tx.update(cases).set({ serious: true, seriousMarkedAt: now, updatedAt: now }).where(eq(cases.id, row.id));
      await appendTimeline(tx, { caseId: row.id, at: now, actorId: caller.personId, kind: 'marked_serious', payload: {} });
    });
    return c.json(view, 200);
  });

  app.openapi(
    actionRoute('/api/cases/{id}/owner-notice', 'Rektor varsler skoleeieren (alvorlig sak eller § 12-5)', jsonBody(ownerNotice, false)),
    async (c) => {
      const body = c.req.valid('json');
      const view = await runAction(c, 'owner_notice', 'principal', async ({ tx, row, facts, caller, now }) => {
        if (row.status === 'closed') refuse(CASE_CLOSED);
        if (leadershipBarred(facts)) {
          throw new ApiError(
            'CONFLICT',
            'Skoleeieren har fått saken direkte, fordi den gjelder noen i skolens ledelse (opplæringsloven § 12-5).',
          );
        }
        const about = body.about ?? (row.concernsEmployee ? 's12_5' : 'serious');
        if (about === 's12_5' && !row.concernsEmployee) {
          throw invalidField('about', 'Saken gjelder ikke en ansatt (§ 12-5).');
        }
        if (about === 'serious' && !row.serious) {
          throw new ApiError(
            'CONFLICT',
            'Saken er ikke markert som alvorlig. Marker den som alvorlig først; skoleeieren varsles om alvorlige saker og § 12-5-saker.',
          );
        }
        const [sent] = await tx
          .select({ id: caseTimeline.id })
          .from(caseTimeline)
          .where(
            and(
              eq(caseTimeline.caseId, row.id),
              eq(caseTimeline.kind, 'owner_notice_sent'),
              sql`${caseTimeline.payload}->>'about' = ${about}`,
            ),
          )
          .limit(1);
        if (sent) throw new ApiError('CONFLICT', 'Skoleeieren er allerede varslet om saken.');
        try {
          await createOwnerNotice(tx, row.id, about, toInstant(now));
        } catch (error) {
          if (error instanceof NoOwnerContactError) throw new ApiError('CONFLICT', `${error.message} Kontakt administrator.`);
          throw error;
        }
        await appendTimeline(tx, { caseId: row.id, at: now, actorId: caller.personId, kind: 'owner_notice_sent', payload: { about } });
        return { about };
      });
      return c.json(view, 200);
    },
  );

  app.openapi(
    actionRoute('/api/cases/{id}/close', 'Avslutt saken (bare når eleven har det trygt og godt)', jsonBody(closeCase)),
    async (c) => {
      const body = c.req.valid('json');
      const view = await runAction(c, 'close', 'lead', async ({ tx, row, state, caller, now }) => {
        step(state, { type: 'close' }, { situationSafe: body.pupilSituationSafe });
        await tx.update(cases).set({ status: 'closed', closedAt: now, updatedAt: now }).where(eq(cases.id, row.id));
        await appendTimeline(tx, { caseId: row.id, at: now, actorId: caller.personId, kind: 'closed', payload: { reason: body.reason } });
      });
      return c.json(view, 200);
    },
  );

  app.openapi(actionRoute('/api/cases/{id}/reopen', 'Gjenåpne saken', jsonBody(reopenCase)), async (c) => {
    const body = c.req.valid('json');
    const view = await runAction(c, 'reopen', 'lead', async ({ tx, row, state, caller, now }) => {
      const result = step(state, { type: 'reopen', reason: body.reason });
      // Without a plan the case goes back to a new investigation round: the pupil is heard again.
      const newRound = result.next.status === 'investigating' && !result.next.investigationConcluded;
      await tx
        .update(cases)
        .set({
          status: result.next.status,
          closedAt: null,
          ...(newRound ? { investigationStartedAt: now, investigationConcludedAt: null, investigationMeasuresNeeded: null } : {}),
          updatedAt: now,
        })
        .where(eq(cases.id, row.id));
      await appendTimeline(tx, { caseId: row.id, at: now, actorId: caller.personId, kind: 'reopened', payload: { reason: body.reason } });
      return { to: result.next.status };
    });
    return c.json(view, 200);
  });

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/cases/{id}/deadlines/{key}/delay-reason',
      tags: ['Saker'],
      summary: 'Skriv hvorfor en frist ble oversittet',
      request: { params: deadlineParam, ...jsonBody(delayReason) },
      responses: actionResponses,
    }),
    async (c) => {
      const { key } = c.req.valid('param');
      const { reason } = c.req.valid('json');
      const view = await runAction(c, 'delay_reason', 'lead', async ({ tx, row, caller, now }) => {
        const [deadline] = await tx
          .select()
          .from(deadlines)
          .where(and(eq(deadlines.key, key), eq(deadlines.caseId, row.id)));
        if (!deadline) throw notFound('fristen');
        const state = deadlineState(deadline, now);
        if (state !== 'missed' && state !== 'met_late') {
          throw new ApiError('CONFLICT', 'Fristen er ikke oversittet, så det trengs ingen begrunnelse.');
        }
        await recordDelayReason(tx, key, reason, caller.personId, now);
        await appendTimeline(tx, {
          caseId: row.id,
          at: now,
          actorId: caller.personId,
          kind: 'delay_reason_recorded',
          payload: { deadlineKey: key, deadlineKind: deadline.kind, reason },
        });
        return { deadlineKey: key };
      });
      return c.json(view, 200);
    },
  );
}
