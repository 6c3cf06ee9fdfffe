import { z } from 'zod';
import { id, instantInput, text } from './common';

// § 12-4: staff report suspicion (mistanke) or knowledge (kjennskap); no evidence is required.
export const reportBasis = z.enum(['suspicion', 'knowledge']);
export const reportCategory = z.enum([
  'bullying',
  'exclusion',
  'violence',
  'harassment',
  'racism',
  'sexual',
  'digital',
  'staff_violation',
  'other',
]);
// § 12-1: reporters include the after-school programme (SFO/AKS) and homework help.
export const reporterContext = z.enum(['school', 'after_school', 'homework_help']);

export const fileReport = z
  .object({
    schoolId: id,
    pupilId: id,
    basis: reportBasis,
    category: reportCategory,
    reporterContext: reporterContext.default('school'),
    description: text(5000, 'Beskrivelsen'),
    intervened: z.boolean(),
    intervention: z.string().trim().max(2000).optional(),
    serious: z.boolean().default(false),
    // § 12-5: the concern is that an employee violated the pupil.
    concernsEmployee: z.boolean().default(false),
    accusedPersonId: id.optional(),
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
  });

export const atInput = z.object({ at: instantInput.optional() }).strict();

export const startInvestigation = z
  .object({ at: instantInput.optional(), delayReason: z.string().trim().min(1).max(2000).optional() })
  .strict();

export const concludeInvestigation = z
  .object({
    at: instantInput.optional(),
    measuresNeeded: z.boolean(),
    conclusion: text(5000, 'Konklusjonen'),
    delayReason: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

export const delegateCase = z.object({ leaderId: id }).strict();

export const closeCase = z
  .object({
    // Closing is allowed only when the pupil's situation is safe and good (§ 12-4).
    pupilSituationSafe: z.literal(true, { error: 'Saken kan bare avsluttes når eleven har det trygt og godt.' }),
    reason: text(2000, 'Begrunnelsen'),
  })
  .strict();

export const reopenCase = z.object({ reason: text(2000, 'Begrunnelsen') }).strict();

export const delayReason = z.object({ reason: text(2000, 'Begrunnelsen') }).strict();

export const caseListQuery = z.object({
  status: z.enum(['reported', 'investigating', 'measures', 'closed']).optional(),
  overdue: z.enum(['true', 'false']).optional(),
  serious: z.enum(['true', 'false']).optional(),
  section125: z.enum(['true', 'false']).optional(),
  leaderId: id.optional(),
  schoolId: id.optional(),
  page: z.coerce.number().int().min(1).max(10_000).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});

export type FileReport = z.infer<typeof fileReport>;
export type ConcludeInvestigation = z.infer<typeof concludeInvestigation>;
