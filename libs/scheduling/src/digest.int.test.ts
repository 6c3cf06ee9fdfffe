import { cases, claimNotification, deadlines, digestRuns, notifications, people, planVersions, pupilConversations, pupils, reports, schoolOwners, schools, type Db } from '@trygg/db';
import { renderMessage, type DigestSchoolRow } from '@trygg/notifications';
import { createTestDatabase, seedSchool, type SeededSchool, type TestDatabase } from '@trygg/testing';
import { eq, like } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { composeNotification, digestFigures, digestFiguresForOwners, isoWeekStart, queueWeeklyDigests, reportedWeekStart, UndeliverableError, UnknownOwnerError } from './index';
import { fileReport, oslo, osloDate } from './test-support';

let tdb: TestDatabase;
let db: Db;
let s: SeededSchool;
let other: SeededSchool;
let askSchoolId: string;

// Monday 23 November 2026, 07:00 Oslo: the digest reports week 47, Mon 16 – Sun 22 November.
const NOW = oslo('2026-11-23T07:00');
const WEEK = Temporal.PlainDate.from('2026-11-16');

type CaseUpdate = Partial<typeof cases.$inferInsert>;

async function caseAt(local: string, set: CaseUpdate = {}, pupilId?: string, schoolId?: string): Promise<string> {
  const { caseId } = await fileReport(db, {
    schoolId: schoolId ?? s.schoolId,
    pupilId: pupilId ?? s.pupil,
    filedById: s.teacher,
    at: oslo(local),
    ...(set.concernsEmployee ? { accusedPersonId: s.teacher } : {}),
    ...(set.serious ? { serious: true } : {}),
  });
  const rest = { ...set };
  delete rest.concernsEmployee;
  delete rest.serious;
  if (Object.keys(rest).length > 0) await db.update(cases).set(rest).where(eq(cases.id, caseId));
  return caseId;
}

let deadlineNo = 0;
async function deadline(caseId: string, kind: string, dueLocal: string, state: 'open' | 'met' = 'open', schoolId = s.schoolId) {
  await db.insert(deadlines).values({
    key: `test-${++deadlineNo}.${kind}`,
    kind,
    schoolId,
    caseId,
    dueAt: osloDate(dueLocal),
    state,
    metAt: state === 'met' ? osloDate(dueLocal) : null,
  });
}

async function extraReport(caseId: string, local: string, schoolId = s.schoolId, pupilId = s.pupil) {
  const at = osloDate(local);
  await db.insert(reports).values({
    schoolId,
    pupilId,
    caseId,
    filedById: s.teacher,
    reporterKind: 'staff',
    basis: 'knowledge',
    category: 'bullying',
    intervened: true,
    intervention: 'Snakket med elevene i friminuttet.',
    description: 'Nora Nilsen ble dyttet i garderoben.',
    filedAt: at,
    asOf: at,
  });
}

async function plan(caseId: string, local: string, version = 1) {
  await db.insert(planVersions).values({
    caseId,
    version,
    createdAt: osloDate(local),
    createdById: s.principal,
    problem: 'Nora Nilsen blir utestengt fra leken.',
  });
}

async function conversation(pupilId: string, schoolId: string, termYear: number, termHalf: 'autumn' | 'spring', local: string) {
  await db.insert(pupilConversations).values({
    schoolId,
    pupilId,
    termYear,
    termHalf,
    heldAt: osloDate(local),
    heldById: s.teacher,
    answer: 'yes',
    note: 'Trives godt i klassen.',
  });
}

