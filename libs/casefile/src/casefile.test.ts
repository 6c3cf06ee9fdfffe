// Pure rules of the case file, on hand-built case files: the completeness check, the parents'
// copy's redaction, the text the PDF's standard fonts can draw, and HTML escaping.
import { describe, expect, it } from 'vitest';
import { completeness } from './completeness';
import { freeTexts } from './free-text';
import { escapeHtml, renderCaseFileHtml } from './html';
import { toWinAnsi } from './pdf';
import { redactForParents, redactNames } from './redact';
import type { CaseFile, PersonRef, SubDuty } from './types';

const teacher: PersonRef = { id: 't', name: 'Tone Lærer', role: 'staff' };
const leader: PersonRef = { id: 'l', name: 'Lars Leder', role: 'leader' };
const principal: PersonRef = { id: 'p', name: 'Petra Rektor', role: 'principal' };

/** A case file with nothing missing (assembled 10 May 2026, the plan's evaluation on 20 May). */
function baseFile(): CaseFile {
  return {
    assembledAt: '2026-05-10T08:00:00.000Z',
    case: {
      id: 'c',
      number: '2026-0001',
      status: 'measures',
      openedAt: '2026-04-13T07:00:00.000Z',
      principalKnewAt: '2026-04-13T09:00:00.000Z',
      investigationStartedAt: '2026-04-14T08:00:00.000Z',
      investigationConcludedAt: '2026-04-15T12:00:00.000Z',
      investigationMeasuresNeeded: true,
      closedAt: null,
      serious: false,
      seriousMarkedAt: null,
      section12_5: false,
      accusedInLeadership: false,
      accused: null,
      caseLeader: leader,
      createdAt: '2026-04-13T07:00:00.000Z',
    },
    school: { id: 's', name: 'Bjørk skole' },
    owner: { id: 'o', name: 'Eik kommune' },
    pupil: { id: 'nora', name: 'Nora Nilsen', initials: 'NN', birthYear: 2015 },
    reports: [
      {
        id: 'r',
        filedBy: teacher,
        reporterKind: 'staff',
        basis: 'knowledge',
        category: 'bullying',
        description: 'Nora ble kalt stygge ting.',
        intervened: true,
        intervention: 'Stoppet det.',
        serious: false,
        concernsEmployee: false,
        filedAt: '2026-04-13T07:00:00.000Z',
        occurredAt: null,
        asOf: '2026-04-13T07:00:00.000Z',
        registeredAt: '2026-04-13T09:00:00.000Z',
        registeredBy: principal,
        createdAt: '2026-04-13T07:00:00.000Z',
      },
    ],
    timeline: [
      { id: 'e1', at: '2026-04-13T07:00:00.000Z', recordedAt: '2026-04-13T07:00:00.000Z', actor: teacher, kind: 'report_filed', payload: { category: 'bullying' } },
      { id: 'e2', at: '2026-04-14T08:00:00.000Z', recordedAt: '2026-04-14T08:00:00.000Z', actor: leader, kind: 'investigation_started', payload: {} },
    ],
    investigation: {
      steps: [
        {
          id: 's1',
          kind: 'conversation_with_pupil',
          at: '2026-04-14T09:00:00.000Z',
          performedBy: teacher,
          summary: 'Nora sier hun gruer seg.',
          concernsOtherPupils: false,
          otherPupils: [],
          recordedBy: leader,
          recordedAt: '2026-04-14T09:00:00.000Z',
        },
      ],
      assessments: [
        { id: 'a1', kind: 'findings', text: 'Nora holdes utenfor.', concernsOtherPupils: false, recordedBy: leader, recordedAt: '2026-04-14T10:00:00.000Z' },
        { id: 'a2', kind: 'best_interest', text: 'Best å bli i klassen.', concernsOtherPupils: false, recordedBy: leader, recordedAt: '2026-04-14T11:00:00.000Z' },
      ],
      conclusions: [
        { id: 'k', measuresNeeded: true, reasoning: 'Tiltak trengs.', concludedAt: '2026-04-15T12:00:00.000Z', recordedBy: leader, recordedAt: '2026-04-15T12:00:00.000Z' },
      ],
    },
    plans: [
      {
        id: 'v1',
        version: 1,
        createdAt: '2026-04-16T07:00:00.000Z',
        createdBy: leader,
        problem: 'Nora blir holdt utenfor i friminuttene av en gruppe i klassen.',
        pupilView: 'Vil ha en voksen i nærheten.',
        parentsView: null,
        measures: [
          {
            id: 'pm1',
            measureId: 'm1',
            position: 0,
            level: 'individual',
            description: 'Fast voksen i friminuttene.',
            startOn: '2026-04-20',
            endOn: '2026-06-19',
            evaluationOn: '2026-05-20',
            responsible: [teacher],
          },
        ],
        parentProposals: [],
      },
    ],
    evaluations: [],
    pupilConversations: [],
    notices: [],
    acknowledgements: [],
    deadlines: [
      {
        key: 'case-c.investigation_start',
        kind: 'investigation_start',
        dueAt: '2026-04-15T14:00:00.000Z',
        state: 'met',
        metAt: '2026-04-14T08:00:00.000Z',
        cancelledAt: null,
        delayReason: null,
        delayReasonAt: null,
        delayReasonBy: null,
        createdAt: '2026-04-13T07:00:00.000Z',
      },
    ],
    externalBodies: [],
    people: [teacher, leader, principal],
    otherPupils: [],
    redacted: false,
  };
}

