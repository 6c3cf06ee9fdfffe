// What the demo database holds and what the mailbox will receive when, read back from the
// database (not from what the seed meant to write), so the summary cannot drift from the data.
import {
  caseTimeline,
  cases,
  deadlines,
  nonSchoolDays,
  notifications,
  people,
  pupils,
  reports,
  roles,
  schoolOwners,
  schools,
  type Db,
} from '@trygg/db';
import { OSLO, createSchoolCalendar } from '@trygg/domain';
import { loadSchoolContext } from '@trygg/scheduling';
import { and, asc, count, eq, inArray, isNull, lt } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import type { ScenarioStatus } from './scenarios';
import type { SeededCase } from './seed';
import { LOGIN_NOTES, PEOPLE, type DemoRole } from './world';

/** "The first minutes after start": what the test and the start script call immediate. */
export const FIRST_MINUTES = 5;

export interface DemoLogin {
  email: string;
  name: string;
  role: DemoRole;
  /** Norwegian job title. */
  title: string;
  /** The school the role is held at; null for the owner's people and the operator. */
  school: string | null;
  note: string;
}

export interface DemoCounts {
  owners: number;
  schools: number;
  people: number;
  pupils: number;
  pupilsWithHeightenedAttention: number;
  nonSchoolDays: number;
  reports: number;
  cases: number;
  casesByStatus: Record<'reported' | 'investigating' | 'measures' | 'closed', number>;
  timelineEntries: number;
  /** Open deadlines whose due instant has passed (missed; they stay missed). */
  overdueDeadlines: number;
  /** Ledger rows not yet sent (or cancelled, or given up on). */
  pendingNotifications: number;
}

export interface MailMessage {
  to: string;
  /** Template kind: new_report, reminder, escalation, owner_notice, enforcement_window. */
  kind: string;
  /** The deadline kind or subject it is about (investigation_start, s12_5_notice, new …). */
  about: string;
  step: string;
  caseNumber: string | null;
  school: string | null;
}

export interface MailBatch {
  /** When the worker may send it (ISO; rows already due show as `now`). */
  at: string;
  /** The same instant as Oslo wall-clock time, 'tir. 17.11.2026 kl. 10:00'. */
  oslo: string;
  withinFirstMinutes: boolean;
  messages: MailMessage[];
}

export interface DemoSummary {
  /** false: the database already had data, and nothing was written. */
  seeded: boolean;
  /** One sentence in Norwegian for the console. */
  message: string;
  now: string;
  nowOslo: string;
  counts: DemoCounts;
  /** The seeded cases (empty when nothing was seeded). */
  cases: { number: string; school: string; status: ScenarioStatus; label: string; key: string }[];
  logins: DemoLogin[];
  mail: {
    inSendingWindow: boolean;
    /** Messages the worker sends within FIRST_MINUTES of `now`. */
    firstMinutes: number;
    later: number;
    batches: MailBatch[];
    /** What arrives when, in Norwegian. */
    notes: string[];
  };
  /** What the demo does not show yet, in Norwegian. */
  notes: string[];
}

const WEEKDAYS = ['man.', 'tir.', 'ons.', 'tor.', 'fre.', 'lør.', 'søn.'];
const pad = (n: number) => String(n).padStart(2, '0');

export function osloText(instant: Temporal.Instant): string {
  const z = instant.toZonedDateTimeISO(OSLO);
  return `${WEEKDAYS[z.dayOfWeek - 1]} ${pad(z.day)}.${pad(z.month)}.${z.year} kl. ${pad(z.hour)}:${pad(z.minute)}`;
}

const toInstant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());

export const DEMO_NOTES = [
  'Ingen demosak har aktivitetsplan ennå: lag en selv i saken der undersøkelsen er avsluttet og tiltak trengs ' +
    '(planen er på overtid), så går saken over i «tiltak» og evalueringsdatoene får påminnelser.',
  'Elevsamtalene er ikke fylt inn i demoen: registrer dem under «Elevsamtaler», eller importer elever fra CSV.',
  'Fjellstad ungdomsskole har leksehjelp i stedet for SFO/AKS (ungdomsskoler har ikke SFO).',
];