beforeAll(async () => {
  tdb = await createTestDatabase();
  db = tdb.db;
  s = await seedSchool(db);
  other = await seedSchool(db, { language: 'nn' });

  // A third school of the same owner whose only report is from the spring: silent this autumn.
  const [ask] = await db.insert(schools).values({ ownerId: s.ownerId, name: 'Ask skole' }).returning();
  askSchoolId = ask!.id;
  const [askPupil] = await db.insert(pupils).values({ schoolId: askSchoolId, name: 'Jonas Ås', initials: 'JÅ', birthYear: 2014 }).returning();
  await caseAt('2026-05-04T09:00', { status: 'closed', closedAt: osloDate('2026-06-01T12:00') }, askPupil!.id, askSchoolId);
  // Its one pupil had the spring conversation, not yet the autumn one: 0 %.
  await conversation(askPupil!.id, askSchoolId, 2026, 'spring', '2026-04-20T10:00');
  // Bjørk: one of its two pupils has had this autumn's conversation: 50 %.
  await conversation(s.pupil, s.schoolId, 2026, 'autumn', '2026-10-01T10:00');
  await conversation(s.otherPupil, s.schoolId, 2026, 'spring', '2026-03-01T10:00');

  // Bjørk skole (s.schoolId). Each case is commented with what it adds to the figures.
  // A1: reported this week; investigation_start overdue since Thursday.
  const a1 = await caseAt('2026-11-17T10:00');
  await deadline(a1, 'investigation_start', '2026-11-19T16:00');
  // A2: serious, investigating (2 days after the report), conclusion overdue; the principal
  // knew on 2 November → past the § 12-6 window without a plan.
  const a2 = await caseAt('2026-11-02T09:00', {
    serious: true,
    status: 'investigating',
    investigationStartedAt: osloDate('2026-11-04T09:00'),
    principalKnewAt: osloDate('2026-11-02T12:00'),
  });
  await deadline(a2, 'investigation_start', '2026-11-04T16:00', 'met');
  await deadline(a2, 'investigation_conclude', '2026-11-18T16:00');
  // A3: § 12-5, investigation started the same day (0 days), conclusion due later today (not
  // overdue at 07:00); the principal knew 9 Nov 08:00 → window opened 16 Nov 08:00.
  const a3 = await caseAt('2026-11-09T08:00', {
    concernsEmployee: true,
    status: 'investigating',
    investigationStartedAt: osloDate('2026-11-09T10:00'),
    principalKnewAt: osloDate('2026-11-09T08:00'),
  });
  await deadline(a3, 'investigation_conclude', '2026-11-23T16:00');
  // A4: § 12-5 with measures (1 day to investigation, 3 to the plan; a revision later);
  // evaluation and measure end both overdue — one case with an overdue evaluation. The window
  // opened on 17 Nov, but the case has a plan.
  const a4 = await caseAt('2026-11-10T09:00', {
    concernsEmployee: true,
    status: 'measures',
    investigationStartedAt: osloDate('2026-11-11T09:00'),
    principalKnewAt: osloDate('2026-11-10T09:00'),
  }, s.otherPupil);
  await deadline(a4, 'plan', '2026-11-13T16:00', 'met');
  await plan(a4, '2026-11-13T10:00');
  await plan(a4, '2026-11-20T10:00', 2);
  await deadline(a4, 'evaluation', '2026-11-20T16:00');
  await deadline(a4, 'measure_end', '2026-11-20T16:00');
  // A5: reported late Saturday before the clocks went back, investigated Thursday (5 Oslo
  // days), a plan on 2 November (9 Oslo days), closed this Wednesday. Its leftover open plan
  // deadline is not "overdue": closed.
  const a5 = await caseAt('2026-10-24T23:30', {
    status: 'closed',
    investigationStartedAt: osloDate('2026-10-29T08:00'),
    closedAt: osloDate('2026-11-18T12:00'),
  });
  await deadline(a5, 'plan', '2026-11-03T16:00');
  await plan(a5, '2026-11-02T14:00');
  // A6: from the spring half-year (not in this half-year's medians or counts); serious, with
  // measures and an overdue plan.
  const a6 = await caseAt('2026-03-02T09:00', {
    serious: true,
    status: 'measures',
    investigationStartedAt: osloDate('2026-03-12T09:00'),
    principalKnewAt: osloDate('2026-03-02T09:00'),
  });
  await deadline(a6, 'plan', '2026-03-20T16:00');
  await plan(a6, '2026-03-25T12:00');
  // A7: closed on Tuesday and reopened (not "closed this week"), investigating without a start;
  // the principal knew 16 Nov 07:30 → the window opens 23 Nov 07:30, after NOW.
  await caseAt('2026-09-01T09:00', {
    status: 'investigating',
    closedAt: osloDate('2026-11-17T12:00'),
    principalKnewAt: osloDate('2026-11-16T07:30'),
  });
  // Reports on the week's edges, Oslo time (UTC+1): in the week Mon 00:10 and Sun 23:30;
  // before it Sun 15 Nov 23:50 (still this half-year); after it Mon 23 Nov 00:30.
  await extraReport(a1, '2026-11-16T00:10');
  await extraReport(a1, '2026-11-22T23:30');
  await extraReport(a1, '2026-11-15T23:50');
  await extraReport(a1, '2026-11-23T00:30');

  // The other owner's school: none of this may show in the first owner's digest.
  const foreign = await caseAt('2026-11-17T09:00', { concernsEmployee: true, status: 'investigating' }, other.pupil, other.schoolId);
  await deadline(foreign, 'investigation_conclude', '2026-11-19T16:00', 'open', other.schoolId);
});
afterAll(() => tdb?.drop());