const missing = (file: CaseFile, duty: SubDuty) => completeness(file).find((r) => r.subDuty === duty)!.missing;

describe('completeness against the five sub-duties of § 12-4', () => {
  it('finds nothing missing in a complete case', () => {
    expect(completeness(baseFile())).toEqual([
      { subDuty: 'folgje_med', ok: true, missing: [] },
      { subDuty: 'gripe_inn', ok: true, missing: [] },
      { subDuty: 'melde_fra', ok: true, missing: [] },
      { subDuty: 'undersokje', ok: true, missing: [] },
      { subDuty: 'tiltak', ok: true, missing: [] },
    ]);
  });

  it('følge med / gripe inn: no report, an intervention not described, knowledge without intervening', () => {
    const none = { ...baseFile(), reports: [] };
    expect(missing(none, 'folgje_med')).toEqual(['Det er ikke registrert noen melding i saken: hvem som fikk mistanke eller kjennskap, og når.']);
    expect(missing(none, 'gripe_inn')).toEqual(['Det er ikke registrert om noen grep inn (saken har ingen melding).']);
    const file = baseFile();
    file.reports.push({ ...file.reports[0]!, id: 'r2', intervention: ' ' }, { ...file.reports[0]!, id: 'r3', intervened: false, intervention: null });
    expect(missing(file, 'gripe_inn')).toEqual([
      'Meldingen fra Tone Lærer (13.04.2026 kl. 09:00) sier at den som meldte grep inn, men ikke hvordan.',
      'Meldingen fra Tone Lærer (13.04.2026 kl. 09:00) bygger på kjennskap, men det er ikke registrert at noen grep inn. Skriv hva som ble gjort for å stanse det, eller hvorfor det ikke var mulig.',
    ]);
    // A suspicion is reported without anyone having seen anything to stop.
    file.reports = [{ ...file.reports[0]!, basis: 'suspicion', intervened: false, intervention: null }];
    expect(missing(file, 'gripe_inn')).toEqual([]);
  });

  it('melde fra: not registered, the principal’s own knowledge, the owner not told of a serious or § 12-5 case', () => {
    const file = baseFile();
    file.reports[0]!.registeredAt = null;
    file.case.principalKnewAt = null;
    file.case.serious = true;
    expect(missing(file, 'melde_fra')).toEqual([
      'Rektor har ikke registrert meldingen fra Tone Lærer (13.04.2026 kl. 09:00).',
      'Det er ikke registrert når rektor selv fikk vite om saken. Datoen avgjør når saken kan meldes til Statsforvalteren (§ 12-6).',
      'Saken er markert som alvorlig, men det er ikke registrert at skoleeieren er varslet.',
    ]);
    file.timeline.push({ id: 'e3', at: '2026-04-13T10:00:00.000Z', recordedAt: '2026-04-13T10:00:00.000Z', actor: principal, kind: 'owner_notice_sent', payload: { about: 'serious' } });
    expect(missing(file, 'melde_fra')).not.toContain('Saken er markert som alvorlig, men det er ikke registrert at skoleeieren er varslet.');

    // § 12-5 about the leadership: the principal does not see the case; the owner is told by a notice.
    const s125 = baseFile();
    s125.case = { ...s125.case, section12_5: true, accusedInLeadership: true, principalKnewAt: null };
    expect(missing(s125, 'melde_fra')).toEqual(['Saken gjelder en ansatt (§ 12-5), men det er ikke registrert at skoleeieren er varslet.']);
    s125.notices.push({ id: 'n', kind: 'owner_notice', step: 'notice-owner', subjectKey: 'x', sentAt: '2026-04-13T07:01:00.000Z', recipient: { id: 'o1', name: 'Olav Eier', role: 'owner' }, createdAt: '2026-04-13T07:01:00.000Z' });
    expect(missing(s125, 'melde_fra')).toEqual([]);
  });

  it('undersøke: not started, the pupil not heard, no findings, no child’s-best assessment, not concluded', () => {
    const file = baseFile();
    file.case = { ...file.case, investigationStartedAt: null, investigationConcludedAt: null, investigationMeasuresNeeded: null };
    file.investigation = { steps: [], assessments: [], conclusions: [] };
    file.plans = [];
    expect(missing(file, 'undersokje')).toEqual([
      'Undersøkelsen er ikke startet.',
      'Ingen samtale med eleven er registrert. Eleven skal høres (§ 10-2).',
      'Funnene fra undersøkelsen er ikke skrevet ned.',
      'Vurderingen av barnets beste mangler (§ 10-1).',
      'Undersøkelsen er ikke avsluttet med en konklusjon (trengs tiltak, og hvorfor).',
    ]);
    expect(missing(file, 'tiltak')).toEqual(['Det er ikke avgjort om eleven trenger tiltak, fordi undersøkelsen ikke er avsluttet.']);
  });

  it('undersøke: a reopened case is investigated anew — a conversation of the last round does not count', () => {
    const file = baseFile();
    file.case.investigationStartedAt = '2026-05-01T08:00:00.000Z';
    expect(missing(file, 'undersokje')).toEqual([
      'Ingen samtale med eleven er registrert. Eleven skal høres (§ 10-2).',
      'Funnene fra undersøkelsen er ikke skrevet ned.',
      'Vurderingen av barnets beste mangler (§ 10-1).',
    ]);
  });

  it('tiltak: measures needed but no plan; none needed, none missing', () => {
    const file = { ...baseFile(), plans: [] };
    expect(missing(file, 'tiltak')).toEqual(['Undersøkelsen konkluderte med at det trengs tiltak, men det er ikke laget noen aktivitetsplan.']);
    file.case = { ...file.case, investigationMeasuresNeeded: false };
    expect(missing(file, 'tiltak')).toEqual([]);
  });

  it('tiltak: a plan missing one of its five parts, the pupil’s view, a reason for a refused proposal', () => {
    const file = baseFile();
    const plan = file.plans[0]!;
    plan.problem = 'Mobbing.';
    plan.pupilView = null;
    plan.measures.push(
      { ...plan.measures[0]!, id: 'pm2', measureId: 'm2', position: 1, responsible: [] },
      { ...plan.measures[0]!, id: 'pm3', measureId: 'm3', position: 2, responsible: [{ id: 'x', name: 'Mor til Nora', role: null }], evaluationOn: '' },
      { ...plan.measures[0]!, id: 'pm4', measureId: 'm4', position: 3, startOn: '2026-06-01', endOn: '2026-05-01' },
    );
    plan.parentProposals.push({ id: 'q', position: 0, text: 'Bytte klasse.', chosen: false, reasonNotChosen: null });
    expect(missing(file, 'tiltak')).toEqual([
      'Aktivitetsplan versjon 1: problemet tiltakene skal løse er ikke beskrevet konkret.',
      'Aktivitetsplan versjon 1, tiltak 2: det står ikke hvem som skal gjennomføre tiltaket.',
      'Aktivitetsplan versjon 1, tiltak 3: Mor til Nora er ikke ansatt ved skolen. Tiltak skal gjennomføres av de ansatte.',
      'Aktivitetsplan versjon 1, tiltak 3: det står ikke når tiltaket skal evalueres.',
      'Aktivitetsplan versjon 1, tiltak 4: det står ikke når tiltaket skal gjennomføres.',
      'Aktivitetsplan versjon 1: forslag 1 fra foreldrene ble ikke valgt, men det står ikke hvorfor.',
      'Aktivitetsplan versjon 1: elevens syn på tiltakene er ikke skrevet ned (§ 10-2).',
    ]);
    expect(missing({ ...baseFile(), plans: [{ ...baseFile().plans[0]!, measures: [] }] }, 'tiltak')).toEqual(['Aktivitetsplan versjon 1 har ingen tiltak.']);
  });

  it('tiltak: an evaluation date passed without an evaluation; an evaluation that left out a measure', () => {
    const file = { ...baseFile(), assembledAt: '2026-05-25T08:00:00.000Z' };
    expect(missing(file, 'tiltak')).toEqual(['Evalueringen som skulle vært holdt 20.05.2026, er ikke registrert.']);
    // The date itself is not yet passed on the day.
    expect(missing({ ...file, assembledAt: '2026-05-20T13:00:00.000Z' }, 'tiltak')).toEqual([]);
    file.plans[0]!.measures.push({ ...file.plans[0]!.measures[0]!, id: 'pm2', measureId: 'm2', position: 1 });
    file.evaluations.push({
      id: 'ev',
      planVersionId: 'v1',
      planVersion: 1,
      plannedOn: '2026-05-20',
      doneAt: '2026-05-20T08:00:00.000Z',
      pupilView: ' ',
      parentsView: null,
      situationSafe: false,
      decision: 'continue',
      nextEvaluationOn: '2026-06-03',
      revisedPlanVersion: null,
      measures: [{ planMeasureId: 'pm1', measureId: 'm1', description: 'Fast voksen i friminuttene.', howCarriedOut: 'Hver dag.', effect: 'Bedre.' }],
      recordedBy: leader,
      recordedAt: '2026-05-20T08:00:00.000Z',
    });
    expect(missing(file, 'tiltak')).toEqual([
      'Evalueringen 20.05.2026 kl. 10:00: elevens syn er ikke skrevet ned (§ 10-2).',
      'Evalueringen 20.05.2026 kl. 10:00 mangler tiltak 2: hvordan det er gjennomført siden sist, og hvilken virkning det har hatt for eleven.',
    ]);
    // The next date the evaluation set passes too.
    expect(missing({ ...file, assembledAt: '2026-06-05T08:00:00.000Z' }, 'tiltak')).toContain('Evalueringen som skulle vært holdt 03.06.2026, er ikke registrert.');
    // A measure whose period ended with no evaluation since.
    expect(missing({ ...file, assembledAt: '2026-06-25T08:00:00.000Z' }, 'tiltak')).toContain(
      'Tiltak 1 i gjeldende plan sluttet 19.06.2026, men er ikke evaluert etterpå.',
    );
  });

  it('a deadline missed without a written reason, under its sub-duty; a reason on the deadline or the timeline clears it', () => {
    const file = baseFile();
    file.deadlines[0] = { ...file.deadlines[0]!, state: 'met_late', metAt: '2026-04-16T08:00:00.000Z' };
    file.deadlines.push({ ...file.deadlines[0]!, key: 'case-c.plan', kind: 'plan', state: 'missed', metAt: null, dueAt: '2026-05-01T14:00:00.000Z' });
    expect(missing(file, 'undersokje')).toEqual(['Fristen «Undersøkelsen startes» (15.04.2026 kl. 16:00) ble oversittet, og det er ikke skrevet hvorfor.']);
    expect(missing(file, 'tiltak')).toEqual(['Fristen «Aktivitetsplan lages» (01.05.2026 kl. 16:00) er oversittet, og det er ikke skrevet hvorfor.']);
    file.timeline[1]!.payload = { delayReason: 'Eleven var syk.' };
    file.deadlines[1]!.delayReason = 'Venter på møte med foreldrene.';
    expect(missing(file, 'undersokje')).toEqual([]);
    expect(missing(file, 'tiltak')).toEqual([]);
  });

  it('speaks Nynorsk when asked', () => {
    const file = { ...baseFile(), reports: [] };
    expect(completeness(file, 'nn')[0]!.missing).toEqual(['Det er ikkje registrert nokon melding i saka: kven som fekk mistanke eller kjennskap, og når.']);
  });
});

