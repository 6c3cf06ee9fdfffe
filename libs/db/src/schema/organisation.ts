import { sql } from 'drizzle-orm';
import { check, date, index, jsonb, pgTable, text, unique, uuid } from 'drizzle-orm/pg-core';
import { createdAt, id, updatedAt } from './columns';
import { languageEnum, nonSchoolDayKindEnum, roleEnum } from './enums';
import { people } from './people';

/**
 * Policy overrides (deadline lengths, sending window, enforcement-window rule …). The shape
 * belongs to @trygg/domain; the database only keeps the object. School overrides win over
 * owner overrides, which win over the defaults.
 */
export type PolicyOverrides = Record<string, unknown>;

/** Skoleeigar: the municipality or county owning schools. */
export const schoolOwners = pgTable('school_owners', {
  id: id(),
  name: text('name').notNull(),
  language: languageEnum('language').notNull().default('nb'),
  policy: jsonb('policy').$type<PolicyOverrides>().notNull().default({}),
  /** People (normally owner officials) who receive the weekly digest. */
  digestRecipientIds: uuid('digest_recipient_ids').array().notNull().default(sql`'{}'::uuid[]`),
  /** Told when a serious or § 12-5 notice is not acknowledged within 1 school day. */
  secondContactId: uuid('second_contact_id').references(() => people.id),
  createdAt: createdAt(),
  updatedAt: updatedAt(),
});

const monthDay = /* sql */ `'^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$'`;

export const schools = pgTable(
  'schools',
  {
    id: id(),
    ownerId: uuid('owner_id')
      .notNull()
      .references(() => schoolOwners.id),
    name: text('name').notNull(),
    policy: jsonb('policy').$type<PolicyOverrides>().notNull().default({}),
    /** 'MM-DD'; null = the owner's or the default (autumn 12-01, spring 05-01). */
    pupilConversationAutumnDue: text('pupil_conversation_autumn_due'),
    pupilConversationSpringDue: text('pupil_conversation_spring_due'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('schools_owner_idx').on(t.ownerId),
    check(
      'schools_pupil_conversation_due_format',
      sql`${t.pupilConversationAutumnDue} ~ ${sql.raw(monthDay)} and ${t.pupilConversationSpringDue} ~ ${sql.raw(monthDay)}`,
    ),
  ],
);

/**
 * School holidays and planning days: the owner's (apply to all its schools) and a school's
 * own extra ones. Public holidays are not stored; the domain calendar knows them.
 */
export const nonSchoolDays = pgTable(
  'non_school_days',
  {
    id: id(),
    ownerId: uuid('owner_id').references(() => schoolOwners.id),
    schoolId: uuid('school_id').references(() => schools.id),
    date: date('date', { mode: 'string' }).notNull(),
    kind: nonSchoolDayKindEnum('kind').notNull(),
    label: text('label'),
    createdAt: createdAt(),
  },
  (t) => [
    check('non_school_days_one_scope', sql`num_nonnulls(${t.ownerId}, ${t.schoolId}) = 1`),
    unique('non_school_days_scope_date_unique').on(t.ownerId, t.schoolId, t.date).nullsNotDistinct(),
    index('non_school_days_school_idx').on(t.schoolId),
  ],
);

/**
 * person × scope × role. staff/leader/principal are held at a school, owner at a school
 * owner, admin globally. A person can hold roles at several schools.
 */
export const roles = pgTable(
  'roles',
  {
    id: id(),
    personId: uuid('person_id')
      .notNull()
      .references(() => people.id),
    role: roleEnum('role').notNull(),
    schoolId: uuid('school_id').references(() => schools.id),
    ownerId: uuid('owner_id').references(() => schoolOwners.id),
    createdAt: createdAt(),
  },
  (t) => [
    check(
      'roles_scope_matches_role',
      sql`(${t.role} in ('staff', 'leader', 'principal') and ${t.schoolId} is not null and ${t.ownerId} is null)
       or (${t.role} = 'owner' and ${t.ownerId} is not null and ${t.schoolId} is null)
       or (${t.role} = 'admin' and ${t.ownerId} is null and ${t.schoolId} is null)`,
    ),
    unique('roles_person_role_scope_unique')
      .on(t.personId, t.role, t.schoolId, t.ownerId)
      .nullsNotDistinct(),
    index('roles_school_idx').on(t.schoolId, t.role),
    index('roles_owner_idx').on(t.ownerId),
  ],
);
