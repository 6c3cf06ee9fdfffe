import { describe, expect, it } from 'vitest';
import { fileReport, type FullCaseView } from '@trygg/contracts';
import { nb } from '../i18n';
import { offeredActions, type Permissions } from './CaseActions';
import { timelineDetails } from './CasePage';
import { casesApiQuery } from './CasesPage';
import { linkify } from './MailboxPage';
import { emptyDraft, reportBody } from './ReportPage';

const ids = { school: '11111111-1111-4111-8111-111111111111', pupil: '22222222-2222-4222-8222-222222222222', person: '33333333-3333-4333-8333-333333333333' };

describe('case list query', () => {
  it('passes known filters on, turns "mine" into the leader id, and pages', () => {
    const q = new URLSearchParams('status=investigating&overdue=true&serious=false&mine=true&page=3&junk=1');
    expect(casesApiQuery(q, 'me')).toBe('/api/cases?status=investigating&overdue=true&leaderId=me&page=3&pageSize=25');
    expect(casesApiQuery(new URLSearchParams('status=nope&page=-2'), 'me')).toBe('/api/cases?page=1&pageSize=25');
  });
});

describe('report body', () => {
  it('is what the contract accepts for a complete form', () => {
    const body = reportBody({
      ...emptyDraft(ids.school),
      pupilId: ids.pupil,
      basis: 'knowledge',
      category: 'bullying',
      description: 'Eleven ble holdt utenfor i friminuttet.',
      occurredAt: '2026-04-06T10:15',
      intervened: 'yes',
      intervention: 'Snakket med elevene.',
      concernsEmployee: true,
      accusedPersonId: ids.person,
    });
    expect(fileReport.safeParse(body).success).toBe(true);
    expect(body).toMatchObject({ intervened: true, intervention: 'Snakket med elevene.', accusedPersonId: ids.person, occurredAt: '2026-04-06T10:15' });
  });

  it('leaves unanswered questions and hidden fields out, so the API names what is missing', () => {
    const body = reportBody({ ...emptyDraft(ids.school), intervened: 'no', intervention: 'skrevet før nei', accusedPersonId: ids.person });
    expect(body).toEqual({ schoolId: ids.school, description: '', intervened: false, serious: false, concernsEmployee: false });
    const fields = fileReport.safeParse(body).error?.issues.map((i) => i.path.join('.'));
    expect(fields).toEqual(expect.arrayContaining(['pupilId', 'basis', 'category', 'description']));
  });
});

function kase(over: Partial<FullCaseView> = {}): FullCaseView {
  return {
    access: 'case',
    id: 'c1',
    number: '2026-001',
    status: 'reported',
    school: { id: ids.school, name: 'Bjørk skole' },
    pupil: { id: ids.pupil, name: 'Nora Nilsen', initials: 'NN' },
    serious: false,
    seriousMarkedAt: null,
    section125: false,
    accusedInLeadership: false,
    accused: null,
    caseLeader: null,
    openedAt: '2026-04-06T08:00:00.000Z',
    acknowledgedAt: null,
    principalKnewAt: null,
    enforcementWindowOpensAt: null,
    investigationStartedAt: null,
    investigationConcludedAt: null,
    closedAt: null,
    nextDeadlineAt: null,
    availableActions: ['acknowledge', 'start_investigation', 'mark_serious'],
    reports: [],
    deadlines: [],
    plannedEvaluations: [],
    timeline: [],
    ...over,
  };
}

const principal: Permissions = { principal: true, lead: true, leadershipBarred: false };
const leader: Permissions = { principal: false, lead: true, leadershipBarred: false };
const nobody: Permissions = { principal: false, lead: false, leadershipBarred: false };

describe('offered actions', () => {
  it('offers the principal everything the case allows now', () => {
    expect(offeredActions(kase(), principal)).toEqual(['acknowledge', 'start', 'principalKnows', 'delegate', 'serious']);
  });

  it('offers the delegated leader only what leading the case needs', () => {
    expect(offeredActions(kase(), leader)).toEqual(['start', 'serious']);
    expect(offeredActions(kase(), nobody)).toEqual([]);
  });

  it('asks for the owner notice in a serious case until it is sent', () => {
    const serious = kase({ serious: true, status: 'investigating', acknowledgedAt: 'x', principalKnewAt: 'x', availableActions: ['conclude_investigation', 'close'] });
    expect(offeredActions(serious, principal)).toEqual(['conclude', 'delegate', 'ownerNotice', 'close']);
    const sent = { ...serious, timeline: [{ id: 't', at: 'x', kind: 'owner_notice_sent', actor: null, payload: {} }] };
    expect(offeredActions(sent, principal)).not.toContain('ownerNotice');
  });

  it('never delegates nor notifies from the leadership in a § 12-5 case about it', () => {
    const barred = kase({ section125: true, accusedInLeadership: true });
    expect(offeredActions(barred, { principal: true, lead: true, leadershipBarred: true })).toEqual(['acknowledge', 'start', 'principalKnows', 'serious']);
  });

  it('offers only reopening on a closed case', () => {
    expect(offeredActions(kase({ status: 'closed', availableActions: ['reopen'], principalKnewAt: null }), principal)).toEqual(['reopen']);
  });
});

describe('timeline details and mail links', () => {
  it('shows the written reasons and the conclusion of an entry', () => {
    expect(timelineDetails(nb, { delayReason: 'Syk rektor.', measuresNeeded: true })).toEqual([{ label: nb.delayReason, value: 'Syk rektor.' }]);
    expect(timelineDetails(nb, { conclusion: 'Tiltak trengs.', reason: '' })).toEqual([{ label: nb.timelineConclusion, value: 'Tiltak trengs.' }]);
    expect(timelineDetails(nb, {})).toEqual([]);
    expect(timelineDetails(nb, { planVersionId: 'x', version: 2 })).toEqual([{ label: nb.timelinePlanVersion, value: '2' }]);
    expect(timelineDetails(nb, { decision: 'adjust', revisedPlanVersion: 2, planVersion: 1 })).toEqual([{ label: nb.evalDecision, value: 'Justere (ny planversjon 2)' }]);
  });

  it('makes the links in a mail clickable, without trailing punctuation', () => {
    expect(linkify('Kvitter her: http://127.0.0.1:5173/kvittering/abc_123. Takk')).toEqual([
      { text: 'Kvitter her: ' },
      { text: 'http://127.0.0.1:5173/kvittering/abc_123', href: 'http://127.0.0.1:5173/kvittering/abc_123' },
      { text: '. Takk' },
    ]);
    expect(linkify('ingen lenker')).toEqual([{ text: 'ingen lenker' }]);
  });
});
