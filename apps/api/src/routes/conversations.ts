// § 12-4 (1) "følgje med": the half-yearly pupil conversation. Recording one meets the pupil's
// deadline for the half-year (the contact teacher's next reminder lists one pupil fewer). An
// answer "no" to "does the pupil feel safe and well at school?" files a report in the same
// transaction — the pupil's own experience decides (§ 12-2), no further evidence is asked for —
// with its case, deadlines and the principal's notice, exactly as POST /api/reports does.
import { createRoute } from '@hono/zod-openapi';
import { alias } from 'drizzle-orm/pg-core';
import { and, asc, eq, type SQL } from 'drizzle-orm';
import { appendTimeline, cases, nextCaseNumber, people, pupilConversations, pupils, reports, schools } from '@trygg/db';
import {
  conversationList,
  conversationListQuery,
  conversationRecorded,
  pupilIdParam,
  recordConversation,
  schoolIdParam,
  type ConversationView,
} from '@trygg/contracts';
import { conversationDue, parseTermId, syncPupilConversations, termId, termOf } from '@trygg/scheduling';
import { hasRoleAt, worksAt } from '../caller';
import { audit, callerOf, errors, jsonBody, jsonContent, type Api, type RouteDeps } from '../context';
import { enqueueCaseNotifications, notifyNewReport, syncCaseDeadlines } from '../engine';
import { enqueueNotificationRows } from '../conversation-jobs';
import { ApiError, forbidden, sqlState } from '../errors';
import { eventInstant, iso, osloYear, toInstant } from '../time';

/** The report an answer "no" files: this sentence and nothing more (the note stays with the conversation). */
export const CONVERSATION_REPORT_DESCRIPTION = 'Eleven svarte nei på om hen har det trygt og godt på skolen i elevsamtalen.';

const TERM_NAME = { autumn: 'høsthalvåret', spring: 'vårhalvåret' } as const;
const reporterKindOf = (kind: string) => (kind === 'sfo_aks' || kind === 'homework_help' ? kind : 'staff');

type ConversationRow = typeof pupilConversations.$inferSelect;
const conversationJson = (r: ConversationRow): ConversationView => ({
  id: r.id,
  pupilId: r.pupilId,
  schoolId: r.schoolId,
  term: `${r.termYear}-${r.termHalf}`,
  heldAt: iso(r.heldAt),
  heldById: r.heldById,
  answer: r.answer,
  note: r.note,
  reportId: r.reportId,
  createdAt: iso(r.createdAt),
});

