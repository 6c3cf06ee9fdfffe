// The API's codes (status, deadline kind, timeline kind, category, role) in the user's words.
// An unknown code (the API grew a new one) shows as itself rather than as nothing.
import type { Dictionary } from './i18n';

type Key = keyof Dictionary;

const pick = (t: Dictionary, table: Record<string, Key>, code: string): string => {
  const key = table[code];
  const value = key ? t[key] : undefined;
  return typeof value === 'string' ? value : code;
};

export const STATUS_KEYS: Record<string, Key> = {
  reported: 'statusReported',
  investigating: 'statusInvestigating',
  measures: 'statusMeasures',
  closed: 'statusClosed',
};

export const DEADLINE_KEYS: Record<string, Key> = {
  acknowledge_report: 'deadlineAcknowledgeReport',
  investigation_start: 'deadlineInvestigationStart',
  investigation_conclude: 'deadlineInvestigationConclude',
  plan: 'deadlinePlan',
  evaluation: 'deadlineEvaluation',
  measure_end: 'deadlineMeasureEnd',
  serious_owner_notice: 'deadlineSeriousOwnerNotice',
  s12_5_notice: 'deadlineS125Notice',
  owner_acknowledge: 'deadlineOwnerAcknowledge',
  enforcement_window: 'deadlineEnforcementWindow',
};

export const DEADLINE_STATE_KEYS: Record<string, Key> = {
  open: 'deadlineOpen',
  missed: 'deadlineMissed',
  met: 'deadlineMet',
  met_late: 'deadlineMetLate',
  cancelled: 'deadlineCancelled',
};

export const TIMELINE_KEYS: Record<string, Key> = {
  report_filed: 'timelineReportFiled',
  acknowledged: 'timelineAcknowledged',
  principal_knew: 'timelinePrincipalKnew',
  delegated: 'timelineDelegated',
  investigation_started: 'timelineInvestigationStarted',
  investigation_concluded: 'timelineInvestigationConcluded',
  marked_serious: 'timelineMarkedSerious',
  owner_notice_sent: 'timelineOwnerNoticeSent',
  owner_acknowledged: 'timelineOwnerAcknowledged',
  closed: 'timelineClosed',
  reopened: 'timelineReopened',
  delay_reason_recorded: 'timelineDelayReason',
  investigation_step_recorded: 'timelineStepRecorded',
  investigation_findings_recorded: 'timelineFindingsRecorded',
  best_interest_assessed: 'timelineBestInterest',
  plan_created: 'timelinePlanCreated',
  plan_revised: 'timelinePlanRevised',
  evaluation_recorded: 'timelineEvaluationRecorded',
  external_body_recorded: 'timelineExternalBody',
};

/** How the school investigated (contracts' investigationStepKind), in the order the form lists them. */
export const STEP_KIND_KEYS: Record<string, Key> = {
  conversation_with_pupil: 'stepConversationWithPupil',
  other_pupils: 'stepOtherPupils',
  parents: 'stepParents',
  observation: 'stepObservation',
  survey: 'stepSurvey',
  sociogram: 'stepSociogram',
  other: 'stepOther',
};

/** External bodies involved in a case; the order is the form's. */
export const EXTERNAL_BODY_KIND_KEYS: Record<string, Key> = {
  ppt: 'extKindPpt',
  child_welfare: 'extKindChildWelfare',
  bup: 'extKindBup',
  school_health: 'extKindSchoolHealth',
  police: 'extKindPolice',
  county_governor: 'extKindCountyGovernor',
  other: 'extKindOther',
};

/** § 12-4: measures at individual, class, school or after-school (AKS/SFO) level. */
export const LEVEL_KEYS: Record<string, Key> = {
  individual: 'levelIndividual',
  class: 'levelClass',
  school: 'levelSchool',
  after_school: 'levelAfterSchool',
};

export const DECISION_KEYS: Record<string, Key> = {
  continue: 'decisionContinue',
  adjust: 'decisionAdjust',
  close: 'decisionClose',
};

/** "Har eleven det trygt og godt på skolen?" */
export const ANSWER_KEYS: Record<string, Key> = {
  yes: 'answerYes',
  no: 'answerNo',
  unsure: 'answerUnsure',
};

/** The contracts' reportCategory, in the order the form lists them. */
export const CATEGORY_KEYS: Record<string, Key> = {
  bullying: 'categoryBullying',
  exclusion: 'categoryExclusion',
  violence: 'categoryViolence',
  harassment: 'categoryHarassment',
  racism: 'categoryRacism',
  sexual: 'categorySexual',
  digital: 'categoryDigital',
  staff_violation: 'categoryStaffViolation',
  other: 'categoryOther',
};

export const ROLE_KEYS: Record<string, Key> = {
  staff: 'roleStaff',
  leader: 'roleLeader',
  principal: 'rolePrincipal',
  owner: 'roleOwner',
  admin: 'roleAdmin',
};

export const statusLabel = (t: Dictionary, status: string) => pick(t, STATUS_KEYS, status);
export const deadlineLabel = (t: Dictionary, kind: string) => pick(t, DEADLINE_KEYS, kind);
export const deadlineStateLabel = (t: Dictionary, state: string) => pick(t, DEADLINE_STATE_KEYS, state);
export const categoryLabel = (t: Dictionary, category: string) => pick(t, CATEGORY_KEYS, category);
export const roleLabel = (t: Dictionary, role: string) => pick(t, ROLE_KEYS, role);
export const timelineLabel = (t: Dictionary, kind: string) => (TIMELINE_KEYS[kind] ? pick(t, TIMELINE_KEYS, kind) : `${t.timelineOther} (${kind})`);
export const stepKindLabel = (t: Dictionary, kind: string) => pick(t, STEP_KIND_KEYS, kind);
export const externalBodyKindLabel = (t: Dictionary, kind: string) => pick(t, EXTERNAL_BODY_KIND_KEYS, kind);
export const levelLabel = (t: Dictionary, level: string) => pick(t, LEVEL_KEYS, level);
export const decisionLabel = (t: Dictionary, decision: string) => pick(t, DECISION_KEYS, decision);
export const answerLabel = (t: Dictionary, answer: string) => pick(t, ANSWER_KEYS, answer);
export const basisLabel = (t: Dictionary, basis: string) => (basis === 'suspicion' ? t.basisSuspicion : basis === 'knowledge' ? t.basisKnowledge : basis);

/** A pupil in a picker: "Nora Nilsen (5A, 2015)" — the class, when the import gave one, tells namesakes apart. */
export const pupilLabel = (p: { name: string; birthYear: number; className: string | null }) =>
  `${p.name} (${p.className ? `${p.className}, ` : ''}${p.birthYear})`;
