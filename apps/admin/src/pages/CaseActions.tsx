// The actions allowed on a case now, each a button that opens a small form. Whether a step is
// allowed is the API's decision (libs/domain): the buttons follow the case's availableActions
// and the person's role, and any refusal is shown in the API's own words.
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { z } from 'zod';
import { fullCaseView, personView, type FullCaseView } from '@trygg/contracts';
import { useApi } from '../api';
import { Checkbox, ErrorMessage, Loading, SelectField, TextArea, TextField } from '../components';
import { splitProblems, toProblem, type ApiProblem } from '../errors';
import { toOsloInputValue } from '../format';
import { useI18n } from '../i18n';
import { goToForm } from './case-shared';
import { CONCLUDE_FORM_ID } from './InvestigationSection';

export interface Permissions {
  /** May do what only the principal does (or the owner, in a § 12-5 case about the leadership). */
  principal: boolean;
  /** May lead the case: the principal, or the leader it is delegated to. */
  lead: boolean;
  leadershipBarred: boolean;
}

export type ActionKey = 'acknowledge' | 'principalKnows' | 'delegate' | 'start' | 'conclude' | 'serious' | 'ownerNotice' | 'close' | 'reopen';

/** Which actions to offer. Pure (tested): the case as the API sent it and the person's permissions. */
export function offeredActions(kase: FullCaseView, p: Permissions): ActionKey[] {
  const can = (a: string) => kase.availableActions.includes(a);
  const open = kase.status !== 'closed';
  const noticeSent = kase.timeline.some((e) => e.kind === 'owner_notice_sent');
  const out: ActionKey[] = [];
  if (p.principal && can('acknowledge') && !kase.acknowledgedAt) out.push('acknowledge');
  if (p.lead && can('start_investigation')) out.push('start');
  if (p.lead && can('conclude_investigation')) out.push('conclude');
  if (p.principal && open && !kase.principalKnewAt) out.push('principalKnows');
  if (p.principal && open && !p.leadershipBarred) out.push('delegate');
  if (p.lead && can('mark_serious') && !kase.serious) out.push('serious');
  if (p.principal && open && !p.leadershipBarred && (kase.serious || kase.section125) && !noticeSent) out.push('ownerNotice');
  if (p.lead && can('close')) out.push('close');
  if (p.lead && can('reopen')) out.push('reopen');
  return out;
}

/** POSTs an action and hands back the case as it is now. */
function useAction(kase: FullCaseView, onDone: (view: FullCaseView) => void) {
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<ApiProblem | null>(null);
  const run = async (path: string, body: Record<string, unknown> = {}) => {
    setBusy(true);
    setProblem(null);
    try {
      const view = await api.post(`/api/cases/${encodeURIComponent(kase.id)}/${path}`, body, fullCaseView);
      onDone(view);
    } catch (error) {
      setProblem(toProblem(error));
      setBusy(false);
    }
  };
  return { busy, problem, run };
}

export function CaseActions({ kase, permissions, onUpdated }: { kase: FullCaseView; permissions: Permissions; onUpdated: (view: FullCaseView) => void }) {
  const { t } = useI18n();
  const [open, setOpen] = useState<ActionKey | null>(null);
  const offered = offeredActions(kase, permissions);
  if (offered.length === 0) return <p>{t.actionsNone}</p>;

  const label: Record<ActionKey, string> = {
    acknowledge: t.actionAcknowledge,
    principalKnows: t.actionPrincipalKnows,
    delegate: t.actionDelegate,
    start: t.actionStart,
    conclude: t.actionConclude,
    serious: t.actionSerious,
    ownerNotice: t.actionOwnerNotice,
    close: t.actionClose,
    reopen: t.actionReopen,
  };
  const done = (view: FullCaseView) => {
    setOpen(null);
    onUpdated(view);
  };
  const props = { kase, title: open ? label[open] : '', onDone: done, onCancel: () => setOpen(null) };

  return (
    <div className="actions">
      <ul className="action-list">
        {offered.map((key) => (
          <li key={key}>
            {key === 'conclude' ? (
              // Concluding reads the investigation record: its form sits with the record (Undersøkelse).
              <button type="button" aria-controls={CONCLUDE_FORM_ID} onClick={() => goToForm(CONCLUDE_FORM_ID)}>
                {label[key]}
              </button>
            ) : (
              <button type="button" aria-expanded={open === key} aria-controls={open === key ? 'action-form' : undefined} onClick={() => setOpen(open === key ? null : key)}>
                {label[key]}
              </button>
            )}
          </li>
        ))}
      </ul>
      {open && (
        <div id="action-form" className="action-form">
          {open === 'acknowledge' && <SimpleAction {...props} path="acknowledge" help={t.actionAcknowledgeHelp} />}
          {open === 'serious' && <SimpleAction {...props} path="serious" help={t.actionSeriousHelp} />}
          {open === 'ownerNotice' && <SimpleAction {...props} path="owner-notice" help={t.actionOwnerNoticeHelp} />}
          {open === 'principalKnows' && <PrincipalKnowsForm {...props} />}
          {open === 'delegate' && <DelegateForm {...props} />}
          {open === 'start' && <StartInvestigationForm {...props} />}
          {open === 'close' && <CloseForm {...props} />}
          {open === 'reopen' && <ReopenForm {...props} />}
        </div>
      )}
    </div>
  );
}