const zeroRow = (schoolId: string, schoolName: string, conversationsHeldPercent: number | null): DigestSchoolRow => ({
  schoolId,
  schoolName,
  newReportsThisWeek: 0,
  openCases: { reported: 0, investigating: 0, measures: 0 },
  overdueInvestigations: 0,
  overduePlans: 0,
  overdueEvaluations: 0,
  seriousOpen: 0,
  s12_5Open: 0,
  closedThisWeek: 0,
  conversationsHeldPercent,
  pastEnforcementWindowWithoutPlan: 0,
  medianDaysReportToInvestigation: null,
  medianDaysReportToPlan: null,
  reportsThisHalfYear: 0,
});

describe('digestFigures', () => {
  it('computes exact figures per school, every school of the owner included', async () => {
    const digest = await digestFigures(db, s.ownerId, WEEK, NOW);
    const [owner] = await db.select().from(schoolOwners).where(eq(schoolOwners.id, s.ownerId));
    expect(digest.kind).toBe('weekly_digest');
    expect(digest.ownerName).toBe(owner!.name);
    expect(digest.weekStart).toBe('2026-11-16');
    const [bjork] = await db.select().from(schools).where(eq(schools.id, s.schoolId));
    const [lind] = await db.select().from(schools).where(eq(schools.id, s.otherSchoolId));
    expect(digest.schools).toEqual([
      // Reported in May, closed in June: nothing this half-year.
      zeroRow(askSchoolId, 'Ask skole', 0),
      {
        schoolId: s.schoolId,
        schoolName: bjork!.name,
        // A1, Mon 00:10, Sun 23:30.
        newReportsThisWeek: 3,
        openCases: { reported: 1, investigating: 3, measures: 2 },
        overdueInvestigations: 2, // A1 (start), A2 (conclusion)
        overduePlans: 1, // A6 (A5 is closed)
        overdueEvaluations: 1, // A4, evaluation and measure end
        seriousOpen: 2, // A2, A6
        s12_5Open: 2, // A3, A4 — unmasked here, the template masks
        closedThisWeek: 1, // A5 (A7 was reopened)
        conversationsHeldPercent: 50, // Nora this autumn; Emil only in the spring
        pastEnforcementWindowWithoutPlan: 2, // A2, A3 (A4 has a plan, A7's window opens at 07:30)
        // A3 0, A4 1, A2 2, A5 5 Oslo days → 1.5 (A6 is from the spring, A7 never started).
        medianDaysReportToInvestigation: 1.5,
        // A4 3, A5 9 days to the first plan version → 6 (A6's plan is from the spring).
        medianDaysReportToPlan: 6,
        // A1–A5, A7, and three of the four extra reports (not Monday 23 Nov 00:30).
        reportsThisHalfYear: 9,
      },
      // No reports at all: the silent school.
      zeroRow(s.otherSchoolId, lind!.name, 0),
    ]);
  });

  it('another owner sees only its own schools', async () => {
    const digest = await digestFigures(db, other.ownerId, WEEK, NOW);
    expect(digest.schools.map((r) => r.schoolId).sort()).toEqual([other.schoolId, other.otherSchoolId].sort());
    const row = digest.schools.find((r) => r.schoolId === other.schoolId)!;
    expect(row).toMatchObject({ newReportsThisWeek: 1, s12_5Open: 1, overdueInvestigations: 1, reportsThisHalfYear: 1 });
  });

  it('counts the week that is asked for: the week before has its own reports and closings', async () => {
    const digest = await digestFigures(db, s.ownerId, WEEK.subtract({ weeks: 1 }), NOW);
    const row = digest.schools.find((r) => r.schoolId === s.schoolId)!;
    // A3 (9 Nov), A4 (10 Nov), Sun 15 Nov 23:50; nothing closed that week that stayed closed.
    expect(row.newReportsThisWeek).toBe(3);
    expect(row.closedThisWeek).toBe(0);
    // The half-year counts up to the end of the reported week.
    expect(row.reportsThisHalfYear).toBe(6);
  });

  it('renders § 12-5 counts under 5 as "<5", flags silent schools, and carries no pupil data', async () => {
    const digest = await digestFigures(db, s.ownerId, WEEK, NOW);
    const { subject, text, html } = await renderMessage(digest, { lang: 'nb', appUrl: 'https://trygg.example/' });
    expect(subject).toContain('uke 47 2026');
    expect(text).toContain('i uke 47 (16.–22. november 2026)');
    const bjork = text.slice(text.indexOf(digest.schools[1]!.schoolName + '\n'));
    expect(bjork).toMatch(/Åpne § 12-5-saker: <5\n/);
    expect(text).not.toMatch(/§ 12-5-saker: 2/);
    expect(text).toContain('Stille skoler (ingen meldinger dette halvåret): 2');
    expect(text.match(/Stille skole: ingen meldinger dette halvåret/g)).toHaveLength(2);
    const pupilRows = await db.select({ name: pupils.name, initials: pupils.initials }).from(pupils);
    for (const out of [subject, text, html]) {
      for (const p of pupilRows) {
        expect(out).not.toContain(p.name);
        expect(out).not.toMatch(new RegExp(`(^|[^\\p{L}])${p.initials}([^\\p{L}]|$)`, 'u'));
      }
      expect(out).not.toContain('Eleven blir holdt utenfor');
      expect(out).not.toContain('garderoben');
      expect(out).not.toContain('friminuttet');
      expect(out).not.toContain('utestengt');
      expect(out).not.toContain('Trives');
    }
  });

  it('computes several owners in one query with the same figures; an owner without schools gets an empty digest', async () => {
    const [empty] = await db.insert(schoolOwners).values({ name: 'Skoleløs kommune' }).returning();
    const all = await digestFiguresForOwners(db, [s.ownerId, other.ownerId, empty!.id], WEEK, NOW);
    expect(all.get(s.ownerId)).toEqual(await digestFigures(db, s.ownerId, WEEK, NOW));
    expect(all.get(other.ownerId)).toEqual(await digestFigures(db, other.ownerId, WEEK, NOW));
    expect(all.get(empty!.id)).toEqual({ kind: 'weekly_digest', ownerName: 'Skoleløs kommune', weekStart: '2026-11-16', schools: [] });
    await expect(digestFigures(db, '00000000-0000-4000-8000-000000000000', WEEK, NOW)).rejects.toBeInstanceOf(UnknownOwnerError);
  });

  it('refuses a weekStart that is not a Monday', async () => {
    await expect(digestFigures(db, s.ownerId, Temporal.PlainDate.from('2026-11-17'), NOW)).rejects.toThrow(/Monday/);
  });
});

