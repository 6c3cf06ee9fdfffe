import { caseTimeline, cases, deadlines, notifications, people, pupils, reports, roles, schools, type Db } from '@trygg/db';
import { localDateTimeToInstant } from '@trygg/domain';
import { createTestDatabase, type TestDatabase } from '@trygg/testing';
import { and, asc, eq, inArray, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemo, type DemoSummary } from './seed';
import { FIRST_MINUTES } from './summary';
import { DEMO_PUPIL_COUNT, PEOPLE, nonSchoolDates } from './world';

// A school Tuesday inside the sending window, and a Saturday night outside it.
const TUESDAY = localDateTimeToInstant('2026-11-17T10:00');
const SATURDAY = localDateTimeToInstant('2026-11-21T20:00');
const MONDAY_WINDOW = new Date(localDateTimeToInstant('2026-11-23T07:30').epochMilliseconds);

const pending = () => and(isNull(notifications.sentAt), isNull(notifications.cancelledAt), isNull(notifications.failedPermanentlyAt));
const caseIdsWhere = async (db: Db, predicate: (c: typeof cases.$inferSelect) => boolean) =>
  (await db.select().from(cases)).filter(predicate).map((c) => c.id);
const personId = async (db: Db, email: string) => (await db.select({ id: people.id }).from(people).where(eq(people.email, email)))[0]!.id;

