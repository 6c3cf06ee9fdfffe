// The weekly digest to the school owner (DOMAIN.md "Weekly digest to the school owner"):
// figures per school, computed by the database (one aggregate query, GROUP BY school), and the
// ledger rows that send it — one per digest recipient, once per owner and week.
//
// WEEK CONVENTION. The Monday 07:00 run reports the ISO week that has just ended: run at any
// time in week W+1 (Oslo wall clock), it reports Monday–Sunday of week W. `weekStart` is that
// Monday, the ledger key and digest_runs.iso_week name week W ('2026-W47'), and the template
// prints "uke 47 (16.–22. november 2026)" from the same `weekStart`. So "new reports this week"
// and "closed this week" mean in week W (Mon 00:00 to next Mon 00:00 Oslo), while the open,
// serious, § 12-5 and overdue figures are a snapshot at the moment the figures are computed
// (`now`: when the email is composed). The worker's scheduled job (`previousIsoWeek`) uses the
// same convention.
import { cases, deadlines, digestRuns, notifications, people, reports, schoolOwners, schools, startDigestRun, type Db } from '@trygg/db';
import { isoWeek, type DigestSchoolRow, type WeeklyDigestMessage } from '@trygg/notifications';
import { and, asc, eq, inArray, isNull, sql, type SQL } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { toDate } from './time';

const OSLO = 'Europe/Oslo';

export class UnknownOwnerError extends Error {}

/** '2026-W47' of a date (ISO 8601 weeks, as the template and digest_runs name them). */
export function isoWeekId(date: Temporal.PlainDate): string {
  const { year, week } = isoWeek(date.toString());
  return `${year}-W${String(week).padStart(2, '0')}`;
}

/** The Monday of an ISO week id ('2026-W47' → 2026-11-16). */
export function isoWeekStart(id: string): Temporal.PlainDate {
  const m = /^(\d{4})-W(\d{2})$/.exec(id);
  if (!m) throw new RangeError(`not an ISO week: ${JSON.stringify(id)}`);
  const [year, week] = [Number(m[1]), Number(m[2])];
  // 4 January is always in week 1.
  const jan4 = Temporal.PlainDate.from({ year, month: 1, day: 4 });
  const monday = jan4.subtract({ days: jan4.dayOfWeek - 1 }).add({ weeks: week - 1 });
  if (isoWeekId(monday) !== id) throw new RangeError(`no such ISO week: ${id}`);
  return monday;
}

/** The Monday of the week that has just ended, as seen at `now` in Oslo (see WEEK CONVENTION). */
export function reportedWeekStart(now: Temporal.Instant): Temporal.PlainDate {
  const today = now.toZonedDateTimeISO(OSLO).toPlainDate();
  return today.subtract({ days: today.dayOfWeek - 1 + 7 });
}

/** The half-year a date belongs to: autumn Aug–Dec, spring Jan–Jul (as pupil conversations count). */
export function halfYearOf(date: Temporal.PlainDate): { start: Temporal.PlainDate; end: Temporal.PlainDate } {
  return date.month >= 8
    ? { start: Temporal.PlainDate.from({ year: date.year, month: 8, day: 1 }), end: Temporal.PlainDate.from({ year: date.year + 1, month: 1, day: 1 }) }
    : { start: Temporal.PlainDate.from({ year: date.year, month: 1, day: 1 }), end: Temporal.PlainDate.from({ year: date.year, month: 8, day: 1 }) };
}

/** 00:00 Oslo of a date: a DST-correct instant (a day is not 86,400,000 ms twice a year). */
const startOfOsloDay = (date: Temporal.PlainDate) => date.toZonedDateTime({ timeZone: OSLO }).toInstant();

/** An instant as a query parameter. Raw Dates in `sql` templates trip the postgres.js serialisers. */
const ts = (instant: Temporal.Instant): SQL => sql`${instant.toString()}::timestamptz`;

interface Window {
  weekStart: Temporal.Instant;
  weekEnd: Temporal.Instant;
  halfStart: Temporal.Instant;
  /** End of the half-year, or of the reported week when that comes first. */
  halfEnd: Temporal.Instant;
  now: Temporal.Instant;
}

function windowOf(weekStart: Temporal.PlainDate, now: Temporal.Instant): Window {
  if (weekStart.dayOfWeek !== 1) throw new RangeError(`weekStart must be a Monday, got ${weekStart.toString()}`);
  const weekEnd = weekStart.add({ days: 7 });
  // The half-year of the reported week's Monday, up to the end of that week (a report filed on
  // 1–3 January in a week that began in December is not "this autumn").
  const half = halfYearOf(weekStart);
  const halfEnd = Temporal.PlainDate.compare(half.end, weekEnd) < 0 ? half.end : weekEnd;
  return {
    weekStart: startOfOsloDay(weekStart),
    weekEnd: startOfOsloDay(weekEnd),
    halfStart: startOfOsloDay(half.start),
    halfEnd: startOfOsloDay(halfEnd),
    now,
  };
}

