// GET /api/cases/{id}/casefile over HTTP against a real database: a case built through the API
// (report, investigation naming another pupil, two plan versions, evaluations), read back as a
// PDF (text extracted with pdfjs-dist) and as HTML; who may fetch it; what the audit log keeps.
import { and, eq } from 'drizzle-orm';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, cases, people, roles } from '@trygg/db';
import { createTestApp, osloDate, type TestApp } from './test-support';
import { sessionCookie } from './session';

let x: TestApp;
let id: string;
let number: string;
let planDates: string[];

beforeAll(async () => {
  x = await createTestApp();
  ({ id, number, planDates } = await buildCase());
});
afterAll(() => x?.drop());

const DESCRIPTION = 'Nora ble kalt <script>alert("x")</script> i garderoben. Emil Berg sto og så på.';

/** Moves the clock and asserts the request succeeded. */
async function ok(status: Promise<{ status: number; body: any }>, expected = 200) {
  const res = await status;
  expect(res.status, JSON.stringify(res.body)).toBe(expected);
  return res.body;
}

async function buildCase(): Promise<{ id: string; number: string; planDates: string[] }> {
  const { s } = x;
  const lead = x.as(s.leader);
  x.clock.now = osloDate('2026-04-13T09:00');
  const report = await ok(
    x.as(s.teacher).post('/api/reports', {
      schoolId: s.schoolId,
      pupilId: s.pupil,
      basis: 'knowledge',
      category: 'bullying',
      description: DESCRIPTION,
      intervened: true,
      intervention: 'Stoppet det og snakket med begge.',
    }),
    201,
  );
  const caseId = report.caseId as string;
  x.clock.now = osloDate('2026-04-13T11:00');
  await ok(x.as(s.principal).post(`/api/cases/${caseId}/acknowledge`));
  await ok(x.as(s.principal).post(`/api/cases/${caseId}/delegate`, { leaderId: s.leader }));
  x.clock.now = osloDate('2026-04-14T10:00');
  await ok(lead.post(`/api/cases/${caseId}/start-investigation`, {}));
  await ok(
    lead.post(`/api/cases/${caseId}/investigation/steps`, {
      kind: 'conversation_with_pupil',
      performedById: s.teacher,
      summary: 'Nora sier at hun gruer seg til friminuttene.',
    }),
    201,
  );
  x.clock.now = osloDate('2026-04-14T13:00');
  await ok(
    lead.post(`/api/cases/${caseId}/investigation/steps`, {
      kind: 'other_pupils',
      performedById: s.teacher,
      summary: 'Emil Berg forteller at en gruppe bestemmer hvem som får være med.',
      otherPupilIds: [s.otherPupil],
    }),
    201,
  );
  await ok(lead.post(`/api/cases/${caseId}/investigation/findings`, { text: 'Emils gruppe holder Nora utenfor i friminuttene.' }), 201);
  await ok(
    lead.post(`/api/cases/${caseId}/investigation/best-interest`, { text: 'Det beste for Nora er å bli i klassen, med en trygg voksen i friminuttene.' }),
    201,
  );
  x.clock.now = osloDate('2026-04-15T14:00');
  await ok(lead.post(`/api/cases/${caseId}/conclude-investigation`, { measuresNeeded: true, conclusion: 'Tiltak trengs.' }));
  x.clock.now = osloDate('2026-04-16T09:00');
  const measure = {
    level: 'individual',
    description: 'Fast voksen sammen med Nora i alle friminutt.',
    start: '2026-04-20',
    end: '2026-05-29',
    responsible: [s.teacher],
    evaluationDate: '2026-05-04',
  };
  const problem = 'Nora blir holdt utenfor i friminuttene av en gruppe i klassen, og gruer seg til skolen.';
  const v1 = await ok(lead.post(`/api/cases/${caseId}/plans`, { problem, measures: [measure], pupilView: 'Nora vil ha en voksen i nærheten.' }), 201);
  const m1 = v1.plan.measures[0].id as string;
  x.clock.now = osloDate('2026-05-04T10:00');
  await ok(
    lead.post(`/api/cases/${caseId}/evaluations`, {
      plannedDate: '2026-05-04',
      measures: [{ measureId: m1, howCarriedOut: 'Tone har vært med i alle friminutt.', effect: 'Nora leker mer med andre.' }],
      pupilView: 'Nora sier det er verst på AKS.',
      situationSafe: false,
      decision: 'adjust',
      nextEvaluationOn: '2026-05-20',
      revisedPlan: {
        problem: `${problem} Hun er også utrygg på AKS.`,
        measures: [
          { ...measure, id: m1, end: '2026-06-19', evaluationDate: '2026-05-20' },
          {
            level: 'after_school',
            description: 'Fast voksen på AKS ved henting og i frileken.',
            start: '2026-05-05',
            end: '2026-06-19',
            responsible: [s.sfo],
            evaluationDate: '2026-05-20',
          },
        ],
        pupilView: 'Nora vil ha en voksen på AKS også.',
      },
    }),
    201,
  );
  x.clock.now = osloDate('2026-05-06T12:00');
  const [row] = await x.t.db.select({ number: cases.number }).from(cases).where(eq(cases.id, caseId));
  return { id: caseId, number: row!.number, planDates: ['16.04.2026 kl. 09:00', '04.05.2026 kl. 10:00'] };
}

