// `npm start` on an empty database: a small municipality with two schools, 300 pupils and a
// case in every state, written through the same writes the API makes (report + case with its
// case number, a timeline entry per transition, then the deadline engine at `now`), so the
// deadlines, reminders and escalations a newcomer sees are the engine's own.
import {
  appendAuditEntry,
  appendTimeline,
  cases,
  nextCaseNumber,
  nonSchoolDays,
  people,
  pupils,
  recordDelayReason,
  reports,
  roles,
  schoolOwners,
  schools,
  type Db,
  type NewTimelineEntry,
} from '@trygg/db';
import { OSLO, isInLeadership, type RoleGrant } from '@trygg/domain';
import { createOwnerNotice, loadSchoolContext, notifyNewReport, syncCaseDeadlines } from '@trygg/scheduling';
import { count, eq, sql } from 'drizzle-orm';
import type { Temporal } from 'temporal-polyfill';
import { demoScenarios, statusOf, type Scenario, type ScenarioStatus } from './scenarios';
import { describeDemo, type DemoSummary } from './summary';
import {
  DIGEST_RECIPIENTS,
  OWNER,
  PEOPLE,
  SCHOOLS,
  SECOND_CONTACT,
  demoPupils,
  nonSchoolDates,
  type PupilDef,
  type SchoolKey,
} from './world';

export type { DemoSummary } from './summary';
export { formatDemoSummary } from './summary';

const toDate = (i: Temporal.Instant) => new Date(i.epochMilliseconds);
const osloYear = (i: Temporal.Instant) => i.toZonedDateTimeISO(OSLO).year;

export interface SeededCase {
  key: string;
  caseId: string;
  reportId: string;
  number: string;
  school: string;
  status: ScenarioStatus;
  label: string;
}

/**
 * Fills an empty database with the demo world, relative to `now`. Does nothing (and says so in
 * the summary) when the database already has a school owner: `npm start` calls this on every
 * start, and a database someone has used must never get demo data mixed in. All or nothing:
 * one transaction, serialised by an advisory lock so that two starts at once seed once.
 */