const int = (expr: SQL) => sql<number>`(${expr})::int`.mapWith(Number);
const count = (where: SQL) => int(sql`count(*) filter (where ${where})`);
const countCases = (where: SQL) => int(sql`count(distinct ${deadlines.caseId}) filter (where ${where})`);
const osloDateOf = (column: SQL | typeof cases.openedAt) => sql`(${column} at time zone 'Europe/Oslo')::date`;

/**
 * The figures of every school of the given owners, one row per school (schools without a single
 * case included). Three aggregates, each GROUP BY school, left-joined onto the schools.
 */
async function schoolRows(db: Db, ownerIds: readonly string[], w: Window) {
  if (ownerIds.length === 0) return [];
  const ownSchools = db.select({ id: schools.id }).from(schools).where(inArray(schools.ownerId, [...ownerIds]));

  // Reports filed (submitted) from the half-year's start to the end of the reported week.
  const r = db
    .select({
      schoolId: reports.schoolId,
      newThisWeek: count(sql`${reports.filedAt} >= ${ts(w.weekStart)}`).as('new_this_week'),
      thisHalfYear: count(sql`${reports.filedAt} < ${ts(w.halfEnd)}`).as('this_half_year'),
    })
    .from(reports)
    .where(
      and(
        inArray(reports.schoolId, ownSchools),
        sql`${reports.filedAt} >= ${ts(w.halfStart)}`,
        sql`${reports.filedAt} < ${ts(w.weekEnd)}`,
      ),
    )
    .groupBy(reports.schoolId)
    .as('r');

  const open = sql`${cases.status} <> 'closed'`;
  const openedThisHalfYear = sql`${cases.openedAt} >= ${ts(w.halfStart)} and ${cases.openedAt} < ${ts(w.halfEnd)}`;
  // Plans are not stored yet: until they are, a case still 'reported' or 'investigating' has
  // no plan (a plan is what moves a case to 'measures').
  const withoutPlan = sql`${cases.status} in ('reported', 'investigating')`;
  const c = db
    .select({
      schoolId: cases.schoolId,
      reported: count(sql`${cases.status} = 'reported'`).as('reported'),
      investigating: count(sql`${cases.status} = 'investigating'`).as('investigating'),
      measures: count(sql`${cases.status} = 'measures'`).as('measures'),
      seriousOpen: count(sql`${open} and ${cases.serious}`).as('serious_open'),
      // § 12-5. Passed on unmasked: the template prints counts under 5 as "<5".
      s12_5Open: count(sql`${open} and ${cases.concernsEmployee}`).as('s12_5_open'),
      // A case closed this week and reopened since is not counted as closed.
      closedThisWeek: count(
        sql`${cases.status} = 'closed' and ${cases.closedAt} >= ${ts(w.weekStart)} and ${cases.closedAt} < ${ts(w.weekEnd)}`,
      ).as('closed_this_week'),
      // § 12-6: 7 calendar days (Oslo wall clock) after the principal personally knew, the
      // pupil or parents can go to the county governor; counted while there is still no plan.
      pastWindowWithoutPlan: count(
        sql`${withoutPlan} and ${cases.principalKnewAt} is not null
          and ((${cases.principalKnewAt} at time zone 'Europe/Oslo') + interval '7 days') at time zone 'Europe/Oslo' < ${ts(w.now)}`,
      ).as('past_window_without_plan'),
      // Oslo calendar days from the report to the start of the investigation, over the cases
      // reported this half-year that have started one (null when none has).
      medianToInvestigation: sql<number | null>`percentile_cont(0.5) within group (order by ${osloDateOf(sql`${cases.investigationStartedAt}`)} - ${osloDateOf(cases.openedAt)})
        filter (where ${openedThisHalfYear} and ${cases.investigationStartedAt} is not null)`
        .mapWith((v: unknown) => (v === null ? null : Number(v)))
        .as('median_to_investigation'),
    })
    .from(cases)
    // Only the rows some figure can use: open cases, cases closed since the week began, and
    // cases reported this half-year (for the medians).
    .where(
      and(
        inArray(cases.schoolId, ownSchools),
        sql`(${open} or ${cases.closedAt} >= ${ts(w.weekStart)} or ${cases.openedAt} >= ${ts(w.halfStart)})`,
      ),
    )
    .groupBy(cases.schoolId)
    .as('c');

  // Overdue = still open and past due (a missed deadline stays open until met). Counted in
  // cases, so that the figures compare with the open-case counts; deadlines of closed cases
  // are left out (a closed case's missed deadlines are history, not work).
  const d = db
    .select({
      schoolId: deadlines.schoolId,
      investigations: countCases(sql`${deadlines.kind} in ('investigation_start', 'investigation_conclude')`).as('overdue_investigations'),
      plans: countCases(sql`${deadlines.kind} = 'plan'`).as('overdue_plans'),
      evaluations: countCases(sql`${deadlines.kind} in ('evaluation', 'measure_end')`).as('overdue_evaluations'),
    })
    .from(deadlines)
    .innerJoin(cases, eq(cases.id, deadlines.caseId))
    .where(
      and(
        inArray(deadlines.schoolId, ownSchools),
        eq(deadlines.state, 'open'),
        inArray(deadlines.kind, ['investigation_start', 'investigation_conclude', 'plan', 'evaluation', 'measure_end']),
        sql`${deadlines.dueAt} < ${ts(w.now)}`,
        open,
      ),
    )
    .groupBy(deadlines.schoolId)
    .as('d');

  const zero = (column: SQL.Aliased<number>) => int(sql`coalesce(${column}, 0)`);
  return db
    .select({
      ownerId: schools.ownerId,
      schoolId: schools.id,
      schoolName: schools.name,
      newReportsThisWeek: zero(r.newThisWeek),
      reportsThisHalfYear: zero(r.thisHalfYear),
      reported: zero(c.reported),
      investigating: zero(c.investigating),
      measures: zero(c.measures),
      seriousOpen: zero(c.seriousOpen),
      s12_5Open: zero(c.s12_5Open),
      closedThisWeek: zero(c.closedThisWeek),
      pastWindowWithoutPlan: zero(c.pastWindowWithoutPlan),
      medianToInvestigation: c.medianToInvestigation,
      overdueInvestigations: zero(d.investigations),
      overduePlans: zero(d.plans),
      overdueEvaluations: zero(d.evaluations),
    })
    .from(schools)
    .leftJoin(r, eq(r.schoolId, schools.id))
    .leftJoin(c, eq(c.schoolId, schools.id))
    .leftJoin(d, eq(d.schoolId, schools.id))
    .where(inArray(schools.ownerId, [...ownerIds]))
    .orderBy(asc(schools.name), asc(schools.id));
}

