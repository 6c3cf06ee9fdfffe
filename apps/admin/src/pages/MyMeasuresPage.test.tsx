// «Mine tiltak» and a measure owner's part of a case page: what the API's own-part view turns
// into on screen — the measures with their dates, the overdue marker, labelled tables and
// headings — and nothing of the case the view does not carry.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { caseView, myMeasuresList, type MyMeasuresItem, type OwnMeasureView } from '@trygg/contracts';
import { I18nContext, nb, nn } from '../i18n';
import { measureCount, overdueCount, OwnMeasuresSection } from './MyMeasuresPage';

const measure: OwnMeasureView = {
  id: '55555555-5555-4555-8555-555555555555',
  level: 'individual',
  description: 'Fast voksen i friminuttet.',
  start: '2026-04-20',
  end: '2026-05-29',
  nextEvaluation: { date: '2026-05-20', dueAt: '2026-05-20T14:00:00.000Z', overdue: true },
  evaluations: [{ plannedDate: '2026-05-04', doneAt: '2026-05-04T08:00:00.000Z', howCarriedOut: 'Med i alle friminutt.', effect: 'Leker mer med andre.' }],
};

const item = (over: Partial<MyMeasuresItem>): MyMeasuresItem => ({
  caseId: 'c1',
  number: '2026-001',
  status: 'measures',
  schoolId: 's1',
  pupilInitials: 'NN',
  nextEvaluation: null,
  measures: [],
  ...over,
});

describe('my measures', () => {
  it('counts the measures and those whose evaluation date has passed', () => {
    const { evaluations: _e, ...summary } = measure;
    const items = [
      item({ measures: [summary, { ...summary, id: 'm2', nextEvaluation: null }] }),
      item({ caseId: 'c2', measures: [{ ...summary, id: 'm3', nextEvaluation: { ...summary.nextEvaluation!, overdue: false } }] }),
    ];
    expect(measureCount(items)).toBe(3);
    expect(overdueCount(items)).toBe(1);
    expect(measureCount([])).toBe(0);
    expect(myMeasuresList.parse({ items }).items).toHaveLength(2);
  });

  it('reads the own-part case view with its measures, and without them for a reporter', () => {
    const owner = caseView.parse({ access: 'own_part', id: 'c1', number: '2026-001', status: 'measures', pupilInitials: 'NN', ownMeasures: [measure] });
    expect(owner).toMatchObject({ access: 'own_part', pupilInitials: 'NN', ownMeasures: [measure] });
    const reporter = caseView.parse({ access: 'own_part', id: 'c1', number: '2026-001', status: 'measures' });
    expect(reporter).toEqual({ access: 'own_part', id: 'c1', number: '2026-001', status: 'measures' });
  });

  it('shows a measure owner their measure: a heading per measure, dates, the overdue marker, a labelled evaluation table', () => {
    const html = renderToStaticMarkup(<OwnMeasuresSection pupilInitials="NN" measures={[measure]} />);
    expect(html).toContain('<section aria-labelledby="own-measures"><h2 id="own-measures">Dine tiltak</h2>');
    expect(html).toContain('eleven: NN');
    expect(html).toContain('<h3 id="own-measure-1">Tiltak 1</h3>');
    expect(html).toContain('Fast voksen i friminuttet.');
    expect(html).toContain('20. april 2026 – 29. mai 2026');
    expect(html).toContain('onsdag 20. mai 2026');
    expect(html).toContain(nb.evaluationOverdueTag);
    expect(html).toContain(`<caption>${nb.ownMeasureEvaluationsCaption}</caption>`);
    expect(html).toContain('<th scope="row">4. mai 2026</th>');
    expect(html).toContain('Leker mer med andre.');
    expect(html).toContain('href="/mine-tiltak"');
  });

  it('says when nothing is evaluated or waiting, in Nynorsk too', () => {
    const html = renderToStaticMarkup(
      <I18nContext.Provider value={{ lang: 'nn', t: nn, setLang: () => {} }}>
        <OwnMeasuresSection pupilInitials="NN" measures={[{ ...measure, nextEvaluation: null, evaluations: [] }]} />
      </I18nContext.Provider>,
    );
    expect(html).toContain(nn.ownMeasuresHeading);
    expect(html).toContain(nn.noEvaluationWaiting);
    expect(html).toContain(nn.ownMeasureNoEvaluations);
    expect(html).not.toContain('<table');
  });
});
