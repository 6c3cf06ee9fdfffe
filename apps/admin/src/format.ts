// Instants from the API are UTC ISO strings; people read them in Oslo wall-clock time, whatever
// zone the browser is in. The words (months, weekdays) are our own, so the text does not change
// with the browser's ICU data; the numbers come from Intl with the zone Europe/Oslo (DST-correct).
import type { Language } from './i18n';

export const OSLO = 'Europe/Oslo';

const MONTHS = ['januar', 'februar', 'mars', 'april', 'mai', 'juni', 'juli', 'august', 'september', 'oktober', 'november', 'desember'];

const WEEKDAYS: Record<Language, readonly string[]> = {
  // Monday first (Intl weekday 1–7 below is computed from the Oslo date).
  nb: ['mandag', 'tirsdag', 'onsdag', 'torsdag', 'fredag', 'lørdag', 'søndag'],
  nn: ['måndag', 'tysdag', 'onsdag', 'torsdag', 'fredag', 'laurdag', 'sundag'],
};

export interface OsloParts {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  /** 1 = Monday … 7 = Sunday */
  weekday: number;
}

const partsFormat = new Intl.DateTimeFormat('en-GB', {
  timeZone: OSLO,
  year: 'numeric',
  month: 'numeric',
  day: 'numeric',
  hour: 'numeric',
  minute: 'numeric',
  hourCycle: 'h23',
});

function toDate(value: string | Date): Date | null {
  const date = typeof value === 'string' ? new Date(value) : value;
  return Number.isNaN(date.getTime()) ? null : date;
}

/** The Oslo wall-clock fields of an instant. */
export function osloParts(value: string | Date): OsloParts | null {
  const date = toDate(value);
  if (!date) return null;
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(partsFormat.formatToParts(date).find((p) => p.type === type)?.value);
  const year = get('year');
  const month = get('month');
  const day = get('day');
  // Weekday of the Oslo calendar date (computed in UTC so the machine's zone never leaks in).
  const utcDay = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return { year, month, day, hour: get('hour') % 24, minute: get('minute'), weekday: utcDay === 0 ? 7 : utcDay };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "6. april 2026" */
export function formatOsloDate(value: string | Date, lang: Language, opts: { weekday?: boolean } = {}): string {
  const p = osloParts(value);
  if (!p) return '';
  const date = `${p.day}. ${MONTHS[p.month - 1]} ${p.year}`;
  return opts.weekday ? `${WEEKDAYS[lang][p.weekday - 1]} ${date}` : date;
}

/** "mandag 6. april 2026 kl. 07.30" (Språkrådet: a full stop between hours and minutes). */
export function formatOsloDateTime(value: string | Date, lang: Language, opts: { weekday?: boolean } = { weekday: true }): string {
  const p = osloParts(value);
  if (!p) return '';
  return `${formatOsloDate(value, lang, opts)} kl. ${pad(p.hour)}.${pad(p.minute)}`;
}

/** Oslo wall-clock time as a `datetime-local` value ("2026-04-06T07:30"), which the API reads as Oslo time. */
export function toOsloInputValue(value: string | Date): string {
  const p = osloParts(value);
  if (!p) return '';
  return `${p.year}-${pad(p.month)}-${pad(p.day)}T${pad(p.hour)}:${pad(p.minute)}`;
}

/** Whether an instant has passed (the clock is a parameter, for tests). */
export function isPast(value: string, now: Date): boolean {
  const date = toDate(value);
  return date !== null && date.getTime() <= now.getTime();
}

/** A calendar date without time or zone ('2026-05-04', as plans and evaluations carry them): "4. mai 2026". */
export function formatIsoDate(value: string, lang: Language, opts: { weekday?: boolean } = {}): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!m) return value;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (month < 1 || month > 12 || day < 1 || day > 31) return value;
  const date = `${day}. ${MONTHS[month - 1]} ${year}`;
  if (!opts.weekday) return date;
  const utcDay = new Date(Date.UTC(year, month - 1, day)).getUTCDay();
  return `${WEEKDAYS[lang][utcDay === 0 ? 6 : utcDay - 1]} ${date}`;
}
