// Turns a step's audience (a role) into the people who are told, minus those § 12-5 bars.
import { filterRecipients, type CaseAccessFacts, type NotificationStep } from '@trygg/domain';
import type { CaseRow } from './case-facts';
import type { SchoolContext } from './school-context';

export function recipientsOf(step: NotificationStep, row: CaseRow, school: SchoolContext, access: CaseAccessFacts): string[] {
  return filterRecipients(audienceIds(step, row, school), access, school.rolesOf);
}

function audienceIds(step: NotificationStep, row: CaseRow, school: SchoolContext): readonly string[] {
  switch (step.audience) {
    case 'principal':
      return school.principalIds;
    case 'case_leader':
      // Until the principal delegates the case, the principal leads it.
      return step.personIds ?? (row.caseLeaderId ? [row.caseLeaderId] : school.principalIds);
    case 'owner':
      return school.ownerOfficialIds;
    case 'owner_second_contact':
      return school.owner.secondContactId ? [school.owner.secondContactId] : [];
    case 'measure_owners':
      return step.personIds ?? [];
    case 'leader':
      return school.leaderIds;
    case 'contact_teacher':
      return step.personIds ?? [];
  }
}
