import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nonSchoolDays, schoolOwners } from '@trygg/db';
import { createTestApp, withoutAudit, type TestApp } from './test-support';

let x: TestApp;
let otherOwnerId: string;
beforeAll(async () => {
  x = await createTestApp();
  const [other] = await x.t.db.insert(schoolOwners).values({ name: 'Ask kommune' }).returning();
  otherOwnerId = other!.id;
});
afterAll(() => x?.drop());

// Logging in and out: auth.int.test.ts.

describe('school owners', () => {
  it('admins create owners with their holidays, one row per date', async () => {
    const res = await x.as(x.s.admin).post('/api/owners', {
      name: 'Osp kommune',
      nonSchoolDays: [
        { from: '2026-10-05', to: '2026-10-07', label: 'Høstferie' },
        { from: '2026-11-16', to: '2026-11-16', label: 'Planleggingsdag', kind: 'planning_day' },
      ],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Osp kommune', language: 'nb', digestRecipientIds: [], secondContactId: null });
    const days = await x.t.db.select().from(nonSchoolDays).where(eq(nonSchoolDays.ownerId, res.body.id));
    expect(days.map((d) => `${d.date} ${d.kind}`).sort()).toEqual([
      '2026-10-05 holiday',
      '2026-10-06 holiday',
      '2026-10-07 holiday',
      '2026-11-16 planning_day',
    ]);
  });

  it('refuses others (403), bad periods and dates (400), unknown people (404) — writing nothing', async () => {
    const before = withoutAudit(await x.counts());
    expect((await x.as(x.s.ownerOfficial).post('/api/owners', { name: 'X' })).status).toBe(403);
    expect((await x.as(x.s.principal).post('/api/owners', { name: 'X' })).status).toBe(403);
    const backwards = await x
      .as(x.s.admin)
      .post('/api/owners', { name: 'X', nonSchoolDays: [{ from: '2026-10-09', to: '2026-10-05', label: 'Høstferie' }] });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.problems[0]).toMatchObject({
      field: 'nonSchoolDays.0.to',
      message: 'En periode kan ikke slutte før den begynner.',
    });
    const noSuchDay = await x
      .as(x.s.admin)
      .post('/api/owners', { name: 'X', nonSchoolDays: [{ from: '2026-02-28', to: '2026-02-30', label: 'Vinterferie' }] });
    expect(noSuchDay.status).toBe(400);
    expect(noSuchDay.body.error).toMatchObject({ code: 'INVALID_DATE', problems: [{ field: 'nonSchoolDays.0.to' }] });
    const nobody = await x.as(x.s.admin).post('/api/owners', { name: 'X', digestRecipientIds: ['00000000-0000-4000-8000-000000000000'] });
    expect(nobody.status).toBe(404);
    expect(nobody.body.error.problems[0].field).toBe('digestRecipientIds.0');
    expect(withoutAudit(await x.counts())).toEqual(before);
  });

  it('lists all owners for admins and their own for owner officials', async () => {
    const admin = (await x.as(x.s.admin).get('/api/owners')).body.items.map((o: { id: string }) => o.id);
    expect(admin).toEqual(expect.arrayContaining([x.s.ownerId, otherOwnerId]));
    const own = (await x.as(x.s.ownerOfficial).get('/api/owners')).body.items.map((o: { id: string }) => o.id);
    expect(own).toEqual([x.s.ownerId]);
    expect((await x.as(x.s.teacher).get('/api/owners')).status).toBe(403);
  });

  it("owner officials set their own digest recipients and second contact, not another owner's", async () => {
    const res = await x
      .as(x.s.ownerOfficial)
      .patch(`/api/owners/${x.s.ownerId}`, { digestRecipientIds: [x.s.ownerOfficial], secondContactId: x.s.secondContact });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ digestRecipientIds: [x.s.ownerOfficial], secondContactId: x.s.secondContact });
    expect((await x.as(x.s.ownerOfficial).patch(`/api/owners/${otherOwnerId}`, { name: 'Mitt' })).status).toBe(403);
    expect((await x.as(x.s.admin).patch('/api/owners/00000000-0000-4000-8000-000000000000', { name: 'X' })).status).toBe(404);
  });
});

