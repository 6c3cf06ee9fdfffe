// The completeness check on the case file's first page: against each of the five sub-duties of
// the activity duty (opplæringsloven § 12-4), what the documentation lacks before it is sent to
// the county governor. It reads the case file only, so the check shown is the check made.
import { PROBLEM_MIN_CHARS, PROBLEM_MIN_WORDS } from '@trygg/domain';
import { formatDate, formatInstant, osloDateOf } from './format';
import { labels } from './labels';
import type { CaseFile, CaseFileDeadline, CompletenessResult, Lang, SubDuty } from './types';

export const SUB_DUTIES: readonly SubDuty[] = ['folgje_med', 'gripe_inn', 'melde_fra', 'undersokje', 'tiltak'];

/** Which sub-duty a missed deadline belongs to (the owner's acknowledgement and § 12-6 are not the school's). */
const DEADLINE_DUTY: Readonly<Record<string, SubDuty>> = {
  acknowledge_report: 'melde_fra',
  serious_owner_notice: 'melde_fra',
  s12_5_notice: 'melde_fra',
  investigation_start: 'undersokje',
  investigation_conclude: 'undersokje',
  plan: 'tiltak',
  evaluation: 'tiltak',
  measure_end: 'tiltak',
};

interface Messages {
  noReport: string;
  noReportIntervention: string;
  interventionNotDescribed: (who: string, at: string) => string;
  knowledgeNoIntervention: (who: string, at: string) => string;
  notRegistered: (who: string, at: string) => string;
  principalKnewMissing: string;
  seriousOwnerNotTold: string;
  section12_5OwnerNotTold: string;
  notStarted: string;
  pupilNotHeard: string;
  noFindings: string;
  noBestInterest: string;
  notConcluded: string;
  measuresUndecided: string;
  measuresButNoPlan: string;
  problemVague: (v: number) => string;
  noMeasures: (v: number) => string;
  noResponsible: (v: number, m: number) => string;
  responsibleNotStaff: (v: number, m: number, name: string) => string;
  noPeriod: (v: number, m: number) => string;
  noEvaluationDate: (v: number, m: number) => string;
  noPupilView: (v: number) => string;
  proposalNoReason: (v: number, p: number) => string;
  evaluationMissing: (date: string) => string;
  measureEndedUnevaluated: (m: number, date: string) => string;
  evaluationLacksMeasure: (date: string, m: number) => string;
  evaluationNoPupilView: (date: string) => string;
  delayNoReason: (what: string, due: string, stillOpen: boolean) => string;
}