interface FormProps {
  kase: FullCaseView;
  title: string;
  onDone: (view: FullCaseView) => void;
  onCancel: () => void;
}

function ActionForm({
  title,
  help,
  busy,
  problem,
  fields,
  onSubmit,
  onCancel,
  children,
}: {
  title: string;
  help?: string;
  busy: boolean;
  problem: ApiProblem | null;
  fields: readonly string[];
  onSubmit: () => void;
  onCancel: () => void;
  children?: ReactNode;
}) {
  const { t } = useI18n();
  const { other } = splitProblems(problem, fields);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSubmit();
  };
  return (
    <form onSubmit={submit} noValidate aria-label={title}>
      <h3>{title}</h3>
      {help && <p className="hint">{help}</p>}
      {problem && <ErrorMessage problem={problem} other={other} />}
      {children}
      <div className="buttons">
        <button type="submit" className="primary" disabled={busy}>
          {busy ? t.sending : t.confirm}
        </button>
        <button type="button" onClick={onCancel} disabled={busy}>
          {t.actionCancel}
        </button>
      </div>
    </form>
  );
}

function SimpleAction({ kase, title, onDone, onCancel, path, help }: FormProps & { path: string; help: string }) {
  const { busy, problem, run } = useAction(kase, onDone);
  return <ActionForm title={title} help={help} busy={busy} problem={problem} fields={[]} onSubmit={() => void run(path)} onCancel={onCancel} />;
}

