import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { externalBodiesOfCase, insertExternalBody } from './queries/external-bodies';
import { migratedDatabase } from './test/fresh-database';
import { seedCase } from './test/seed';

type Migrated = Awaited<ReturnType<typeof migratedDatabase>>;

// The external bodies involved are part of the case file (seeds/002): who was involved, and
// when that was written down, must stand as it was recorded.
describe('external bodies involved in a case', () => {
  let t: Migrated;
  let world: Awaited<ReturnType<typeof seedCase>>;
  beforeAll(async () => {
    t = await migratedDatabase();
    world = await seedCase(t.db);
  });
  afterAll(async () => t?.drop());

  it('are recorded with the app clock, read in time order, and cannot be changed or removed', async () => {
    const later = await insertExternalBody(
      t.db,
      {
        caseId: world.kase.id,
        kind: 'bup',
        name: null,
        involvement: 'Henvist til utredning.',
        contactedOn: '2026-11-10',
        recordedById: world.principal.id,
      },
      new Date('2026-11-10T12:00:00Z'),
    );
    const earlier = await insertExternalBody(
      t.db,
      {
        caseId: world.kase.id,
        kind: 'ppt',
        name: 'PPT Testvik',
        involvement: 'Drøftet saken anonymt.',
        contactedOn: '2026-11-04',
        recordedById: world.principal.id,
      },
      new Date('2026-11-11T09:00:00Z'),
    );
    expect(earlier.createdAt.toISOString()).toBe('2026-11-11T09:00:00.000Z');
    expect(earlier.concernsOtherPupils).toBe(false);
    expect((await externalBodiesOfCase(t.db, world.kase.id)).map((b) => b.id)).toEqual([earlier.id, later.id]);

    await expect(t.sql`update case_external_bodies set involvement = 'endret' where id = ${later.id}`).rejects.toMatchObject({
      code: '23001',
      message: expect.stringContaining('append-only'),
    });
    await expect(t.sql`delete from case_external_bodies where id = ${later.id}`).rejects.toMatchObject({ code: '23001' });
    await expect(t.sql`truncate case_external_bodies`).rejects.toMatchObject({ code: '23001' });
    expect(await externalBodiesOfCase(t.db, world.kase.id)).toHaveLength(2);
  });

  it("an 'other' body must be named", async () => {
    await expect(
      t.sql`insert into case_external_bodies (case_id, kind, name, involvement, contacted_on, recorded_by_id, created_at)
            values (${world.kase.id}, 'other', '  ', 'Noe', '2026-11-04', ${world.principal.id}, now())`,
    ).rejects.toMatchObject({ code: '23514' });
  });

  it('pupils keep the class the import names', async () => {
    const [row] = await t.sql`update pupils set class_name = '5A' where id = ${world.pupil.id} returning class_name`;
    expect(row!['class_name']).toBe('5A');
  });
});
