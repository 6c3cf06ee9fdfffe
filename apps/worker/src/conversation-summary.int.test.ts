// The daily conversation-summary job on a real database: the handler (wired as worker.ts wires
// it) writes one ledger row per leader per school day, and the send path composes the
// per-contact-teacher summary, rendered here as the leader reads it.
import { dueNotifications, notifications, pupils, type Db } from '@trygg/db';
import { localDateTimeToInstant } from '@trygg/domain';
import { renderMessage, type SendInput } from '@trygg/notifications';
import { composeNotification, runConversationSummary, toInstant } from '@trygg/scheduling';
import { createTestDatabase, seedSchool, type SeededSchool, type TestDatabase } from '@trygg/testing';
import { like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDeliver } from './deliver';
import { createHandlers, type JobContext } from './handlers';
import { silentLogger } from './log';

const APP_URL = 'https://trygg.example/';
const at = (local: string) => new Date(localDateTimeToInstant(local).epochMilliseconds);
const context: JobContext = { jobId: 'j-1', attemptsMade: 0, attempts: 5, log: silentLogger };

let t: TestDatabase;
let db: Db;
let s: SeededSchool;
const clock = { now: at('2026-12-02T07:30') };
const sent: SendInput[] = [];

beforeAll(async () => {
  t = await createTestDatabase();
  db = t.db;
  s = await seedSchool(db);
  // The seeded Nora (NN) and Emil (EB) have Tone as contact teacher; Aksel has the leader.
  await db.insert(pupils).values({ schoolId: s.schoolId, name: 'Aksel Dahl', initials: 'AD', birthYear: 2015, contactTeacherId: s.leader });
});
afterAll(() => t?.drop());

function handlers() {
  return createHandlers({
    clock: () => clock.now,
    jobs: { enqueue: async () => ({ jobId: 'x', outcome: 'added' }) },
    deliver: createDeliver({
      db,
      mailer: {
        send: async (input) => {
          sent.push(input);
          return { messageId: input.messageId, accepted: [input.to].flat(), rejected: [] };
        },
      },
      compose: (row) => composeNotification(db, row, { appUrl: APP_URL, ackSecret: 'test-ack-secret' }),
      clock: () => clock.now,
      appUrl: APP_URL,
    }),
    findDue: async (until, limit) => (await dueNotifications(db, until, limit)).map((row) => ({ id: row.id, sendAfter: row.sendAfter })),
    runWeeklyDigest: async () => ({}),
    runConversationSummary: (date) => runConversationSummary(db, date, toInstant(clock.now)),
  });
}

const summaryRows = () => db.select().from(notifications).where(like(notifications.subjectKey, `school-${s.schoolId}.conversation-summary-%`));

describe('conversation-summary job', () => {
  it('writes one summary per leader per school day of overdue conversations, and the leader reads the per-teacher counts', async () => {
    // Wednesday 2 December 2026: the autumn conversations were due Tuesday 16:00.
    const result = await handlers()['conversation-summary']({}, context);
    expect(result).toEqual({ date: '2026-12-02', result: { date: '2026-12-02', schools: 2, summaries: 2, queued: 2 } });
    // The job retried (or a second worker) the same morning: nothing new.
    clock.now = at('2026-12-02T07:45');
    expect(await handlers()['conversation-summary']({}, context)).toMatchObject({ result: { queued: 0 } });

    const rows = await summaryRows();
    expect(rows.map((r) => [r.recipientId, r.step, r.kind])).toEqual([[s.leader, 'summary', 'conversation_summary']]);

    // The sweep and the send path: one email to the leader, none per pupil.
    for (const row of rows) expect(await handlers()['send-notification']({ notificationId: row.id }, context)).toMatchObject({ outcome: 'sent' });
    const toLeader = sent.filter((m) => m.message.kind === 'conversation_summary' && m.message.schoolId === s.schoolId);
    expect(toLeader).toHaveLength(1);
    const { subject, text } = await renderMessage(toLeader[0]!.message, { lang: toLeader[0]!.lang, appUrl: APP_URL });
    expect(subject).toMatch(/^Elevsamtaler over fristen ved Bjørk skole \d+: 3 elever$/);
    expect(text).toContain('Per onsdag 2. desember 2026 har 3 elever ved Bjørk skole');
    expect(text).toContain('Fristen var tirsdag 1. desember 2026 kl. 16:00.');
    expect(text).toContain('Lars Leder: 1 (AD)');
    expect(text).toContain('Tone Lærer: 2 (EB, NN)');
    expect(text).toContain(`${APP_URL}schools/${s.schoolId}/conversations?status=outstanding`);
    expect(text).not.toMatch(/Nora|Emil|Aksel/);

    // Thursday: the next summary; Saturday: none.
    clock.now = at('2026-12-03T07:30');
    expect(await handlers()['conversation-summary']({}, context)).toMatchObject({ result: { queued: 2 } });
    clock.now = at('2026-12-05T07:30');
    expect(await handlers()['conversation-summary']({}, context)).toMatchObject({ result: { summaries: 0, queued: 0 } });
    expect((await summaryRows()).map((r) => r.subjectKey.slice(-10)).sort()).toEqual(['2026-12-02', '2026-12-03']);
  });
});
