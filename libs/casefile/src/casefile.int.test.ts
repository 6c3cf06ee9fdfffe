// The case file of a case written into a real database: what loadCaseFile reads, what the
// completeness check says, and what the PDF (read back with pdfjs-dist) and the HTML contain —
// the full copy with other pupils' names, the parents' copy without.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, seedSchool, type SeededSchool, type TestDatabase } from '@trygg/testing';
import { formatInstant } from './format';
import { CaseNotFoundError, loadCaseFile } from './load';
import { completeness } from './completeness';
import { renderCaseFileHtml } from './html';
import { renderCaseFilePdf } from './pdf';
import { pdfText, type PdfText } from './pdf-text';
import { oslo, seedRichCase, SCRIPT_DESCRIPTION, type RichCase } from './test-support';
import type { CaseFile } from './types';

let t: TestDatabase;
let s: SeededSchool;
let rich: RichCase;
let file: CaseFile;
const NOW = oslo('2026-09-01T10:00');

beforeAll(async () => {
  t = await createTestDatabase();
  s = await seedSchool(t.db);
  rich = await seedRichCase(t.db, s, { planVersions: 3 });
  file = await loadCaseFile(t.db, rich.caseId, { now: NOW });
});
afterAll(() => t?.drop());

/** The part of the text between two headings. */
const between = (text: string, from: string, to: string) => {
  const start = text.indexOf(from);
  const end = text.indexOf(to, start + from.length);
  expect(start, `"${from}" in the text`).toBeGreaterThanOrEqual(0);
  expect(end, `"${to}" after "${from}"`).toBeGreaterThan(start);
  return text.slice(start, end);
};

/** Every "dd.mm.yyyy kl. hh:mm" in the text, as sortable strings. */
const instantsIn = (text: string) =>
  [...text.matchAll(/(\d{2})\.(\d{2})\.(\d{4}) kl\. (\d{2}):(\d{2})/g)].map((m) => `${m[3]}-${m[2]}-${m[1]}T${m[4]}:${m[5]}`);

describe('loadCaseFile', () => {
  it('reads the whole case, in time order, with who and when', () => {
    expect(file.case).toMatchObject({ number: '2026-0007', status: 'measures', caseLeader: { id: s.leader, name: 'Lars Leder', role: 'leader' } });
    expect(file.pupil).toMatchObject({ id: s.pupil, name: 'Nora Nilsen' });
    expect(file.school.name).toMatch(/^Bjørk skole/);
    expect(file.assembledAt).toBe(NOW.toISOString());

    const times = file.timeline.map((e) => e.at);
    expect(times).toEqual([...times].sort());
    expect(file.timeline[0]).toMatchObject({ kind: 'report_filed', actor: { id: s.teacher, name: 'Tone Lærer', role: 'staff' } });
    expect(file.timeline.map((e) => e.kind)).toEqual(
      expect.arrayContaining(['acknowledged', 'investigation_started', 'investigation_concluded', 'plan_created', 'plan_revised', 'evaluation_recorded']),
    );

    expect(file.reports).toHaveLength(1);
    expect(file.reports[0]).toMatchObject({ description: SCRIPT_DESCRIPTION, registeredBy: { id: s.principal, role: 'principal' } });
    expect(file.investigation.steps.map((x) => x.kind)).toEqual(['conversation_with_pupil', 'other_pupils', 'observation']);
    expect(file.investigation.steps[1]).toMatchObject({ concernsOtherPupils: true, otherPupils: [{ id: s.otherPupil, name: 'Emil Berg' }] });
    expect(file.investigation.assessments.map((a) => a.kind)).toEqual(['findings', 'findings', 'best_interest']);
    expect(file.investigation.conclusions).toEqual([expect.objectContaining({ measuresNeeded: true })]);
  });

  it('keeps every plan version with its own timestamp, and the evaluations between them', () => {
    expect(file.plans.map((p) => [p.version, p.createdAt])).toEqual(rich.planCreatedAt.map((d, i) => [i + 1, d.toISOString()]));
    expect(file.plans[0]!.measures.map((m) => m.responsible.map((r) => r.name))).toEqual([['Tone Lærer'], ['Lars Leder', 'Sofie SFO']]);
    expect(file.evaluations.map((e) => [e.planVersion, e.revisedPlanVersion, e.decision])).toEqual([
      [1, 2, 'adjust'],
      [2, 3, 'adjust'],
    ]);
    expect(file.evaluations[0]!.measures.map((m) => m.description)).toEqual(['Trygg voksen i friminuttene (plan 1).', 'Klassen arbeider med inkludering i klassens time (plan 1).']);
  });

  it('lists the notices sent (when, to whom, in which role), the acknowledgement and the delays', () => {
    expect(file.notices.map((n) => [n.kind, n.recipient.role])).toEqual([
      ['new_report', 'principal'],
      ['reminder', 'leader'],
      ['owner_notice', 'owner'],
    ]);
    expect(file.notices[0]!.sentAt).toBe(oslo('2026-04-13T09:01').toISOString());
    expect(file.acknowledgements).toEqual([
      expect.objectContaining({ person: expect.objectContaining({ id: s.ownerOfficial, role: 'owner' }), acknowledgedAt: oslo('2026-04-17T12:00').toISOString() }),
    ]);
    expect(file.deadlines.find((d) => d.kind === 'investigation_start')).toMatchObject({ state: 'met_late', delayReason: null });
    // By date of contact (child welfare was contacted first, written down after PPT).
    expect(file.externalBodies.map((b) => [b.kind, b.name, b.contactedOn, b.recordedBy.role])).toEqual([
      ['child_welfare', null, '2026-04-17', 'leader'],
      ['ppt', 'PPT for Bjørk', '2026-04-20', 'principal'],
      ['police', null, '2026-05-04', 'principal'],
    ]);
    expect(file.externalBodies[1]!.recordedAt).toBe(oslo('2026-04-20T13:00').toISOString());
  });

  it('knows the other pupils: named by the investigation, or named in free text', () => {
    expect(file.otherPupils).toEqual([
      { id: s.otherPupil, name: 'Emil Berg', namedInInvestigation: true, mentionedInText: true },
      { id: expect.any(String), name: 'Sara Holm', namedInInvestigation: false, mentionedInText: true },
    ]);
  });

  it('refuses an unknown case', async () => {
    await expect(loadCaseFile(t.db, '00000000-0000-4000-8000-000000000000')).rejects.toBeInstanceOf(CaseNotFoundError);
  });

  it('checks completeness against the five sub-duties', () => {
    const check = completeness(file);
    expect(check.map((c) => [c.subDuty, c.ok])).toEqual([
      ['folgje_med', true],
      ['gripe_inn', true],
      ['melde_fra', true],
      ['undersokje', false],
      ['tiltak', false],
    ]);
    expect(check[3]!.missing).toEqual(['Fristen «Undersøkelsen startes» (15.04.2026 kl. 16:00) ble oversittet, og det er ikke skrevet hvorfor.']);
    // Version 3 was made 21 May; its evaluation date, 4 June, passed without an evaluation.
    expect(check[4]!.missing).toEqual(['Evalueringen som skulle vært holdt 04.06.2026, er ikke registrert.', expect.stringMatching(/^Tiltak 1 i gjeldende plan sluttet/), expect.stringMatching(/^Tiltak 2 i gjeldende plan sluttet/)]);
  });
});

