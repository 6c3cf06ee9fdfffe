import { z } from 'zod';
import { email, id, isoDate, language, text } from './common';

/** A period the school (or all of an owner's schools) is closed: holidays, planning days. */
export const nonSchoolPeriod = z
  .object({
    from: isoDate,
    to: isoDate,
    label: text(120, 'Navnet på perioden'),
    kind: z.enum(['holiday', 'planning_day'], { error: 'Velg ferie (holiday) eller planleggingsdag (planning_day).' }).default('holiday'),
  })
  .strict()
  .refine((p) => p.from <= p.to, { error: 'En periode kan ikke slutte før den begynner.', path: ['to'] });

export const createOwner = z
  .object({
    name: text(200, 'Navnet'),
    language: language.default('nb'),
    /** People who get the weekly digest (normally owner officials). */
    digestRecipientIds: z.array(id).max(20).default([]),
    /** Told when a serious or § 12-5 notice is not acknowledged within 1 school day. */
    secondContactId: id.optional(),
    nonSchoolDays: z.array(nonSchoolPeriod).max(200).default([]),
  })
  .strict();

/** Settings an owner changes after its officials exist (digest recipients, second contact). */
export const updateOwner = z
  .object({
    name: text(200, 'Navnet').optional(),
    language: language.optional(),
    digestRecipientIds: z.array(id).max(20).optional(),
    /** null removes the second contact. */
    secondContactId: id.nullable().optional(),
  })
  .strict();

export const ownerIdParam = z.object({ ownerId: id });

/** 'MM-DD', a day that exists in a leap year (checked by the API). */
const monthDay = z.string().regex(/^(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/, { error: 'Dato må skrives MM-DD, for eksempel 12-01.' });

export const createSchool = z
  .object({
    ownerId: id,
    name: text(200, 'Navnet'),
    nonSchoolDays: z.array(nonSchoolPeriod).max(200).default([]),
    conversationDueDates: z.object({ autumn: monthDay, spring: monthDay }).strict().optional(),
  })
  .strict();

export const schoolRole = z.enum(['staff', 'leader', 'principal'], { error: 'Rollen må være staff, leader eller principal.' });

/** What kind of person; decides nothing about access (roles do). § 12-1: SFO/AKS and homework help report too. */
export const personKind = z.enum(['staff', 'sfo_aks', 'homework_help', 'owner_official', 'operator'], {
  error: 'Ugyldig type person.',
});

export const createPerson = z
  .object({
    name: text(200, 'Navnet'),
    email,
    kind: personKind.default('staff'),
    schoolRoles: z
      .array(z.object({ schoolId: id, role: schoolRole }).strict())
      .max(50)
      .default([]),
    ownerRoles: z
      .array(z.object({ ownerId: id }).strict())
      .max(10)
      .default([]),
  })
  .strict();

/** A role at a school, or (role 'owner') at a school owner. */
export const assignRole = z.discriminatedUnion(
  'role',
  [
    z.object({ personId: id, schoolId: id, role: schoolRole }).strict(),
    z.object({ personId: id, ownerId: id, role: z.literal('owner') }).strict(),
  ],
  { error: 'Rollen må være staff, leader eller principal (med schoolId) eller owner (med ownerId).' },
);

export const createPupil = z
  .object({
    schoolId: id,
    name: text(200, 'Navnet'),
    birthYear: z
      .number({ error: 'Fødselsåret må være et tall.' })
      .int({ error: 'Fødselsåret må være et helt tall.' })
      .min(1990, { error: 'Fødselsåret kan ikke være før 1990.' })
      .max(2030, { error: 'Fødselsåret kan ikke være etter 2030.' }),
    contactTeacherId: id.optional(),
    heightenedAttention: z.boolean().default(false),
  })
  .strict();

export const schoolIdParam = z.object({ schoolId: id });

export const devLogin = z.object({ email }).strict();

export type CreateOwner = z.infer<typeof createOwner>;
export type UpdateOwner = z.infer<typeof updateOwner>;
export type CreateSchool = z.infer<typeof createSchool>;
export type CreatePerson = z.infer<typeof createPerson>;
export type AssignRole = z.infer<typeof assignRole>;
export type CreatePupil = z.infer<typeof createPupil>;
