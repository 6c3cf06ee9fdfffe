// The calendar, policy and people of one school, as the rules need them.
import { nonSchoolDays, people, roles, schoolOwners, schools, type Db } from '@trygg/db';
import {
  DEFAULT_POLICY,
  createSchoolCalendar,
  resolvePolicy,
  type DeadlinePolicy,
  type DeadlinePolicyOverride,
  type RoleGrant,
  type SchoolCalendar,
} from '@trygg/domain';
import { and, eq, inArray, isNull, or } from 'drizzle-orm';

export interface SchoolContext {
  school: typeof schools.$inferSelect;
  owner: typeof schoolOwners.$inferSelect;
  policy: DeadlinePolicy;
  calendar: SchoolCalendar;
  /** Active people holding a role at the school, or `owner` at its owner (as grants at this school). */
  rolesOf: (personId: string) => readonly RoleGrant[];
  principalIds: string[];
  leaderIds: string[];
  ownerOfficialIds: string[];
}

export async function loadSchoolContext(db: Db, schoolId: string): Promise<SchoolContext | null> {
  const [row] = await db
    .select({ school: schools, owner: schoolOwners })
    .from(schools)
    .innerJoin(schoolOwners, eq(schoolOwners.id, schools.ownerId))
    .where(eq(schools.id, schoolId));
  if (!row) return null;
  const { school, owner } = row;

  const days = await db
    .select({ date: nonSchoolDays.date })
    .from(nonSchoolDays)
    .where(or(eq(nonSchoolDays.ownerId, owner.id), eq(nonSchoolDays.schoolId, school.id)));
  // School overrides win over the owner's, which win over DOMAIN.md's defaults.
  const policy = resolvePolicy(
    DEFAULT_POLICY,
    owner.policy as DeadlinePolicyOverride,
    withConversationDates(school) as DeadlinePolicyOverride,
  );
  const calendar = createSchoolCalendar({ nonSchoolDays: days.map((d) => d.date), sendingWindow: policy.sendingWindow });

  const grants = await db
    .select({ personId: roles.personId, role: roles.role, schoolId: roles.schoolId })
    .from(roles)
    .innerJoin(people, eq(people.id, roles.personId))
    .where(and(isNull(people.deactivatedAt), or(eq(roles.schoolId, school.id), eq(roles.ownerId, owner.id))));
  const bySchoolRole = new Map<string, RoleGrant[]>();
  for (const g of grants) {
    const list = bySchoolRole.get(g.personId) ?? [];
    // An owner official holds `owner` at every school of the owner.
    list.push({ role: g.role, schoolId: school.id });
    bySchoolRole.set(g.personId, list);
  }
  // The owner's second contact is told when a notice goes unacknowledged (DOMAIN.md), whether
  // or not they hold the owner role themselves.
  const second = owner.secondContactId;
  if (second && !bySchoolRole.get(second)?.some((g) => g.role === 'owner')) {
    bySchoolRole.set(second, [...(bySchoolRole.get(second) ?? []), { role: 'owner', schoolId: school.id }]);
  }
  const withRole = (role: string) => grants.filter((g) => g.role === role).map((g) => g.personId);
  return {
    school,
    owner,
    policy,
    calendar,
    rolesOf: (personId) => bySchoolRole.get(personId) ?? [],
    principalIds: withRole('principal'),
    leaderIds: withRole('leader'),
    ownerOfficialIds: withRole('owner'),
  };
}

function withConversationDates(school: typeof schools.$inferSelect): Record<string, unknown> {
  const override = { ...(school.policy as Record<string, unknown>) };
  const conversation: Record<string, string> = {};
  if (school.pupilConversationAutumnDue) conversation.autumnDue = school.pupilConversationAutumnDue;
  if (school.pupilConversationSpringDue) conversation.springDue = school.pupilConversationSpringDue;
  if (Object.keys(conversation).length > 0) {
    override.pupilConversation = { ...(override.pupilConversation as object | undefined), ...conversation };
  }
  return override;
}

/** Active people among `ids` (deactivated people are told nothing). */
export async function activePeople(db: Db, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .select({ id: people.id })
    .from(people)
    .where(and(inArray(people.id, [...ids]), isNull(people.deactivatedAt)));
  return new Set(rows.map((r) => r.id));
}
