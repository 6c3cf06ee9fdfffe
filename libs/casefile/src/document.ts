// The case file laid out once, as a list of blocks; the HTML and the PDF renderers only draw
// these blocks, so both formats always say the same thing. The parents' copy is redacted
// before it is laid out: nothing below ever sees another pupil's name in that variant.
import { completeness } from './completeness';
import { formatDate, formatInstant } from './format';
import { labels, type Labels } from './labels';
import { redactForParents } from './redact';
import type { CaseFile, CaseFileExternalBody, CaseFileTimelineEntry, CompletenessResult, Lang, PersonRef, Variant } from './types';

export type Block =
  | { type: 'title'; text: string; subtitle: string }
  | { type: 'section'; text: string; pageBreak?: boolean }
  | { type: 'heading'; text: string }
  | { type: 'subheading'; text: string }
  | { type: 'paragraph'; text: string; tone?: 'note' | 'muted' }
  | { type: 'fields'; rows: readonly (readonly [string, string])[] }
  | { type: 'list'; items: readonly string[] }
  | { type: 'completeness'; heading: string; intro: string; summary: string; duties: readonly CompletenessView[] }
  | { type: 'table'; head: readonly string[]; widths: readonly number[]; rows: readonly (readonly string[])[] };

export interface CompletenessView {
  label: string;
  ok: boolean;
  status: string;
  missing: readonly string[];
}

export interface RenderOptions {
  variant: Variant;
  lang?: Lang;
}

export interface CaseFileDocument {
  lang: Lang;
  variant: Variant;
  title: string;
  /** Running footer of every page: case number and confidentiality, never a name. */
  footer: string;
  blocks: Block[];
  /** The check shown on the first page (after redaction it is the same: it reads no names). */
  completeness: CompletenessResult[];
}

function personLabel(l: Labels, p: PersonRef | null): string {
  if (!p) return l.system;
  return p.role ? `${p.name} (${l.role[p.role]})` : p.name;
}

/** Notices and acknowledgements: an owner official is "skoleeier", staff by role and name. */
function recipientLabel(l: Labels, p: PersonRef): string {
  if (p.role === 'owner') return l.role.owner;
  return personLabel(l, p);
}

/** "Barnevernet", "PPT (…): PPT for Bjørk", "Familievernkontoret" (another body goes by its name). */
function externalBodyLabel(l: Labels, b: CaseFileExternalBody): string {
  const kind = l.externalBodyKind[b.kind] ?? b.kind;
  if (!b.name) return kind;
  return b.kind === 'other' ? b.name : `${kind}: ${b.name}`;
}

const yesNo = (l: Labels, b: boolean) => (b ? l.front.yes : l.front.no);
const str = (v: unknown) => (typeof v === 'string' ? v : typeof v === 'number' ? String(v) : '');

