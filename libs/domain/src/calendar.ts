import Holidays from 'date-holidays';
import { Temporal } from 'temporal-polyfill';
import type { NonSchoolDay, SchoolCalendar, SchoolCalendarOptions, SendingWindow } from './types';

/*
 * The law (Opplæringslova § 12-4, as applied in DOMAIN.md) counts in school days in Oslo
 * wall-clock time. Internally a date is an "epoch day" (days since 1970-01-01): integer
 * arithmetic is exact, and it lets every expensive Temporal conversion be memoized once
 * per day instead of once per deadline (a national school year computes millions of them).
 */

export const OSLO = 'Europe/Oslo' as const;
const DEFAULT_WINDOW: SendingWindow = { start: '07:30', end: '16:00' };

export class InvalidDateError extends Error {
  readonly code = 'invalid_date' as const;
  constructor(readonly input: string) {
    super(`Ugyldig dato: «${input}». Bruk formatet ÅÅÅÅ-MM-DD.`);
    this.name = 'InvalidDateError';
  }
}

export class NonexistentLocalTimeError extends Error {
  readonly code = 'nonexistent_local_time' as const;
  constructor(
    readonly local: string,
    readonly zone: string,
  ) {
    super(`Tidspunktet ${local.replace('T', ' kl. ')} finnes ikke i norsk tid (klokka stilles fram).`);
    this.name = 'NonexistentLocalTimeError';
  }
}

export class InvalidCalendarError extends Error {
  readonly code = 'invalid_calendar' as const;
  constructor(message: string) {
    super(message);
    this.name = 'InvalidCalendarError';
  }
}

// ---- epoch-day arithmetic (proleptic Gregorian, Hinnant's algorithms) ----

export function epochDayOf(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilOf(ed: number): [number, number, number] {
  const z = ed + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day];
}

/** ISO weekday, Monday = 1 … Sunday = 7 (1970-01-01 was a Thursday). */
function weekdayOf(ed: number): number {
  return ((((ed + 3) % 7) + 7) % 7) + 1;
}

export function toEpochDay(date: Temporal.PlainDate): number {
  return epochDayOf(date.year, date.month, date.day);
}

// Immutable values derived only from their key, shared by every calendar: memoizing them
// module-wide is what keeps 3,100 school calendars cheap. They hold no I/O and no clock.
const plainDates = new Map<number, Temporal.PlainDate>();

export function fromEpochDay(ed: number): Temporal.PlainDate {
  let d = plainDates.get(ed);
  if (d === undefined) {
    const [y, m, day] = civilOf(ed);
    d = new Temporal.PlainDate(y, m, day);
    plainDates.set(ed, d);
  }
  return d;
}

const isoStrings = new Map<number, string>();

