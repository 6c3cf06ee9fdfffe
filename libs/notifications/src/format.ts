import type { IsoDate, IsoInstant, Lang } from './types';

/** The law counts Oslo wall-clock time, whatever zone the server runs in. */
export const ZONE = 'Europe/Oslo';

const LOCALES: Record<Lang, string> = { nb: 'nb-NO', nn: 'nn-NO' };

const INSTANT_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,9})?)?(?:Z|[+-]\d{2}:\d{2})$/;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

/**
 * Parses an ISO 8601 instant. An offset (or `Z`) is required: a bare local time would be read
 * in the server's zone, which is exactly the mistake Europe/Oslo formatting exists to avoid.
 */
export function parseInstant(value: IsoInstant): Date {
  const date = INSTANT_RE.test(value) ? new Date(value) : new Date(Number.NaN);
  if (Number.isNaN(date.getTime())) {
    throw new RangeError(`Not an ISO 8601 instant with an offset: ${JSON.stringify(value)}`);
  }
  return date;
}

/** Parses 'YYYY-MM-DD' as a calendar date (UTC midnight, used only for calendar arithmetic). */
export function parsePlainDate(value: IsoDate): Date {
  const m = DATE_RE.exec(value);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d));
    // Rejects 2026-02-30 and the like, which Date.UTC would roll over silently.
    if (date.getUTCFullYear() === y && date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) {
      return date;
    }
  }
  throw new RangeError(`Not a calendar date (YYYY-MM-DD): ${JSON.stringify(value)}`);
}

type PartName = 'weekday' | 'day' | 'month' | 'year' | 'hour' | 'minute';

// Building an Intl.DateTimeFormat costs far more than using one (≈0.25 ms each, several per
// message): one per language, zone and shape, kept for the life of the process.
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(lang: Lang, timeZone: string, withTime: boolean): Intl.DateTimeFormat {
  const key = `${lang}|${timeZone}|${withTime}`;
  let format = formats.get(key);
  if (!format) {
    format = new Intl.DateTimeFormat(LOCALES[lang], {
      timeZone,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
      ...(withTime ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' } : {}),
    });
    formats.set(key, format);
  }
  return format;
}

function partsOf(date: Date, lang: Lang, timeZone: string, withTime: boolean): Record<PartName, string> {
  const format = formatFor(lang, timeZone, withTime);
  const out: Record<PartName, string> = { weekday: '', day: '', month: '', year: '', hour: '', minute: '' };
  for (const part of format.formatToParts(date)) {
    if (part.type in out) out[part.type as PartName] = part.value;
  }
  return out;
}

// The pattern is assembled from parts rather than taken from ICU's whole string, so the
// wording ("mandag 6. april 2026 kl. 07:30") does not change with the ICU version.

/** "mandag 6. april 2026 kl. 07:30" (nn: "måndag 6. april 2026 kl. 07:30"), Oslo time. */
export function formatDateTime(instant: IsoInstant, lang: Lang): string {
  const p = partsOf(parseInstant(instant), lang, ZONE, true);
  return `${p.weekday} ${p.day}. ${p.month} ${p.year} kl. ${p.hour}:${p.minute}`;
}

/** "mandag 6. april 2026", the Oslo date of the instant. */
export function formatDate(instant: IsoInstant, lang: Lang): string {
  const p = partsOf(parseInstant(instant), lang, ZONE, false);
  return `${p.weekday} ${p.day}. ${p.month} ${p.year}`;
}

/** "mandag 6. april", the Oslo date of the instant without the year (for subjects). */
export function formatShortDate(instant: IsoInstant, lang: Lang): string {
  const p = partsOf(parseInstant(instant), lang, ZONE, false);
  return `${p.weekday} ${p.day}. ${p.month}`;
}

function addDays(date: Date, days: number): Date {
  return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), date.getUTCDate() + days));
}

/** "6.–12. april 2026", "30. mars – 5. april 2026" or "28. desember 2026 – 3. januar 2027". */
export function formatWeekRange(weekStart: IsoDate, lang: Lang): string {
  const start = parsePlainDate(weekStart);
  const a = partsOf(start, lang, 'UTC', false);
  const b = partsOf(addDays(start, 6), lang, 'UTC', false);
  if (a.year !== b.year) return `${a.day}. ${a.month} ${a.year} – ${b.day}. ${b.month} ${b.year}`;
  if (a.month !== b.month) return `${a.day}. ${a.month} – ${b.day}. ${b.month} ${b.year}`;
  return `${a.day}.–${b.day}. ${b.month} ${b.year}`;
}

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeek(date: IsoDate): { readonly year: number; readonly week: number } {
  const d = parsePlainDate(date);
  const weekday = (d.getUTCDay() + 6) % 7; // Monday 0 … Sunday 6
  const thursday = addDays(d, 3 - weekday);
  const year = thursday.getUTCFullYear();
  // The Thursday's day of the year (0-based) tells its week: days 0–6 are week 1, and so on.
  const dayOfYear = Math.round((thursday.getTime() - Date.UTC(year, 0, 1)) / 86_400_000);
  const week = Math.floor(dayOfYear / 7) + 1;
  return { year, week };
}

/** A count as given, after checking it is one (a negative or fractional count is a bug upstream). */
export function checkedCount(count: number): number {
  if (!Number.isInteger(count) || count < 0) {
    throw new RangeError(`A count must be a whole number ≥ 0, got ${String(count)}`);
  }
  return count;
}

/** Counts of a sensitive kind below this are not printed. */
export const SENSITIVE_COUNT_THRESHOLD = 5;

/**
 * Prints a count of a sensitive kind (§ 12-5 cases) for the owner's digest: below 5 it is
 * "<5" — zero included, since printing "0" next to "<5" elsewhere would tell the reader that
 * "<5" means at least one case. At a small school, "1" can point to a person.
 */
export function maskSensitiveCount(count: number): string {
  return checkedCount(count) < SENSITIVE_COUNT_THRESHOLD ? `<${SENSITIVE_COUNT_THRESHOLD}` : String(count);
}

/** A plain count, checked. */
export function formatCount(count: number): string {
  return String(checkedCount(count));
}

/** "82 %" (locale spacing); "–" when there is nothing to measure. */
export function formatPercent(percent: number | null, lang: Lang): string {
  if (percent === null) return '–';
  if (!Number.isFinite(percent) || percent < 0 || percent > 100) {
    throw new RangeError(`A percentage must be between 0 and 100, got ${String(percent)}`);
  }
  return new Intl.NumberFormat(LOCALES[lang], { style: 'percent', maximumFractionDigits: 0 }).format(percent / 100);
}

/** "1,5"; "–" when no case has reached the step. */
export function formatDecimal(value: number | null, lang: Lang): string {
  if (value === null) return '–';
  if (!Number.isFinite(value) || value < 0) {
    throw new RangeError(`Expected a number ≥ 0, got ${String(value)}`);
  }
  return new Intl.NumberFormat(LOCALES[lang], { maximumFractionDigits: 1 }).format(value);
}

/** The year of the instant's Oslo date (a half-year is named by it: "høsthalvåret 2026"). */
export function osloYear(instant: IsoInstant): number {
  const year = new Intl.DateTimeFormat('en-GB', { timeZone: ZONE, year: 'numeric' }).format(parseInstant(instant));
  return Number(year);
}