type SchoolFigures = Awaited<ReturnType<typeof schoolRows>>[number];

function toDigestRow(f: SchoolFigures): DigestSchoolRow {
  return {
    schoolId: f.schoolId,
    schoolName: f.schoolName,
    newReportsThisWeek: f.newReportsThisWeek,
    openCases: { reported: f.reported, investigating: f.investigating, measures: f.measures },
    overdueInvestigations: f.overdueInvestigations,
    overduePlans: f.overduePlans,
    overdueEvaluations: f.overdueEvaluations,
    seriousOpen: f.seriousOpen,
    s12_5Open: f.s12_5Open,
    closedThisWeek: f.closedThisWeek,
    // Pupil conversations are not stored yet (another issue adds the table): no figure rather
    // than a made-up one; the template prints "–".
    conversationsHeldPercent: null,
    pastEnforcementWindowWithoutPlan: f.pastWindowWithoutPlan,
    medianDaysReportToInvestigation: f.medianToInvestigation === null ? null : Math.round(f.medianToInvestigation * 10) / 10,
    // Plans are not stored yet: no case has reached the step.
    medianDaysReportToPlan: null,
    reportsThisHalfYear: f.reportsThisHalfYear,
  };
}

/**
 * The weekly digests of several owners at once (one query for all their schools): ownerId →
 * message. Unknown owners are left out.
 */
export async function digestFiguresForOwners(
  db: Db,
  ownerIds: readonly string[],
  weekStart: Temporal.PlainDate,
  now: Temporal.Instant,
): Promise<Map<string, WeeklyDigestMessage>> {
  const w = windowOf(weekStart, now);
  const owners = ownerIds.length === 0 ? [] : await db
    .select({ id: schoolOwners.id, name: schoolOwners.name })
    .from(schoolOwners)
    .where(inArray(schoolOwners.id, [...ownerIds]));
  const rows = await schoolRows(db, owners.map((o) => o.id), w);
  const byOwner = new Map<string, DigestSchoolRow[]>(owners.map((o) => [o.id, []]));
  for (const row of rows) byOwner.get(row.ownerId)?.push(toDigestRow(row));
  return new Map(
    owners.map((o) => [
      o.id,
      { kind: 'weekly_digest', ownerName: o.name, weekStart: weekStart.toString(), schools: byOwner.get(o.id) ?? [] },
    ]),
  );
}

