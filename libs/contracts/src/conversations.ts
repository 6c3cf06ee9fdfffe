// Pupil conversations (§ 12-4 "følgje med": the planned half-yearly conversation with each
// pupil) and the CSV import of pupils and contact teachers.
import { z } from 'zod';
import { id, instantInput } from './common';
import { reportCategory } from './cases';

/** "Does the pupil feel safe and well at school?" */
export const wellbeingAnswer = z.enum(['yes', 'no', 'unsure'], { error: 'Svar ja (yes), nei (no) eller usikker (unsure).' });

/** A half-year: '2026-autumn' (Aug–Dec 2026) or '2027-spring' (Jan–Jul 2027). */
export const termId = z.string().regex(/^\d{4}-(autumn|spring)$/, { error: 'Halvåret skrives ÅÅÅÅ-autumn eller ÅÅÅÅ-spring, f.eks. 2026-autumn.' });

export const pupilIdParam = z.object({ pupilId: id });

export const recordConversation = z
  .object({
    /** When the conversation was held (default: now); it counts for the half-year it falls in. */
    heldAt: instantInput.optional(),
    answer: wellbeingAnswer,
    /** Short and confidential: shown in trygg, never emailed. */
    note: z.string().trim().min(1, { error: 'Notatet kan ikke være tomt.' }).max(2000, { error: 'Notatet kan ha høyst 2000 tegn.' }).optional(),
    /** The category of the report an answer "no" files (default 'other'). */
    category: reportCategory.optional(),
  })
  .strict()
  .refine((r) => r.category === undefined || r.answer === 'no', {
    error: 'Kategori brukes bare når eleven svarer nei.',
    path: ['category'],
  });

export const conversationListQuery = z.object({
  term: termId.optional(),
  status: z.enum(['outstanding', 'held', 'all'], { error: 'Status må være outstanding, held eller all.' }).default('all'),
});

export const conversationView = z.object({
  id: z.string(),
  pupilId: z.string(),
  schoolId: z.string(),
  term: z.string(),
  heldAt: z.string(),
  heldById: z.string(),
  answer: wellbeingAnswer,
  note: z.string().nullable(),
  /** The report an answer "no" filed. */
  reportId: z.string().nullable(),
  createdAt: z.string(),
});

export const conversationRecorded = z.object({
  conversation: conversationView,
  /** Set when the answer was "no": the case the report opened. */
  caseId: z.string().optional(),
  caseNumber: z.string().optional(),
});

export const conversationListItem = z.object({
  pupil: z.object({
    id: z.string(),
    name: z.string(),
    initials: z.string(),
    birthYear: z.number(),
    /** From the administration system's export ('5A'); null: not known. */
    className: z.string().nullable(),
    heightenedAttention: z.boolean(),
    contactTeacher: z.object({ id: z.string(), name: z.string() }).nullable(),
  }),
  conversation: conversationView.extend({ heldByName: z.string() }).nullable(),
});

export const conversationList = z.object({
  term: z.string(),
  /** The half-year's due date ('YYYY-MM-DD') and the instant it falls due (16:00 Oslo). */
  dueDate: z.string(),
  dueAt: z.string(),
  /** Counts over the pupils the caller may see, before the status filter. */
  counts: z.object({ pupils: z.number(), held: z.number(), outstanding: z.number() }),
  items: z.array(conversationListItem),
});

export const pupilImportResult = z.object({
  rows: z.number(),
  created: z.number(),
  updated: z.number(),
  unchanged: z.number(),
});

export type RecordConversation = z.infer<typeof recordConversation>;
export type ConversationListQuery = z.infer<typeof conversationListQuery>;
export type ConversationView = z.infer<typeof conversationView>;
export type PupilImportResult = z.infer<typeof pupilImportResult>;