/** 'YYYY-MM-DD' of an epoch day, memoized (PlainDate#toString is slow in hot loops). */
export function isoDateOfEpochDay(ed: number): string {
  let s = isoStrings.get(ed);
  if (s === undefined) {
    const [y, m, d] = civilOf(ed);
    s = `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
    isoStrings.set(ed, s);
  }
  return s;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** Strict 'YYYY-MM-DD' → epoch day; refuses 2026-02-30 instead of clamping it. */
function parseEpochDay(s: string): number {
  const m = ISO_DATE.exec(s);
  if (!m) throw new InvalidDateError(s);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const ed = epochDayOf(y, mo, d);
  const [cy, cm, cd] = civilOf(ed);
  if (cy !== y || cm !== mo || cd !== d) throw new InvalidDateError(s);
  return ed;
}

export function parsePlainDate(s: string): Temporal.PlainDate {
  return fromEpochDay(parseEpochDay(s));
}

// ---- Norwegian public holidays ----

let holidayLookup: Holidays | undefined;
const publicHolidaysByYear = new Map<number, ReadonlySet<number>>();

/** Epoch days of Norway's public holidays (Easter-dependent ones included) in a year. */
function publicHolidays(year: number): ReadonlySet<number> {
  let set = publicHolidaysByYear.get(year);
  if (set === undefined) {
    holidayLookup ??= new Holidays('NO');
    const days = new Set<number>();
    // Only 'public' days close schools by law; 'bank' (Christmas Eve) and 'observance'
    // days are school days unless the owner's own holiday list says otherwise.
    // 2027-05-17 is listed twice (Constitution Day and Whit Monday): a Set absorbs that.
    for (const h of holidayLookup.getHolidays(year)) {
      if (h.type === 'public') days.add(parseEpochDay(h.date.slice(0, 10)));
    }
    set = days;
    publicHolidaysByYear.set(year, set);
  }
  return set;
}

// ---- wall-clock ↔ instant in Oslo ----

export interface CachedInstant {
  readonly ms: number;
  readonly instant: Temporal.Instant;
}
const wallInstants = new Map<number, CachedInstant>();
// Day starts for 1970–2149 in a typed array (NaN = not yet computed); a Map beyond. Read on
// every instant → date conversion, so a flat array beats a Map here.
const DAY_START_SPAN = 1 << 16;
const dayStartFlat = new Float64Array(DAY_START_SPAN).fill(Number.NaN);
const dayStartOther = new Map<number, number>();

/**
 * Instant of a wall-clock minute of an Oslo day. The school times used here (07:30, 16:00)
 * never fall in a DST transition (Oslo shifts at 02:00/03:00), so 'earlier' never applies.
 */
function wallInstant(ed: number, minuteOfDay: number): CachedInstant {
  const key = ed * 1440 + minuteOfDay;
  let c = wallInstants.get(key);
  if (c === undefined) {
    const d = fromEpochDay(ed);
    const instant = d
      .toPlainDateTime({ hour: Math.floor(minuteOfDay / 60), minute: minuteOfDay % 60 })
      .toZonedDateTime(OSLO, { disambiguation: 'earlier' })
      .toInstant();
    c = { ms: instant.epochMilliseconds, instant };
    wallInstants.set(key, c);
  }
  return c;
}

/** Epoch ms of 00:00 Oslo on an epoch day (memoized; the zone's day length varies with DST). */
export function osloStartOfDayMs(ed: number): number {
  const inFlat = ed >= 0 && ed < DAY_START_SPAN;
  let ms = inFlat ? dayStartFlat[ed]! : dayStartOther.get(ed);
  if (ms === undefined || Number.isNaN(ms)) {
    ms = fromEpochDay(ed).toZonedDateTime(OSLO).epochMilliseconds;
    if (inFlat) dayStartFlat[ed] = ms;
    else dayStartOther.set(ed, ms);
  }
  return ms;
}

const endOfDayInstants = new Map<number, Temporal.Instant>();

/**
 * 23:59:59.999 Oslo: the last millisecond of the calendar day. Chosen over "00:00 next day"
 * so that every deadline is met when metAt ≤ dueAt, and because timestamps are stored with
 * millisecond precision at the driver edge (JS Date).
 */
function endOfCalendarDayInstant(ed: number): Temporal.Instant {
  let i = endOfDayInstants.get(ed);
  if (i === undefined) {
    i = Temporal.Instant.fromEpochMilliseconds(osloStartOfDayMs(ed + 1) - 1);
    endOfDayInstants.set(ed, i);
  }
  return i;
}

/** The Oslo wall-clock epoch day of an instant, without building a ZonedDateTime. */
export function osloEpochDayOfMs(ms: number): number {
  // Oslo is UTC+1 or UTC+2: guess with +1 h, then correct against the memoized day starts.
  let ed = Math.floor((ms + 3_600_000) / 86_400_000);
  while (ms < osloStartOfDayMs(ed)) ed--;
  while (ms >= osloStartOfDayMs(ed + 1)) ed++;
  return ed;
}

export function osloEpochDay(instant: Temporal.Instant): number {
  return osloEpochDayOfMs(instant.epochMilliseconds);
}

/**
 * Converts an Oslo wall-clock date-time ('2026-04-06T07:30' or a PlainDateTime) to an instant.
 * A time in the spring-forward gap (2026-03-29 02:30) does not exist and is refused with
 * NonexistentLocalTimeError. A time in the autumn overlap (2026-10-25 02:30 happens twice)
 * resolves to the EARLIER instant (summer time, +02:00): the first time the clock shows it,
 * so a deadline never silently gains an hour.
 */
export function localDateTimeToInstant(
  local: string | Temporal.PlainDateTime,
  zone: string = OSLO,
): Temporal.Instant {
  let pdt: Temporal.PlainDateTime;
  try {
    pdt = typeof local === 'string' ? Temporal.PlainDateTime.from(local, { overflow: 'reject' }) : local;
  } catch {
    throw new InvalidDateError(String(local));
  }
  const zdt = pdt.toZonedDateTime(zone, { disambiguation: 'earlier' });
  if (!zdt.toPlainDateTime().equals(pdt)) {
    throw new NonexistentLocalTimeError(pdt.toString({ smallestUnit: 'minute' }), zone);
  }
  return zdt.toInstant();
}

// ---- the calendar ----

function parseTime(s: string, what: string): number {
  const m = /^(\d{2}):(\d{2})$/.exec(s);
  const h = m ? Number(m[1]) : NaN;
  const min = m ? Number(m[2]) : NaN;
  if (!(h >= 0 && h <= 23 && min >= 0 && min <= 59)) {
    throw new InvalidCalendarError(`Ugyldig klokkeslett for ${what}: «${s}». Bruk TT:MM.`);
  }
  return h * 60 + min;
}

export function parseSendingWindow(window: SendingWindow): { start: number; end: number } {
  const start = parseTime(window.start, 'start på sendevindu');
  const end = parseTime(window.end, 'slutt på sendevindu');
  if (start >= end) {
    throw new InvalidCalendarError(`Sendevinduet må starte før det slutter (${window.start}–${window.end}).`);
  }
  return { start, end };
}

/** The longest single holiday range accepted: a guard against a typo like 2026 → 2062. */
const MAX_RANGE_DAYS = 400;

function expandNonSchoolDays(list: readonly NonSchoolDay[]): Set<number> {
  const out = new Set<number>();
  for (const item of list) {
    if (typeof item === 'string') {
      out.add(parseEpochDay(item));
      continue;
    }
    const from = parseEpochDay(item.from);
    const to = parseEpochDay(item.to);
    if (to < from) {
      throw new InvalidCalendarError(`Fridagsperioden ${item.from}–${item.to} slutter før den starter.`);
    }
    if (to - from > MAX_RANGE_DAYS) {
      throw new InvalidCalendarError(`Fridagsperioden ${item.from}–${item.to} er urimelig lang.`);
    }
    for (let d = from; d <= to; d++) out.add(d);
  }
  return out;
}

const BLOCK_BITS = 9; // 512-day blocks of school-day flags
const BLOCK = 1 << BLOCK_BITS;
/** No school-day search crosses more than this many days (a year has far fewer holidays). */
const MAX_SCAN = 3 * 366;

/** Epoch-day level operations, for hot loops that must not allocate Temporal objects. */
export interface SchoolCalendarInternals {
  isSchoolDayEd(ed: number): boolean;
  addSchoolDaysEd(ed: number, n: number): number;
  /** The first school day on or after ed (dir 1) or on or before it (dir -1). */
  scanEd(ed: number, dir: 1 | -1): number;
  windowStartAt(ed: number): CachedInstant;
  endOfSchoolDayAt(ed: number): CachedInstant;
  endOfCalendarDayAt(ed: number): Temporal.Instant;
  nextSendingMs(ms: number): number;
}

export interface SchoolCalendarImpl extends SchoolCalendar {
  readonly internals: SchoolCalendarInternals;
}

export function createSchoolCalendar(options: SchoolCalendarOptions = {}): SchoolCalendarImpl {
  if (options.zone !== undefined && options.zone !== OSLO) {
    throw new InvalidCalendarError(`Bare tidssonen ${OSLO} støttes.`);
  }
  const sendingWindow = options.sendingWindow ?? DEFAULT_WINDOW;
  const win = parseSendingWindow(sendingWindow);
  const extra = expandNonSchoolDays(options.nonSchoolDays ?? []);
  // Blocks for 1970–2149 live in an array indexed by block number; others in a Map.
  const blockArr: (Uint8Array | undefined)[] = new Array(DAY_START_SPAN >> BLOCK_BITS).fill(undefined);
  const blockOther = new Map<number, Uint8Array>();

  function buildBlock(b: number): Uint8Array {
    const flags = new Uint8Array(BLOCK);
    const first = b * BLOCK;
    let year = civilOf(first)[0];
    let holidays = publicHolidays(year);
    let nextYearStart = epochDayOf(year + 1, 1, 1);
    for (let i = 0; i < BLOCK; i++) {
      const ed = first + i;
      if (ed >= nextYearStart) {
        year++;
        holidays = publicHolidays(year);
        nextYearStart = epochDayOf(year + 1, 1, 1);
      }
      const wd = weekdayOf(ed);
      flags[i] = wd <= 5 && !holidays.has(ed) && !extra.has(ed) ? 1 : 0;
    }
    return flags;
  }

  function isSchoolDayEd(ed: number): boolean {
    const b = ed >> BLOCK_BITS;
    const inArr = b >= 0 && b < blockArr.length;
    let flags = inArr ? blockArr[b] : blockOther.get(b);
    if (flags === undefined) {
      flags = buildBlock(b);
      if (inArr) blockArr[b] = flags;
      else blockOther.set(b, flags);
    }
    return flags[ed - b * BLOCK] === 1;
  }

  function scan(ed: number, step: 1 | -1): number {
    for (let i = 0; i < MAX_SCAN; i++, ed += step) if (isSchoolDayEd(ed)) return ed;
    throw new InvalidCalendarError('Fant ingen skoledag innen tre år: sjekk fridagslista.');
  }

  function addSchoolDaysEd(ed: number, n: number): number {
    if (!Number.isInteger(n)) throw new InvalidCalendarError(`Antall skoledager må være et heltall (${n}).`);
    if (n === 0) return scan(ed, 1);
    const step = n > 0 ? 1 : -1;
    let left = Math.abs(n);
    let d = ed;
    while (left > 0) {
      d = scan(d + step, step);
      left--;
    }
    return d;
  }

  function countSchoolDaysEd(from: number, to: number): number {
    // Forward: school days in (from, to]; backward: minus those in [to, from). This makes
    // count the exact inverse of add for n ≠ 0, whether or not `from` is a school day.
    let count = 0;
    if (to >= from) {
      for (let d = from + 1; d <= to; d++) if (isSchoolDayEd(d)) count++;
      return count;
    }
    for (let d = to; d < from; d++) if (isSchoolDayEd(d)) count++;
    return -count;
  }

  const windowStartAt = (ed: number) => wallInstant(ed, win.start);
  const endOfSchoolDayAt = (ed: number) => wallInstant(ed, win.end);

  function inWindowMs(ms: number, ed: number): boolean {
    return isSchoolDayEd(ed) && ms >= windowStartAt(ed).ms && ms < endOfSchoolDayAt(ed).ms;
  }

  function nextSendingMs(ms: number): number {
    const ed = osloEpochDayOfMs(ms);
    if (inWindowMs(ms, ed)) return ms;
    if (isSchoolDayEd(ed) && ms < windowStartAt(ed).ms) return windowStartAt(ed).ms;
    return windowStartAt(scan(ed + 1, 1)).ms;
  }

  const internals: SchoolCalendarInternals = {
    isSchoolDayEd,
    addSchoolDaysEd,
    scanEd: scan,
    windowStartAt,
    endOfSchoolDayAt,
    endOfCalendarDayAt: endOfCalendarDayInstant,
    nextSendingMs,
  };

  return {
    zone: OSLO,
    sendingWindow,
    internals,
    isSchoolDay: (date) => isSchoolDayEd(toEpochDay(date)),
    addSchoolDays: (date, n) => fromEpochDay(addSchoolDaysEd(toEpochDay(date), n)),
    countSchoolDays: (from, to) => countSchoolDaysEd(toEpochDay(from), toEpochDay(to)),
    nextSchoolDayOnOrAfter: (date) => fromEpochDay(scan(toEpochDay(date), 1)),
    lastSchoolDayOnOrBefore: (date) => fromEpochDay(scan(toEpochDay(date), -1)),
    endOfSchoolDay: (date) => endOfSchoolDayAt(toEpochDay(date)).instant,
    windowStart: (date) => windowStartAt(toEpochDay(date)).instant,
    endOfCalendarDay: (date) => endOfCalendarDayInstant(toEpochDay(date)),
    localDate: (instant) => fromEpochDay(osloEpochDay(instant)),
    isInSendingWindow(instant) {
      const ms = instant.epochMilliseconds;
      return inWindowMs(ms, osloEpochDayOfMs(ms));
    },
    nextSendingInstant(instant) {
      const ms = instant.epochMilliseconds;
      const ed = osloEpochDayOfMs(ms);
      if (inWindowMs(ms, ed)) return instant;
      if (isSchoolDayEd(ed) && ms < windowStartAt(ed).ms) return windowStartAt(ed).instant;
      return windowStartAt(scan(ed + 1, 1)).instant;
    },
  };
}

/**
 * Epoch-day operations of any SchoolCalendar: the fast ones of createSchoolCalendar, or an
 * adapter over the public methods (a hand-written calendar in a test still works, slower).
 */
export function internalsOf(cal: SchoolCalendar): SchoolCalendarInternals {
  const own = (cal as Partial<SchoolCalendarImpl>).internals;
  if (own) return own;
  const at = (instant: Temporal.Instant): CachedInstant => ({ ms: instant.epochMilliseconds, instant });
  const d = fromEpochDay;
  return {
    isSchoolDayEd: (ed) => cal.isSchoolDay(d(ed)),
    addSchoolDaysEd: (ed, n) => toEpochDay(cal.addSchoolDays(d(ed), n)),
    scanEd: (ed, dir) => toEpochDay(dir === 1 ? cal.nextSchoolDayOnOrAfter(d(ed)) : cal.lastSchoolDayOnOrBefore(d(ed))),
    windowStartAt: (ed) => at(cal.windowStart(d(ed))),
    endOfSchoolDayAt: (ed) => at(cal.endOfSchoolDay(d(ed))),
    endOfCalendarDayAt: (ed) => cal.endOfCalendarDay(d(ed)),
    nextSendingMs: (ms) => cal.nextSendingInstant(Temporal.Instant.fromEpochMilliseconds(ms)).epochMilliseconds,
  };
}
