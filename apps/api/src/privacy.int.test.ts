// No pupil names or national ids in any email (DOMAIN.md "Privacy"): the main flows run through
// the API — reports, § 12-5 about a teacher and about the principal, a serious case with its
// owner notice, the investigation and the activity plan, a pupil conversation answered "no", the
// pupil-conversation reminders and the leaders' summary, the weekly digest — and then EVERY
// ledger row is composed (libs/scheduling, as the worker does at send time), rendered and sent
// through the real mailer to a real SMTP receiver. Every message that arrives is read (decoded
// subject, text and HTML, and the raw message) and must hold no pupil's full or first name and no
// 11-digit number; messages to the owner's people must not hold the pupils' initials either
// (school staff may get initials and the case number).
import { eq, isNull } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, notifications, people, pupils, roles } from '@trygg/db';
import { createMailer, messageIdFor, type Mailer } from '@trygg/notifications';
import { UndeliverableError, composeNotification, queueWeeklyDigests, runConversationSummary, syncPupilConversations, toInstant, termOf } from '@trygg/scheduling';
import { startSmtpReceiver, type ReceivedMail, type SmtpReceiver } from '@trygg/testing';
import { createTestApp, osloDate, type TestApp } from './test-support';

const APP_URL = 'https://trygg.example.no/';

let x: TestApp;
let smtp: SmtpReceiver;
let mailer: Mailer;
/** Every pupil of the test database: full name, initials, national id. */
let everyone: { name: string; initials: string; nationalId: string }[] = [];

// Distinct initials, so a two-letter word of a template can never be taken for them.
const NEW_PUPILS = [
  { name: 'Zelda Quistorp', initials: 'ZQ' },
  { name: 'Vebjørn Qvale', initials: 'VQ' },
  { name: 'Hedda Quale', initials: 'HQ' },
  { name: 'Ottar Quist', initials: 'OQ' },
  { name: 'Synnøve Qvam', initials: 'SQ' },
];

beforeAll(async () => {
  x = await createTestApp();
  smtp = await startSmtpReceiver();
  mailer = createMailer({ from: 'Trygg <varsel@trygg.test>', transportOptions: smtp.transport });
  const s = x.s;
  for (const p of NEW_PUPILS) {
    await x.t.db.insert(pupils).values({ schoolId: s.schoolId, name: p.name, initials: p.initials, birthYear: 2015, contactTeacherId: s.teacher });
  }
  // Every pupil gets a national id (fødselsnummer) and distinctive initials.
  const all = await x.t.db.select().from(pupils);
  for (const [i, p] of all.entries()) {
    const initials = p.initials.length === 2 && NEW_PUPILS.some((n) => n.initials === p.initials) ? p.initials : `Q${String.fromCharCode(65 + i)}`;
    await x.t.db
      .update(pupils)
      .set({ nationalId: `1507153${String(1000 + i * 37).padStart(4, '0')}`, initials })
      .where(eq(pupils.id, p.id));
  }
  everyone = (await x.t.db.select().from(pupils)).map((p) => ({ name: p.name, initials: p.initials, nationalId: p.nationalId! }));
}, 120_000);
afterAll(async () => {
  await smtp?.stop();
  await x?.drop();
});

const pupilId = async (name: string) => (await x.t.db.select({ id: pupils.id }).from(pupils).where(eq(pupils.name, name)))[0]!.id;