describe("the parents' copy", () => {
  const others = ['Emil Berg', 'Per Hansen', 'Nora Lie'];

  it('replaces other pupils’ names: full, any case, genitive, first or last name alone', () => {
    const r = (text: string) => redactNames(text, others, 'Nora Nilsen');
    expect(r('Emil Berg slo Nora.')).toBe('[annen elev] slo Nora.');
    expect(r('emil  berg og EMIL BERG')).toBe('[annen elev] og [annen elev]');
    expect(r('Emil Bergs mor ringte. Emils far også, og Berg-familien.')).toBe('[annen elev] mor ringte. [annen elev] far også, og [annen elev]-familien.');
    expect(r('Emil sa at Berg var der.')).toBe('[annen elev] sa at [annen elev] var der.');
    // Her own first name is not another pupil's, "per uke" is not Per, Bergen is not Berg.
    expect(r('Nora Lie og Nora leker. To timer per uke i Bergen.')).toBe('[annen elev] og Nora leker. To timer per uke i Bergen.');
    expect(r('Per Hansen og Per.')).toBe('[annen elev] og [annen elev].');
    expect(redactNames('Ingen navn her.', [], 'Nora Nilsen')).toBe('Ingen navn her.');
    expect(redactNames('Emil Berg', ['Emil Berg'], 'Nora Nilsen', 'nn')).toBe('[annan elev]');
  });

  it('redacts every free text, takes out what concerns other pupils, and leaves the original alone', () => {
    const file = baseFile();
    const name = 'Emil Berg';
    file.otherPupils = [{ id: 'emil', name, namedInInvestigation: true, mentionedInText: true }];
    // The name in every free text the case file has.
    file.reports[0]!.description = `${name} slo.`;
    file.reports[0]!.intervention = `Snakket med ${name}.`;
    file.timeline[0]!.payload = { reason: `${name} igjen`, nested: { list: [`${name}`] } };
    file.investigation.steps.push({ ...file.investigation.steps[0]!, id: 's2', kind: 'other_pupils', summary: 'Han sier gruppen bestemmer.', concernsOtherPupils: true, otherPupils: [{ id: 'emil', name }] });
    file.investigation.steps[0]!.summary = `Nora nevner ${name}.`;
    file.investigation.assessments[0]!.text = `${name} og Nora.`;
    file.investigation.assessments.push({ ...file.investigation.assessments[0]!, id: 'a3', text: 'Foreldrene hans er varslet.', concernsOtherPupils: true });
    file.investigation.conclusions[0]!.reasoning = `${name} må følges opp.`;
    const plan = file.plans[0]!;
    plan.problem = `${name} holder Nora utenfor.`;
    plan.pupilView = `Vil ikke sitte med ${name}.`;
    plan.parentsView = `${name} må flyttes.`;
    plan.measures[0]!.description = `Voksen mellom Nora og ${name}.`;
    plan.parentProposals.push({ id: 'q', position: 0, text: `Flytte ${name}.`, chosen: false, reasonNotChosen: `${name} har også rettigheter.` });
    file.evaluations.push({
      id: 'ev', planVersionId: 'v1', planVersion: 1, plannedOn: '2026-05-20', doneAt: '2026-05-20T08:00:00.000Z',
      pupilView: `${name} er snillere.`, parentsView: `${name}?`, situationSafe: true, decision: 'continue', nextEvaluationOn: '2026-06-03', revisedPlanVersion: null,
      measures: [{ planMeasureId: 'pm1', measureId: 'm1', description: `Voksen mellom Nora og ${name}.`, howCarriedOut: `${name} holdt avstand.`, effect: `Mindre ${name}.` }],
      recordedBy: leader, recordedAt: '2026-05-20T08:00:00.000Z',
    });
    file.deadlines[0]!.delayReason = `Ventet på ${name}s foreldre.`;
    file.pupilConversations.push({
      id: 'pc', termYear: 2026, termHalf: 'spring', heldAt: '2026-03-10T09:00:00.000Z', heldBy: teacher, answer: 'unsure',
      note: `Nevner ${name}.`, filedThisCase: false, createdAt: '2026-03-10T09:00:00.000Z',
    });
    file.reports[0]!.category = 'other';
    expect(freeTexts(file).filter((t) => t.value.includes('Emil')).length).toBeGreaterThanOrEqual(19);

    const before = JSON.stringify(file);
    const parents = redactForParents(file);
    expect(JSON.stringify(file)).toBe(before);
    const out = JSON.stringify(parents);
    expect(out).not.toContain('Emil');
    expect(out).not.toContain('Berg');
    expect(parents.redacted).toBe(true);
    expect(parents.otherPupils).toEqual([]);
    expect(parents.investigation.steps[1]).toMatchObject({ summary: '[opplysninger om andre elever er tatt ut]', otherPupils: [{ id: '', name: '[annen elev]' }] });
    expect(parents.investigation.steps[0]!.summary).toBe('Nora nevner [annen elev].');
    expect(parents.investigation.assessments[2]!.text).toBe('[opplysninger om andre elever er tatt ut]');
    expect(parents.reports[0]!.description).toBe('[annen elev] slo.');
    expect(redactForParents(parents)).toBe(parents);
  });

  it('the HTML of the parents copy leaves out the pupil’s name on the first page and names no other pupil', () => {
    const file = baseFile();
    file.otherPupils = [{ id: 'emil', name: 'Emil Berg', namedInInvestigation: false, mentionedInText: true }];
    file.reports[0]!.description = 'Emil Berg slo.';
    const html = renderCaseFileHtml(file, { variant: 'parents', lang: 'nb' });
    expect(html).not.toContain('Emil');
    expect(html).not.toContain('Nora Nilsen');
    expect(renderCaseFileHtml(file, { variant: 'full', lang: 'nb' })).toContain('Nora Nilsen (NN, 2015)');
  });
});

