import { and, eq, like } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deadlines, notifications, people, pupils } from '@trygg/db';
import { nationalIdCheckDigits } from './pupil-csv';
import { createTestApp, osloDate, type TestApp } from './test-support';

let x: TestApp;
let teacherEmail: string;
let leaderEmail: string;
beforeAll(async () => {
  x = await createTestApp();
  x.clock.now = osloDate('2026-09-01T09:00');
  const [t] = await x.t.db.select().from(people).where(eq(people.id, x.s.teacher));
  const [l] = await x.t.db.select().from(people).where(eq(people.id, x.s.leader));
  teacherEmail = t!.email;
  leaderEmail = l!.email;
});
afterAll(() => x?.drop());

const HEADER = 'Fornavn;Etternavn;Fødselsår;Klasse;Kontaktlærer e-post;Fødselsnummer';
const importCsv = (csv: string, as = x.s.principal, schoolId = x.s.schoolId, contentType = 'text/csv; charset=utf-8') =>
  x.as(as).post(`/api/schools/${schoolId}/pupils/import`, undefined, { raw: csv, contentType });

const withCheckDigits = (nine: string) => {
  const k = nationalIdCheckDigits(nine);
  return k === null ? null : `${nine}${k}`;
};

/** n distinct valid fødselsnummer (born 2015). */
function nationalIds(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const day = String(1 + (i % 28)).padStart(2, '0');
    const month = String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0');
    const individual = String(500 + Math.floor(i / 336)).padStart(3, '0');
    const id = withCheckDigits(`${day}${month}15${individual}`);
    if (id) out.push(id);
  }
  return out;
}

function school(n: number): string {
  const ids = nationalIds(n);
  const rows = ids.map((id, i) => {
    // Every 50th first name is quoted with a ';' inside, as spreadsheets write it.
    const first = i % 50 === 0 ? `"Anne; Marie ${i}"` : `Elev${i}`;
    return `${first};Etternavn${i};${2012 + (i % 7)};${1 + (i % 7)}${'ABC'[i % 3]};${i % 2 === 0 ? teacherEmail : leaderEmail};${id}`;
  });
  return `\uFEFF${HEADER}\r\n${rows.join('\r\n')}\r\n`;
}