describe('digestFigures, pupil conversations', () => {
  it('shows 100 % only when every pupil has had the conversation, also when a pupil left after it', async () => {
    // Kari has this autumn's conversation at Bjørk, then moves to Lind. Bjørk has held two
    // conversations for two pupils now, but Emil is still waiting: 50 %, not 100 %.
    const [kari] = await db.insert(pupils).values({ schoolId: s.schoolId, name: 'Kari Flytt', initials: 'KF', birthYear: 2015 }).returning();
    await conversation(kari!.id, s.schoolId, 2026, 'autumn', '2026-09-15T10:00');
    await db.update(pupils).set({ schoolId: s.otherSchoolId }).where(eq(pupils.id, kari!.id));
    const digest = await digestFigures(db, s.ownerId, WEEK, NOW);
    const percent = (schoolId: string) => digest.schools.find((r) => r.schoolId === schoolId)?.conversationsHeldPercent;
    expect(percent(s.schoolId)).toBe(50);
    // At Lind she counts as not yet seen (her conversation was held elsewhere): 0 of 2.
    expect(percent(s.otherSchoolId)).toBe(0);
    await db.update(pupils).set({ schoolId: s.schoolId }).where(eq(pupils.id, kari!.id));
    await conversation(s.otherPupil, s.schoolId, 2026, 'autumn', '2026-11-20T10:00');
    const after = await digestFigures(db, s.ownerId, WEEK, NOW);
    expect(after.schools.find((r) => r.schoolId === s.schoolId)?.conversationsHeldPercent).toBe(100);
  });
});