export async function describeDemo(db: Db, now: Temporal.Instant, seeded: readonly SeededCase[] | null): Promise<DemoSummary> {
  const nowDate = new Date(now.epochMilliseconds);
  const n = async (query: Promise<{ n: number }[]>) => (await query)[0]?.n ?? 0;
  const byStatus = await db.select({ status: cases.status, n: count() }).from(cases).groupBy(cases.status);
  const statusCount = (s: string) => byStatus.find((r) => r.status === s)?.n ?? 0;
  const counts: DemoCounts = {
    owners: await n(db.select({ n: count() }).from(schoolOwners)),
    schools: await n(db.select({ n: count() }).from(schools)),
    people: await n(db.select({ n: count() }).from(people)),
    pupils: await n(db.select({ n: count() }).from(pupils)),
    pupilsWithHeightenedAttention: await n(db.select({ n: count() }).from(pupils).where(eq(pupils.heightenedAttention, true))),
    nonSchoolDays: await n(db.select({ n: count() }).from(nonSchoolDays)),
    reports: await n(db.select({ n: count() }).from(reports)),
    cases: await n(db.select({ n: count() }).from(cases)),
    casesByStatus: {
      reported: statusCount('reported'),
      investigating: statusCount('investigating'),
      measures: statusCount('measures'),
      closed: statusCount('closed'),
    },
    timelineEntries: await n(db.select({ n: count() }).from(caseTimeline)),
    overdueDeadlines: await n(
      db
        .select({ n: count() })
        .from(deadlines)
        .where(and(eq(deadlines.state, 'open'), lt(deadlines.dueAt, nowDate))),
    ),
    pendingNotifications: await n(
      db
        .select({ n: count() })
        .from(notifications)
        .where(and(isNull(notifications.sentAt), isNull(notifications.cancelledAt), isNull(notifications.failedPermanentlyAt))),
    ),
  };

  const mail = await mailSchedule(db, now);
  return {
    seeded: seeded !== null,
    message:
      seeded !== null
        ? `Demodata lagt inn: ${counts.schools} skoler, ${counts.pupils} elever og ${counts.cases} saker i ${counts.owners === 1 ? 'én kommune' : `${counts.owners} kommuner`}.`
        : 'Databasen har allerede en skoleeier — demodata ble ikke lagt inn (ingenting er endret).',
    now: now.toString(),
    nowOslo: osloText(now),
    counts,
    cases: (seeded ?? []).map(({ number, school, status, label, key }) => ({ number, school, status, label, key })),
    logins: await demoLogins(db),
    mail,
    notes: seeded !== null ? DEMO_NOTES : [],
  };
}

/** The login list of world.ts, as far as those people exist in this database. */
async function demoLogins(db: Db): Promise<DemoLogin[]> {
  const wanted = PEOPLE.filter((p) => LOGIN_NOTES[p.key] !== undefined);
  const rows = await db
    .select({ email: people.email, name: people.name, role: roles.role, school: schools.name })
    .from(people)
    .leftJoin(roles, eq(roles.personId, people.id))
    .leftJoin(schools, eq(schools.id, roles.schoolId))
    .where(
      inArray(
        people.email,
        wanted.map((p) => p.email),
      ),
    );
  return wanted.flatMap((p) => {
    const row = rows.find((r) => r.email === p.email);
    if (!row) return [];
    return [{ email: p.email, name: row.name, role: p.role, title: p.title, school: row.school ?? null, note: LOGIN_NOTES[p.key]! }];
  });
}

