import { pgEnum } from 'drizzle-orm/pg-core';

export const languageEnum = pgEnum('language', ['nb', 'nn']);

/** What kind of person this is; decides nothing about access (roles do that). */
export const personKindEnum = pgEnum('person_kind', [
  'staff',
  'sfo_aks',
  'homework_help',
  'owner_official',
  'operator',
]);

/**
 * staff/leader/principal are held at a school, owner at a school owner, admin globally
 * (the roles table enforces which scope goes with which role).
 */
export const roleEnum = pgEnum('role', ['staff', 'leader', 'principal', 'owner', 'admin']);

/** § 12-1: reporters include the after-school programme (SFO/AKS) and homework help. */
export const reporterKindEnum = pgEnum('reporter_kind', ['staff', 'sfo_aks', 'homework_help']);

/** § 12-4: staff report suspicion (mistanke) or knowledge (kjennskap). */
export const reportBasisEnum = pgEnum('report_basis', ['suspicion', 'knowledge']);

export const caseStatusEnum = pgEnum('case_status', ['reported', 'investigating', 'measures', 'closed']);

/** A missed deadline stays "open" until met: missed = open and due_at has passed. */
export const deadlineStateEnum = pgEnum('deadline_state', ['open', 'met', 'cancelled']);

export const nonSchoolDayKindEnum = pgEnum('non_school_day_kind', ['holiday', 'planning_day']);

/**
 * § 12-4 "undersøkje" (seeds/001, seeds/004): how the school investigated. A conversation with
 * the pupil is what hears the pupil (§ 10-2).
 */
export const investigationStepKindEnum = pgEnum('investigation_step_kind', [
  'conversation_with_pupil',
  'other_pupils',
  'parents',
  'observation',
  'survey',
  'sociogram',
  'other',
]);

/** The written parts of an investigation: what it found, and the child's-best assessment (§ 10-1). */
export const investigationAssessmentKindEnum = pgEnum('investigation_assessment_kind', ['findings', 'best_interest']);

/** § 12-4: measures at individual, class, school or after-school (AKS/SFO, § 12-1) level. */
export const measureLevelEnum = pgEnum('measure_level', ['individual', 'class', 'school', 'after_school']);

/** What an evaluation decided: go on, adjust the plan (a new version), or close the case. */
export const evaluationDecisionEnum = pgEnum('evaluation_decision', ['continue', 'adjust', 'close']);

/**
 * External bodies a case may involve (seeds/002: the county governor asks for "external bodies
 * involved"): the educational-psychological service (PPT), child welfare (barnevernet), child
 * and adolescent psychiatry (BUP), the school health service (helsesykepleier), the police, the
 * county governor (statsforvaltaren) — or another, named in free text.
 */
export const externalBodyKindEnum = pgEnum('external_body_kind', [
  'ppt',
  'child_welfare',
  'bup',
  'school_health',
  'police',
  'county_governor',
  'other',
]);
