// A small, realistic school world for integration tests: one owner with autumn and Easter
// holidays, one school, a person in every role, and pupils with contact teachers.
import { Temporal } from 'temporal-polyfill';
import { nonSchoolDays, people, pupils, roles, schoolOwners, schools, type Db } from '@trygg/db';

export interface SeededSchool {
  ownerId: string;
  schoolId: string;
  otherSchoolId: string;
  principal: string;
  leader: string;
  teacher: string;
  sfo: string;
  ownerOfficial: string;
  secondContact: string;
  otherPrincipal: string;
  admin: string;
  pupil: string;
  otherPupil: string;
  pupilOfOtherSchool: string;
}

let counter = 0;

export async function seedSchool(db: Db, options: { language?: 'nb' | 'nn' } = {}): Promise<SeededSchool> {
  const n = ++counter;
  const person = async (name: string, kind: 'staff' | 'sfo_aks' | 'owner_official' | 'operator' = 'staff') => {
    const [row] = await db
      .insert(people)
      .values({ name, email: `${name.toLowerCase().replace(/[^a-z]+/g, '.')}.${n}.${Math.random().toString(36).slice(2, 8)}@example.test`, kind })
      .returning({ id: people.id });
    return row!.id;
  };
  const ownerOfficial = await person('Olav Eier', 'owner_official');
  const secondContact = await person('Siri Nestleder', 'owner_official');
  const [owner] = await db
    .insert(schoolOwners)
    .values({ name: `Eik kommune ${n}`, language: options.language ?? 'nb', secondContactId: secondContact, digestRecipientIds: [ownerOfficial] })
    .returning();
  const [school] = await db.insert(schools).values({ ownerId: owner!.id, name: `Bjørk skole ${n}` }).returning();
  const [other] = await db.insert(schools).values({ ownerId: owner!.id, name: `Lind skole ${n}` }).returning();
  // The owner's school holidays: autumn break 2026 and the Easter week 2026 and 2027.
  const holidays = [
    ...range('2026-10-05', 5),
    ...range('2026-03-30', 3), // Mon–Wed before Maundy Thursday (Thu, Fri and Easter Monday are public)
    ...range('2027-03-22', 3),
  ];
  await db.insert(nonSchoolDays).values(holidays.map((date) => ({ ownerId: owner!.id, date, kind: 'holiday' as const, label: 'Skoleferie' })));

  const principal = await person('Petra Rektor');
  const leader = await person('Lars Leder');
  const teacher = await person('Tone Lærer');
  const sfo = await person('Sofie SFO', 'sfo_aks');
  const otherPrincipal = await person('Per Annenrektor');
  const admin = await person('Ada Drift', 'operator');
  await db.insert(roles).values([
    { personId: principal, role: 'principal', schoolId: school!.id },
    { personId: leader, role: 'leader', schoolId: school!.id },
    { personId: teacher, role: 'staff', schoolId: school!.id },
    { personId: sfo, role: 'staff', schoolId: school!.id },
    { personId: otherPrincipal, role: 'principal', schoolId: other!.id },
    { personId: ownerOfficial, role: 'owner', ownerId: owner!.id },
    { personId: admin, role: 'admin' },
  ]);
  const pupil = async (name: string, initials: string, schoolId: string) => {
    const [row] = await db
      .insert(pupils)
      .values({ schoolId, name, initials, birthYear: 2015, contactTeacherId: schoolId === school!.id ? teacher : null })
      .returning({ id: pupils.id });
    return row!.id;
  };
  return {
    ownerId: owner!.id,
    schoolId: school!.id,
    otherSchoolId: other!.id,
    principal,
    leader,
    teacher,
    sfo,
    ownerOfficial,
    secondContact,
    otherPrincipal,
    admin,
    pupil: await pupil('Nora Nilsen', 'NN', school!.id),
    otherPupil: await pupil('Emil Berg', 'EB', school!.id),
    pupilOfOtherSchool: await pupil('Ida Lund', 'IL', other!.id),
  };
}

function range(from: string, days: number): string[] {
  const start = Temporal.PlainDate.from(from);
  return Array.from({ length: days }, (_, i) => start.add({ days: i }).toString());
}