describe('week helpers', () => {
  it('reports the week that has just ended, in Oslo time', () => {
    expect(reportedWeekStart(NOW).toString()).toBe('2026-11-16');
    // Sunday 23:30 Oslo is still week 47 (Sunday 22:30 UTC): it reports week 46.
    expect(reportedWeekStart(oslo('2026-11-22T23:30')).toString()).toBe('2026-11-09');
    // Monday 00:30 Oslo is Sunday 23:30 UTC: already week 48, so week 47 is reported.
    expect(reportedWeekStart(oslo('2026-11-23T00:30')).toString()).toBe('2026-11-16');
    // Across a year boundary: Monday 4 January 2027 reports 2026-W53 (28 Dec – 3 Jan).
    expect(reportedWeekStart(oslo('2027-01-04T07:00')).toString()).toBe('2026-12-28');
    expect(isoWeekStart('2026-W53').toString()).toBe('2026-12-28');
    expect(isoWeekStart('2026-W47').toString()).toBe('2026-11-16');
    expect(() => isoWeekStart('2027-W53')).toThrow(RangeError);
  });
});

describe('queueWeeklyDigests', () => {
  it('one ledger row per active recipient, once per ISO week; the next week gets new ones', async () => {
    // Owner 1: the seeded official, the second contact, and a deactivated official (skipped).
    const [gone] = await db
      .insert(people)
      .values({ name: 'Gunn Borte', email: `gunn.${Date.now()}@example.test`, kind: 'owner_official', deactivatedAt: osloDate('2026-10-01T12:00') })
      .returning();
    await db.update(schoolOwners).set({ digestRecipientIds: [s.ownerOfficial, s.secondContact, gone!.id] }).where(eq(schoolOwners.id, s.ownerId));
    // An owner without recipients gets nothing, and its week is not taken.
    const [lonely] = await db.insert(schoolOwners).values({ name: 'Tom kommune', digestRecipientIds: [] }).returning();

    expect(await queueWeeklyDigests(db, NOW)).toBe(3);
    const rows = await db.select().from(notifications).where(like(notifications.subjectKey, 'digest-%'));
    expect(rows).toHaveLength(3);
    const mine = rows.filter((r) => r.ownerId === s.ownerId);
    expect(mine.map((r) => r.recipientId).sort()).toEqual([s.ownerOfficial, s.secondContact].sort());
    for (const row of mine) {
      expect(row).toMatchObject({
        subjectKey: `digest-${s.ownerId}-2026-W47`,
        step: 'weekly',
        kind: 'weekly_digest',
        ownerId: s.ownerId,
        schoolId: null,
        caseId: null,
        payload: { ownerId: s.ownerId, weekStart: '2026-11-16' },
      });
      expect(row.sendAfter.toISOString()).toBe(osloDate('2026-11-23T07:00').toISOString());
    }
    expect(rows.find((r) => r.ownerId === other.ownerId)).toMatchObject({
      subjectKey: `digest-${other.ownerId}-2026-W47`,
      recipientId: other.ownerOfficial,
    });
    const runs = await db.select().from(digestRuns);
    expect(runs.map((r) => `${r.ownerId === s.ownerId ? 'owner1' : r.ownerId === other.ownerId ? 'owner2' : r.ownerId} ${r.isoWeek}`).sort()).toEqual([
      'owner1 2026-W47',
      'owner2 2026-W47',
    ]);
    expect(runs.some((r) => r.ownerId === lonely!.id)).toBe(false);

    // The same ISO week again (a re-run on Wednesday, or a duplicated tick): nothing new.
    expect(await queueWeeklyDigests(db, NOW)).toBe(0);
    expect(await queueWeeklyDigests(db, oslo('2026-11-25T13:00'))).toBe(0);
    expect(await db.select().from(notifications).where(like(notifications.subjectKey, 'digest-%'))).toHaveLength(3);

    // Next Monday: week 48.
    const next = oslo('2026-11-30T07:00');
    expect(await queueWeeklyDigests(db, next)).toBe(3);
    const w48 = await db.select().from(notifications).where(like(notifications.subjectKey, '%-2026-W48'));
    expect(w48.map((r) => r.payload)).toEqual(Array(3).fill(expect.objectContaining({ weekStart: '2026-11-23' })));
    expect(await queueWeeklyDigests(db, next)).toBe(0);
  });

  it('composes a digest row at send time into the owner digest, in the owner language', async () => {
    const [row] = await db.select().from(notifications).where(eq(notifications.subjectKey, `digest-${s.ownerId}-2026-W47`)).limit(1);
    const claimedAt = oslo('2026-11-23T07:01');
    const claimed = await claimNotification(db, row!.id, new Date(claimedAt.epochMilliseconds));
    const options = { appUrl: 'https://trygg.example/', ackSecret: 'secret' };
    const composed = await composeNotification(db, claimed!, options);
    const [recipient] = await db.select().from(people).where(eq(people.id, row!.recipientId));
    expect(composed.to).toBe(recipient!.email);
    expect(composed.lang).toBe('nb');
    expect(composed.message).toEqual(await digestFigures(db, s.ownerId, WEEK, claimedAt));

    const [nn] = await db.select().from(notifications).where(eq(notifications.subjectKey, `digest-${other.ownerId}-2026-W47`));
    const nnComposed = await composeNotification(db, nn!, options);
    expect(nnComposed.lang).toBe('nn');
    expect(nnComposed.message.kind).toBe('weekly_digest');

    // Other kinds still need their case.
    await expect(composeNotification(db, { ...row!, kind: 'reminder' }, options)).rejects.toBeInstanceOf(UndeliverableError);
    await expect(composeNotification(db, { ...row!, payload: { ownerId: s.ownerId, weekStart: '2026-11-17' } }, options)).rejects.toBeInstanceOf(UndeliverableError);
  });
});
