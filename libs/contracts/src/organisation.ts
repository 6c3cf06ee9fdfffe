import { z } from 'zod';
import { email, id, isoDate, language, text } from './common';

export const nonSchoolPeriod = z
  .object({ from: isoDate, to: isoDate, label: text(120, 'Navnet på perioden') })
  .strict()
  .refine((p) => p.from <= p.to, { error: 'En periode kan ikke slutte før den begynner.', path: ['to'] });

export const createOwner = z
  .object({
    name: text(200, 'Navnet'),
    language: language.default('nb'),
    digestRecipients: z.array(email).max(20).default([]),
    secondContactEmail: email.optional(),
    nonSchoolDays: z.array(nonSchoolPeriod).max(200).default([]),
  })
  .strict();

export const createSchool = z
  .object({
    ownerId: id,
    name: text(200, 'Navnet'),
    nonSchoolDays: z.array(nonSchoolPeriod).max(200).default([]),
    conversationDueDates: z
      .object({ autumn: z.string().regex(/^\d{2}-\d{2}$/), spring: z.string().regex(/^\d{2}-\d{2}$/) })
      .strict()
      .optional(),
  })
  .strict();

export const schoolRole = z.enum(['staff', 'leader', 'principal']);

export const createPerson = z
  .object({
    name: text(200, 'Navnet'),
    email,
    schoolRoles: z.array(z.object({ schoolId: id, role: schoolRole }).strict()).max(50).default([]),
    ownerRoles: z.array(z.object({ ownerId: id }).strict()).max(10).default([]),
  })
  .strict();

export const assignRole = z.object({ personId: id, schoolId: id, role: schoolRole }).strict();

export const createPupil = z
  .object({
    schoolId: id,
    name: text(200, 'Navnet'),
    birthYear: z.number().int().min(1990).max(2030).optional(),
    contactTeacherId: id.optional(),
    heightenedAttention: z.boolean().default(false),
  })
  .strict();

export type CreateOwner = z.infer<typeof createOwner>;
export type CreateSchool = z.infer<typeof createSchool>;
export type CreatePerson = z.infer<typeof createPerson>;
export type CreatePupil = z.infer<typeof createPupil>;
