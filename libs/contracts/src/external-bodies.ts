// External bodies involved in a case (seeds/002: the county governor asks for "external bodies
// involved"): PPT, child welfare, BUP, the school health service, the police, the county
// governor — or another, named. Who, why, and the date of contact.
import { z } from 'zod';
import { isoDate, text } from './common';
import { fullCaseView, personSummary } from './responses';

export const externalBodyKind = z.enum(['ppt', 'child_welfare', 'bup', 'school_health', 'police', 'county_governor', 'other'], {
  error:
    'Velg instans: PPT (ppt), barnevernet (child_welfare), BUP (bup), helsesykepleier/skolehelsetjenesten (school_health), ' +
    'politiet (police), statsforvalteren (county_governor) eller annen (other).',
});

export const recordExternalBody = z
  .object({
    kind: externalBodyKind,
    /** The body's name ("PPT for Indre Østfold"); required for kind 'other'. */
    name: text(200, 'Navnet på instansen').optional(),
    /** What the body was involved in, and why. */
    involvement: text(5000, 'Hva instansen var involvert i'),
    /** The date of contact (YYYY-MM-DD), not after today. */
    contactedOn: isoDate,
    /** The text tells something about other pupils: the parents' copy leaves it out. */
    concernsOtherPupils: z.boolean({ error: 'Gjelder det andre elever: svar ja (true) eller nei (false).' }).optional(),
  })
  .strict()
  .refine((b) => b.kind !== 'other' || b.name !== undefined, {
    error: 'Skriv navnet på instansen når du velger «annen».',
    path: ['name'],
  });

export const externalBodyView = z.object({
  id: z.string(),
  kind: externalBodyKind,
  name: z.string().nullable(),
  involvement: z.string(),
  /** YYYY-MM-DD */
  contactedOn: z.string(),
  concernsOtherPupils: z.boolean(),
  recordedBy: personSummary,
  recordedAt: z.string(),
});

/** In time order: by date of contact, then as recorded. */
export const externalBodyList = z.object({ externalBodies: z.array(externalBodyView) });

export const externalBodyRecorded = z.object({
  externalBody: externalBodyView,
  externalBodies: z.array(externalBodyView),
  case: fullCaseView,
});

export type ExternalBodyKind = z.infer<typeof externalBodyKind>;
export type RecordExternalBody = z.infer<typeof recordExternalBody>;
export type ExternalBodyView = z.infer<typeof externalBodyView>;