describe('seedDemo on a school Tuesday at 10:00', () => {
  let t: TestDatabase;
  let db: Db;
  let summary: DemoSummary;
  const now = new Date(TUESDAY.epochMilliseconds);
  const soon = new Date(TUESDAY.epochMilliseconds + FIRST_MINUTES * 60_000);

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    summary = await seedDemo(db, TUESDAY);
  });
  afterAll(() => t?.drop());

  it('creates the promised world', async () => {
    expect(summary.seeded).toBe(true);
    expect(summary.counts).toMatchObject({
      owners: 1,
      schools: 2,
      people: PEOPLE.length,
      pupils: DEMO_PUPIL_COUNT,
      nonSchoolDays: nonSchoolDates().length,
      cases: 18,
      reports: 18,
      casesByStatus: { reported: 5, investigating: 10, measures: 0, closed: 3 },
    });
    expect(DEMO_PUPIL_COUNT).toBe(300);
    expect(summary.counts.pupilsWithHeightenedAttention).toBeGreaterThan(5);
    // The counts are the database's, not the seed's intentions.
    expect(await db.$count(pupils)).toBe(300);
    expect(await db.$count(cases)).toBe(18);
    const perSchool = await db.select({ name: schools.name, n: db.$count(pupils, eq(pupils.schoolId, schools.id)) }).from(schools).orderBy(asc(schools.name));
    expect(perSchool).toEqual([
      { name: 'Bjørkly skole', n: 182 },
      { name: 'Fjellstad ungdomsskole', n: 118 },
    ]);
    expect((await db.select().from(pupils)).every((p) => p.contactTeacherId !== null && p.initials.length === 2)).toBe(true);
    // Every role at each school, the owner's officials and an operator.
    const grants = await db.select({ role: roles.role, school: schools.name }).from(roles).leftJoin(schools, eq(schools.id, roles.schoolId));
    for (const school of ['Bjørkly skole', 'Fjellstad ungdomsskole']) {
      for (const role of ['principal', 'leader', 'staff'] as const) {
        expect(grants.some((g) => g.school === school && g.role === role), `${role} at ${school}`).toBe(true);
      }
    }
    expect(grants.filter((g) => g.role === 'owner')).toHaveLength(2);
    expect(grants.filter((g) => g.role === 'admin')).toHaveLength(1);
    expect((await db.select({ email: people.email }).from(people)).every((p) => /(^|[@.])demo\.trygg\.test$/.test(p.email))).toBe(true);
  });

  it('has a case in every state, each transition on the timeline with actor and time', async () => {
    const all = await db.select().from(cases);
    const allReports = await db.select().from(reports);
    const reportOf = (caseId: string) => allReports.find((r) => r.caseId === caseId)!;
    // reported: one minutes ago, unacknowledged ones, one acknowledged but not started
    const reported = all.filter((c) => c.status === 'reported');
    expect(reported.some((c) => now.getTime() - c.openedAt.getTime() < 15 * 60_000 && !c.concernsEmployee)).toBe(true);
    expect(reported.filter((c) => reportOf(c.id).registeredAt === null).length).toBeGreaterThanOrEqual(3);
    expect(reported.some((c) => reportOf(c.id).registeredAt !== null)).toBe(true);
    // investigating, some overdue
    const open = await db.select().from(deadlines).where(and(eq(deadlines.state, 'open')));
    const overdue = open.filter((d) => d.dueAt < now);
    expect(overdue.map((d) => d.kind)).toEqual(
      expect.arrayContaining(['acknowledge_report', 'investigation_start', 'investigation_conclude', 'plan', 'serious_owner_notice', 's12_5_notice', 'enforcement_window']),
    );
    expect(all.some((c) => c.status === 'investigating' && overdue.some((d) => d.caseId === c.id && d.kind === 'investigation_conclude'))).toBe(true);
    // a late start with its written reason
    expect((await db.select().from(deadlines)).some((d) => d.kind === 'investigation_start' && d.delayReason && d.metAt! > d.dueAt)).toBe(true);
    // serious: one notified by the principal, one whose notice is pending
    const serious = all.filter((c) => c.serious);
    expect(serious).toHaveLength(2);
    const notices = await db.select().from(notifications).where(eq(notifications.kind, 'owner_notice'));
    expect(serious.filter((c) => notices.some((n) => n.caseId === c.id && n.step === 'notice'))).toHaveLength(1);
    // § 12-5 about a teacher (the school handles it) and about a leader (the owner does)
    const s125 = all.filter((c) => c.concernsEmployee);
    expect(s125.map((c) => c.accusedInLeadership).sort()).toEqual([false, true]);
    // § 12-6: a window that has opened, one still to open
    const windows = (await db.select().from(deadlines)).filter((d) => d.kind === 'enforcement_window');
    expect(windows.filter((d) => d.dueAt < now)).toHaveLength(1);
    expect(windows.filter((d) => d.dueAt > now)).toHaveLength(1);
    // closed, with the reason on the timeline
    const timeline = await db.select().from(caseTimeline).orderBy(asc(caseTimeline.at));
    const closed = all.filter((c) => c.status === 'closed');
    expect(closed).toHaveLength(3);
    for (const c of closed) {
      const entry = timeline.find((e) => e.caseId === c.id && e.kind === 'closed');
      expect(entry?.at.getTime()).toBe(c.closedAt!.getTime());
      expect(String(entry?.payload['reason'] ?? '')).not.toBe('');
    }
    for (const c of all) {
      const entries = timeline.filter((e) => e.caseId === c.id);
      expect(entries[0]).toMatchObject({ kind: 'report_filed', at: c.openedAt });
      expect(entries.every((e) => e.actorId !== null && e.at <= now)).toBe(true);
      if (c.investigationStartedAt) expect(entries.some((e) => e.kind === 'investigation_started' && e.at.getTime() === c.investigationStartedAt!.getTime())).toBe(true);
      if (reportOf(c.id).registeredAt) expect(entries.some((e) => e.kind === 'acknowledged')).toBe(true);
      if (c.caseLeaderId) expect(entries.some((e) => e.kind === 'delegated' && e.payload['leaderId'] === c.caseLeaderId)).toBe(true);
    }
  });

  it('has ledger rows due within the first minutes for every overdue step', async () => {
    const rows = await db.select().from(notifications).where(pending());
    const overdue = (await db.select().from(deadlines).where(eq(deadlines.state, 'open'))).filter((d) => d.dueAt < now);
    // Closed cases keep no missed deadline: they were closed before anything lapsed.
    const closedIds = new Set(await caseIdsWhere(db, (c) => c.status === 'closed'));
    expect(overdue.filter((d) => closedIds.has(d.caseId!))).toEqual([]);
    expect(overdue.length).toBeGreaterThanOrEqual(8);
    for (const d of overdue) {
      const due = rows.filter((r) => r.subjectKey === d.key && r.sendAfter <= soon);
      expect(due.length, `${d.kind} of case ${d.caseId}`).toBeGreaterThan(0);
      expect(due.every((r) => r.sendAfter >= now)).toBe(true);
    }
    const first = rows.filter((r) => r.sendAfter <= soon);
    expect(new Set(first.map((r) => r.kind))).toEqual(new Set(['new_report', 'reminder', 'escalation', 'owner_notice', 'enforcement_window']));
    expect(summary.mail.inSendingWindow).toBe(true);
    expect(summary.mail.firstMinutes).toBe(first.length);
    expect(summary.counts.pendingNotifications).toBe(rows.length);
  });

  it('tells nobody in the school leadership about the § 12-5 case against a leader, and never the accused', async () => {
    const [leaderCase] = await caseIdsWhere(db, (c) => c.concernsEmployee && c.accusedInLeadership);
    const [teacherCase] = await caseIdsWhere(db, (c) => c.concernsEmployee && !c.accusedInLeadership);
    const leadership = await Promise.all(
      ['rektor@fjellstad.demo.trygg.test', 'avdelingsleder@fjellstad.demo.trygg.test', 'avdelingsleder2@fjellstad.demo.trygg.test'].map((e) => personId(db, e)),
    );
    const toLeaderCase = await db.select().from(notifications).where(eq(notifications.caseId, leaderCase!));
    expect(toLeaderCase.length).toBeGreaterThan(0);
    expect(toLeaderCase.filter((r) => leadership.includes(r.recipientId))).toEqual([]);
    const owners = await Promise.all(['kommunalsjef@eikvik.demo.trygg.test', 'skoleradgiver@eikvik.demo.trygg.test'].map((e) => personId(db, e)));
    expect(toLeaderCase.filter((r) => r.kind === 'owner_notice' && r.sendAfter <= soon).map((r) => r.recipientId).sort()).toEqual([...owners].sort());

    const accusedTeacher = await personId(db, 'jonas.berg@bjorkly.demo.trygg.test');
    const toTeacherCase = await db.select().from(notifications).where(eq(notifications.caseId, teacherCase!));
    expect(toTeacherCase.filter((r) => r.recipientId === accusedTeacher)).toEqual([]);
    // Principal and owner are told at once.
    const principal = await personId(db, 'rektor@bjorkly.demo.trygg.test');
    const atOnce = toTeacherCase.filter((r) => r.subjectKey.endsWith('s12_5_notice') && r.sendAfter <= soon).map((r) => r.recipientId);
    expect(atOnce.sort()).toEqual([principal, ...owners].sort());
  });

  it('lists the demo logins', () => {
    const emails = summary.logins.map((l) => l.email);
    expect(emails).toEqual(expect.arrayContaining(['rektor@bjorkly.demo.trygg.test', 'rektor@fjellstad.demo.trygg.test', 'kommunalsjef@eikvik.demo.trygg.test', 'drift@demo.trygg.test']));
    expect(new Set(summary.logins.map((l) => l.role))).toEqual(new Set(['principal', 'leader', 'staff', 'owner', 'admin', 'second_contact']));
    expect(summary.logins.find((l) => l.email === 'rektor@bjorkly.demo.trygg.test')).toMatchObject({ role: 'principal', school: 'Bjørkly skole' });
    expect(summary.cases).toHaveLength(18);
  });

  it('does nothing the second time, and says so', async () => {
    const before = await db.$count(notifications);
    const again = await seedDemo(db, TUESDAY.add({ hours: 1 }));
    expect(again.seeded).toBe(false);
    expect(again.message).toMatch(/allerede/);
    expect(again.counts).toMatchObject({ owners: 1, pupils: 300, cases: 18 });
    expect(await db.$count(notifications)).toBe(before);
    expect(again.logins.length).toBe(summary.logins.length);
  });
});

