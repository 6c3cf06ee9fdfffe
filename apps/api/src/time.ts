// Instants from requests. An offset-less time is Oslo wall-clock time; one that does not exist
// there (the spring-forward gap, 2026-03-29T02:30) is refused, never silently shifted.
import { Temporal } from 'temporal-polyfill';
import { InvalidDateError, NonexistentLocalTimeError, OSLO, localDateTimeToInstant, parsePlainDate } from '@trygg/domain';
import { invalidDate, invalidField } from './errors';

export const toInstant = (d: Date) => Temporal.Instant.fromEpochMilliseconds(d.getTime());
export const toDate = (i: Temporal.Instant) => new Date(i.epochMilliseconds);
export const iso = (d: Date) => d.toISOString();
export const isoOrNull = (d: Date | null | undefined) => (d ? d.toISOString() : null);

/** Parses an `instantInput` (contracts) or throws INVALID_DATE naming the field. */
export function parseInstant(value: string, field: string): Temporal.Instant {
  const hasZone = /(Z|[+-]\d{2}:\d{2})$/.test(value);
  try {
    if (hasZone) return Temporal.Instant.from(value);
    return localDateTimeToInstant(value, OSLO);
  } catch (error) {
    if (error instanceof NonexistentLocalTimeError) throw invalidDate(field, error.message);
    if (error instanceof InvalidDateError || error instanceof RangeError) {
      throw invalidDate(field, `Tidspunktet «${value}» finnes ikke. Sjekk dato og klokkeslett.`);
    }
    throw error;
  }
}

/**
 * When something happened: the given instant (not in the future) or now.
 * Instants are kept to the millisecond (the database stores microseconds; Date holds ms).
 */
export function eventInstant(value: string | undefined, field: string, now: Date): Date {
  if (value === undefined) return now;
  const at = toDate(parseInstant(value, field));
  if (at.getTime() > now.getTime()) throw invalidField(field, 'Tidspunktet kan ikke være i fremtiden.');
  return at;
}

/** A calendar date that exists ('2026-02-30' does not). */
export function checkDate(value: string, field: string): Temporal.PlainDate {
  try {
    return parsePlainDate(value);
  } catch {
    throw invalidDate(field, `Datoen «${value}» finnes ikke.`);
  }
}

/** The year of an instant in Oslo (case numbers count per school and year). */
export function osloYear(at: Date): number {
  return toInstant(at).toZonedDateTimeISO(OSLO).year;
}