const MESSAGES: Readonly<Record<Lang, Messages>> = {
  nb: {
    noReport: 'Det er ikke registrert noen melding i saken: hvem som fikk mistanke eller kjennskap, og når.',
    noReportIntervention: 'Det er ikke registrert om noen grep inn (saken har ingen melding).',
    interventionNotDescribed: (who, at) => `Meldingen fra ${who} (${at}) sier at den som meldte grep inn, men ikke hvordan.`,
    knowledgeNoIntervention: (who, at) =>
      `Meldingen fra ${who} (${at}) bygger på kjennskap, men det er ikke registrert at noen grep inn. Skriv hva som ble gjort for å stanse det, eller hvorfor det ikke var mulig.`,
    notRegistered: (who, at) => `Rektor har ikke registrert meldingen fra ${who} (${at}).`,
    principalKnewMissing:
      'Det er ikke registrert når rektor selv fikk vite om saken. Datoen avgjør når saken kan meldes til Statsforvalteren (§ 12-6).',
    seriousOwnerNotTold: 'Saken er markert som alvorlig, men det er ikke registrert at skoleeieren er varslet.',
    section12_5OwnerNotTold: 'Saken gjelder en ansatt (§ 12-5), men det er ikke registrert at skoleeieren er varslet.',
    notStarted: 'Undersøkelsen er ikke startet.',
    pupilNotHeard: 'Ingen samtale med eleven er registrert. Eleven skal høres (§ 10-2).',
    noFindings: 'Funnene fra undersøkelsen er ikke skrevet ned.',
    noBestInterest: 'Vurderingen av barnets beste mangler (§ 10-1).',
    notConcluded: 'Undersøkelsen er ikke avsluttet med en konklusjon (trengs tiltak, og hvorfor).',
    measuresUndecided: 'Det er ikke avgjort om eleven trenger tiltak, fordi undersøkelsen ikke er avsluttet.',
    measuresButNoPlan: 'Undersøkelsen konkluderte med at det trengs tiltak, men det er ikke laget noen aktivitetsplan.',
    problemVague: (v) => `Aktivitetsplan versjon ${v}: problemet tiltakene skal løse er ikke beskrevet konkret.`,
    noMeasures: (v) => `Aktivitetsplan versjon ${v} har ingen tiltak.`,
    noResponsible: (v, m) => `Aktivitetsplan versjon ${v}, tiltak ${m}: det står ikke hvem som skal gjennomføre tiltaket.`,
    responsibleNotStaff: (v, m, name) =>
      `Aktivitetsplan versjon ${v}, tiltak ${m}: ${name} er ikke ansatt ved skolen. Tiltak skal gjennomføres av de ansatte.`,
    noPeriod: (v, m) => `Aktivitetsplan versjon ${v}, tiltak ${m}: det står ikke når tiltaket skal gjennomføres.`,
    noEvaluationDate: (v, m) => `Aktivitetsplan versjon ${v}, tiltak ${m}: det står ikke når tiltaket skal evalueres.`,
    noPupilView: (v) => `Aktivitetsplan versjon ${v}: elevens syn på tiltakene er ikke skrevet ned (§ 10-2).`,
    proposalNoReason: (v, p) =>
      `Aktivitetsplan versjon ${v}: forslag ${p} fra foreldrene ble ikke valgt, men det står ikke hvorfor.`,
    evaluationMissing: (date) => `Evalueringen som skulle vært holdt ${date}, er ikke registrert.`,
    measureEndedUnevaluated: (m, date) => `Tiltak ${m} i gjeldende plan sluttet ${date}, men er ikke evaluert etterpå.`,
    evaluationLacksMeasure: (date, m) =>
      `Evalueringen ${date} mangler tiltak ${m}: hvordan det er gjennomført siden sist, og hvilken virkning det har hatt for eleven.`,
    evaluationNoPupilView: (date) => `Evalueringen ${date}: elevens syn er ikke skrevet ned (§ 10-2).`,
    delayNoReason: (what, due, stillOpen) =>
      stillOpen
        ? `Fristen «${what}» (${due}) er oversittet, og det er ikke skrevet hvorfor.`
        : `Fristen «${what}» (${due}) ble oversittet, og det er ikke skrevet hvorfor.`,
  },
  nn: {
    noReport: 'Det er ikkje registrert nokon melding i saka: kven som fekk mistanke eller kjennskap, og når.',
    noReportIntervention: 'Det er ikkje registrert om nokon greip inn (saka har inga melding).',
    interventionNotDescribed: (who, at) => `Meldinga frå ${who} (${at}) seier at den som melde, greip inn, men ikkje korleis.`,
    knowledgeNoIntervention: (who, at) =>
      `Meldinga frå ${who} (${at}) byggjer på kjennskap, men det er ikkje registrert at nokon greip inn. Skriv kva som vart gjort for å stanse det, eller kvifor det ikkje var mogleg.`,
    notRegistered: (who, at) => `Rektor har ikkje registrert meldinga frå ${who} (${at}).`,
    principalKnewMissing:
      'Det er ikkje registrert når rektor sjølv fekk vite om saka. Datoen avgjer når saka kan meldast til Statsforvaltaren (§ 12-6).',
    seriousOwnerNotTold: 'Saka er merkt som alvorleg, men det er ikkje registrert at skuleeigaren er varsla.',
    section12_5OwnerNotTold: 'Saka gjeld ein tilsett (§ 12-5), men det er ikkje registrert at skuleeigaren er varsla.',
    notStarted: 'Undersøkinga er ikkje starta.',
    pupilNotHeard: 'Ingen samtale med eleven er registrert. Eleven skal bli høyrd (§ 10-2).',
    noFindings: 'Funna frå undersøkinga er ikkje skrivne ned.',
    noBestInterest: 'Vurderinga av barnets beste manglar (§ 10-1).',
    notConcluded: 'Undersøkinga er ikkje avslutta med ein konklusjon (trengst tiltak, og kvifor).',
    measuresUndecided: 'Det er ikkje avgjort om eleven treng tiltak, fordi undersøkinga ikkje er avslutta.',
    measuresButNoPlan: 'Undersøkinga konkluderte med at det trengst tiltak, men det er ikkje laga nokon aktivitetsplan.',
    problemVague: (v) => `Aktivitetsplan versjon ${v}: problemet tiltaka skal løyse, er ikkje skildra konkret.`,
    noMeasures: (v) => `Aktivitetsplan versjon ${v} har ingen tiltak.`,
    noResponsible: (v, m) => `Aktivitetsplan versjon ${v}, tiltak ${m}: det står ikkje kven som skal gjennomføre tiltaket.`,
    responsibleNotStaff: (v, m, name) =>
      `Aktivitetsplan versjon ${v}, tiltak ${m}: ${name} er ikkje tilsett ved skulen. Tiltak skal gjennomførast av dei tilsette.`,
    noPeriod: (v, m) => `Aktivitetsplan versjon ${v}, tiltak ${m}: det står ikkje når tiltaket skal gjennomførast.`,
    noEvaluationDate: (v, m) => `Aktivitetsplan versjon ${v}, tiltak ${m}: det står ikkje når tiltaket skal evaluerast.`,
    noPupilView: (v) => `Aktivitetsplan versjon ${v}: synet til eleven på tiltaka er ikkje skrive ned (§ 10-2).`,
    proposalNoReason: (v, p) =>
      `Aktivitetsplan versjon ${v}: forslag ${p} frå foreldra vart ikkje valt, men det står ikkje kvifor.`,
    evaluationMissing: (date) => `Evalueringa som skulle vore halden ${date}, er ikkje registrert.`,
    measureEndedUnevaluated: (m, date) => `Tiltak ${m} i gjeldande plan slutta ${date}, men er ikkje evaluert etterpå.`,
    evaluationLacksMeasure: (date, m) =>
      `Evalueringa ${date} manglar tiltak ${m}: korleis det er gjennomført sidan sist, og kva verknad det har hatt for eleven.`,
    evaluationNoPupilView: (date) => `Evalueringa ${date}: synet til eleven er ikkje skrive ned (§ 10-2).`,
    delayNoReason: (what, due, stillOpen) =>
      stillOpen
        ? `Fristen «${what}» (${due}) er oversitten, og det er ikkje skrive kvifor.`
        : `Fristen «${what}» (${due}) vart oversitten, og det er ikkje skrive kvifor.`,
  },
};