function PrincipalKnowsForm({ kase, title, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const { busy, problem, run } = useAction(kase, onDone);
  const [at, setAt] = useState('');
  const { byField } = splitProblems(problem, ['at']);
  return (
    <ActionForm title={title} help={t.actionPrincipalKnowsHelp} busy={busy} problem={problem} fields={['at']} onSubmit={() => void run('principal-knows', at ? { at } : {})} onCancel={onCancel}>
      <TextField label={`${t.casePrincipalKnew} ${t.optional}`} name="at" type="datetime-local" value={at} onChange={setAt} errors={byField['at']} max={toOsloInputValue(new Date())} />
    </ActionForm>
  );
}

const peopleList = z.object({ items: z.array(personView) });

function DelegateForm({ kase, title, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const api = useApi();
  const { busy, problem, run } = useAction(kase, onDone);
  const [leaders, setLeaders] = useState<{ value: string; label: string }[] | null>(null);
  const [loadProblem, setLoadProblem] = useState<ApiProblem | null>(null);
  const [leaderId, setLeaderId] = useState(kase.caseLeader?.id ?? '');
  useEffect(() => {
    const controller = new AbortController();
    api
      .get(`/api/schools/${encodeURIComponent(kase.school.id)}/people`, peopleList, { signal: controller.signal })
      .then((list) =>
        setLeaders(
          list.items
            .filter((p) => p.id !== kase.accused?.id && p.roles.some((r) => r.role === 'leader' && r.schoolId === kase.school.id))
            .map((p) => ({ value: p.id, label: p.name })),
        ),
      )
      .catch((error: unknown) => {
        if (!controller.signal.aborted) setLoadProblem(toProblem(error));
      });
    return () => controller.abort();
  }, [api, kase.school.id, kase.accused?.id]);
  const { byField } = splitProblems(problem, ['leaderId']);
  return (
    <ActionForm title={title} help={t.actionDelegateHelp} busy={busy} problem={problem} fields={['leaderId']} onSubmit={() => void run('delegate', leaderId ? { leaderId } : {})} onCancel={onCancel}>
      {loadProblem && <ErrorMessage problem={loadProblem} />}
      {!leaders && !loadProblem && <Loading />}
      {leaders && (
        <SelectField label={t.actionDelegateLeader} name="leaderId" value={leaderId} onChange={setLeaderId} placeholder={t.actionDelegateChoose} options={leaders} errors={byField['leaderId']} required />
      )}
    </ActionForm>
  );
}

/** The deadline of this step has passed (the API asks for a written reason then). */
const deadlineMissed = (kase: FullCaseView, kind: string) => kase.deadlines.some((d) => d.kind === kind && d.state === 'missed');

function StartInvestigationForm({ kase, title, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const { busy, problem, run } = useAction(kase, onDone);
  const [delayReason, setDelayReason] = useState('');
  const { byField } = splitProblems(problem, ['delayReason', 'at']);
  const late = deadlineMissed(kase, 'investigation_start') || problem?.reason === 'DELAY_REASON_REQUIRED';
  return (
    <ActionForm
      title={title}
      help={t.actionStartHelp}
      busy={busy}
      problem={problem}
      fields={['delayReason', 'at']}
      onSubmit={() => void run('start-investigation', delayReason.trim() ? { delayReason } : {})}
      onCancel={onCancel}
    >
      {late && <TextArea label={t.delayReason} help={t.actionStartLate} name="delayReason" value={delayReason} onChange={setDelayReason} errors={byField['delayReason']} required />}
    </ActionForm>
  );
}

function CloseForm({ kase, title, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const { busy, problem, run } = useAction(kase, onDone);
  const [safe, setSafe] = useState(false);
  const [reason, setReason] = useState('');
  const { byField } = splitProblems(problem, ['pupilSituationSafe', 'reason']);
  return (
    <ActionForm title={title} help={t.actionCloseHelp} busy={busy} problem={problem} fields={['pupilSituationSafe', 'reason']} onSubmit={() => void run('close', { pupilSituationSafe: safe, reason })} onCancel={onCancel}>
      <Checkbox label={t.pupilSituationSafe} name="pupilSituationSafe" checked={safe} onChange={setSafe} errors={byField['pupilSituationSafe']} />
      <TextArea label={t.closeReason} name="reason" value={reason} onChange={setReason} errors={byField['reason']} required />
    </ActionForm>
  );
}

function ReopenForm({ kase, title, onDone, onCancel }: FormProps) {
  const { t } = useI18n();
  const { busy, problem, run } = useAction(kase, onDone);
  const [reason, setReason] = useState('');
  const { byField } = splitProblems(problem, ['reason']);
  return (
    <ActionForm title={title} help={t.actionReopenHelp} busy={busy} problem={problem} fields={['reason']} onSubmit={() => void run('reopen', { reason })} onCancel={onCancel}>
      <TextArea label={t.reopenReason} name="reason" value={reason} onChange={setReason} errors={byField['reason']} required />
    </ActionForm>
  );
}

/** A written reason for a missed deadline (recorded in the timeline). */
export function DelayReasonForm({
  kase,
  deadlineKey,
  label,
  onDone,
  onCancel,
}: {
  kase: FullCaseView;
  deadlineKey: string;
  label: string;
  onDone: (view: FullCaseView) => void;
  onCancel: () => void;
}) {
  const { t } = useI18n();
  const { busy, problem, run } = useAction(kase, onDone);
  const [reason, setReason] = useState('');
  const { byField } = splitProblems(problem, ['reason']);
  return (
    <ActionForm
      title={t.writeDelayReason}
      busy={busy}
      problem={problem}
      fields={['reason']}
      onSubmit={() => void run(`deadlines/${encodeURIComponent(deadlineKey)}/delay-reason`, { reason })}
      onCancel={onCancel}
    >
      <TextArea label={label} name="reason" value={reason} onChange={setReason} errors={byField['reason']} required rows={3} />
    </ActionForm>
  );
}