export async function seedDemo(db: Db, now: Temporal.Instant): Promise<DemoSummary> {
  const seeded = await db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended('trygg.demo-seed', 0))`);
    const [owners] = await tx.select({ n: count() }).from(schoolOwners);
    if ((owners?.n ?? 0) > 0) return null;
    return writeWorld(tx, now);
  });
  return describeDemo(db, now, seeded);
}

async function writeWorld(db: Db, now: Temporal.Instant): Promise<SeededCase[]> {
  // People first: the owner row points at its digest recipients and second contact.
  const personRows = await db
    .insert(people)
    .values(PEOPLE.map((p) => ({ name: p.name, email: p.email, kind: p.kind })))
    .returning({ id: people.id, email: people.email });
  const personId = new Map(PEOPLE.map((p) => [p.key, personRows.find((r) => r.email === p.email)!.id]));
  const idOf = (key: string) => {
    const id = personId.get(key);
    if (!id) throw new Error(`demo: unknown person ${key}`);
    return id;
  };

  const [owner] = await db
    .insert(schoolOwners)
    .values({
      name: OWNER.name,
      language: OWNER.language,
      digestRecipientIds: DIGEST_RECIPIENTS.map(idOf),
      secondContactId: idOf(SECOND_CONTACT),
    })
    .returning({ id: schoolOwners.id });
  const ownerId = owner!.id;

  const schoolId = new Map<SchoolKey, string>();
  for (const key of Object.keys(SCHOOLS) as SchoolKey[]) {
    const [row] = await db.insert(schools).values({ ownerId, name: SCHOOLS[key].name }).returning({ id: schools.id });
    schoolId.set(key, row!.id);
  }
  const schoolOf = (key: SchoolKey) => schoolId.get(key)!;

  await db.insert(nonSchoolDays).values(nonSchoolDates().map((d) => ({ ownerId, ...d })));

  await db.insert(roles).values(
    PEOPLE.flatMap((p): (typeof roles.$inferInsert)[] => {
      if (p.role === 'second_contact') return [];
      if (p.role === 'owner') return [{ personId: idOf(p.key), role: 'owner' as const, ownerId }];
      if (p.role === 'admin') return [{ personId: idOf(p.key), role: 'admin' as const }];
      return [{ personId: idOf(p.key), role: p.role, schoolId: schoolOf(p.school!) }];
    }),
  );

  const pupilDefs = demoPupils();
  const pupilRows = await db
    .insert(pupils)
    .values(
      pupilDefs.map((p) => ({
        schoolId: schoolOf(p.school),
        name: p.name,
        initials: p.initials,
        birthYear: p.birthYear,
        contactTeacherId: idOf(p.contactTeacher),
        heightenedAttention: p.heightenedAttention,
      })),
    )
    .returning({ id: pupils.id, schoolId: pupils.schoolId, name: pupils.name });
  // Names are unique within a school (world.ts), so (school, name) finds each row.
  const pupilIdOf = (p: PupilDef) => pupilRows.find((r) => r.schoolId === schoolOf(p.school) && r.name === p.name)!.id;

  // Both schools follow the owner's calendar; the scenarios count school days in it.
  const context = await loadSchoolContext(db, schoolOf('bjorkly'));
  if (!context) throw new Error('demo: the school just written is missing');
  const scenarios = demoScenarios(now, context.calendar).sort((a, b) => a.report.at.epochMilliseconds - b.report.at.epochMilliseconds);

  // One pupil per case, the same every time: the first unused pupil of the grade.
  const used = new Set<PupilDef>();
  const pupilFor = (s: Scenario): PupilDef => {
    const wanted = s.pupil.heightenedAttention ?? false;
    const found = pupilDefs.find((p) => p.school === s.school && p.grade === s.pupil.grade && p.heightenedAttention === wanted && !used.has(p));
    if (!found) throw new Error(`demo: no pupil left for ${s.key}`);
    used.add(found);
    return found;
  };

  const seeded: SeededCase[] = [];
  for (const s of scenarios) {
    const pupil = pupilFor(s);
    seeded.push(await writeCase(db, s, { schoolId: schoolOf(s.school), pupilId: pupilIdOf(pupil), idOf }));
  }

  // The deadline engine at `now`, as after every API write: deadlines, reminders and
  // escalations — steps already past are sent at once (each recipient only the latest).
  for (const c of seeded) {
    const s = scenarios.find((x) => x.key === c.key)!;
    // § 12-4: the principal's notice to the owner about a serious case; goes at once.
    if (s.ownerNotified) await createOwnerNotice(db, c.caseId, 'serious', now);
    await syncCaseDeadlines(db, c.caseId, now);
    if (s.started?.delayReason) {
      // "snarast": a late start is justified in writing, on the deadline and in the timeline.
      await recordDelayReason(db, `case-${c.caseId}.investigation_start`, s.started.delayReason, idOf(s.started.by), toDate(s.started.at));
    }
    if (s.fresh) await notifyNewReport(db, c.reportId, now);
  }

  await appendAuditEntry(db, {
    at: toDate(now),
    actorId: null,
    action: 'demo.seed',
    entityType: 'database',
    details: { owner: OWNER.name, schools: Object.keys(SCHOOLS).length, pupils: pupilDefs.length, cases: seeded.length },
  });
  return seeded;
}

async function writeCase(
  db: Db,
  s: Scenario,
  ctx: { schoolId: string; pupilId: string; idOf: (key: string) => string },
): Promise<SeededCase> {
  const { idOf } = ctx;
  const accusedId = s.report.accused ? idOf(s.report.accused) : null;
  // § 12-5 second sentence: is the accused in the school's leadership (principal or leader)?
  let accusedInLeadership = false;
  if (accusedId) {
    const grants = await db.select({ role: roles.role, schoolId: roles.schoolId }).from(roles).where(eq(roles.personId, accusedId));
    accusedInLeadership = isInLeadership(
      grants.filter((g): g is RoleGrant => g.schoolId !== null),
      ctx.schoolId,
    );
  }
  const status = statusOf(s);
  const number = await nextCaseNumber(db, ctx.schoolId, osloYear(s.report.at));
  const [kase] = await db
    .insert(cases)
    .values({
      schoolId: ctx.schoolId,
      pupilId: ctx.pupilId,
      number,
      status,
      caseLeaderId: s.delegated ? idOf(s.delegated.to) : null,
      serious: s.markedSerious !== undefined,
      seriousMarkedAt: s.markedSerious ? toDate(s.markedSerious.at) : null,
      concernsEmployee: accusedId !== null,
      accusedPersonId: accusedId,
      accusedInLeadership,
      principalKnewAt: s.principalKnew ? toDate(s.principalKnew.at) : null,
      openedAt: toDate(s.report.at),
      investigationStartedAt: s.started ? toDate(s.started.at) : null,
      investigationConcludedAt: s.concluded ? toDate(s.concluded.at) : null,
      closedAt: s.closed ? toDate(s.closed.at) : null,
    })
    .returning({ id: cases.id });
  const caseId = kase!.id;
  const reporter = PEOPLE_BY_KEY.get(s.report.by)!;
  const [report] = await db
    .insert(reports)
    .values({
      schoolId: ctx.schoolId,
      pupilId: ctx.pupilId,
      caseId,
      filedById: idOf(s.report.by),
      reporterKind: reporter.kind === 'sfo_aks' || reporter.kind === 'homework_help' ? reporter.kind : 'staff',
      basis: s.report.basis,
      category: s.report.category,
      intervened: s.report.intervention !== undefined,
      intervention: s.report.intervention ?? null,
      serious: s.report.serious ?? false,
      concernsEmployee: accusedId !== null,
      accusedPersonId: accusedId,
      description: s.report.description,
      filedAt: toDate(s.report.at),
      asOf: toDate(s.report.at),
      registeredAt: s.acknowledged ? toDate(s.acknowledged.at) : null,
      registeredById: s.acknowledged ? idOf(s.acknowledged.by) : null,
    })
    .returning({ id: reports.id });
  const reportId = report!.id;

  // Every transition, with who and when (DOMAIN.md "Case lifecycle"), in time order.
  const entries: Omit<NewTimelineEntry, 'caseId'>[] = [];
  const add = (act: { by: string; at: Temporal.Instant }, kind: string, payload: Record<string, unknown> = {}) =>
    entries.push({ at: toDate(act.at), actorId: idOf(act.by), kind, payload });
  add(s.report, 'report_filed', {
    reportId,
    basis: s.report.basis,
    category: s.report.category,
    serious: s.report.serious ?? false,
    concernsEmployee: accusedId !== null,
    intervened: s.report.intervention !== undefined,
  });
  if (s.acknowledged) add(s.acknowledged, 'acknowledged');
  if (s.principalKnew) add(s.principalKnew, 'principal_knew', { how: s.principalKnew.how });
  if (s.delegated) add(s.delegated, 'delegated', { leaderId: idOf(s.delegated.to) });
  if (s.markedSerious) add(s.markedSerious, 'marked_serious');
  if (s.ownerNotified) add(s.ownerNotified, 'owner_notified', { about: 'serious' });
  if (s.started) {
    if (s.started.delayReason) add(s.started, 'delay_reason', { deadlineKind: 'investigation_start', reason: s.started.delayReason });
    add(s.started, 'investigation_started');
  }
  if (s.concluded) {
    add(s.concluded, 'investigation_concluded', {
      measuresNeeded: s.concluded.measuresNeeded,
      conclusion: s.concluded.conclusion,
      // § 10-2 the pupil is heard; § 10-1 the child's best is assessed.
      pupilHeard: true,
      bestInterestAssessed: true,
    });
  }
  if (s.closed) add(s.closed, 'closed', { reason: s.closed.reason, pupilSituationSafe: true });
  entries.sort((a, b) => a.at.getTime() - b.at.getTime());
  for (const entry of entries) await appendTimeline(db, { caseId, ...entry });

  return { key: s.key, caseId, reportId, number, school: SCHOOLS[s.school].name, status, label: s.label };
}

const PEOPLE_BY_KEY = new Map(PEOPLE.map((p) => [p.key, p]));