describe('text for the PDF and the HTML', () => {
  it('keeps Norwegian letters and punctuation for the standard fonts; replaces what they cannot draw', () => {
    expect(toWinAnsi('æøå ÆØÅ § «sitat» – … € é ü')).toBe('æøå ÆØÅ § «sitat» – … € é ü');
    // Decomposed å (a + ring) is composed first.
    expect(toWinAnsi('a\u030a')).toBe('å');
    expect(toWinAnsi('Gdańsk ő')).toBe('Gdansk o');
    expect(toWinAnsi('Łódź 😀 Привет')).toBe('?ódz ? ??????');
    expect(toWinAnsi('a\r\nb\tc\u2212d')).toBe('a\nb c-d');
  });

  it('escapes HTML', () => {
    expect(escapeHtml(`<script>alert("x")</script> & 'y'`)).toBe('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;y&#39;');
    const file = baseFile();
    file.reports[0]!.description = '<img src=x onerror=alert(1)>';
    const html = renderCaseFileHtml(file, { variant: 'full', lang: 'nb' });
    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('renders Nynorsk', () => {
    const html = renderCaseFileHtml(baseFile(), { variant: 'full', lang: 'nn' });
    expect(html).toContain('<html lang="nn">');
    expect(html).toContain('Kompletthetssjekk (opplæringslova § 12-4)');
    expect(html).toContain('Skuleeigar');
  });
});