/** GET the case file as raw bytes (the test client reads bodies as text). */
async function download(personId: string | null, query = '') {
  const headers: Record<string, string> = {};
  if (personId) headers['cookie'] = await sessionCookie(x.t.db, personId, x.clock.now);
  const res = await x.app.request(`/api/cases/${id}/casefile${query}`, { headers });
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

async function pdfText(bytes: Buffer): Promise<string> {
  const task = getDocument({ data: new Uint8Array(bytes), useSystemFonts: false, disableFontFace: true, verbosity: 0 });
  const doc = await task.promise;
  const pages: string[] = [];
  for (let n = 1; n <= doc.numPages; n++) {
    const content = await (await doc.getPage(n)).getTextContent();
    pages.push(content.items.map((i) => ('str' in i ? i.str + (i.hasEOL ? '\n' : '') : '')).join(''));
  }
  await task.destroy();
  return pages.join('\n').replace(/\s+/g, ' ');
}

describe('GET /api/cases/{id}/casefile', () => {
  it('gives the principal the full case file as a PDF attachment named by the case number', async () => {
    const res = await download(x.s.principal);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/pdf');
    expect(res.headers.get('cache-control')).toBe('no-store');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="sak-${number}.pdf"`);
    expect(res.bytes.subarray(0, 5).toString()).toBe('%PDF-');

    const text = await pdfText(res.bytes);
    expect(text).toContain(`Saksmappe – saksnummer ${number}`);
    expect(text).toContain('Elev Nora Nilsen');
    expect(text).toContain('Kompletthetssjekk (opplæringsloven § 12-4)');
    // Every plan version with the moment it was made.
    expect(text).toContain(`Aktivitetsplan versjon 1 – laget ${planDates[0]}`);
    expect(text).toContain(`Aktivitetsplan versjon 2 – laget ${planDates[1]}`);
    // The timeline, in order.
    const order = ['Bekymring meldt', 'Rektor registrerte meldingen', 'Saken delegert', 'Undersøkelsen startet', 'Undersøkelsen avsluttet', 'Aktivitetsplan laget', 'Evaluering registrert', 'Aktivitetsplan revidert'];
    const timeline = text.slice(text.indexOf('Tidslinje'), text.indexOf('Elevsamtaler (følge med)'));
    const at = order.map((label) => timeline.indexOf(label));
    expect(at.every((i) => i >= 0), order.filter((_, i) => at[i]! < 0).join(', ')).toBe(true);
    expect(at).toEqual([...at].sort((a, b) => a - b));
    // The full copy names the other pupil.
    expect(text).toContain('Emil Berg');
  });

  it('names in the completeness check what is missing', async () => {
    // 20 May, the second version's evaluation date, has passed without an evaluation.
    x.clock.now = osloDate('2026-05-22T10:00');
    const text = await pdfText((await download(x.s.leader)).bytes);
    const check = text.slice(text.indexOf('Kompletthetssjekk'), text.indexOf('Tidslinje'));
    expect(check).toContain('Følge med: I orden');
    expect(check).toContain('Undersøke: I orden');
    expect(check).toContain('Sette inn tiltak og lage aktivitetsplan: Mangler');
    expect(check).toContain('Evalueringen som skulle vært holdt 20.05.2026, er ikke registrert.');
    expect(check).toContain('Fristen «Planen evalueres» (20.05.2026 kl. 16:00) er oversittet, og det er ikke skrevet hvorfor.');
    // Acknowledging the report does not record when the principal personally knew (§ 12-6).
    expect(check).toContain('Melde fra: Mangler – Det er ikke registrert når rektor selv fikk vite om saken.');
    x.clock.now = osloDate('2026-05-06T12:00');
  });

  it("the parents' copy names no other pupil", async () => {
    const res = await download(x.s.principal, '?variant=parents');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="sak-${number}-foreldre.pdf"`);
    const text = await pdfText(res.bytes);
    expect(text).toContain('Kopi til foreldrene');
    for (const name of ['Emil', 'Berg']) expect(text).not.toContain(name);
    expect(text).toContain('[annen elev]');
    expect(text).toContain('[opplysninger om andre elever er tatt ut]');
    expect(text).toContain(`Aktivitetsplan versjon 2 – laget ${planDates[1]}`);
  });

  it('as HTML escapes what people typed', async () => {
    const res = await download(x.s.principal, '?format=html');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(res.headers.get('content-disposition')).toBe(`attachment; filename="sak-${number}.html"`);
    const html = res.bytes.toString('utf8');
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;');
    expect(html).toContain('Emil Berg');
    const parents = (await download(x.s.principal, '?format=html&variant=parents')).bytes.toString('utf8');
    expect(parents).not.toContain('Emil');
    expect(parents).not.toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; i garderoben. Emil');
  });

  it('is for the principal and the case leader: 404 for those who may not see the case, 403 for staff', async () => {
    expect((await download(null)).status).toBe(401);
    for (const outsider of [x.s.otherPrincipal, x.s.admin, x.s.ownerOfficial]) {
      const res = await download(outsider);
      expect(res.status).toBe(404);
      expect(JSON.parse(res.bytes.toString()).error).toMatchObject({ code: 'NOT_FOUND', message: 'Fant ikke saken.' });
    }
    // The reporter and a measure owner see their own part of the case, not the case file.
    for (const staff of [x.s.teacher, x.s.sfo]) {
      const res = await download(staff);
      expect(res.status).toBe(403);
      expect(JSON.parse(res.bytes.toString()).error.message).toMatch(/^Bare rektor eller lederen saken er delegert til/);
    }
    expect((await download(x.s.leader)).status).toBe(200);
    const bad = await download(x.s.principal, '?format=docx');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.bytes.toString()).error.problems[0].field).toBe('format');
    const unknown = await x.app.request('/api/cases/00000000-0000-4000-8000-000000000000/casefile', {
      headers: { cookie: await sessionCookie(x.t.db, x.s.principal, x.clock.now) },
    });
    expect(unknown.status).toBe(404);
  });

  it('§ 12-5 about the leadership: the owner fetches it, the accused and the leadership get 404', async () => {
    const { s } = x;
    // A second leader at the school, accused; the report goes straight to the owner.
    const [accused] = await x.t.db.insert(people).values({ name: 'Anders Avdelingsleder', email: `anders.${Date.now()}@example.test` }).returning();
    await x.t.db.insert(roles).values({ personId: accused!.id, role: 'leader', schoolId: s.schoolId });
    x.clock.now = osloDate('2026-05-06T12:00');
    const report = await ok(
      x.as(s.teacher).post('/api/reports', {
        schoolId: s.schoolId,
        pupilId: s.pupil,
        basis: 'suspicion',
        category: 'staff_violation',
        description: 'En voksen dyttet Nora i gangen.',
        intervened: false,
        concernsEmployee: true,
        accusedPersonId: accused!.id,
      }),
      201,
    );
    const caseId = report.caseId as string;
    const get = async (personId: string) =>
      (await x.app.request(`/api/cases/${caseId}/casefile`, { headers: { cookie: await sessionCookie(x.t.db, personId, x.clock.now) } })).status;
    expect(await get(accused!.id)).toBe(404);
    expect(await get(s.principal)).toBe(404);
    expect(await get(s.leader)).toBe(404);
    expect(await get(s.teacher)).toBe(403);
    expect(await get(s.ownerOfficial)).toBe(200);
  });

  it('audits every fetch and every refusal, with codes only', async () => {
    const rows = await x.t.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'case.casefile')));
    expect(rows.length).toBeGreaterThanOrEqual(5);
    expect(rows.map((r) => r.details)).toEqual(
      expect.arrayContaining([expect.objectContaining({ format: 'pdf', variant: 'parents', lang: 'nb' }), expect.objectContaining({ format: 'html', variant: 'full' })]),
    );
    const refused = await x.t.db.select().from(auditLog).where(and(eq(auditLog.entityId, id), eq(auditLog.action, 'case.casefile.refused')));
    expect(refused.length).toBeGreaterThanOrEqual(5);
    expect(JSON.stringify(rows.concat(refused).map((r) => r.details))).not.toMatch(/Nora|Emil|Berg/);
  });
});