describe('seedDemo on a Saturday at 20:00', () => {
  let t: TestDatabase;
  let tuesday: TestDatabase;
  let db: Db;
  let summary: DemoSummary;
  const now = new Date(SATURDAY.epochMilliseconds);
  const soon = new Date(SATURDAY.epochMilliseconds + FIRST_MINUTES * 60_000);

  beforeAll(async () => {
    t = await createTestDatabase();
    db = t.db;
    summary = await seedDemo(db, SATURDAY);
  });
  afterAll(async () => {
    await t?.drop();
    await tuesday?.drop();
  });

  it('sends only § 12-5 and serious-case messages at once; the rest waits for Monday 07:30', async () => {
    expect(summary.mail.inSendingWindow).toBe(false);
    const rows = await db.select().from(notifications).where(pending());
    const first = rows.filter((r) => r.sendAfter <= soon);
    expect(first.length).toBeGreaterThan(0);
    const urgentCases = new Set(await caseIdsWhere(db, (c) => c.concernsEmployee || c.serious));
    expect(first.filter((r) => !urgentCases.has(r.caseId!))).toEqual([]);
    expect(first.some((r) => r.kind === 'owner_notice')).toBe(true);
    // Everything else waits for the next sending window — except "straks" steps of § 12-5,
    // which fall due at the end of the calendar day, weekend or not.
    for (const r of rows.filter((x) => x.sendAfter > soon && x.sendAfter < MONDAY_WINDOW)) {
      expect(urgentCases.has(r.caseId!) && r.payload['immediate'] === true, `${r.subjectKey} ${r.step}`).toBe(true);
    }
    expect(rows.some((r) => r.sendAfter.getTime() === MONDAY_WINDOW.getTime() && r.kind === 'escalation')).toBe(true);
    expect(summary.mail.notes.join(' ')).toMatch(/utenfor sendevinduet/);
  });

  it('draws the same pupils on every start', async () => {
    tuesday = await createTestDatabase();
    await seedDemo(tuesday.db, TUESDAY);
    const names = async (d: Db) =>
      (await d.select({ name: pupils.name, birthYear: pupils.birthYear, heightened: pupils.heightenedAttention }).from(pupils)).map((p) => `${p.name}|${p.birthYear}|${p.heightened}`).sort();
    expect(await names(db)).toEqual(await names(tuesday.db));
    const overdueCases = await db.select({ id: cases.id }).from(cases).where(inArray(cases.status, ['reported', 'investigating']));
    expect(overdueCases).toHaveLength(15);
  });
});