export function registerConversationRoutes(app: Api, deps: RouteDeps): void {
  const { db } = deps;

  app.openapi(
    createRoute({
      method: 'post',
      path: '/api/pupils/{pupilId}/conversations',
      tags: ['Elevsamtaler'],
      summary: 'Registrer halvårets elevsamtale (kontaktlæreren eller ansatte ved skolen)',
      description:
        'Én samtale per elev og halvår (høst: august–desember, vår: januar–juli; halvåret følger heldAt). Svarer eleven nei på ' +
        'om hen har det trygt og godt på skolen, opprettes en melding (kjennskap) og en sak i samme transaksjon, med frister og ' +
        'varsel til rektor; svaret har da caseId og caseNumber. Notatet vises bare i trygg og sendes aldri på e-post.',
      request: { params: pupilIdParam, ...jsonBody(recordConversation) },
      responses: {
        201: jsonContent(conversationRecorded, 'Samtalen er registrert'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
        409: err409('Samtalen for halvåret er allerede registrert (CONFLICT)'),
        415: errors[415],
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const { pupilId } = c.req.valid('param');
      const body = c.req.valid('json');
      const now = deps.clock();
      try {
        const [pupil] = await db.select().from(pupils).where(eq(pupils.id, pupilId));
        if (!pupil) throw new ApiError('NOT_FOUND', 'Fant ikke eleven.');
        // Staff of the pupil's school only: a contact teacher who moved school (no role left
        // there, the pupil's contact-teacher link not yet cleared) has no access any more.
        if (!worksAt(caller, pupil.schoolId)) {
          throw forbidden('Bare kontaktlæreren og ansatte ved skolen kan registrere elevsamtalen.');
        }
        const heldAt = eventInstant(body.heldAt, 'heldAt', now);
        const term = termOf(toInstant(heldAt));
        const already = `Elevsamtalen for ${TERM_NAME[term.half]} ${term.year} er allerede registrert for denne eleven.`;
        const [existing] = await db
          .select({ id: pupilConversations.id })
          .from(pupilConversations)
          .where(and(eq(pupilConversations.pupilId, pupilId), eq(pupilConversations.termYear, term.year), eq(pupilConversations.termHalf, term.half)));
        if (existing) throw new ApiError('CONFLICT', already);

        const nowInstant = toInstant(now);
        let created;
        try {
          created = await db.transaction(async (tx) => {
            let opened: { caseId: string; caseNumber: string; reportId: string } | undefined;
            if (body.answer === 'no') {
              // As POST /api/reports: a principal who records it knows of it and registers it.
              const principalFiles = hasRoleAt(caller, pupil.schoolId, 'principal');
              const number = await nextCaseNumber(tx, pupil.schoolId, osloYear(heldAt));
              const [kase] = await tx
                .insert(cases)
                .values({
                  schoolId: pupil.schoolId,
                  pupilId,
                  number,
                  status: 'reported',
                  principalKnewAt: principalFiles ? heldAt : null,
                  openedAt: heldAt,
                })
                .returning({ id: cases.id });
              const category = body.category ?? 'other';
              const [report] = await tx
                .insert(reports)
                .values({
                  schoolId: pupil.schoolId,
                  pupilId,
                  caseId: kase!.id,
                  filedById: caller.personId,
                  reporterKind: reporterKindOf(caller.kind),
                  // The pupil said so: that is knowledge (kjennskap), not a suspicion.
                  basis: 'knowledge',
                  category,
                  intervened: false,
                  description: CONVERSATION_REPORT_DESCRIPTION,
                  filedAt: now,
                  asOf: heldAt,
                  ...(principalFiles ? { registeredAt: heldAt, registeredById: caller.personId } : {}),
                })
                .returning({ id: reports.id });
              await appendTimeline(tx, {
                caseId: kase!.id,
                at: heldAt,
                actorId: caller.personId,
                kind: 'report_filed',
                payload: { reportId: report!.id, basis: 'knowledge', category, serious: false, concernsEmployee: false, intervened: false, source: 'pupil_conversation' },
              });
              if (principalFiles) {
                await appendTimeline(tx, { caseId: kase!.id, at: heldAt, actorId: caller.personId, kind: 'acknowledged', payload: {} });
                await appendTimeline(tx, { caseId: kase!.id, at: heldAt, actorId: caller.personId, kind: 'principal_knew', payload: {} });
              }
              opened = { caseId: kase!.id, caseNumber: number, reportId: report!.id };
            }
            const [conversation] = await tx
              .insert(pupilConversations)
              .values({
                schoolId: pupil.schoolId,
                pupilId,
                termYear: term.year,
                termHalf: term.half,
                heldAt,
                heldById: caller.personId,
                answer: body.answer,
                note: body.note ?? null,
                reportId: opened?.reportId ?? null,
              })
              .returning();
            if (opened) {
              await syncCaseDeadlines(tx, opened.caseId, nowInstant);
              await notifyNewReport(tx, opened.reportId, nowInstant);
            }
            const sync = await syncPupilConversations(tx, pupil.schoolId, term, nowInstant);
            await audit(tx, c, now, {
              action: 'pupil_conversation.record',
              entityType: 'pupil_conversation',
              entityId: conversation!.id,
              schoolId: pupil.schoolId,
              details: { pupilId, term: termId(term), answer: body.answer, ...(opened ? { caseId: opened.caseId, reportId: opened.reportId } : {}) },
            });
            return { conversation: conversation!, opened, sync };
          });
        } catch (error) {
          // Two requests for the same pupil at once: the unique key lets one through.
          if (sqlState(error).constraint === 'pupil_conversations_pupil_term_unique') throw new ApiError('CONFLICT', already);
          throw error;
        }

        if (created.opened) await enqueueCaseNotifications(db, deps.jobs, created.opened.caseId, now, deps.log);
        await enqueueNotificationRows(deps.jobs, created.sync.notifications, now, deps.log);
        return c.json(
          {
            conversation: conversationJson(created.conversation),
            ...(created.opened ? { caseId: created.opened.caseId, caseNumber: created.opened.caseNumber } : {}),
          },
          201,
        );
      } catch (error) {
        if (error instanceof ApiError) {
          await audit(db, c, now, { action: 'pupil_conversation.record.refused', entityType: 'pupil', entityId: pupilId, schoolId: null, details: { code: error.code } });
        }
        throw error;
      }
    },
  );

  const teacher = alias(people, 'contact_teacher');
  const holder = alias(people, 'held_by');

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/schools/{schoolId}/conversations',
      tags: ['Elevsamtaler'],
      summary: 'Halvårets elevsamtaler ved skolen (ledere og rektor: alle; kontaktlærere: sine elever)',
      description:
        '`term` er halvåret (2026-autumn, 2027-spring; standard: nå). `status=outstanding` gir elevene som mangler samtale, ' +
        '`held` dem som har hatt den. Tellingene gjelder elevene du kan se, før statusfilteret.',
      request: { params: schoolIdParam, query: conversationListQuery },
      responses: {
        200: jsonContent(conversationList, 'Elevene og samtalene deres'),
        400: errors[400],
        401: errors[401],
        403: errors[403],
        404: errors[404],
      },
    }),
    async (c) => {
      const caller = callerOf(c);
      const { schoolId } = c.req.valid('param');
      const query = c.req.valid('query');
      const now = deps.clock();
      const [school] = await db.select({ id: schools.id }).from(schools).where(eq(schools.id, schoolId));
      if (!school) throw new ApiError('NOT_FOUND', 'Fant ikke skolen.');
      const seesAll = hasRoleAt(caller, schoolId, 'leader', 'principal');
      // Pupil data is confidential: a teacher sees the pupils they are contact teacher for.
      const onlyMine = !seesAll;
      // A contact teacher must still work at the school (a stale contact-teacher link gives nothing).
      if (onlyMine && !worksAt(caller, schoolId)) throw forbidden('Bare ledere, rektor og kontaktlærere ved skolen kan se elevsamtalene.');
      if (onlyMine) {
        const [mine] = await db
          .select({ id: pupils.id })
          .from(pupils)
          .where(and(eq(pupils.schoolId, schoolId), eq(pupils.contactTeacherId, caller.personId)))
          .limit(1);
        if (!mine) throw forbidden('Bare ledere, rektor og kontaktlærere ved skolen kan se elevsamtalene.');
      }
      const term = query.term ? parseTermId(query.term)! : termOf(toInstant(now));
      const due = await conversationDue(db, schoolId, term);

      const where: (SQL | undefined)[] = [eq(pupils.schoolId, schoolId), onlyMine ? eq(pupils.contactTeacherId, caller.personId) : undefined];
      const rows = await db
        .select({ pupil: pupils, teacherName: teacher.name, conversation: pupilConversations, heldByName: holder.name })
        .from(pupils)
        .leftJoin(teacher, eq(teacher.id, pupils.contactTeacherId))
        .leftJoin(
          pupilConversations,
          and(eq(pupilConversations.pupilId, pupils.id), eq(pupilConversations.termYear, term.year), eq(pupilConversations.termHalf, term.half)),
        )
        .leftJoin(holder, eq(holder.id, pupilConversations.heldById))
        .where(and(...where))
        .orderBy(asc(pupils.name), asc(pupils.id));
      const held = rows.filter((r) => r.conversation !== null).length;
      const shown = rows.filter((r) => (query.status === 'held' ? r.conversation !== null : query.status === 'outstanding' ? r.conversation === null : true));
      await audit(db, c, now, {
        action: 'pupil_conversation.list',
        entityType: 'school',
        entityId: schoolId,
        schoolId,
        details: { term: termId(term), status: query.status, count: shown.length },
      });
      return c.json(
        {
          term: termId(term),
          dueDate: due.dueDate.toString(),
          dueAt: iso(new Date(due.dueAt.epochMilliseconds)),
          counts: { pupils: rows.length, held, outstanding: rows.length - held },
          items: shown.map((r) => ({
            pupil: {
              id: r.pupil.id,
              name: r.pupil.name,
              initials: r.pupil.initials,
              birthYear: r.pupil.birthYear,
              className: r.pupil.className,
              heightenedAttention: r.pupil.heightenedAttention,
              contactTeacher: r.pupil.contactTeacherId ? { id: r.pupil.contactTeacherId, name: r.teacherName ?? '' } : null,
            },
            conversation: r.conversation ? { ...conversationJson(r.conversation), heldByName: r.heldByName ?? '' } : null,
          })),
        },
        200,
      );
    },
  );
}

function err409(description: string) {
  return { ...errors[409], description };
}
