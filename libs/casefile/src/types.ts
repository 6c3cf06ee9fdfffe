// The case file as pure data: everything the county governor asks for (seeds/002: the plans,
// meeting notes, conversations with the pupil, observations, surveys, notices, parent contacts,
// the child's-best assessment, external bodies involved — and when each document was made).
// Instants are ISO 8601 strings (UTC), date-only values 'YYYY-MM-DD'; every list is in time order.

export type Lang = 'nb' | 'nn';
export type Variant = 'full' | 'parents';

/** A person's role as the case file names it: their widest role at the case's school, or the owner's. */
export type PersonRole = 'principal' | 'leader' | 'staff' | 'owner' | null;

/** Who did something: name and role at the case's school (an owner official: 'owner'). */
export interface PersonRef {
  id: string;
  name: string;
  role: PersonRole;
}

export type CaseStatus = 'reported' | 'investigating' | 'measures' | 'closed';
export type DeadlineFileState = 'open' | 'missed' | 'met' | 'met_late' | 'cancelled';
export type InvestigationStepKind =
  | 'conversation_with_pupil'
  | 'other_pupils'
  | 'parents'
  | 'observation'
  | 'survey'
  | 'sociogram'
  | 'other';
export type MeasureLevel = 'individual' | 'class' | 'school' | 'after_school';
export type EvaluationDecision = 'continue' | 'adjust' | 'close';

export interface CaseFileCase {
  id: string;
  number: string;
  status: CaseStatus;
  openedAt: string;
  principalKnewAt: string | null;
  investigationStartedAt: string | null;
  investigationConcludedAt: string | null;
  /** What the current investigation round concluded: measures needed? null until it concludes. */
  investigationMeasuresNeeded: boolean | null;
  closedAt: string | null;
  serious: boolean;
  seriousMarkedAt: string | null;
  /** § 12-5: an employee is suspected of violating the pupil. */
  section12_5: boolean;
  accusedInLeadership: boolean;
  accused: PersonRef | null;
  /** The leader the case is delegated to; null = the principal leads it. */
  caseLeader: PersonRef | null;
  createdAt: string;
}

export interface CaseFileReport {
  id: string;
  filedBy: PersonRef;
  reporterKind: 'staff' | 'sfo_aks' | 'homework_help';
  basis: 'suspicion' | 'knowledge';
  category: string;
  description: string;
  intervened: boolean;
  intervention: string | null;
  serious: boolean;
  concernsEmployee: boolean;
  filedAt: string;
  occurredAt: string | null;
  asOf: string;
  registeredAt: string | null;
  registeredBy: PersonRef | null;
  /** When the row was written. */
  createdAt: string;
}

export interface CaseFileTimelineEntry {
  id: string;
  /** When it happened. */
  at: string;
  /** When it was written down (may be later than `at`). */
  recordedAt: string;
  /** null = the system itself. */
  actor: PersonRef | null;
  kind: string;
  payload: Record<string, unknown>;
}

export interface NamedPupil {
  id: string;
  name: string;
}

export interface CaseFileInvestigationStep {
  id: string;
  kind: InvestigationStepKind;
  at: string;
  performedBy: PersonRef;
  summary: string;
  /** Holds information about other pupils: left out of the parents' copy. */
  concernsOtherPupils: boolean;
  /** The other pupils the step names. */
  otherPupils: NamedPupil[];
  recordedBy: PersonRef;
  recordedAt: string;
}

export interface CaseFileAssessment {
  id: string;
  kind: 'findings' | 'best_interest';
  text: string;
  concernsOtherPupils: boolean;
  recordedBy: PersonRef;
  recordedAt: string;
}

export interface CaseFileConclusion {
  id: string;
  measuresNeeded: boolean;
  reasoning: string;
  concludedAt: string;
  recordedBy: PersonRef;
  recordedAt: string;
}

export interface CaseFileMeasure {
  id: string;
  /** Stable across plan versions. */
  measureId: string;
  position: number;
  level: MeasureLevel;
  description: string;
  startOn: string;
  endOn: string;
  evaluationOn: string;
  responsible: PersonRef[];
}

export interface CaseFileParentProposal {
  id: string;
  position: number;
  text: string;
  chosen: boolean;
  reasonNotChosen: string | null;
}

export interface CaseFilePlanVersion {
  id: string;
  version: number;
  /** When this version was made. */
  createdAt: string;
  createdBy: PersonRef;
  problem: string;
  pupilView: string | null;
  parentsView: string | null;
  measures: CaseFileMeasure[];
  parentProposals: CaseFileParentProposal[];
}

