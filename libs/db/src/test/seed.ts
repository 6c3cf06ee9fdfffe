import type { Db } from '../types';
import { cases, people, pupils, schoolOwners, schools } from '../schema';

/** The smallest world a case needs: owner, school, a principal, a pupil, one case. */
export async function seedCase(db: Db) {
  const [owner] = await db.insert(schoolOwners).values({ name: 'Testvik kommune' }).returning();
  const [school] = await db
    .insert(schools)
    .values({ ownerId: owner!.id, name: 'Testvik skole' })
    .returning();
  const [principal, leader] = await db
    .insert(people)
    .values([
      { name: 'Rita Rektor', email: `rektor-${crypto.randomUUID()}@testvik.no` },
      { name: 'Leif Leiar', email: `leiar-${crypto.randomUUID()}@testvik.no` },
    ])
    .returning();
  const [pupil] = await db
    .insert(pupils)
    .values({ schoolId: school!.id, name: 'Ola Nordmann', initials: 'ON', birthYear: 2015 })
    .returning();
  const [kase] = await db
    .insert(cases)
    .values({
      schoolId: school!.id,
      pupilId: pupil!.id,
      number: '2026-0001',
      openedAt: new Date('2026-11-02T08:00:00Z'),
    })
    .returning();
  return { owner: owner!, school: school!, principal: principal!, leader: leader!, pupil: pupil!, kase: kase! };
}
