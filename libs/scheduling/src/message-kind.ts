import type { Deadline, NotificationStep } from '@trygg/domain';

/** Which email a deadline step becomes (the template kind stored on the ledger row). */
export function messageKindOf(deadline: Deadline, step: NotificationStep): { kind: string; about?: 'serious' | 's12_5'; resend?: boolean } {
  const toOwner = step.audience === 'owner' || step.audience === 'owner_second_contact';
  switch (deadline.kind) {
    // § 12-5: the owner is told at once and asked to acknowledge; the principal gets the report.
    case 's12_5_notice':
      return toOwner ? { kind: 'owner_notice', about: 's12_5' } : { kind: 'new_report' };
    // The principal let the same-day notice lapse: the system itself tells the owner.
    case 'serious_owner_notice':
      return toOwner ? { kind: 'owner_notice', about: 'serious' } : { kind: 'reminder' };
    // Unacknowledged after 1 school day: sent again, and to the owner's second contact.
    case 'owner_acknowledge':
      return { kind: 'owner_notice', about: deadline.key.endsWith('s12_5') ? 's12_5' : 'serious', resend: true };
    case 'enforcement_window':
      return { kind: 'enforcement_window' };
    default:
      return { kind: step.kind === 'reminder' ? 'reminder' : 'escalation' };
  }
}