async function mailSchedule(db: Db, now: Temporal.Instant): Promise<DemoSummary['mail']> {
  const rows = await db
    .select({
      sendAfter: notifications.sendAfter,
      subjectKey: notifications.subjectKey,
      kind: notifications.kind,
      step: notifications.step,
      to: people.email,
      caseNumber: cases.number,
      school: schools.name,
      schoolId: notifications.schoolId,
    })
    .from(notifications)
    .innerJoin(people, eq(people.id, notifications.recipientId))
    .leftJoin(cases, eq(cases.id, notifications.caseId))
    .leftJoin(schools, eq(schools.id, notifications.schoolId))
    .where(and(isNull(notifications.sentAt), isNull(notifications.cancelledAt), isNull(notifications.failedPermanentlyAt)))
    .orderBy(asc(notifications.sendAfter), asc(people.email));

  const nowMs = now.epochMilliseconds;
  const firstMs = nowMs + FIRST_MINUTES * 60_000;
  const batches = new Map<number, MailBatch>();
  for (const r of rows) {
    const ms = Math.max(r.sendAfter.getTime(), nowMs);
    let batch = batches.get(ms);
    if (!batch) {
      const at = Temporal.Instant.fromEpochMilliseconds(ms);
      batch = { at: at.toString(), oslo: osloText(at), withinFirstMinutes: ms <= firstMs, messages: [] };
      batches.set(ms, batch);
    }
    batch.messages.push({
      to: r.to,
      kind: r.kind,
      about: aboutOf(r.subjectKey),
      step: r.step,
      caseNumber: r.caseNumber,
      school: r.school,
    });
  }
  const list = [...batches.values()];
  const firstMinutes = list.filter((b) => b.withinFirstMinutes).reduce((a, b) => a + b.messages.length, 0);
  const later = rows.length - firstMinutes;

  // The sending window is the school's (both demo schools follow the owner's calendar).
  const schoolId = rows.find((r) => r.schoolId)?.schoolId ?? (await db.select({ id: schools.id }).from(schools).limit(1))[0]?.id;
  const calendar = schoolId ? ((await loadSchoolContext(db, schoolId))?.calendar ?? createSchoolCalendar()) : createSchoolCalendar();
  const inSendingWindow = calendar.isInSendingWindow(now);
  const nextWindow = calendar.nextSendingInstant(now);

  const notes: string[] = [];
  const first = list.filter((b) => b.withinFirstMinutes).flatMap((b) => b.messages);
  if (inSendingWindow) {
    notes.push(`Nå (${osloText(now)}) er det innenfor sendevinduet (07:30–16:00 på skoledager): alt som er forfalt, sendes med en gang.`);
  } else {
    notes.push(
      `Nå (${osloText(now)}) er det utenfor sendevinduet (07:30–16:00 på skoledager): bare varsler etter § 12-5 og om alvorlige saker går med en gang; ` +
        `vanlige påminnelser og eskaleringer venter til ${osloText(nextWindow)}.`,
    );
  }
  notes.push(`De første ${FIRST_MINUTES} minuttene: ${first.length} e-post${first.length === 1 ? '' : 'er'}${first.length ? ` (${kindCounts(first)})` : ''}.`);
  for (const b of list.filter((x) => !x.withinFirstMinutes).slice(0, 4)) {
    notes.push(`${b.oslo}: ${b.messages.length} e-post${b.messages.length === 1 ? '' : 'er'} (${kindCounts(b.messages)}).`);
  }
  const rest = list.filter((x) => !x.withinFirstMinutes).slice(4);
  if (rest.length) {
    notes.push(`Senere: ${rest.reduce((a, b) => a + b.messages.length, 0)} e-poster fordelt på ${rest.length} tidspunkter.`);
  }
  return { inSendingWindow, firstMinutes, later, batches: list, notes };
}

/** `case-<id>.investigation_start` → investigation_start; `report-<id>.new` → new. */
function aboutOf(subjectKey: string): string {
  return subjectKey.replace(/^(case|report)-[0-9a-f-]+\./, '');
}

const KIND_NB: Record<string, string> = {
  new_report: 'ny melding',
  reminder: 'påminnelse',
  escalation: 'eskalering',
  owner_notice: 'varsel til skoleeier',
  enforcement_window: 'Statsforvalteren kan kontaktes',
};

function kindCounts(messages: readonly MailMessage[]): string {
  const byKind = new Map<string, number>();
  for (const m of messages) byKind.set(m.kind, (byKind.get(m.kind) ?? 0) + 1);
  return [...byKind.entries()].map(([k, v]) => `${v} × ${KIND_NB[k] ?? k}`).join(', ');
}

const STATUS_NB: Record<ScenarioStatus, string> = { reported: 'meldt', investigating: 'undersøkes', closed: 'avsluttet' };

/** The summary as console lines (the CLI and `npm start` print this). */
export function formatDemoSummary(summary: DemoSummary): string {
  const lines: string[] = [summary.message];
  if (summary.seeded) {
    const c = summary.counts;
    lines.push(
      `  ${c.people} personer, ${c.pupils} elever (${c.pupilsWithHeightenedAttention} med skjerpet aktsomhet), ${c.nonSchoolDays} fridager/planleggingsdager 2026/27`,
      `  Saker: ${c.casesByStatus.reported} meldt, ${c.casesByStatus.investigating} under undersøkelse, ${c.casesByStatus.closed} avsluttet; ${c.overdueDeadlines} frister på overtid`,
      '',
      'Saker:',
      ...summary.cases.map((k) => `  ${k.number}  ${k.school.padEnd(23)} ${STATUS_NB[k.status].padEnd(11)} ${k.label}`),
    );
  }
  if (summary.logins.length) {
    lines.push('', 'Logg inn som (e-post):');
    for (const l of summary.logins) {
      lines.push(`  ${l.email.padEnd(44)} ${`${l.title}${l.school ? `, ${l.school}` : ''}`.padEnd(48)} ${l.note}`);
    }
  }
  lines.push('', 'E-post:', ...summary.mail.notes.map((n) => `  ${n}`));
  if (summary.notes.length) lines.push('', 'Ikke med ennå:', ...summary.notes.map((n) => `  ${n}`));
  return lines.join('\n');
}

