import { describe, expect, it } from 'vitest';
import { ROUTING_MESSAGES } from './messages';
import {
  caseAccess,
  canSeeCase,
  filterRecipients,
  isInLeadership,
  mustNeverSee,
  routeReport,
  type CaseAccessFacts,
  type PersonWithRoles,
  type RoleGrant,
} from './routing';

const S1 = 'school-1';
const S2 = 'school-2';

const people: PersonWithRoles[] = [
  { personId: 'rektor', roles: [{ role: 'principal', schoolId: S1 }, { role: 'staff', schoolId: S1 }] },
  { personId: 'leder1', roles: [{ role: 'leader', schoolId: S1 }, { role: 'staff', schoolId: S1 }] },
  { personId: 'leder2', roles: [{ role: 'leader', schoolId: S1 }] },
  { personId: 'laerer', roles: [{ role: 'staff', schoolId: S1 }] },
  { personId: 'laerer2', roles: [{ role: 'staff', schoolId: S1 }] },
  // A staff member here who leads at another school: leads nothing at S1.
  { personId: 'multi', roles: [{ role: 'staff', schoolId: S1 }, { role: 'leader', schoolId: S2 }] },
  { personId: 'eier1', roles: [{ role: 'owner', schoolId: S1 }, { role: 'owner', schoolId: S2 }] },
  { personId: 'eier2', roles: [{ role: 'owner', schoolId: S1 }] },
  { personId: 'admin', roles: [{ role: 'admin', schoolId: S1 }] },
  { personId: 'rektor2', roles: [{ role: 'principal', schoolId: S2 }] },
  { personId: 'eierS2', roles: [{ role: 'owner', schoolId: S2 }] },
];
const rolesOf = (id: string): readonly RoleGrant[] => people.find((p) => p.personId === id)?.roles ?? [];
const everyone = people.map((p) => p.personId);

const ordinary: CaseAccessFacts = {
  schoolId: S1,
  section12_5: false,
  serious: false,
  accusedInLeadership: false,
  reporterIds: ['laerer2'],
  measureResponsibleIds: ['multi'],
  delegatedLeaderIds: ['leder1'],
  ownerNotified: false,
};
const aboutTeacher: CaseAccessFacts = {
  ...ordinary,
  section12_5: true,
  accusedPersonId: 'laerer',
  // The accused had filed an earlier report in the case and carries out a measure: still nothing.
  reporterIds: ['laerer2', 'laerer'],
  measureResponsibleIds: ['laerer'],
};
const aboutPrincipal: CaseAccessFacts = {
  ...ordinary,
  section12_5: true,
  accusedPersonId: 'rektor',
  accusedInLeadership: true,
  reporterIds: ['laerer2'],
  measureResponsibleIds: [],
  delegatedLeaderIds: ['leder1'],
};
const aboutLeader: CaseAccessFacts = { ...aboutPrincipal, accusedPersonId: 'leder2', delegatedLeaderIds: ['leder1'] };

function visible(c: CaseAccessFacts): string[] {
  return everyone.filter((id) => canSeeCase(id, c, rolesOf(id)));
}