async function file(as: string, name: string, extra: Record<string, unknown> = {}): Promise<string> {
  const res = await x.as(as).post('/api/reports', {
    schoolId: x.s.schoolId,
    pupilId: await pupilId(name),
    basis: 'knowledge',
    category: extra['concernsEmployee'] ? 'staff_violation' : 'bullying',
    description: `${name} blir plaget i garderoben.`,
    intervened: true,
    intervention: `Snakket med ${name}.`,
    ...extra,
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.caseId;
}

describe('every email the main flows produce', () => {
  it('carries no pupil name and no national id, and no initials to the owner', async () => {
    const s = x.s;
    const at = (local: string) => (x.clock.now = osloDate(local));
    const ok = (res: { status: number; body: unknown }, status = 200) => expect(res.status, JSON.stringify(res.body)).toBe(status);

    // 1. A teacher reports; the principal registers, delegates; the leader investigates and makes the plan.
    at('2026-04-13T09:00');
    const plain = await file(s.teacher, 'Nora Nilsen');
    ok(await x.as(s.principal).post(`/api/cases/${plain}/acknowledge`));
    ok(await x.as(s.principal).post(`/api/cases/${plain}/delegate`, { leaderId: s.leader }));
    ok(await x.as(s.leader).post(`/api/cases/${plain}/start-investigation`, {}));
    ok(
      await x.as(s.leader).post(`/api/cases/${plain}/investigation/steps`, {
        kind: 'conversation_with_pupil',
        performedById: s.teacher,
        summary: 'Nora Nilsen sier at ingen vil leke med henne.',
      }),
      201,
    );
    ok(await x.as(s.leader).post(`/api/cases/${plain}/investigation/best-interest`, { text: 'Det beste for Nora er å bli i klassen.' }), 201);
    at('2026-04-14T10:00');
    ok(await x.as(s.leader).post(`/api/cases/${plain}/conclude-investigation`, { measuresNeeded: true, conclusion: 'Nora Nilsen trenger tiltak.' }));
    ok(
      await x.as(s.leader).post(`/api/cases/${plain}/plans`, {
        problem: 'Nora Nilsen holdes utenfor i friminuttene.',
        measures: [
          {
            level: 'individual',
            description: 'En trygg voksen er med Nora i friminuttene.',
            start: '2026-04-20',
            end: '2026-05-29',
            responsible: [s.teacher],
            evaluationDate: '2026-05-04',
          },
        ],
        pupilView: 'Nora vil ha en voksen i nærheten.',
      }),
      201,
    );

    // 2. § 12-5 about a teacher (principal and owner at once), 3. about the principal (the owner only).
    at('2026-04-14T11:00');
    const [accused] = await x.t.db.insert(people).values({ name: 'Knut Anklaget', email: 'knut.anklaget@example.test' }).returning();
    await x.t.db.insert(roles).values({ personId: accused!.id, role: 'staff', schoolId: s.schoolId });
    await file(s.sfo, 'Emil Berg', { concernsEmployee: true, accusedPersonId: accused!.id });
    await file(s.teacher, 'Zelda Quistorp', { concernsEmployee: true, accusedPersonId: s.principal });

    // 4. A serious case: the principal notifies the owner (acknowledgement link, re-send to the second contact).
    const serious = await file(s.teacher, 'Vebjørn Qvale');
    ok(await x.as(s.principal).post(`/api/cases/${serious}/serious`));
    ok(await x.as(s.principal).post(`/api/cases/${serious}/owner-notice`, {}));

    // 5. A pupil conversation answered "no" files a report.
    ok(await x.as(s.teacher).post(`/api/pupils/${await pupilId('Hedda Quale')}/conversations`, { answer: 'no', note: 'Hedda Quale er redd.' }), 201);

    // 6. The pupil-conversation reminders, the leaders' summary after the due date, the weekly digest.
    await syncPupilConversations(x.t.db, s.schoolId, termOf(toInstant(x.clock.now)), toInstant(x.clock.now));
    await runConversationSummary(x.t.db, '2026-05-04', toInstant(osloDate('2026-05-04T07:00')));
    expect(await queueWeeklyDigests(x.t.db, toInstant(osloDate('2026-04-20T07:00')))).toBeGreaterThan(0);

    // Every ledger row: composed at "send time", rendered, sent through SMTP.
    const rows = await x.t.db.select().from(notifications).where(isNull(notifications.cancelledAt));
    const kinds = new Map<string, number>();
    let undeliverable = 0;
    const ownerSide = new Set([s.ownerOfficial, s.secondContact]);
    const toOwner = new Set<string>();
    for (const row of rows) {
      let composed;
      try {
        composed = await composeNotification(x.t.db, row, { appUrl: APP_URL, ackSecret: 'privacy-test-ack-secret' });
      } catch (error) {
        if (error instanceof UndeliverableError) {
          undeliverable += 1;
          continue;
        }
        throw error;
      }
      const messageId = messageIdFor(row.id);
      await mailer.send({ to: composed.to, lang: composed.lang, message: composed.message, messageId, appUrl: APP_URL });
      const key = `${composed.message.kind}${ownerSide.has(row.recipientId) ? ' (owner)' : ''}`;
      kinds.set(key, (kinds.get(key) ?? 0) + 1);
      if (ownerSide.has(row.recipientId)) toOwner.add(messageId.replace(/^<|>$/g, ''));
    }
    const sent = [...kinds.values()].reduce((a, b) => a + b, 0);
    await smtp.waitFor(() => smtp.messages.length >= sent, 20_000).catch(() => undefined);
    expect(smtp.messages).toHaveLength(sent);
    console.log(
      `privacy: ${sent} emails scanned (${undeliverable} ledger rows undeliverable) — ${[...kinds].map(([k, n]) => `${k}: ${n}`).join(', ')}`,
    );
    // The flows produced every kind of message, to staff and to the owner.
    for (const kind of ['new_report', 'reminder', 'escalation', 'owner_notice (owner)', 'escalation (owner)', 'conversation_summary', 'weekly_digest (owner)']) {
      expect([...kinds.keys()], kind).toContain(kind);
    }

    const problems: string[] = [];
    // What is stored in clear text beside the case file: the ledger's payloads and the audit log.
    const stored = JSON.stringify([
      ...(await x.t.db.select({ payload: notifications.payload }).from(notifications)),
      ...(await x.t.db.select({ details: auditLog.details }).from(auditLog)),
    ]);
    for (const p of everyone) {
      if (stored.includes(p.name) || stored.includes(p.nationalId)) problems.push(`ledger payload or audit entry: ${p.initials}`);
    }
    const scan = (mail: ReceivedMail) => {
      const decoded = [mail.subject ?? '', mail.text, mail.html ?? ''].join('\n');
      const where = `${mail.subject} → ${mail.to}`;
      for (const p of everyone) {
        const [first] = p.name.split(' ');
        if (decoded.includes(p.name) || mail.raw.includes(p.name)) problems.push(`${where}: full name ${p.name}`);
        if (new RegExp(`(^|[^\\p{L}])${first}([^\\p{L}]|$)`, 'u').test(decoded)) problems.push(`${where}: first name ${first}`);
        if (decoded.includes(p.nationalId) || mail.raw.includes(p.nationalId)) problems.push(`${where}: national id of ${p.initials}`);
        const isOwner = toOwner.has((mail.messageId ?? '').replace(/^<|>$/g, ''));
        if (isOwner && new RegExp(`(^|[^\\p{L}])${p.initials}([^\\p{L}]|$)`, 'u').test(decoded)) problems.push(`${where}: initials ${p.initials} to the owner`);
      }
      const elevenDigits = /(^|\D)\d{11}(\D|$)/.exec(decoded);
      if (elevenDigits) problems.push(`${where}: an 11-digit number`);
    };
    smtp.messages.forEach(scan);
    expect(problems).toEqual([]);
    // The staff do get what they need: the initials (so the owner's copies were checked for something real).
    const initialsToStaff = smtp.messages.filter(
      (m) => !toOwner.has((m.messageId ?? '').replace(/^<|>$/g, '')) && everyone.some((p) => m.text.includes(p.initials)),
    );
    expect(initialsToStaff.length).toBeGreaterThan(0);
  }, 180_000);
});