export interface CaseFileEvaluationMeasure {
  planMeasureId: string;
  measureId: string | null;
  description: string | null;
  howCarriedOut: string;
  effect: string;
}

export interface CaseFileEvaluation {
  id: string;
  planVersionId: string;
  /** The plan version evaluated (its number). */
  planVersion: number | null;
  plannedOn: string;
  doneAt: string;
  pupilView: string;
  parentsView: string | null;
  situationSafe: boolean;
  decision: EvaluationDecision;
  nextEvaluationOn: string | null;
  revisedPlanVersion: number | null;
  measures: CaseFileEvaluationMeasure[];
  recordedBy: PersonRef;
  recordedAt: string;
}

/**
 * § 12-4 "følgje med": the pupil's planned half-yearly conversations (held, by whom, the answer
 * to "does the pupil feel safe and well at school?").
 */
export interface CaseFilePupilConversation {
  id: string;
  termYear: number;
  termHalf: 'autumn' | 'spring';
  heldAt: string;
  heldBy: PersonRef;
  answer: 'yes' | 'no' | 'unsure';
  note: string | null;
  /** The answer "no" filed this case's report. */
  filedThisCase: boolean;
  createdAt: string;
}

/** A ledger row that was sent: what, when, to whom. */
export interface CaseFileNotice {
  id: string;
  kind: string;
  step: string;
  subjectKey: string;
  sentAt: string;
  recipient: PersonRef;
  createdAt: string;
}

export interface CaseFileAcknowledgement {
  id: string;
  notificationId: string;
  subjectKey: string;
  person: PersonRef;
  /** When the acknowledgement was asked for (the link was made). */
  requestedAt: string;
  acknowledgedAt: string | null;
}

export interface CaseFileDeadline {
  key: string;
  kind: string;
  dueAt: string;
  /** Read against `assembledAt`: missed = still open after the due instant. */
  state: DeadlineFileState;
  metAt: string | null;
  cancelledAt: string | null;
  delayReason: string | null;
  delayReasonAt: string | null;
  delayReasonBy: PersonRef | null;
  createdAt: string;
}

export type ExternalBodyKind = 'ppt' | 'child_welfare' | 'bup' | 'school_health' | 'police' | 'county_governor' | 'other';

/** An external body involved in the case (PPT, child welfare, BUP, the police …): who, why, when. */
export interface CaseFileExternalBody {
  id: string;
  kind: ExternalBodyKind;
  /** The body's name as written (always there for 'other'). */
  name: string | null;
  /** What the body was involved in, and why. */
  involvement: string;
  /** The date of contact, 'YYYY-MM-DD'. */
  contactedOn: string;
  /** The text holds information about other pupils: left out of the parents' copy. */
  concernsOtherPupils: boolean;
  recordedBy: PersonRef;
  /** When it was written down. */
  recordedAt: string;
}

/** A pupil of the school other than the case's pupil, whose name the parents' copy redacts. */
export interface OtherPupil extends NamedPupil {
  /** Named by an investigation step (investigation_step_pupils). */
  namedInInvestigation: boolean;
  /** The full name appears in the case's free text. */
  mentionedInText: boolean;
}

export interface CaseFile {
  /** When the file was assembled; deadline states and the completeness check are read against it. */
  assembledAt: string;
  case: CaseFileCase;
  school: { id: string; name: string };
  owner: { id: string; name: string };
  pupil: { id: string; name: string; initials: string; birthYear: number };
  reports: CaseFileReport[];
  timeline: CaseFileTimelineEntry[];
  investigation: {
    steps: CaseFileInvestigationStep[];
    assessments: CaseFileAssessment[];
    conclusions: CaseFileConclusion[];
  };
  plans: CaseFilePlanVersion[];
  evaluations: CaseFileEvaluation[];
  /** The pupil's half-yearly conversations (all of them, oldest first). */
  pupilConversations: CaseFilePupilConversation[];
  notices: CaseFileNotice[];
  acknowledgements: CaseFileAcknowledgement[];
  deadlines: CaseFileDeadline[];
  /** External bodies involved, by date of contact. */
  externalBodies: CaseFileExternalBody[];
  /** People named by id in timeline payloads (a delegated leader, who performed a step). */
  people: PersonRef[];
  otherPupils: OtherPupil[];
  /** Set on the parents' copy: names and information about other pupils are taken out. */
  redacted: boolean;
}

/** The five sub-duties of § 12-4. */
export type SubDuty = 'folgje_med' | 'gripe_inn' | 'melde_fra' | 'undersokje' | 'tiltak';

export interface CompletenessResult {
  subDuty: SubDuty;
  ok: boolean;
  /** What is missing, in plain Bokmål (or Nynorsk), one sentence each. */
  missing: string[];
}