describe('routeReport — who is told at once', () => {
  it('an ordinary report goes to the principal', () => {
    expect(routeReport(ordinary, people)).toEqual({ ok: true, tellAtOnce: ['rektor'], mustNeverSee: [] });
  });

  it('§ 12-5 about a teacher: principal and owner told; the accused sees nothing', () => {
    expect(routeReport(aboutTeacher, people)).toEqual({
      ok: true,
      tellAtOnce: ['rektor', 'eier1', 'eier2'],
      mustNeverSee: ['laerer'],
    });
    expect(canSeeCase('laerer', aboutTeacher, rolesOf('laerer'))).toBe(false);
    expect(caseAccess('laerer', aboutTeacher, rolesOf('laerer'))).toBe('none');
    expect(visible(aboutTeacher)).toEqual(['rektor', 'leder1', 'laerer2', 'eier1', 'eier2']);
  });

  it('§ 12-5 about the principal: the owner is told; principal and leaders are neither told nor can see', () => {
    const route = routeReport(aboutPrincipal, people);
    expect(route).toEqual({ ok: true, tellAtOnce: ['eier1', 'eier2'], mustNeverSee: ['rektor', 'leder1', 'leder2'] });
    for (const id of ['rektor', 'leder1', 'leder2']) expect(canSeeCase(id, aboutPrincipal, rolesOf(id))).toBe(false);
    // Even the leader the case was delegated to is kept out.
    expect(aboutPrincipal.delegatedLeaderIds).toContain('leder1');
    expect(visible(aboutPrincipal)).toEqual(['laerer2', 'eier1', 'eier2']);
  });

  it('§ 12-5 about a leader: same as about the principal', () => {
    const route = routeReport(aboutLeader, people);
    expect(route).toEqual({ ok: true, tellAtOnce: ['eier1', 'eier2'], mustNeverSee: ['leder2', 'rektor', 'leder1'] });
    expect(visible(aboutLeader)).toEqual(['laerer2', 'eier1', 'eier2']);
  });

  it('reads leadership from the accused’s roles when the flag is stale (fails closed)', () => {
    const stale = { ...aboutLeader, accusedInLeadership: false };
    expect(routeReport(stale, people)).toEqual(routeReport(aboutLeader, people));
    expect(filterRecipients(everyone, stale, rolesOf)).toEqual(filterRecipients(everyone, aboutLeader, rolesOf));
  });

  it('a leader role at another school does not make the accused part of this school’s leadership', () => {
    expect(isInLeadership(rolesOf('multi'), S1)).toBe(false);
    expect(isInLeadership(rolesOf('multi'), S2)).toBe(true);
    const aboutMulti = { ...aboutTeacher, accusedPersonId: 'multi' };
    expect(routeReport(aboutMulti, people)).toEqual({ ok: true, tellAtOnce: ['rektor', 'eier1', 'eier2'], mustNeverSee: ['multi'] });
  });

  it('refuses when nobody is left to tell, rather than losing the report', () => {
    const noOwner = people.filter((p) => !p.roles.some((g) => g.role === 'owner'));
    expect(routeReport(aboutPrincipal, noOwner)).toEqual({ ok: false, code: 'NO_RECIPIENT', message: ROUTING_MESSAGES.NO_RECIPIENT.nb });
    expect(routeReport({ ...ordinary, schoolId: 'school-9' }, people, 'nn')).toEqual({
      ok: false,
      code: 'NO_RECIPIENT',
      message: ROUTING_MESSAGES.NO_RECIPIENT.nn,
    });
  });

  it('only tells people of the case’s school', () => {
    const atS2 = { ...aboutTeacher, schoolId: S2, accusedPersonId: 'someone' };
    expect(routeReport(atS2, people)).toEqual({ ok: true, tellAtOnce: ['rektor2', 'eier1', 'eierS2'], mustNeverSee: ['someone'] });
  });
});

describe('mustNeverSee', () => {
  it('is only the accused when the accused is not in the leadership', () => {
    expect(mustNeverSee(aboutTeacher, people)).toEqual(['laerer']);
    expect(mustNeverSee(ordinary, people)).toEqual([]);
  });
  it('is the accused and the whole leadership of the school otherwise', () => {
    expect(mustNeverSee(aboutPrincipal, people)).toEqual(['rektor', 'leder1', 'leder2']);
  });
});

