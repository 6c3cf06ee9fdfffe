/**
 * Who is told about a case, and who may see it.
 *
 * § 12-5 (an employee violating a pupil): whoever suspects it tells the principal at once, and
 * the principal tells the school owner at once; when the suspect is the principal or another
 * member of the school's leadership, the report goes straight to the school owner. The accused
 * never sees the case, and when the accused is in the leadership, the leadership does not
 * either — so they cannot influence the investigation of one of their own.
 *
 * Everything here fails closed: when in doubt, a person is not told and does not see.
 */
import { ROUTING_MESSAGES, type Language, type RoutingRefusalCode } from './messages';

export { ROUTING_REFUSAL_CODES, type RoutingRefusalCode } from './messages';

export const ROLES = ['staff', 'leader', 'principal', 'owner', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/**
 * One role at one school. A person can hold roles at several schools; an owner official holds
 * `owner` at each school the owner (municipality/county) runs.
 */
export interface RoleGrant {
  readonly role: Role;
  readonly schoolId: string;
}

export interface PersonWithRoles {
  readonly personId: string;
  readonly roles: readonly RoleGrant[];
}

/** What routing and visibility need to know about a case. */
export interface CaseAccessFacts {
  readonly schoolId: string;
  /** § 12-5: an employee is suspected of violating the pupil. */
  readonly section12_5: boolean;
  readonly serious: boolean;
  /** The employee suspected in a § 12-5 case. */
  readonly accusedPersonId?: string;
  /** The accused is the principal or holds another leadership role at the school. */
  readonly accusedInLeadership: boolean;
  /** Staff who filed the report(s) in the case. */
  readonly reporterIds: readonly string[];
  /** Staff responsible for a measure in the case's plan. */
  readonly measureResponsibleIds: readonly string[];
  /** Leaders the principal delegated the case to. */
  readonly delegatedLeaderIds: readonly string[];
  /** A serious-case or § 12-5 notice, or an escalation, about this case was sent to the owner. */
  readonly ownerNotified: boolean;
}

/** The roles that make up "the school's leadership" for § 12-5. */
const LEADERSHIP_ROLES: readonly Role[] = ['principal', 'leader'];

function rolesAt(roles: readonly RoleGrant[], schoolId: string): Role[] {
  return roles.filter((g) => g.schoolId === schoolId).map((g) => g.role);
}

/** Whether these roles put a person in the leadership of the school (principal or leader). */
export function isInLeadership(roles: readonly RoleGrant[], schoolId: string): boolean {
  return rolesAt(roles, schoolId).some((r) => LEADERSHIP_ROLES.includes(r));
}

/** § 12-5: the leadership is kept out when one of its own is accused. */
function leadershipBarred(c: CaseAccessFacts): boolean {
  return c.section12_5 && c.accusedInLeadership;
}

/**
 * How much of a case a person may see:
 * - `case`: the whole case file (principal; delegated leader; owner once notified);
 * - `own_part`: only the report they filed or the measures they carry out (staff);
 * - `figures`: only aggregated figures — the owner of a case it was not notified about;
 * - `none`.
 */
export type CaseAccess = 'case' | 'own_part' | 'figures' | 'none';

/**
 * The visibility table of DOMAIN.md ("People and roles"). Rules are checked from the hardest
 * bar down: the accused, then "no role at the school", then the § 12-5 leadership bar, then
 * the widest role the person holds at the case's school.
 */
export function caseAccess(personId: string, c: CaseAccessFacts, rolesOfPerson: readonly RoleGrant[]): CaseAccess {
  // § 12-5: the accused employee never sees the case, whatever roles they hold.
  if (c.accusedPersonId !== undefined && personId === c.accusedPersonId) return 'none';
  // Nobody sees a case of a school they have no role at (taushetsplikt).
  const roles = rolesAt(rolesOfPerson, c.schoolId);
  if (roles.length === 0) return 'none';
  const inLeadership = roles.some((r) => LEADERSHIP_ROLES.includes(r));
  // § 12-5: when the accused is in the leadership, the whole leadership is kept out — even a
  // leader the case was delegated to, or one who filed a report.
  if (leadershipBarred(c) && inLeadership) return 'none';

  // The principal answers for every case of the school (may delegate tasks, never responsibility).
  if (roles.includes('principal')) return 'case';
  if (roles.includes('leader') && c.delegatedLeaderIds.includes(personId)) return 'case';
  // The owner sees details of the cases it is told about: serious and § 12-5 cases (which the
  // law says it must be told of), and escalations; of the others only figures.
  if (roles.includes('owner')) {
    if (c.ownerNotified || c.serious || c.section12_5) return 'case';
  }
  // Staff (and leaders) see what they took part in: their own report, their own measures.
  const worksThere = roles.some((r) => r === 'staff' || r === 'leader');
  if (worksThere && (c.reporterIds.includes(personId) || c.measureResponsibleIds.includes(personId))) {
    return 'own_part';
  }
  if (roles.includes('owner')) return 'figures';
  // Admins configure; they do not read cases.
  return 'none';
}

/** Whether the person may open the case at all (the whole case, or their own part of it). */
export function canSeeCase(personId: string, c: CaseAccessFacts, rolesOfPerson: readonly RoleGrant[]): boolean {
  const access = caseAccess(personId, c, rolesOfPerson);
  return access === 'case' || access === 'own_part';
}

/**
 * The people who must never see or be told about the case: the accused always; when the
 * accused is in the leadership (§ 12-5), every principal and leader of the school.
 */
export function mustNeverSee(c: CaseAccessFacts, people: readonly PersonWithRoles[]): string[] {
  const barred = new Set<string>();
  if (c.accusedPersonId !== undefined) barred.add(c.accusedPersonId);
  if (leadershipBarred(c)) {
    for (const p of people) if (isInLeadership(p.roles, c.schoolId)) barred.add(p.personId);
  }
  return [...barred];
}

export type RouteResult =
  | {
      readonly ok: true;
      /** Told at once, regardless of holidays and sending windows for § 12-5 ("straks"). */
      readonly tellAtOnce: readonly string[];
      readonly mustNeverSee: readonly string[];
    }
  | { readonly ok: false; readonly code: RoutingRefusalCode; readonly message: string };

/**
 * Who is told at once about a new report, and who must never see it.
 * - Every report: the principal at once (§ 12-4: staff report to the principal).
 * - § 12-5: the principal and the school owner at once; when the accused is in the
 *   leadership, the owner only.
 * "In the leadership" is read from the case flag *or* the accused's roles at the school, so a
 * stale flag can never let the leadership see a case about one of its own.
 * Refuses with NO_RECIPIENT when nobody is left to tell: a report must never vanish silently.
 */
export function routeReport(
  c: CaseAccessFacts,
  people: readonly PersonWithRoles[],
  language: Language = 'nb',
): RouteResult {
  const accused = c.accusedPersonId === undefined ? undefined : people.find((p) => p.personId === c.accusedPersonId);
  const effective: CaseAccessFacts = {
    ...c,
    accusedInLeadership: c.accusedInLeadership || (accused !== undefined && isInLeadership(accused.roles, c.schoolId)),
  };
  const barred = new Set(mustNeverSee(effective, people));
  const holding = (role: Role) =>
    people.filter((p) => p.roles.some((g) => g.role === role && g.schoolId === c.schoolId)).map((p) => p.personId);

  const told: string[] = [];
  if (!leadershipBarred(effective)) told.push(...holding('principal'));
  if (c.section12_5) told.push(...holding('owner'));
  const tellAtOnce = [...new Set(told)].filter((id) => !barred.has(id));

  if (tellAtOnce.length === 0) {
    return { ok: false, code: 'NO_RECIPIENT', message: ROUTING_MESSAGES.NO_RECIPIENT[language] };
  }
  return { ok: true, tellAtOnce, mustNeverSee: [...barred] };
}

/**
 * The safety net before any message about a case goes out: removes the accused, the
 * leadership when it is barred (§ 12-5), and anyone with no case role at the case's school
 * (admins configure, they are not told about cases). Keeps the audience's order and drops
 * duplicates. It does not require that a person can already see the case: an escalation to
 * the owner is what gives the owner access. Like `routeReport`, it also reads the accused's
 * own roles, so a stale `accusedInLeadership` flag cannot leak a case to the leadership.
 */
export function filterRecipients(
  audiencePersonIds: readonly string[],
  c: CaseAccessFacts,
  rolesOf: (personId: string) => readonly RoleGrant[],
): string[] {
  const accusedLeads =
    c.accusedInLeadership || (c.accusedPersonId !== undefined && isInLeadership(rolesOf(c.accusedPersonId), c.schoolId));
  const barLeadership = leadershipBarred({ ...c, accusedInLeadership: accusedLeads });
  const out: string[] = [];
  for (const id of audiencePersonIds) {
    if (out.includes(id)) continue;
    if (c.accusedPersonId !== undefined && id === c.accusedPersonId) continue;
    const roles = rolesOf(id);
    if (!rolesAt(roles, c.schoolId).some((r) => r !== 'admin')) continue;
    if (barLeadership && isInLeadership(roles, c.schoolId)) continue;
    out.push(id);
  }
  return out;
}
