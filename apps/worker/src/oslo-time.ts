import { Temporal } from 'temporal-polyfill';

export const OSLO = 'Europe/Oslo';

/** The Oslo wall-clock date of an instant, 'YYYY-MM-DD'. */
export function osloDate(instant: Date): string {
  return Temporal.Instant.fromEpochMilliseconds(instant.getTime()).toZonedDateTimeISO(OSLO).toPlainDate().toString();
}

/** ISO week ('2026-W47') of a date 'YYYY-MM-DD'. */
export function isoWeekOf(date: string): string {
  const d = Temporal.PlainDate.from(date);
  return `${d.yearOfWeek}-W${String(d.weekOfYear).padStart(2, '0')}`;
}

/** The ISO week before the one the Oslo date of `instant` falls in. */
export function previousIsoWeek(instant: Date): string {
  return isoWeekOf(Temporal.PlainDate.from(osloDate(instant)).subtract({ days: 7 }).toString());
}