describe('visibility table (DOMAIN.md "People and roles")', () => {
  const access = (id: string, c: CaseAccessFacts = ordinary) => caseAccess(id, c, rolesOf(id));

  it('staff see only reports they filed and measures they carry out', () => {
    expect(access('laerer2')).toBe('own_part'); // filed the report
    expect(access('multi')).toBe('own_part'); // carries out a measure
    expect(access('laerer')).toBe('none'); // not involved
    expect(canSeeCase('laerer2', ordinary, rolesOf('laerer2'))).toBe(true);
    expect(canSeeCase('laerer', ordinary, rolesOf('laerer'))).toBe(false);
  });

  it('a leader sees cases delegated to them, and only their own part of others', () => {
    expect(access('leder1')).toBe('case');
    expect(access('leder2')).toBe('none');
    expect(access('leder2', { ...ordinary, reporterIds: ['leder2'] })).toBe('own_part');
  });

  it('a leader role at another school does not open a delegated case here', () => {
    expect(access('multi', { ...ordinary, delegatedLeaderIds: ['multi'], measureResponsibleIds: [] })).toBe('none');
  });

  it('the principal sees every case of the school', () => {
    expect(access('rektor')).toBe('case');
    expect(access('rektor', { ...ordinary, delegatedLeaderIds: [] })).toBe('case');
    expect(access('rektor', aboutTeacher)).toBe('case');
  });

  it('the principal does not see a § 12-5 case about the leadership', () => {
    expect(access('rektor', aboutPrincipal)).toBe('none');
    expect(access('rektor', aboutLeader)).toBe('none');
  });

  it('the owner sees figures only, until notified (serious, § 12-5 or an escalation)', () => {
    expect(access('eier1')).toBe('figures');
    expect(canSeeCase('eier1', ordinary, rolesOf('eier1'))).toBe(false);
    expect(access('eier1', { ...ordinary, ownerNotified: true })).toBe('case');
    expect(access('eier1', { ...ordinary, serious: true })).toBe('case');
    expect(access('eier1', aboutTeacher)).toBe('case');
    expect(access('eier2', aboutPrincipal)).toBe('case');
  });

  it('nobody sees a case of a school they have no role at', () => {
    expect(access('rektor2')).toBe('none');
    expect(access('eierS2', { ...ordinary, ownerNotified: true })).toBe('none');
    expect(access('ghost')).toBe('none');
    // Even when named in the case (stale data must not open it).
    expect(access('rektor2', { ...ordinary, reporterIds: ['rektor2'], delegatedLeaderIds: ['rektor2'] })).toBe('none');
  });

  it('the admin configures, and does not read cases', () => {
    expect(access('admin')).toBe('none');
    expect(access('admin', { ...ordinary, reporterIds: ['admin'] })).toBe('none');
  });

  it('the accused never sees the case, whatever roles they hold', () => {
    expect(access('rektor', aboutPrincipal)).toBe('none');
    expect(access('eier1', { ...aboutTeacher, accusedPersonId: 'eier1' })).toBe('none');
    expect(access('laerer', aboutTeacher)).toBe('none');
  });
});

describe('filterRecipients', () => {
  it('removes the accused, outsiders and admins; keeps order; drops duplicates', () => {
    expect(filterRecipients(['eier1', 'laerer', 'rektor2', 'rektor', 'admin', 'eier1', 'ghost', 'leder1'], aboutTeacher, rolesOf)).toEqual([
      'eier1',
      'rektor',
      'leder1',
    ]);
  });

  it('removes the whole leadership when the accused is in it', () => {
    expect(filterRecipients(everyone, aboutPrincipal, rolesOf)).toEqual(['laerer', 'laerer2', 'multi', 'eier1', 'eier2']);
    expect(filterRecipients(['rektor', 'leder1', 'leder2', 'eier2'], aboutLeader, rolesOf)).toEqual(['eier2']);
  });

  it('keeps an owner who is not yet notified (an escalation is what notifies them)', () => {
    expect(filterRecipients(['eier2'], ordinary, rolesOf)).toEqual(['eier2']);
  });

  it('keeps the leadership in an ordinary case', () => {
    expect(filterRecipients(['rektor', 'leder2'], ordinary, rolesOf)).toEqual(['rektor', 'leder2']);
  });
});
