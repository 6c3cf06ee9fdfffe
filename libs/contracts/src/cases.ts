import { z } from 'zod';
import { id, instantInput, text } from './common';

// § 12-4: staff report suspicion (mistanke) or knowledge (kjennskap); no evidence is required.
export const reportBasis = z.enum(['suspicion', 'knowledge'], { error: 'Velg mistanke (suspicion) eller kjennskap (knowledge).' });
export const reportCategory = z.enum(
  ['bullying', 'exclusion', 'violence', 'harassment', 'racism', 'sexual', 'digital', 'staff_violation', 'other'],
  { error: 'Velg en kategori fra listen.' },
);

const optionalReason = z
  .string({ error: 'Begrunnelsen må være tekst.' })
  .trim()
  .min(1, { error: 'Begrunnelsen kan ikke være tom.' })
  .max(2000, { error: 'Begrunnelsen kan ha høyst 2000 tegn.' })
  .optional();

const yesNo = (what: string) => z.boolean({ error: `${what}: svar ja (true) eller nei (false).` });

/**
 * § 12-4 "melde frå". Who reports (staff, SFO/AKS, homework help — § 12-1) is read from the
 * reporter's person record, not from the form.
 */
export const fileReport = z
  .object({
    schoolId: id,
    pupilId: id,
    basis: reportBasis,
    category: reportCategory,
    description: text(5000, 'Beskrivelsen'),
    intervened: yesNo('Grep du inn'),
    intervention: z.string().trim().max(2000, { error: 'Beskrivelsen av inngripenen kan ha høyst 2000 tegn.' }).optional(),
    serious: z.boolean().default(false),
    // § 12-5: the concern is that an employee violated the pupil.
    concernsEmployee: z.boolean().default(false),
    accusedPersonId: id.optional(),
    /** When it happened, if known. */
    occurredAt: instantInput.optional(),
    /** When the concern was reported, if it is registered after the fact. Defaults to now. */
    reportedAt: instantInput.optional(),
  })
  .strict()
  .refine((r) => !r.intervened || (r.intervention ?? '').length > 0, {
    error: 'Skriv kort hvordan det ble grepet inn.',
    path: ['intervention'],
  })
  .refine((r) => !r.concernsEmployee || r.accusedPersonId !== undefined, {
    error: 'Velg hvilken ansatt saken gjelder.',
    path: ['accusedPersonId'],
  })
  .refine((r) => r.concernsEmployee || r.accusedPersonId === undefined, {
    error: 'En ansatt kan bare oppgis når meldingen gjelder en ansatt (opplæringsloven § 12-5).',
    path: ['accusedPersonId'],
  });

export const atInput = z.object({ at: instantInput.optional() }).strict();

export const startInvestigation = z.object({ at: instantInput.optional(), delayReason: optionalReason }).strict();

export const concludeInvestigation = z
  .object({
    at: instantInput.optional(),
    measuresNeeded: yesNo('Trengs tiltak'),
    conclusion: text(5000, 'Konklusjonen'),
    delayReason: optionalReason,
    // Ignored, kept so older clients are not refused: whether the pupil was heard (§ 10-2) and
    // the child's best assessed (§ 10-1) is read from the investigation record, never from here.
    pupilHeard: z.boolean().optional(),
    bestInterestAssessed: z.boolean().optional(),
  })
  .strict();

export const delegateCase = z.object({ leaderId: id }).strict();

export const ownerNotice = z
  .object({ about: z.enum(['serious', 's12_5'], { error: 'Velg alvorlig sak (serious) eller § 12-5 (s12_5).' }).optional() })
  .strict();

export const closeCase = z
  .object({
    // Closing is allowed only when the pupil's situation is safe and good (§ 12-4).
    pupilSituationSafe: z.literal(true, { error: 'Saken kan bare avsluttes når eleven har det trygt og godt.' }),
    reason: text(2000, 'Begrunnelsen'),
  })
  .strict();

export const reopenCase = z.object({ reason: text(2000, 'Begrunnelsen') }).strict();

export const delayReason = z.object({ reason: text(2000, 'Begrunnelsen') }).strict();

const flag = z.enum(['true', 'false'], { error: 'Bruk true eller false.' });

export const caseListQuery = z
  .object({
    status: z.enum(['reported', 'investigating', 'measures', 'closed'], { error: 'Ukjent status.' }).optional(),
    overdue: flag.optional(),
    serious: flag.optional(),
    section125: flag.optional(),
    leaderId: id.optional(),
    schoolId: id.optional(),
    page: z.coerce.number({ error: 'Sidenummeret må være et tall.' }).int().min(1).max(10_000).default(1),
    pageSize: z.coerce.number({ error: 'Sidestørrelsen må være et tall.' }).int().min(1).max(200).default(50),
  })
  .strict();

export const caseIdParam = z.object({ id });
export const deadlineParam = z.object({
  id,
  key: z
    .string()
    .min(1)
    .max(300)
    .regex(/^[A-Za-z0-9._-]+$/, { error: 'Ugyldig fristnøkkel.' }),
});
export const tokenParam = z.object({
  token: z
    .string()
    .min(16, { error: 'Ugyldig lenke.' })
    .max(200, { error: 'Ugyldig lenke.' })
    .regex(/^[A-Za-z0-9_-]+$/, { error: 'Ugyldig lenke.' }),
});

export type FileReport = z.infer<typeof fileReport>;
export type ConcludeInvestigation = z.infer<typeof concludeInvestigation>;
export type CaseListQuery = z.infer<typeof caseListQuery>;