describe('schools', () => {
  it('owner officials create schools for their own owner; due dates must exist', async () => {
    const res = await x.as(x.s.ownerOfficial).post('/api/schools', {
      ownerId: x.s.ownerId,
      name: 'Rogn skole',
      conversationDueDates: { autumn: '11-20', spring: '04-30' },
      nonSchoolDays: [{ from: '2026-09-01', to: '2026-09-01', label: 'Planleggingsdag', kind: 'planning_day' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'Rogn skole', ownerId: x.s.ownerId, myRoles: ['owner'] });
    expect((await x.as(x.s.ownerOfficial).post('/api/schools', { ownerId: otherOwnerId, name: 'Y' })).status).toBe(403);
    expect((await x.as(x.s.principal).post('/api/schools', { ownerId: x.s.ownerId, name: 'Y' })).status).toBe(403);
    const unknown = await x.as(x.s.admin).post('/api/schools', { ownerId: '00000000-0000-4000-8000-000000000000', name: 'Y' });
    expect(unknown.status).toBe(404);
    const bad = await x
      .as(x.s.admin)
      .post('/api/schools', { ownerId: x.s.ownerId, name: 'Y', conversationDueDates: { autumn: '02-30', spring: '05-01' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error).toMatchObject({ code: 'INVALID_DATE', problems: [{ field: 'conversationDueDates.autumn' }] });
  });

  it('lists the schools the caller has a role at, with the roles', async () => {
    expect((await x.as(x.s.teacher).get('/api/schools')).body.items).toEqual([
      { id: x.s.schoolId, ownerId: x.s.ownerId, name: expect.any(String), myRoles: ['staff'] },
    ]);
    const owner = (await x.as(x.s.ownerOfficial).get('/api/schools')).body.items;
    expect(owner.map((s: { id: string }) => s.id)).toEqual(expect.arrayContaining([x.s.schoolId, x.s.otherSchoolId]));
    expect(owner.every((s: { myRoles: string[] }) => s.myRoles.includes('owner'))).toBe(true);
  });
});

describe('people and roles', () => {
  it('admins create people with roles; an email is used once (409)', async () => {
    const res = await x.as(x.s.admin).post('/api/people', {
      name: 'Helga Leksehjelp',
      email: 'helga@eik.kommune.no',
      kind: 'homework_help',
      schoolRoles: [{ schoolId: x.s.schoolId, role: 'staff' }],
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      name: 'Helga Leksehjelp',
      kind: 'homework_help',
      roles: [{ role: 'staff', schoolId: x.s.schoolId, ownerId: null }],
    });
    const before = withoutAudit(await x.counts());
    const dup = await x.as(x.s.admin).post('/api/people', { name: 'Helga Igjen', email: 'HELGA@eik.kommune.no' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.problems).toEqual([{ field: 'email', message: 'E-postadressen er allerede i bruk.' }]);
    expect(withoutAudit(await x.counts())).toEqual(before);
  });

  it('owner officials create people for their own schools only', async () => {
    const ok = await x.as(x.s.ownerOfficial).post('/api/people', {
      name: 'Nils Nyleder',
      email: 'nils@eik.kommune.no',
      schoolRoles: [{ schoolId: x.s.otherSchoolId, role: 'leader' }],
      ownerRoles: [{ ownerId: x.s.ownerId }],
    });
    expect(ok.status).toBe(201);
    const before = withoutAudit(await x.counts());
    const [foreign] = await x.t.db.insert(schoolOwners).values({ name: 'Alm kommune' }).returning();
    const other = await x.as(x.s.ownerOfficial).post('/api/people', { name: 'Z', email: 'z@x.no', ownerRoles: [{ ownerId: foreign!.id }] });
    expect(other.status).toBe(403);
    expect((await x.as(x.s.principal).post('/api/people', { name: 'Z', email: 'z@x.no' })).status).toBe(403);
    const unknownSchool = await x
      .as(x.s.admin)
      .post('/api/people', {
        name: 'Z',
        email: 'z@x.no',
        schoolRoles: [{ schoolId: '00000000-0000-4000-8000-000000000000', role: 'staff' }],
      });
    expect(unknownSchool.status).toBe(404);
    expect(unknownSchool.body.error.problems[0].field).toBe('schoolRoles.0.schoolId');
    const { schoolOwners: _added, ...after } = withoutAudit(await x.counts());
    const { schoolOwners: _b, ...expected } = before;
    expect(after).toEqual(expected);
  });

  it('lists the people of a school for those with a role there', async () => {
    const res = await x.as(x.s.teacher).get(`/api/schools/${x.s.schoolId}/people`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([x.s.principal, x.s.leader, x.s.teacher]));
    expect(res.body.items.map((p: { id: string }) => p.id)).not.toContain(x.s.otherPrincipal);
    expect((await x.as(x.s.otherPrincipal).get(`/api/schools/${x.s.schoolId}/people`)).status).toBe(403);
    expect((await x.as(x.s.teacher).get('/api/schools/00000000-0000-4000-8000-000000000000/people')).status).toBe(404);
  });

  it('assigns roles (201, then 200 when already held); only admins and the owner may', async () => {
    const first = await x.as(x.s.ownerOfficial).post('/api/roles', { personId: x.s.teacher, schoolId: x.s.otherSchoolId, role: 'staff' });
    expect(first.status).toBe(201);
    expect(first.body.roles).toEqual(expect.arrayContaining([{ role: 'staff', schoolId: x.s.otherSchoolId, ownerId: null }]));
    expect(
      (await x.as(x.s.ownerOfficial).post('/api/roles', { personId: x.s.teacher, schoolId: x.s.otherSchoolId, role: 'staff' })).status,
    ).toBe(200);
    expect((await x.as(x.s.principal).post('/api/roles', { personId: x.s.teacher, schoolId: x.s.schoolId, role: 'leader' })).status).toBe(
      403,
    );
    const nobody = await x
      .as(x.s.admin)
      .post('/api/roles', { personId: '00000000-0000-4000-8000-000000000000', schoolId: x.s.schoolId, role: 'staff' });
    expect(nobody.status).toBe(404);
    const wrong = await x.as(x.s.admin).post('/api/roles', { personId: x.s.teacher, schoolId: x.s.schoolId, role: 'owner' });
    expect(wrong.status).toBe(400);
  });
});

describe('pupils', () => {
  it('staff register pupils at their school; the contact teacher must work there', async () => {
    const res = await x
      .as(x.s.teacher)
      .post('/api/pupils', { schoolId: x.s.schoolId, name: 'Ola Kristian Nordmann', birthYear: 2016, contactTeacherId: x.s.teacher });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ initials: 'ON', birthYear: 2016, contactTeacherId: x.s.teacher, heightenedAttention: false });
    const before = withoutAudit(await x.counts());
    const foreignTeacher = await x
      .as(x.s.teacher)
      .post('/api/pupils', { schoolId: x.s.schoolId, name: 'Kari', birthYear: 2016, contactTeacherId: x.s.otherPrincipal });
    expect(foreignTeacher.status).toBe(400);
    expect(foreignTeacher.body.error.problems).toEqual([
      { field: 'contactTeacherId', message: 'Kontaktlæreren må være ansatt ved skolen.' },
    ]);
    expect((await x.as(x.s.otherPrincipal).post('/api/pupils', { schoolId: x.s.schoolId, name: 'Kari', birthYear: 2016 })).status).toBe(
      403,
    );
    expect((await x.as(x.s.admin).post('/api/pupils', { schoolId: x.s.schoolId, name: 'Kari', birthYear: 2016 })).status).toBe(403);
    expect(
      (await x.as(x.s.teacher).post('/api/pupils', { schoolId: '00000000-0000-4000-8000-000000000000', name: 'Kari', birthYear: 2016 }))
        .status,
    ).toBe(404);
    const noYear = await x.as(x.s.teacher).post('/api/pupils', { schoolId: x.s.schoolId, name: 'Kari' });
    expect(noYear.body.error.problems).toEqual([{ field: 'birthYear', code: 'invalid_type', message: 'Fødselsåret må være et tall.' }]);
    expect(withoutAudit(await x.counts())).toEqual(before);
  });

  it('lists pupils to the people working at the school — not to owners or admins', async () => {
    const res = await x.as(x.s.teacher).get(`/api/schools/${x.s.schoolId}/pupils`);
    expect(res.status).toBe(200);
    expect(res.body.items.map((p: { id: string }) => p.id)).toEqual(expect.arrayContaining([x.s.pupil, x.s.otherPupil]));
    expect(res.body.items.map((p: { id: string }) => p.id)).not.toContain(x.s.pupilOfOtherSchool);
    expect((await x.as(x.s.ownerOfficial).get(`/api/schools/${x.s.schoolId}/pupils`)).status).toBe(403);
    expect((await x.as(x.s.admin).get(`/api/schools/${x.s.schoolId}/pupils`)).status).toBe(403);
  });
});
