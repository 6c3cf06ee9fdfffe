// Dates as a Norwegian reader expects them, always in Oslo wall-clock time whatever zone the
// server runs in: "13.04.2026 kl. 09:00", "13.04.2026".

const ZONE = 'Europe/Oslo';

const parts = new Intl.DateTimeFormat('en-GB', {
  timeZone: ZONE,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

function osloParts(instant: string): Record<'year' | 'month' | 'day' | 'hour' | 'minute', string> {
  const out = { year: '', month: '', day: '', hour: '', minute: '' };
  for (const p of parts.formatToParts(new Date(instant))) {
    if (p.type in out) out[p.type as keyof typeof out] = p.value;
  }
  return out;
}

const formatted = new Map<string, string>();

/** An instant in Oslo time: "13.04.2026 kl. 09:00". */
export function formatInstant(instant: string): string {
  // Intl's formatToParts is slow and a case file formats the same instants many times over.
  let out = formatted.get(instant);
  if (out === undefined) {
    const p = osloParts(instant);
    out = `${p.day}.${p.month}.${p.year} kl. ${p.hour}:${p.minute}`;
    if (formatted.size > 10_000) formatted.clear();
    formatted.set(instant, out);
  }
  return out;
}

/** A calendar date 'YYYY-MM-DD' as "13.04.2026". */
export function formatDate(date: string): string {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  return m ? `${m[3]}.${m[2]}.${m[1]}` : date;
}

/** The Oslo calendar date of an instant, 'YYYY-MM-DD'. */
export function osloDateOf(instant: string): string {
  const p = osloParts(instant);
  return `${p.year}-${p.month}-${p.day}`;
}
