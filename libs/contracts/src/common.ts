import { z } from 'zod';

export const id = z.uuid({ error: 'Må være en gyldig id.' });

/** A calendar date, YYYY-MM-DD; whether the day exists is checked by the API. */
export const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: 'Dato må skrives ÅÅÅÅ-MM-DD.' });

/**
 * A point in time: either an ISO instant with offset (2026-04-06T07:30:00+02:00, …Z) or an Oslo
 * wall-clock time without offset (2026-04-06T07:30). Wall-clock times that do not exist in
 * Oslo (the spring-forward gap) are refused by the API with INVALID_DATE.
 */
export const instantInput = z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}:\d{2})?$/, {
  error: 'Tidspunkt må skrives ÅÅÅÅ-MM-DDTTT:MM (norsk tid) eller med tidssone.',
});

export const language = z.enum(['nb', 'nn']);

export const text = (max: number, what: string) =>
  z
    .string()
    .trim()
    .min(1, { error: `${what} kan ikke være tom.` })
    .max(max, { error: `${what} kan ha høyst ${max} tegn.` });

export const email = z.email({ error: 'Må være en gyldig e-postadresse.' }).max(254);

export const pageQuery = z.object({
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
