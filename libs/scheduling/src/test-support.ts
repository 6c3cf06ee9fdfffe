// Test-only: a report and its case, written as the API writes them.
import { cases, nextCaseNumber, reports, type Db } from '@trygg/db';
import { localDateTimeToInstant } from '@trygg/domain';
import { Temporal } from 'temporal-polyfill';

/** Oslo wall-clock time → Temporal.Instant. */
export const oslo = (local: string) => localDateTimeToInstant(local);
export const osloDate = (local: string) => new Date(oslo(local).epochMilliseconds);
/** An instant as Oslo wall-clock 'YYYY-MM-DDTHH:MM'. */
export const asOslo = (d: Date | Temporal.Instant) =>
  (d instanceof Date ? Temporal.Instant.fromEpochMilliseconds(d.getTime()) : d).toZonedDateTimeISO('Europe/Oslo').toPlainDateTime().toString().slice(0, 16);

export async function fileReport(
  db: Db,
  input: {
    schoolId: string;
    pupilId: string;
    filedById: string;
    at: Temporal.Instant;
    asOf?: Temporal.Instant;
    serious?: boolean;
    accusedPersonId?: string;
    accusedInLeadership?: boolean;
  },
): Promise<{ caseId: string; reportId: string }> {
  const asOf = new Date((input.asOf ?? input.at).epochMilliseconds);
  const number = await nextCaseNumber(db, input.schoolId, 2026);
  const [c] = await db
    .insert(cases)
    .values({
      schoolId: input.schoolId,
      pupilId: input.pupilId,
      number,
      openedAt: asOf,
      serious: input.serious ?? false,
      seriousMarkedAt: input.serious ? asOf : null,
      concernsEmployee: input.accusedPersonId !== undefined,
      accusedPersonId: input.accusedPersonId ?? null,
      accusedInLeadership: input.accusedInLeadership ?? false,
    })
    .returning();
  const [r] = await db
    .insert(reports)
    .values({
      schoolId: input.schoolId,
      pupilId: input.pupilId,
      caseId: c!.id,
      filedById: input.filedById,
      reporterKind: 'staff',
      basis: 'suspicion',
      category: 'bullying',
      intervened: false,
      serious: input.serious ?? false,
      concernsEmployee: input.accusedPersonId !== undefined,
      accusedPersonId: input.accusedPersonId ?? null,
      description: 'Eleven blir holdt utenfor i friminuttene.',
      filedAt: new Date(input.at.epochMilliseconds),
      asOf,
    })
    .returning();
  return { caseId: c!.id, reportId: r!.id };
}