/**
 * One owner's weekly digest: a row per school of the owner — every school, also those without
 * a case — with figures and school names only (no pupil names, no free text, no case text).
 * `weekStart` is the Monday of the week reported; `now` is the instant the open and overdue
 * figures are taken at.
 */
export async function digestFigures(
  db: Db,
  ownerId: string,
  weekStart: Temporal.PlainDate,
  now: Temporal.Instant,
): Promise<WeeklyDigestMessage> {
  const message = (await digestFiguresForOwners(db, [ownerId], weekStart, now)).get(ownerId);
  if (!message) throw new UnknownOwnerError(`unknown school owner ${ownerId}`);
  return message;
}

/** The ledger's subject of an owner's digest for a week: `digest-<ownerId>-2026-W47`. */
export const digestSubject = (ownerId: string, week: string) => `digest-${ownerId}-${week}`;

/**
 * Queues the weekly digest: for every owner, one ledger row per active digest recipient
 * (step 'weekly', kind 'weekly_digest', payload ids only), due at once; the figures are
 * computed when each email is composed. Reports the week that has just ended (see WEEK
 * CONVENTION), or `options.weekStart` for a manual re-run of an earlier week.
 *
 * Once per owner and week: digest_runs' unique (owner, week) is taken in the same transaction
 * as the ledger rows, so a second run in the same ISO week — a repeated scheduler tick, a
 * retried job, two workers — creates nothing, and a crash leaves either both or neither. The
 * ledger's unique (subject, recipient, step) backs this up. An owner with no active recipient
 * is skipped without taking the week, so a recipient added later can still get it.
 *
 * Returns the number of ledger rows created.
 */
export async function queueWeeklyDigests(
  db: Db,
  now: Temporal.Instant,
  options: { weekStart?: Temporal.PlainDate } = {},
): Promise<number> {
  const weekStart = options.weekStart ?? reportedWeekStart(now);
  if (weekStart.dayOfWeek !== 1) throw new RangeError(`weekStart must be a Monday, got ${weekStart.toString()}`);
  const week = isoWeekId(weekStart);
  const nowDate = toDate(now);

  // Owner × active recipient, in one query; owners already done this week are left out early
  // (digest_runs decides, below, under its unique key).
  const recipients = await db
    .select({ ownerId: schoolOwners.id, recipientId: people.id })
    .from(schoolOwners)
    .innerJoin(people, sql`${people.id} = any(${schoolOwners.digestRecipientIds})`)
    .leftJoin(digestRuns, and(eq(digestRuns.ownerId, schoolOwners.id), eq(digestRuns.isoWeek, week)))
    .where(and(isNull(people.deactivatedAt), isNull(digestRuns.id)))
    .orderBy(asc(schoolOwners.id), asc(people.id));
  const byOwner = new Map<string, string[]>();
  for (const { ownerId, recipientId } of recipients) {
    const list = byOwner.get(ownerId) ?? [];
    if (!list.includes(recipientId)) list.push(recipientId);
    byOwner.set(ownerId, list);
  }

  let created = 0;
  for (const [ownerId, recipientIds] of byOwner) {
    created += await db.transaction(async (tx) => {
      const run = await startDigestRun(tx, ownerId, week, nowDate);
      if (!run) return 0;
      const rows = await tx
        .insert(notifications)
        .values(
          recipientIds.map((recipientId) => ({
            subjectKey: digestSubject(ownerId, week),
            recipientId,
            step: 'weekly',
            kind: 'weekly_digest',
            ownerId,
            // Ids only: the figures are read when the email is composed.
            payload: { ownerId, weekStart: weekStart.toString() },
            sendAfter: nowDate,
          })),
        )
        // Already in the ledger (sent or not): it stays as it is.
        .onConflictDoNothing({ target: [notifications.subjectKey, notifications.recipientId, notifications.step] })
        .returning({ id: notifications.id });
      return rows.length;
    });
  }
  return created;
}

/** A ledger payload's weekStart: a Monday 'YYYY-MM-DD', or null. */
export function parseWeekStart(value: unknown): Temporal.PlainDate | null {
  if (typeof value !== 'string' || !/^\d{4}-\d{2}-\d{2}$/.test(value)) return null;
  try {
    const date = Temporal.PlainDate.from(value, { overflow: 'reject' });
    return date.dayOfWeek === 1 ? date : null;
  } catch {
    return null;
  }
}