/** What a timeline entry says beyond its kind. */
function timelineDetail(file: CaseFile, l: Labels, t: CaseFileTimelineEntry): string {
  const p = t.payload;
  const parts: string[] = [];
  switch (t.kind) {
    case 'report_filed':
      if (p['category']) parts.push(l.category[str(p['category'])] ?? str(p['category']));
      if (p['basis']) parts.push(l.basis[str(p['basis'])] ?? str(p['basis']));
      break;
    case 'delegated': {
      const leader = file.people.find((x) => x.id === p['leaderId']);
      if (leader) parts.push(`${l.field['leader']}: ${leader.name}`);
      break;
    }
    case 'investigation_step_recorded':
      if (p['stepKind']) parts.push(l.stepKind[str(p['stepKind'])] ?? str(p['stepKind']));
      break;
    case 'investigation_concluded':
      if (typeof p['measuresNeeded'] === 'boolean') parts.push(`${l.field['measuresNeeded']} ${yesNo(l, p['measuresNeeded'])}`);
      if (p['conclusion']) parts.push(str(p['conclusion']));
      break;
    case 'owner_notice_sent':
      if (p['about'] === 's12_5') parts.push('§ 12-5');
      else if (p['about'] === 'serious') parts.push(l.front.serious);
      break;
    case 'plan_created':
    case 'plan_revised':
      if (p['version'] !== undefined) parts.push(l.version(Number(p['version'])));
      break;
    case 'evaluation_recorded':
      if (p['plannedDate']) parts.push(`${l.field['planned']}: ${formatDate(str(p['plannedDate']))}`);
      if (p['decision']) parts.push(l.decision[str(p['decision'])] ?? str(p['decision']));
      if (p['nextEvaluationOn']) parts.push(`${l.field['nextEvaluation']}: ${formatDate(str(p['nextEvaluationOn']))}`);
      break;
    case 'external_body_recorded':
      if (p['bodyKind']) parts.push(l.externalBodyKind[str(p['bodyKind'])] ?? str(p['bodyKind']));
      if (p['contactedOn']) parts.push(`${l.field['contactedOn']}: ${formatDate(str(p['contactedOn']))}`);
      break;
    case 'delay_reason_recorded':
      if (p['deadlineKind']) parts.push(l.deadlineKind[str(p['deadlineKind'])] ?? str(p['deadlineKind']));
      if (p['reason']) parts.push(str(p['reason']));
      break;
    case 'closed':
    case 'reopened':
      if (p['reason'] === 'evaluation') parts.push(l.timelineKind['evaluation_recorded'] ?? '');
      else if (p['reason']) parts.push(`${l.field['reason']}: ${str(p['reason'])}`);
      break;
    default:
      break;
  }
  if (t.kind !== 'delay_reason_recorded' && p['delayReason']) parts.push(`${l.field['delayReason']}: ${str(p['delayReason'])}`);
  return parts.filter((s) => s.length > 0).join(' – ');
}

/**
 * Recorded well after it happened (a conversation written down the next day, a report
 * registered after the fact): say so — "it must be clear when each document was made". Five
 * minutes of slack: the application's and the database's clocks are not the same clock.
 */
function whenLabel(l: Labels, at: string, recordedAt: string): string {
  const later = new Date(recordedAt).getTime() - new Date(at).getTime() > 5 * 60_000;
  return later ? `${formatInstant(at)} (${l.recordedLater(formatInstant(recordedAt))})` : formatInstant(at);
}