describe('POST /api/schools/{schoolId}/pupils/import', () => {
  it('imports nothing when three rows are bad, and names the three lines', async () => {
    const before = await x.counts();
    const csv = [
      HEADER,
      `Nora;Nilsen;2015;5A;${teacherEmail};`,
      `;Berg;2015;5A;${teacherEmail};`,
      `Ida;Lund;2015;5A;${teacherEmail};`,
      `Ola;Dal;tjue;5A;${teacherEmail};`,
      `Kari;Li;2015;5A;ukjent@example.test;`,
      `Per;Sand;2015;5A;${leaderEmail};`,
    ].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('VALIDATION_FAILED');
    expect(res.body.error.message).toBe('Ingen elever er importert: 3 linjer har feil (linje 3, 5, 6). Rett filen og send den på nytt.');
    expect(res.body.error.problems).toEqual([
      { field: 'linje 3', code: 'missing_first_name', message: 'Linje 3: Fornavn mangler.' },
      { field: 'linje 5', code: 'birth_year_not_a_year', message: 'Linje 5: Fødselsåret «tjue» er ikke et årstall (skriv fire sifre, f.eks. 2015).' },
      {
        field: 'linje 6',
        code: 'unknown_contact_teacher',
        message: 'Linje 6: Fant ingen ansatt ved skolen med e-postadressen «ukjent@example.test». Legg personen inn som ansatt først, eller rett adressen.',
      },
    ]);
    const after = await x.counts();
    expect(after.auditLog).toBe(before.auditLog! + 1);
    expect({ ...after, auditLog: 0 }).toEqual({ ...before, auditLog: 0 });
  });

  it('imports a 500-pupil school (BOM, CRLF, quoted fields) in one go, with conversation deadlines and one reminder per teacher', async () => {
    const before = await x.counts();
    const started = performance.now();
    const res = await importCsv(school(500));
    const ms = performance.now() - started;
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ rows: 500, created: 500, updated: 0, unchanged: 0 });
    expect(ms).toBeLessThan(5000);
    const after = await x.counts();
    expect(after.pupils! - before.pupils!).toBe(500);
    // One deadline per new pupil (the seeded two get theirs too), one summary deadline.
    const conv = await x.t.db
      .select()
      .from(deadlines)
      .where(and(eq(deadlines.schoolId, x.s.schoolId), eq(deadlines.kind, 'pupil_conversation')));
    expect(conv).toHaveLength(502);
    const reminders = await x.t.db
      .select()
      .from(notifications)
      .where(like(notifications.subjectKey, `school-${x.s.schoolId}.conversation-2026-autumn.teacher-%`));
    expect(reminders.map((r) => `${r.recipientId === x.s.teacher ? 'teacher' : 'leader'} ${r.step}`).sort()).toEqual([
      'leader on-day-contact_teacher',
      'leader remind-15d-contact_teacher',
      'teacher on-day-contact_teacher',
      'teacher remind-15d-contact_teacher',
    ]);
    const [quoted] = await x.t.db.select().from(pupils).where(eq(pupils.name, 'Anne; Marie 0 Etternavn0'));
    expect(quoted).toMatchObject({ birthYear: 2012, initials: 'AE', className: '1A', contactTeacherId: x.s.teacher });
    // The class is stored and shown where the school's pupils are listed.
    const listed = await x.as(x.s.principal).get(`/api/schools/${x.s.schoolId}/pupils`);
    expect(listed.body.items.find((p: { id: string }) => p.id === quoted!.id)).toMatchObject({ className: '1A' });
  });

  it('imports the same file again as unchanged, and updates only what changed (matched by national id)', async () => {
    expect((await importCsv(school(500))).body).toEqual({ rows: 500, created: 0, updated: 0, unchanged: 500 });
    const changed = school(500)
      .replace('Elev1;Etternavn1;', 'Elev1;Endret;')
      .replace(`Elev3;Etternavn3;2015;4A;${leaderEmail}`, `Elev3;Etternavn3;2015;4A;${teacherEmail}`);
    expect((await importCsv(changed)).body).toEqual({ rows: 500, created: 0, updated: 2, unchanged: 498 });
    const [renamed] = await x.t.db.select().from(pupils).where(eq(pupils.name, 'Elev1 Endret'));
    expect(renamed).toBeDefined();
    // A pupil who changed class is updated; an empty class cell keeps the class the pupil has.
    const moved = changed.replace('Elev2;Etternavn2;2014;3C;', 'Elev2;Etternavn2;2014;4C;').replace('Elev4;Etternavn4;2016;5B;', 'Elev4;Etternavn4;2016;;');
    expect((await importCsv(moved)).body).toEqual({ rows: 500, created: 0, updated: 1, unchanged: 499 });
    const classes = await x.t.db.select({ name: pupils.name, className: pupils.className }).from(pupils).where(like(pupils.name, 'Elev_ Etternavn_'));
    expect(Object.fromEntries(classes.map((p) => [p.name, p.className]))).toMatchObject({ 'Elev2 Etternavn2': '4C', 'Elev4 Etternavn4': '5B' });
  });

  it('takes comma-separated files and matches pupils without national id by name and birth year', async () => {
    const csv = `Fornavn,Etternavn,Fødselsår,Kontaktlærer e-post\nNora,Nilsen,2015,${leaderEmail}\n"Ny","Elev",2016,\n`;
    const res = await importCsv(csv);
    expect(res.status).toBe(200);
    // Nora Nilsen (seeded, born 2015) gets a new contact teacher; Ny Elev is new.
    expect(res.body).toEqual({ rows: 2, created: 1, updated: 1, unchanged: 0 });
    const [nora] = await x.t.db.select().from(pupils).where(eq(pupils.id, x.s.pupil));
    expect(nora!.contactTeacherId).toBe(x.s.leader);
  });

  it('refuses duplicate and bad national ids, and one already registered at another school', async () => {
    const [a, b] = nationalIds(2);
    const elsewhere = nationalIds(2000).at(-1)!;
    await x.t.db.insert(pupils).values({ schoolId: x.s.otherSchoolId, name: 'Ida Lund', initials: 'IL', birthYear: 2015, nationalId: elsewhere });
    const csv = [HEADER, `Ola;Dal;2015;5A;;${a}`, `Kari;Li;2015;5A;;${a}`, `Per;Sand;2015;5A;;${b!.slice(0, 10)}${(Number(b![10]) + 1) % 10}`, `Ida;Lund;2015;5A;;${elsewhere}`].join('\n');
    const res = await importCsv(csv);
    expect(res.status).toBe(400);
    expect(res.body.error.problems.map((p: any) => [p.field, p.code])).toEqual([
      ['linje 3', 'duplicate_national_id'],
      ['linje 4', 'invalid_national_id'],
      ['linje 5', 'national_id_at_other_school'],
    ]);
    // Never the number itself in a message.
    expect(JSON.stringify(res.body)).not.toContain(elsewhere);
  });

  it('is for the principal (or an admin), as CSV, at a school that exists', async () => {
    const csv = `${HEADER}\nNy;Person;2015;5A;;\n`;
    expect((await importCsv(csv, x.s.teacher)).status).toBe(403);
    expect((await importCsv(csv, x.s.otherPrincipal)).status).toBe(403);
    expect((await importCsv(csv, x.s.principal, '00000000-0000-4000-8000-000000000000')).status).toBe(404);
    const json = await importCsv(JSON.stringify({ rows: [] }), x.s.principal, x.s.schoolId, 'application/json');
    expect(json.status).toBe(415);
    expect(json.body.error.message).toBe('Filen må sendes som CSV (Content-Type: text/csv).');
    const admin = await importCsv(csv, x.s.admin);
    expect(admin.status).toBe(200);
    expect(admin.body.created).toBe(1);
  });
});