/** The timeline entry that meets a deadline and carries its delay reason when late. */
const DEADLINE_ACTION: Readonly<Record<string, readonly string[]>> = {
  investigation_start: ['investigation_started'],
  investigation_conclude: ['investigation_concluded'],
  plan: ['plan_created', 'plan_revised'],
};

const blank = (s: unknown) => typeof s !== 'string' || s.trim().length === 0;

function hasDelayReason(file: CaseFile, d: CaseFileDeadline): boolean {
  if (!blank(d.delayReason)) return true;
  // A reason recorded on the timeline (an action done late carries it in its payload).
  return file.timeline.some(
    (t) =>
      (t.kind === 'delay_reason_recorded' && t.payload['deadlineKey'] === d.key && !blank(t.payload['reason'])) ||
      (!blank(t.payload['delayReason']) && (DEADLINE_ACTION[d.kind] ?? []).includes(t.kind)),
  );
}

/** What the documentation of each sub-duty lacks. `ok` = nothing missing. */
export function completeness(file: CaseFile, lang: Lang = 'nb'): CompletenessResult[] {
  const m = MESSAGES[lang];
  const l = labels(lang);
  const missing: Record<SubDuty, string[]> = { folgje_med: [], gripe_inn: [], melde_fra: [], undersokje: [], tiltak: [] };
  const today = osloDateOf(file.assembledAt);
  // A closed case is not expected to hold evaluations dated after it closed.
  const horizon = file.case.closedAt && osloDateOf(file.case.closedAt) < today ? osloDateOf(file.case.closedAt) : today;

  // 1. Følgje med: the school noticed, and wrote down who noticed what, and when.
  if (file.reports.length === 0) missing.folgje_med.push(m.noReport);

  // 2. Gripe inn: recorded on each report.
  if (file.reports.length === 0) missing.gripe_inn.push(m.noReportIntervention);
  for (const r of file.reports) {
    const at = formatInstant(r.filedAt);
    if (r.intervened && blank(r.intervention)) missing.gripe_inn.push(m.interventionNotDescribed(r.filedBy.name, at));
    if (!r.intervened && r.basis === 'knowledge') missing.gripe_inn.push(m.knowledgeNoIntervention(r.filedBy.name, at));
  }

  // 3. Melde frå: the principal has the report; the owner is told of serious and § 12-5 cases.
  for (const r of file.reports) {
    if (r.registeredAt === null) missing.melde_fra.push(m.notRegistered(r.filedBy.name, formatInstant(r.filedAt)));
  }
  const leadershipBarred = file.case.section12_5 && file.case.accusedInLeadership;
  if (!leadershipBarred && file.case.principalKnewAt === null) missing.melde_fra.push(m.principalKnewMissing);
  const ownerTold =
    file.timeline.some((t) => t.kind === 'owner_notice_sent') ||
    file.notices.some((n) => n.recipient.role === 'owner' && (n.kind === 'owner_notice' || n.kind === 'escalation'));
  if (file.case.serious && !file.case.section12_5 && !ownerTold) missing.melde_fra.push(m.seriousOwnerNotTold);
  if (file.case.section12_5 && !ownerTold) missing.melde_fra.push(m.section12_5OwnerNotTold);

  // 4. Undersøkje: started; the pupil heard (§ 10-2); findings; the child's best (§ 10-1); concluded.
  // A reopened case is investigated anew: only what was recorded in this round counts.
  const roundStart = file.case.investigationStartedAt;
  const inRound = (recordedAt: string) => roundStart === null || recordedAt >= roundStart;
  const { steps, assessments } = file.investigation;
  if (roundStart === null) missing.undersokje.push(m.notStarted);
  if (!steps.some((s) => s.kind === 'conversation_with_pupil' && inRound(s.recordedAt))) missing.undersokje.push(m.pupilNotHeard);
  if (!assessments.some((a) => a.kind === 'findings' && !blank(a.text) && inRound(a.recordedAt))) missing.undersokje.push(m.noFindings);
  if (!assessments.some((a) => a.kind === 'best_interest' && !blank(a.text) && inRound(a.recordedAt))) {
    missing.undersokje.push(m.noBestInterest);
  }
  if (file.case.investigationConcludedAt === null) missing.undersokje.push(m.notConcluded);

  // 5. Setje inn tiltak + aktivitetsplan (§ 12-4 third paragraph: five parts).
  const lastConclusion = file.investigation.conclusions.at(-1);
  const measuresNeeded = file.case.investigationMeasuresNeeded ?? lastConclusion?.measuresNeeded ?? null;
  if (file.plans.length === 0) {
    if (file.case.investigationConcludedAt === null && measuresNeeded === null) missing.tiltak.push(m.measuresUndecided);
    else if (measuresNeeded === true) missing.tiltak.push(m.measuresButNoPlan);
  }
  const staffRoles = new Set(['staff', 'leader', 'principal']);
  for (const plan of file.plans) {
    const v = plan.version;
    const problem = plan.problem.trim();
    if (problem.length < PROBLEM_MIN_CHARS || problem.split(/\s+/).length < PROBLEM_MIN_WORDS) missing.tiltak.push(m.problemVague(v));
    if (plan.measures.length === 0) missing.tiltak.push(m.noMeasures(v));
    for (const measure of plan.measures) {
      const n = measure.position + 1;
      if (blank(measure.startOn) || blank(measure.endOn) || measure.endOn < measure.startOn) missing.tiltak.push(m.noPeriod(v, n));
      if (measure.responsible.length === 0) missing.tiltak.push(m.noResponsible(v, n));
      for (const p of measure.responsible) {
        if (!staffRoles.has(p.role ?? '')) missing.tiltak.push(m.responsibleNotStaff(v, n, p.name));
      }
      if (blank(measure.evaluationOn)) missing.tiltak.push(m.noEvaluationDate(v, n));
    }
    for (const proposal of plan.parentProposals) {
      if (!proposal.chosen && blank(proposal.reasonNotChosen)) missing.tiltak.push(m.proposalNoReason(v, proposal.position + 1));
    }
  }
  const latest = file.plans.at(-1);
  if (latest && blank(latest.pupilView)) missing.tiltak.push(m.noPupilView(latest.version));

  // Evaluation dates that have passed without an evaluation: each version's dates until the
  // next version replaced it, and the next date the last evaluation set.
  const evaluated = (date: string) =>
    file.evaluations.some((e) => e.plannedOn === date || osloDateOf(e.doneAt) >= date);
  const due = new Set<string>();
  file.plans.forEach((plan, i) => {
    const next = file.plans[i + 1];
    const until = next ? osloDateOf(next.createdAt) : horizon;
    for (const measure of plan.measures) {
      if (!blank(measure.evaluationOn) && measure.evaluationOn < until && measure.evaluationOn < today) due.add(measure.evaluationOn);
    }
  });
  const lastEvaluation = file.evaluations.at(-1);
  if (lastEvaluation?.nextEvaluationOn && lastEvaluation.nextEvaluationOn < horizon) due.add(lastEvaluation.nextEvaluationOn);
  for (const date of [...due].sort()) {
    if (!evaluated(date)) missing.tiltak.push(m.evaluationMissing(formatDate(date)));
  }
  if (latest && file.case.status !== 'closed') {
    for (const measure of latest.measures) {
      // (A period that is not one is already named above.)
      const period = !blank(measure.startOn) && !blank(measure.endOn) && measure.endOn >= measure.startOn;
      if (period && measure.endOn < today && !file.evaluations.some((e) => osloDateOf(e.doneAt) >= measure.endOn)) {
        missing.tiltak.push(m.measureEndedUnevaluated(measure.position + 1, formatDate(measure.endOn)));
      }
    }
  }
  for (const e of file.evaluations) {
    const date = formatInstant(e.doneAt);
    if (blank(e.pupilView)) missing.tiltak.push(m.evaluationNoPupilView(date));
    const plan = file.plans.find((p) => p.id === e.planVersionId);
    for (const measure of plan?.measures ?? []) {
      const entry = e.measures.find((x) => x.planMeasureId === measure.id);
      if (!entry || blank(entry.howCarriedOut) || blank(entry.effect)) {
        missing.tiltak.push(m.evaluationLacksMeasure(date, measure.position + 1));
      }
    }
  }

  // Every sub-duty: a deadline missed without a written reason ("snarast": a delay must be
  // justified in writing; the deadline stays missed).
  for (const d of file.deadlines) {
    const duty = DEADLINE_DUTY[d.kind];
    if (!duty || (d.state !== 'missed' && d.state !== 'met_late') || hasDelayReason(file, d)) continue;
    missing[duty].push(m.delayNoReason(l.deadlineKind[d.kind] ?? d.kind, formatInstant(d.dueAt), d.state === 'missed'));
  }

  return SUB_DUTIES.map((subDuty) => ({ subDuty, ok: missing[subDuty].length === 0, missing: [...new Set(missing[subDuty])] }));
}