export function buildDocument(source: CaseFile, options: RenderOptions): CaseFileDocument {
  const lang = options.lang ?? 'nb';
  const variant = options.variant;
  const l = labels(lang);
  const file = variant === 'parents' ? redactForParents(source, lang) : source;
  const check = completeness(file, lang);
  const f = l.field as Record<string, string>;
  const blocks: Block[] = [];
  const c = file.case;

  // ---- first page: who and what, then what is missing ----
  blocks.push({
    type: 'title',
    text: `${l.title} – ${l.front.caseNumber.toLowerCase()} ${c.number}`,
    subtitle: variant === 'parents' ? `${l.parentsCopy}. ${l.parentsCopyNote}` : l.fullCopyNote,
  });
  const enforcement = file.deadlines.find((d) => d.kind === 'enforcement_window');
  const front: [string, string][] = [
    [l.front.caseNumber, c.number],
    [l.front.school, file.school.name],
    [l.front.owner, file.owner.name],
  ];
  if (variant === 'full') front.push([l.front.pupil, `${file.pupil.name} (${file.pupil.initials}, ${file.pupil.birthYear})`]);
  front.push(
    [l.front.status, l.status[c.status] ?? c.status],
    [l.front.opened, formatInstant(c.openedAt)],
    [l.front.principalKnew, c.principalKnewAt ? formatInstant(c.principalKnewAt) : '–'],
    [l.front.enforcementWindow, enforcement ? formatInstant(enforcement.dueAt) : '–'],
    [l.front.caseLeader, c.caseLeader ? personLabel(l, c.caseLeader) : l.front.caseLeaderPrincipal],
    [l.front.serious, c.serious ? `${l.front.yes}${c.seriousMarkedAt ? ` (${formatInstant(c.seriousMarkedAt)})` : ''}` : l.front.no],
  );
  if (c.section12_5) {
    front.push([l.front.section12_5, l.front.yes]);
    if (variant === 'full' && c.accused) front.push([l.front.accused, personLabel(l, c.accused)]);
  }
  if (c.closedAt) front.push([l.front.closed, formatInstant(c.closedAt)]);
  front.push([l.front.assembled, formatInstant(file.assembledAt)]);
  blocks.push({ type: 'fields', rows: front });
  const allOk = check.every((r) => r.ok);
  blocks.push({
    type: 'completeness',
    heading: l.completeness.heading,
    intro: l.completeness.intro,
    summary: allOk ? l.completeness.allOk : '',
    duties: check.map((r) => ({
      label: l.subDuty[r.subDuty],
      ok: r.ok,
      status: r.ok ? l.completeness.ok : l.completeness.missing,
      missing: r.missing,
    })),
  });

  // ---- the timeline: every entry, with who and when ----
  blocks.push({ type: 'section', text: l.sections.timeline, pageBreak: true });
  if (file.timeline.length === 0) blocks.push({ type: 'paragraph', text: l.empty.timeline, tone: 'muted' });
  else {
    blocks.push({
      type: 'table',
      head: [f['when']!, f['what']!, f['who']!],
      widths: [0.24, 0.5, 0.26],
      rows: file.timeline.map((t) => {
        const detail = timelineDetail(file, l, t);
        const what = l.timelineKind[t.kind] ?? t.kind;
        return [whenLabel(l, t.at, t.recordedAt), detail ? `${what}: ${detail}` : what, personLabel(l, t.actor)];
      }),
    });
  }

  // ---- følgje med: the pupil's half-yearly conversations ----
  blocks.push({ type: 'section', text: l.sections.conversations });
  if (file.pupilConversations.length === 0) blocks.push({ type: 'paragraph', text: l.empty.conversations, tone: 'muted' });
  for (const k of file.pupilConversations) {
    blocks.push({ type: 'heading', text: `${l.document['conversation']} ${l.termHalf[k.termHalf] ?? k.termHalf} ${k.termYear} – ${formatInstant(k.heldAt)}` });
    const rows: [string, string][] = [
      [f['heldBy']!, personLabel(l, k.heldBy)],
      [f['wellbeing']!, l.answer[k.answer] ?? k.answer],
    ];
    if (k.note) rows.push([f['note']!, k.note]);
    if (k.filedThisCase) rows.push([f['filedThisCase']!, l.front.yes]);
    blocks.push({ type: 'fields', rows });
  }

  // ---- reports (melde frå, gripe inn) ----
  blocks.push({ type: 'section', text: l.sections.reports });
  if (file.reports.length === 0) blocks.push({ type: 'paragraph', text: l.empty.reports, tone: 'muted' });
  file.reports.forEach((r, i) => {
    blocks.push({ type: 'heading', text: `${l.document['report']} ${i + 1} – ${formatInstant(r.filedAt)}` });
    const rows: [string, string][] = [
      // § 12-1: say so when the reporter works in the after-school programme or homework help.
      [f['filedBy']!, r.reporterKind === 'staff' ? personLabel(l, r.filedBy) : `${personLabel(l, r.filedBy)}, ${l.reporterKind[r.reporterKind] ?? r.reporterKind}`],
      [f['filed']!, formatInstant(r.filedAt)],
    ];
    if (r.asOf !== r.filedAt) rows.push([f['when']!, formatInstant(r.asOf)]);
    if (r.occurredAt) rows.push([f['occurred']!, formatInstant(r.occurredAt)]);
    rows.push(
      [f['basis']!, l.basis[r.basis] ?? r.basis],
      [f['category']!, l.category[r.category] ?? r.category],
      [f['description']!, r.description],
      [f['intervened']!, yesNo(l, r.intervened)],
    );
    if (r.intervention) rows.push([f['intervention']!, r.intervention]);
    rows.push([f['registered']!, r.registeredAt ? `${formatInstant(r.registeredAt)}${r.registeredBy ? `, ${personLabel(l, r.registeredBy)}` : ''}` : '–']);
    blocks.push({ type: 'fields', rows });
  });

  // ---- the investigation ----
  blocks.push({ type: 'section', text: l.sections.investigation });
  const inv = file.investigation;
  blocks.push({ type: 'heading', text: l.sections.steps });
  if (inv.steps.length === 0) blocks.push({ type: 'paragraph', text: l.empty.steps, tone: 'muted' });
  for (const s of inv.steps) {
    blocks.push({ type: 'subheading', text: `${l.stepKind[s.kind] ?? s.kind} – ${formatInstant(s.at)}` });
    const rows: [string, string][] = [
      [f['performedBy']!, personLabel(l, s.performedBy)],
      [f['recorded']!, `${formatInstant(s.recordedAt)}, ${personLabel(l, s.recordedBy)}`],
    ];
    if (s.otherPupils.length > 0) rows.push([f['namedPupils']!, s.otherPupils.map((p) => p.name).join(', ')]);
    if (s.concernsOtherPupils && variant === 'full') rows.push([f['concernsOthers']!, l.front.yes]);
    rows.push([f['summary']!, s.summary]);
    blocks.push({ type: 'fields', rows });
  }
  blocks.push({ type: 'heading', text: l.sections.assessments });
  if (inv.assessments.length === 0) blocks.push({ type: 'paragraph', text: l.empty.assessments, tone: 'muted' });
  for (const a of inv.assessments) {
    blocks.push({ type: 'subheading', text: `${l.assessmentKind[a.kind] ?? a.kind} – ${formatInstant(a.recordedAt)}` });
    blocks.push({ type: 'fields', rows: [[f['recordedBy']!, personLabel(l, a.recordedBy)], [f['text']!, a.text]] });
  }
  blocks.push({ type: 'heading', text: l.sections.conclusions });
  if (inv.conclusions.length === 0) blocks.push({ type: 'paragraph', text: l.empty.conclusions, tone: 'muted' });
  for (const k of inv.conclusions) {
    blocks.push({ type: 'subheading', text: `${l.document['conclusion']} – ${formatInstant(k.concludedAt)}` });
    blocks.push({
      type: 'fields',
      rows: [
        [f['measuresNeeded']!, yesNo(l, k.measuresNeeded)],
        [f['reasoning']!, k.reasoning],
        [f['recorded']!, `${formatInstant(k.recordedAt)}, ${personLabel(l, k.recordedBy)}`],
      ],
    });
  }

  // ---- every plan version, each with the moment it was made ----
  blocks.push({ type: 'section', text: l.sections.plans });
  if (file.plans.length === 0) blocks.push({ type: 'paragraph', text: l.empty.plans, tone: 'muted' });
  for (const p of file.plans) {
    blocks.push({ type: 'heading', text: `${l.document['plan']} ${l.version(p.version)} – ${f['made']!.toLowerCase()} ${formatInstant(p.createdAt)}` });
    blocks.push({
      type: 'fields',
      rows: [
        [f['madeBy']!, personLabel(l, p.createdBy)],
        [f['problem']!, p.problem],
        [f['pupilView']!, p.pupilView ?? '–'],
        [f['parentsView']!, p.parentsView ?? '–'],
      ],
    });
    for (const m of p.measures) {
      blocks.push({ type: 'subheading', text: `${l.measure(m.position + 1)}` });
      blocks.push({
        type: 'fields',
        rows: [
          [f['measures']!, m.description],
          [f['level']!, l.measureLevel[m.level] ?? m.level],
          [f['period']!, `${formatDate(m.startOn)}–${formatDate(m.endOn)}`],
          [f['evaluationOn']!, formatDate(m.evaluationOn)],
          [f['responsible']!, m.responsible.length ? m.responsible.map((x) => personLabel(l, x)).join(', ') : '–'],
        ],
      });
    }
    if (p.parentProposals.length > 0) {
      blocks.push({ type: 'subheading', text: f['proposals']! });
      blocks.push({
        type: 'list',
        items: p.parentProposals.map(
          (q) => `${q.text} – ${q.chosen ? f['chosen'] : `${f['notChosen']}${q.reasonNotChosen ? `. ${f['reasonNotChosen']}: ${q.reasonNotChosen}` : ''}`}`,
        ),
      });
    }
  }

  // ---- evaluations ----
  blocks.push({ type: 'section', text: l.sections.evaluations });
  if (file.evaluations.length === 0) blocks.push({ type: 'paragraph', text: l.empty.evaluations, tone: 'muted' });
  for (const e of file.evaluations) {
    blocks.push({ type: 'heading', text: `${l.document['evaluation']} – ${formatInstant(e.doneAt)}` });
    const rows: [string, string][] = [
      [f['planned']!, formatDate(e.plannedOn)],
      [f['evaluatedVersion']!, e.planVersion === null ? '–' : String(e.planVersion)],
      [f['recorded']!, `${formatInstant(e.recordedAt)}, ${personLabel(l, e.recordedBy)}`],
      [f['pupilView']!, e.pupilView],
      [f['parentsView']!, e.parentsView ?? '–'],
      [f['situationSafe']!, yesNo(l, e.situationSafe)],
      [f['decision']!, l.decision[e.decision] ?? e.decision],
    ];
    if (e.nextEvaluationOn) rows.push([f['nextEvaluation']!, formatDate(e.nextEvaluationOn)]);
    if (e.revisedPlanVersion !== null) rows.push([f['revisedTo']!, l.version(e.revisedPlanVersion)]);
    blocks.push({ type: 'fields', rows });
    e.measures.forEach((m, i) => {
      blocks.push({ type: 'subheading', text: `${l.measure(i + 1)}${m.description ? `: ${m.description}` : ''}` });
      blocks.push({ type: 'fields', rows: [[f['howCarriedOut']!, m.howCarriedOut], [f['effect']!, m.effect]] });
    });
  }

  // ---- notices sent, acknowledgements ----
  blocks.push({ type: 'section', text: l.sections.notices });
  const deadlineKindOf = new Map(file.deadlines.map((d) => [d.key, d.kind]));
  if (file.notices.length === 0) blocks.push({ type: 'paragraph', text: l.empty.notices, tone: 'muted' });
  else {
    blocks.push({
      type: 'table',
      head: [f['sent']!, f['to']!, f['kind']!],
      widths: [0.22, 0.3, 0.48],
      rows: file.notices.map((n) => {
        const about = deadlineKindOf.get(n.subjectKey);
        const what = [l.noticeKind[n.kind] ?? n.kind, about ? (l.deadlineKind[about] ?? about) : '', l.stepTiming(n.step)]
          .filter((s) => s.length > 0)
          .join(' – ');
        return [formatInstant(n.sentAt), recipientLabel(l, n.recipient), what];
      }),
    });
  }
  blocks.push({ type: 'heading', text: l.sections.acknowledgements });
  if (file.acknowledgements.length === 0) blocks.push({ type: 'paragraph', text: l.empty.acknowledgements, tone: 'muted' });
  else {
    blocks.push({
      type: 'table',
      head: [f['requested']!, f['to']!, f['acknowledged']!],
      widths: [0.3, 0.3, 0.4],
      rows: file.acknowledgements.map((a) => [
        formatInstant(a.requestedAt),
        recipientLabel(l, a.person),
        a.acknowledgedAt ? formatInstant(a.acknowledgedAt) : f['notAcknowledged']!,
      ]),
    });
  }

  // ---- deadlines and the written reasons for delays ----
  blocks.push({ type: 'section', text: l.sections.deadlines });
  if (file.deadlines.length === 0) blocks.push({ type: 'paragraph', text: l.empty.deadlines, tone: 'muted' });
  else {
    blocks.push({
      type: 'table',
      head: [f['deadline']!, f['due']!, f['state']!, f['delayReason']!],
      widths: [0.27, 0.2, 0.18, 0.35],
      rows: file.deadlines.map((d) => {
        const state = `${l.deadlineState[d.state] ?? d.state}${d.metAt && d.state !== 'cancelled' ? ` ${formatInstant(d.metAt)}` : ''}`;
        const late = d.state === 'missed' || d.state === 'met_late';
        const reason = d.delayReason
          ? `${d.delayReason}${d.delayReasonAt ? ` (${formatInstant(d.delayReasonAt)}${d.delayReasonBy ? `, ${personLabel(l, d.delayReasonBy)}` : ''})` : ''}`
          : late
            ? f['noDelayReason']!
            : '';
        return [l.deadlineKind[d.kind] ?? d.kind, formatInstant(d.dueAt), state, reason];
      }),
    });
  }

  // ---- external bodies involved (PPT, child welfare, BUP …), by date of contact ----
  blocks.push({ type: 'section', text: l.sections.externalBodies });
  if (file.externalBodies.length === 0) blocks.push({ type: 'paragraph', text: l.empty.externalBodies, tone: 'muted' });
  for (const b of file.externalBodies) {
    blocks.push({ type: 'heading', text: `${externalBodyLabel(l, b)} – ${formatDate(b.contactedOn)}` });
    blocks.push({
      type: 'fields',
      rows: [
        [f['contactedOn']!, formatDate(b.contactedOn)],
        [f['involvement']!, b.involvement],
        ...(b.concernsOtherPupils && variant === 'full' ? [[f['concernsOthers']!, l.front.yes] as [string, string]] : []),
        [f['recorded']!, `${formatInstant(b.recordedAt)}, ${personLabel(l, b.recordedBy)}`],
      ],
    });
  }

  // ---- every document and when it was made ----
  blocks.push({ type: 'section', text: l.sections.documents });
  const docs: { at: string; what: string; by: string }[] = [
    ...file.reports.map((r, i) => ({ at: r.filedAt, what: `${l.document['report']} ${i + 1}`, by: personLabel(l, r.filedBy) })),
    ...file.pupilConversations.map((k) => ({ at: k.createdAt, what: `${l.document['conversation']} (${formatInstant(k.heldAt)})`, by: personLabel(l, k.heldBy) })),
    ...inv.steps.map((s) => ({ at: s.recordedAt, what: `${l.document['step']}: ${l.stepKind[s.kind] ?? s.kind} (${formatInstant(s.at)})`, by: personLabel(l, s.recordedBy) })),
    ...inv.assessments.map((a) => ({ at: a.recordedAt, what: l.document[a.kind] ?? a.kind, by: personLabel(l, a.recordedBy) })),
    ...inv.conclusions.map((k) => ({ at: k.recordedAt, what: l.document['conclusion']!, by: personLabel(l, k.recordedBy) })),
    ...file.plans.map((p) => ({ at: p.createdAt, what: `${l.document['plan']} ${l.version(p.version)}`, by: personLabel(l, p.createdBy) })),
    ...file.evaluations.map((e) => ({ at: e.recordedAt, what: `${l.document['evaluation']} (${formatInstant(e.doneAt)})`, by: personLabel(l, e.recordedBy) })),
    ...file.notices.map((n) => ({ at: n.sentAt, what: `${l.document['notice']}: ${l.noticeKind[n.kind] ?? n.kind}`, by: recipientLabel(l, n.recipient) })),
    ...file.externalBodies.map((b) => ({
      at: b.recordedAt,
      what: `${l.document['externalBody']}: ${externalBodyLabel(l, b)} (${formatDate(b.contactedOn)})`,
      by: personLabel(l, b.recordedBy),
    })),
    ...file.deadlines
      .filter((d) => d.delayReason && d.delayReasonAt)
      .map((d) => ({ at: d.delayReasonAt!, what: `${l.document['delay']}: ${l.deadlineKind[d.kind] ?? d.kind}`, by: personLabel(l, d.delayReasonBy) })),
  ].sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
  blocks.push({
    type: 'table',
    head: [f['made']!, f['document']!, f['who']!],
    widths: [0.24, 0.48, 0.28],
    rows: docs.map((d) => [formatInstant(d.at), d.what, d.by]),
  });

  return {
    lang,
    variant,
    title: `${l.title} ${c.number}${variant === 'parents' ? ` – ${l.parentsCopy.toLowerCase()}` : ''}`,
    footer: `${l.title} ${c.number}${variant === 'parents' ? ` – ${l.parentsCopy.toLowerCase()}` : ''} – ${l.confidential}`,
    blocks,
    completeness: check,
  };
}