describe('the PDF', () => {
  let full: PdfText;
  let parents: PdfText;
  beforeAll(async () => {
    full = await pdfText(await renderCaseFilePdf(file, { variant: 'full', lang: 'nb' }));
    parents = await pdfText(await renderCaseFilePdf(file, { variant: 'parents', lang: 'nb' }));
  });

  it('opens with the case, the school, the pupil and the completeness check', () => {
    const first = full.pages[0]!.replace(/\s+/g, ' ');
    expect(first).toContain('Saksmappe – saksnummer 2026-0007');
    expect(first).toMatch(/Skole Bjørk skole \d+/);
    expect(first).toContain('Elev Nora Nilsen (NN, 2015)');
    expect(first).toContain('Kompletthetssjekk (opplæringsloven § 12-4)');
    expect(first).toContain('Følge med: I orden');
    expect(first).toContain('Undersøke: Mangler');
    expect(first).toContain('Fristen «Undersøkelsen startes» (15.04.2026 kl. 16:00) ble oversittet, og det er ikke skrevet hvorfor.');
    expect(first).toContain('Evalueringen som skulle vært holdt 04.06.2026, er ikke registrert.');
    expect(first).toContain('Sette inn tiltak og lage aktivitetsplan: Mangler');
    // Norwegian letters survive the standard font's encoding.
    expect(full.flat).toContain('æøå ÆØÅ');
    expect(full.title).toBe('Saksmappe 2026-0007');
  });

  it('contains every plan version with the moment it was made', () => {
    for (const [i, at] of rich.planCreatedAt.entries()) {
      expect(full.flat).toContain(`Aktivitetsplan versjon ${i + 1} – laget ${formatInstant(at.toISOString())}`);
    }
    expect(full.flat).toContain('Aktivitetsplan versjon 1 – laget 23.04.2026 kl. 09:00');
  });

  it('has the timeline in time order, every entry with who', () => {
    const timeline = between(full.flat, 'Tidslinje Tidspunkt Hva Hvem', 'Elevsamtaler (følge med)');
    const instants = instantsIn(timeline);
    expect(instants.length).toBeGreaterThanOrEqual(file.timeline.length);
    expect(instants).toEqual([...instants].sort());
    expect(timeline).toContain('Bekymring meldt: Mobbing – Kjennskap');
    expect(timeline).toContain('Tone Lærer (ansatt)');
    expect(timeline).toContain('Saken delegert: Leder: Lars Leder');
    expect(timeline.indexOf('Undersøkelsen startet')).toBeLessThan(timeline.indexOf('Aktivitetsplan laget: versjon 1'));
    expect(timeline.indexOf('Aktivitetsplan laget: versjon 1')).toBeLessThan(timeline.indexOf('Aktivitetsplan revidert: versjon 3'));
  });

  it("has the pupil's half-yearly conversations (følge med)", () => {
    const section = between(full.flat, 'Elevsamtaler (følge med)', 'Meldinger (melde fra og gripe inn)');
    expect(section).toContain('Elevsamtale vår 2026 – 10.03.2026 kl. 10:00');
    expect(section).toContain('Har eleven det trygt og godt på skolen? Usikker');
    expect(section).toContain('Tone Lærer (ansatt)');
    expect(between(parents.flat, 'Elevsamtaler (følge med)', 'Meldinger (melde fra og gripe inn)')).toContain('nevner at [annen elev] erter henne');
  });

  it('names the notices by role, and the owner as "skoleeier"', () => {
    const notices = between(full.flat, 'Varsler som er sendt', 'Kvitteringer fra skoleeier');
    expect(notices).toContain('13.04.2026 kl. 09:01');
    expect(notices).toContain('Petra Rektor (rektor)');
    expect(notices).toContain('Lars Leder (leder)');
    expect(notices).toContain('Varsel til skoleeier');
    expect(notices).not.toContain('Olav Eier');
  });

  it('lists the external bodies involved in time order with their dates; the parents copy keeps them, without other pupils', () => {
    const section = between(full.flat, 'Eksterne instanser', 'Oversikt over dokumentene');
    const welfare = section.indexOf('Barnevernet – 17.04.2026');
    const ppt = section.indexOf('PPT (pedagogisk-psykologisk tjeneste): PPT for Bjørk – 20.04.2026');
    const police = section.indexOf('Politiet – 04.05.2026');
    expect([welfare, ppt, police].every((i) => i >= 0), section).toBe(true);
    expect(welfare).toBeLessThan(ppt);
    expect(ppt).toBeLessThan(police);
    expect(section).toContain('Bekymringsmelding sendt. Emil Berg er nevnt i meldingen.');
    expect(section).toContain('Dato for kontakt 20.04.2026');
    expect(section).toContain('Drøftet saken anonymt med PPT; råd om tiltak i klassen.');
    expect(section).toContain('Lars Leder (leder)');
    expect(section).toContain('bilder som deles mellom elevene');
    expect(between(full.flat, 'Tidslinje', 'Elevsamtaler')).toContain('Ekstern instans registrert: Barnevernet – Dato for kontakt: 17.04.2026');
    expect(full.flat.slice(full.flat.indexOf('Oversikt over dokumentene'))).toContain('Ekstern instans: PPT (pedagogisk-psykologisk tjeneste): PPT for Bjørk (20.04.2026)');

    const kept = between(parents.flat, 'Eksterne instanser', 'Oversikt over dokumentene');
    expect(kept).toContain('Barnevernet – 17.04.2026');
    expect(kept).toContain('Drøftet saken anonymt med PPT');
    expect(kept).toContain('Bekymringsmelding sendt. [annen elev] er nevnt i meldingen.');
    expect(kept).toContain('Politiet – 04.05.2026');
    expect(kept).not.toContain('bilder som deles');
    expect(kept).toContain('[opplysninger om andre elever er tatt ut]');
  });

  it('the full copy names the other pupils; the parents copy does not', () => {
    expect(full.flat).toContain('Emil Berg');
    expect(full.flat).toContain('Sara Holm');
    for (const name of ['Emil', 'Berg', 'Sara Holm', 'Holm', 'Ida Lund']) expect(parents.flat).not.toContain(name);
    expect(parents.flat).toContain('[annen elev]');
    expect(parents.flat).toContain('[opplysninger om andre elever er tatt ut]');
    expect(parents.flat).toContain('Kopi til foreldrene');
    // The pupil's own name stays in what the school wrote about her.
    expect(parents.flat).toContain('Nora sier at hun gruer seg');
    expect(parents.pages[0]).not.toContain('Nora Nilsen');
  });
});

describe('the HTML', () => {
  it('escapes what people typed', () => {
    const html = renderCaseFileHtml(file, { variant: 'full', lang: 'nb' });
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; «stygge ting»');
    expect(html).toMatch(/^<!doctype html>\n<html lang="nb">/);
    expect(html).toContain('Aktivitetsplan versjon 2 – laget');
  });

  it('the parents copy names no other pupil', () => {
    const html = renderCaseFileHtml(file, { variant: 'parents', lang: 'nb' });
    for (const name of ['Emil', 'Berg', 'Sara', 'Holm']) expect(html).not.toContain(name);
    expect(html).toContain('[annen elev]');
  });
});
