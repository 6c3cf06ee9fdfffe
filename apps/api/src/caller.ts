// The person behind a request and what they may do where. Loaded fresh on every request (a
// removed role or a deactivated person takes effect at once).
import { and, eq, inArray, isNull } from 'drizzle-orm';
import { people, roles, schools, type Db } from '@trygg/db';
import type { Role, RoleGrant } from '@trygg/domain';
import { ApiError, forbidden } from './errors';

export type SchoolRole = 'staff' | 'leader' | 'principal';

export interface Caller {
  personId: string;
  name: string;
  email: string;
  kind: string;
  isAdmin: boolean;
  /** School owners the person is an official of (role 'owner'). */
  ownerIds: string[];
  /** Rows of the roles table, as they are. */
  roleRows: { role: Role; schoolId: string | null; ownerId: string | null }[];
  /**
   * Roles per school as libs/domain reads them: staff/leader/principal where held, and
   * 'owner' at every school of an owner the person is an official of.
   */
  grants: RoleGrant[];
}

export async function loadCaller(db: Db, personId: string): Promise<Caller | null> {
  const [person] = await db
    .select()
    .from(people)
    .where(and(eq(people.id, personId), isNull(people.deactivatedAt)));
  if (!person) return null;
  const rows = await db
    .select({ role: roles.role, schoolId: roles.schoolId, ownerId: roles.ownerId })
    .from(roles)
    .where(eq(roles.personId, personId));
  const ownerIds = rows.filter((r) => r.role === 'owner' && r.ownerId).map((r) => r.ownerId as string);
  const ownedSchools = ownerIds.length ? await db.select({ id: schools.id }).from(schools).where(inArray(schools.ownerId, ownerIds)) : [];
  const grants: RoleGrant[] = [
    ...rows.filter((r) => r.schoolId !== null).map((r) => ({ role: r.role, schoolId: r.schoolId as string })),
    ...ownedSchools.map((s) => ({ role: 'owner' as const, schoolId: s.id })),
  ];
  return {
    personId: person.id,
    name: person.name,
    email: person.email,
    kind: person.kind,
    isAdmin: rows.some((r) => r.role === 'admin'),
    ownerIds,
    roleRows: rows,
    grants,
  };
}

export function rolesAt(caller: Caller, schoolId: string): Role[] {
  return caller.grants.filter((g) => g.schoolId === schoolId).map((g) => g.role);
}

export function hasRoleAt(caller: Caller, schoolId: string, ...wanted: Role[]): boolean {
  return caller.grants.some((g) => g.schoolId === schoolId && wanted.includes(g.role));
}

/** Staff, leader or principal at the school: the people who work there. */
export function worksAt(caller: Caller, schoolId: string): boolean {
  return hasRoleAt(caller, schoolId, 'staff', 'leader', 'principal');
}

export function requireWorksAt(caller: Caller, schoolId: string): void {
  if (!worksAt(caller, schoolId)) throw forbidden('Du må være ansatt ved skolen for å gjøre dette.');
}

export function requireAdmin(caller: Caller): void {
  if (!caller.isAdmin) throw forbidden('Bare administrator kan gjøre dette.');
}

export const unauthenticated = () => new ApiError('UNAUTHENTICATED', 'Du må logge inn.');
