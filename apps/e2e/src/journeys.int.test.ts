// The main journeys, in a real browser against the real stack (stack.ts): a teacher reports a
// concern, the principal takes the case on, a late start needs a written reason, and an owner's
// acknowledgement link that is unknown says so plainly.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { markFailed, notifications } from '@trygg/db';
import { and, eq, isNull } from 'drizzle-orm';
import { launchBrowser } from './browser';
import { osloDate, startStack, type Stack } from './stack';

let stack: Stack;
let browser: Browser;
const contexts: BrowserContext[] = [];
/** Uncaught errors in the pages: a journey that passes with a broken page still fails. */
const pageErrors: string[] = [];

beforeAll(async () => {
  // The browser first: without it there is nothing to test, and the message says what to install.
  browser = await launchBrowser();
  stack = await startStack();
});

afterEach(() => {
  expect(pageErrors.splice(0)).toEqual([]);
});

afterAll(async () => {
  for (const c of contexts) await c.close().catch(() => {});
  await browser?.close();
  await stack?.close();
});

/** A fresh browser session (own cookies), failing the test on any page error. */
async function newPage(): Promise<Page> {
  const context = await browser.newContext({ locale: 'nb-NO', timezoneId: 'Europe/Oslo', viewport: { width: 1280, height: 900 } });
  contexts.push(context);
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(`${page.url()}: ${error.message}`));
  return page;
}

async function logIn(page: Page, personId: string): Promise<void> {
  await page.getByRole('textbox', { name: /^E-postadresse/ }).fill(await stack.emailOf(personId));
  await page.getByRole('button', { name: 'Logg inn', exact: true }).click();
}

let caseNumber = '';
/** The first case's address (/saker/<id>), for the journeys that work on it. */
let casePath = '';
/** The second case (Emil Berg, started late), for the measure owner's journey. */
let secondCase = { id: '', number: '' };

describe('browser journeys', () => {
  it('a teacher logs in, files a report and sees the case number', async () => {
    const page = await newPage();
    // A signed-in page without a session goes to the login page, and back after logging in.
    await page.goto(`${stack.url}/meld`);
    await page.waitForURL(/\/logg-inn\?neste=%2Fmeld$/);
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toBe('Logg inn');
    // This stack has no identity provider: the page says so, and offers the tests' email login.
    await page.getByRole('heading', { name: 'Testinnlogging (bare i automatiske tester)' }).waitFor();
    await expect(page.getByText('Innlogging med Feide er ikke satt opp på denne serveren.').isVisible()).resolves.toBe(true);
    await page.screenshot({ path: '/tmp/trygg-e2e-login.png', fullPage: true });
    await logIn(page, stack.school.teacher);
    await page.waitForURL(/\/meld$/);
    await page.getByRole('heading', { name: 'Meld bekymring', level: 1 }).waitFor();
    await expect(page.title()).resolves.toBe('Meld bekymring – trygg');

    // Sent empty: the API's problems appear next to the fields.
    await page.locator('select[name="pupilId"]').waitFor();
    await page.getByRole('button', { name: 'Send meldingen til rektor' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Noe er feil i det som ble sendt inn.');
    await expect(page.locator('select[name="pupilId"]').getAttribute('aria-invalid')).resolves.toBe('true');
    await page.screenshot({ path: '/tmp/trygg-e2e-report-errors.png', fullPage: true });
    const pupilError = await page.locator('select[name="pupilId"]').getAttribute('aria-describedby');
    expect(pupilError).toBeTruthy();

    await page.locator('select[name="pupilId"]').selectOption({ label: 'Nora Nilsen (2015)' });
    await page.getByRole('radio', { name: /^Kjennskap/ }).check();
    await page.getByLabel('Hva gjelder det?').selectOption('bullying');
    await page.getByLabel('Hva har skjedd?').fill('Eleven blir holdt utenfor i friminuttene og sier hun gruer seg til skolen.');
    await page.getByRole('group', { name: /Grep du inn\?/ }).getByRole('radio', { name: 'Ja' }).check();
    await page.getByLabel('Hvordan grep du inn?').fill('Snakket med elevene i friminuttet.');
    await page.getByRole('button', { name: 'Send meldingen til rektor' }).click();

    await page.getByRole('heading', { name: 'Meldingen er sendt', level: 1 }).waitFor();
    const text = (await page.locator('.case-number strong').textContent()) ?? '';
    expect(text).toMatch(/^2026-\d{4}$/);
    caseNumber = text;
    await expect(page.getByRole('status').first().textContent()).resolves.toContain(`sak ${caseNumber}`);
  });

  it('the principal sees the case, acknowledges it and starts the investigation; the timeline follows', async () => {
    expect(caseNumber, 'the first journey files the case').not.toBe('');
    const page = await newPage();
    await page.goto(`${stack.url}/logg-inn`);
    await logIn(page, stack.school.principal);
    await page.waitForURL(/\/saker$/);
    const row = page.getByRole('row', { name: new RegExp(caseNumber) });
    await row.waitFor();
    await expect(row.textContent()).resolves.toContain('Meldt');
    await expect(row.textContent()).resolves.toContain('NN');
    await page.screenshot({ path: '/tmp/trygg-e2e-cases.png', fullPage: true });

    await row.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Sak ${caseNumber}`) }).waitFor();
    // Case number only: no pupil name in the title or the address.
    await expect(page.title()).resolves.toBe(`Sak ${caseNumber} – trygg`);
    expect(page.url()).not.toMatch(/nora|nilsen/i);
    casePath = new URL(page.url()).pathname;
    const deadlines = page.getByRole('table', { name: 'Frister i saken (norsk tid)' });
    await expect(deadlines.textContent()).resolves.toContain('Rektor registrerer meldingen');
    // Reported Monday 13 April 09:00: registering is due the next school day at 16:00 Oslo time.
    await expect(deadlines.getByRole('row', { name: /Rektor registrerer meldingen/ }).textContent()).resolves.toContain('tirsdag 14. april 2026 kl. 16.00');
    await expect(deadlines.getByRole('row', { name: /Rektor registrerer meldingen/ }).textContent()).resolves.toContain('Åpen');

    const actions = page.getByRole('complementary', { name: 'Hva kan gjøres nå' });
    await actions.getByRole('button', { name: 'Registrer meldingen' }).click();
    await actions.getByRole('button', { name: 'Bekreft' }).click();
    await page.getByText('Registrert. Tidslinjen er oppdatert.').waitFor();
    const timeline = page.locator('ol.timeline');
    await expect(timeline.textContent()).resolves.toContain('Meldingen registrert av rektor');
    await expect(deadlines.getByRole('row', { name: /Rektor registrerer meldingen/ }).textContent()).resolves.toContain('Overholdt');

    await actions.getByRole('button', { name: 'Start undersøkelsen' }).click();
    // On time: no reason is asked for.
    await expect(actions.getByLabel(/Begrunnelse for forsinkelsen/).count()).resolves.toBe(0);
    await actions.getByRole('button', { name: 'Bekreft' }).click();
    await page.locator('ol.timeline li', { hasText: 'Undersøkelsen startet' }).waitFor();
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Undersøkes');
    await expect(actions.getByRole('button', { name: 'Start undersøkelsen' }).count()).resolves.toBe(0);

    await page.screenshot({ path: '/tmp/trygg-e2e-case.png', fullPage: true });
  });

  it('a late start asks for a written reason and shows the refusal in the API’s words', async () => {
    // A second report, filed through the API as the teacher, then a week passes.
    const teacher = await newPage();
    await teacher.goto(`${stack.url}/logg-inn`);
    await logIn(teacher, stack.school.teacher);
    await teacher.waitForURL(/\/saker$/);
    const created = await teacher.evaluate(
      async (body) => {
        const res = await fetch('/api/reports', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
        return (await res.json()) as { caseId: string; number: string };
      },
      { schoolId: stack.school.schoolId, pupilId: stack.school.otherPupil, basis: 'suspicion', category: 'exclusion', description: 'Sitter alene hver dag.', intervened: false },
    );
    expect(created.number).toMatch(/^2026-\d{4}$/);
    secondCase = { id: created.caseId, number: created.number };
    stack.clock.now = osloDate('2026-04-20T10:00');

    const page = await newPage();
    await page.goto(`${stack.url}/saker/${created.caseId}`);
    await page.waitForURL(/\/logg-inn/);
    await logIn(page, stack.school.principal);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Sak ${created.number}`) }).waitFor();
    const startRow = page.getByRole('row', { name: /Undersøkelsen starter/ });
    await expect(startRow.textContent()).resolves.toContain('Oversittet');

    const actions = page.getByRole('complementary', { name: 'Hva kan gjøres nå' });
    await actions.getByRole('button', { name: 'Start undersøkelsen' }).click();
    const reason = actions.getByLabel(/Begrunnelse for forsinkelsen/);
    await reason.waitFor();
    const refused = page.waitForResponse((r) => r.url().endsWith('/start-investigation'));
    await actions.getByRole('button', { name: 'Bekreft' }).click();
    const body = (await (await refused).json()) as { error: { message: string; problems: { field: string; message: string }[] } };
    expect((await refused).status()).toBe(422);
    await actions.getByRole('alert').waitFor();
    await expect(actions.getByRole('alert').textContent()).resolves.toContain(body.error.message);
    await expect(reason.getAttribute('aria-invalid')).resolves.toBe('true');
    const fieldError = body.error.problems.find((p) => p.field === 'delayReason')!.message;
    await expect(actions.locator('.field-error').first().textContent()).resolves.toBe(fieldError);
    await page.screenshot({ path: '/tmp/trygg-e2e-late-start.png', fullPage: true });

    await reason.fill('Rektor var på kurs hele uken; ingen andre kunne starte undersøkelsen.');
    await actions.getByRole('button', { name: 'Bekreft' }).click();
    const entry = page.locator('ol.timeline li', { hasText: 'Undersøkelsen startet' });
    await entry.waitFor();
    await expect(entry.textContent()).resolves.toContain('Rektor var på kurs hele uken');
    await expect(page.getByRole('row', { name: /Undersøkelsen starter/ }).textContent()).resolves.toContain('Overholdt for sent');
  });

  it('an unknown acknowledgement link says so plainly, without logging in', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/kvittering/ukjent-lenke-0123456789abcdef`);
    await page.getByRole('heading', { level: 1, name: 'Lenken er ukjent' }).waitFor();
    await expect(page.getByText('Vi fant ikke varselet denne lenken peker på.').isVisible()).resolves.toBe(true);
    expect(page.url()).toContain('/kvittering/');

    // The keyboard reaches the skip link first; the language switch turns the page into Nynorsk.
    await page.keyboard.press('Tab');
    await expect(page.evaluate(() => document.activeElement?.textContent)).resolves.toBe('Hopp til innholdet');
    await page.getByLabel('Språk').selectOption('nn');
    await page.getByRole('heading', { level: 1, name: 'Lenkja er ukjend' }).waitFor();
    await expect(page.evaluate(() => document.documentElement.lang)).resolves.toBe('nn');
  });

  it('the development mailbox lists what was sent and shows a mail with its links', async () => {
    await mkdir(stack.mailboxDir, { recursive: true });
    const link = `${stack.url}/kvittering/ukjent-lenke-0123456789abcdef`;
    await writeFile(
      join(stack.mailboxDir, '0001-varsel.eml'),
      [
        'From: trygg <varsel@trygg.test>',
        'To: olav.eier@example.test',
        'Subject: =?UTF-8?Q?Alvorlig_sak_2026-0001_ved_Bj=C3=B8rk_skole?=',
        'Date: Mon, 13 Apr 2026 07:05:00 +0000',
        'Message-ID: <n-1@trygg.test>',
        'MIME-Version: 1.0',
        'Content-Type: text/plain; charset=utf-8',
        'Content-Transfer-Encoding: 8bit',
        '',
        'Rektor har varslet om en alvorlig sak.',
        `Kvitter her: ${link}`,
        '',
      ].join('\r\n'),
    );
    const page = await newPage();
    await page.goto(`${stack.url}/e-post`);
    const mail = page.getByRole('link', { name: 'Alvorlig sak 2026-0001 ved Bjørk skole' });
    await mail.click();
    await page.getByRole('heading', { level: 1, name: 'Alvorlig sak 2026-0001 ved Bjørk skole' }).waitFor();
    await expect(page.locator('.mail-text').textContent()).resolves.toContain('Rektor har varslet om en alvorlig sak.');
    await expect(page.getByRole('link', { name: link }).getAttribute('href')).resolves.toBe(link);
    await expect(page.title()).resolves.toBe('E-post (utvikling) – trygg');
  });
});

/** The problems of a refused request, as the API sent them. */
type Refusal = { error: { code: string; message: string; problems?: { field: string; message: string }[] } };

describe('case work: investigation, activity plan, evaluation', () => {
  it('the principal records the investigation, is refused concluding before the pupil is heard, then concludes', async () => {
    expect(casePath, 'the second journey opens the first case').not.toBe('');
    // The clock stands at Monday 20 April 2026 10:00 (the late-start journey moved it).
    const page = await newPage();
    await page.goto(`${stack.url}${casePath}`);
    await page.waitForURL(/\/logg-inn/);
    await logIn(page, stack.school.principal);
    await page.getByRole('heading', { level: 1, name: new RegExp(`Sak ${caseNumber}`) }).waitFor();
    const section = page.locator('section#undersokelse');
    await section.getByRole('heading', { level: 2, name: 'Undersøkelse' }).waitFor();
    await expect(section.getByRole('list', { name: 'Før undersøkelsen kan avsluttes' }).textContent()).resolves.toContain('Eleven er hørt (§ 10-2): Nei');

    // The side panel's "Avslutt undersøkelsen" leads to the form, which sits with the record.
    await page.getByRole('complementary', { name: 'Hva kan gjøres nå' }).getByRole('button', { name: 'Avslutt undersøkelsen' }).click();
    await expect
      .poll(() => page.evaluate(() => (document.activeElement?.closest('form')?.getAttribute('aria-label') ?? '') + '|' + document.activeElement?.textContent))
      .toBe('Avslutt undersøkelsen|Avslutt undersøkelsen');

    // Concluding before the pupil is heard: the form says it will be refused, and the API does.
    const conclude = page.getByRole('form', { name: 'Avslutt undersøkelsen' });
    await expect(conclude.textContent()).resolves.toContain('Eleven er ikke hørt. Registrer en samtale med eleven først (§ 10-2).');
    await conclude.getByRole('group', { name: /Trengs tiltak\?/ }).getByRole('radio', { name: 'Ja' }).check();
    await conclude.getByLabel(/^Hvorfor\?/).fill('Nora blir holdt utenfor; skolen setter inn tiltak.');
    const refused = page.waitForResponse((r) => r.url().endsWith('/conclude-investigation'));
    await conclude.getByRole('button', { name: 'Avslutt undersøkelsen' }).click();
    const refusal = (await (await refused).json()) as Refusal;
    expect((await refused).status()).toBe(409);
    await conclude.getByRole('alert').waitFor();
    await expect(conclude.getByRole('alert').textContent()).resolves.toContain(refusal.error.message);
    expect(refusal.error.message).toContain('Eleven er ikke hørt');
    await page.screenshot({ path: '/tmp/trygg-e2e-conclude-refused.png', fullPage: true });
    await section.screenshot({ path: '/tmp/trygg-e2e-conclude-refused-section.png' });

    // A conversation with the pupil (the principal did it: preselected as the one who did it).
    await section.getByRole('button', { name: 'Registrer et skritt i undersøkelsen' }).click();
    let step = page.getByRole('form', { name: 'Registrer et skritt i undersøkelsen' });
    await step.getByRole('radio', { name: 'Samtale med eleven' }).check();
    await expect(step.getByLabel(/^Hvem gjennomførte det\?/).locator('option:checked').textContent()).resolves.toBe('Petra Rektor');
    await step.getByLabel(/^Hva kom fram\?/).fill('Nora forteller at hun står alene i friminuttene og vil ha en voksen i nærheten.');
    await step.getByRole('button', { name: 'Lagre' }).click();
    await section.getByText('Lagret i undersøkelsen. Tidslinjen er oppdatert.').waitFor();
    const steps = section.locator('ol.record-list').first();
    await expect(steps.textContent()).resolves.toContain('Samtale med eleven');

    // A conversation with other pupils: always marked, and the pupil named is listed.
    await section.getByRole('button', { name: 'Registrer et skritt i undersøkelsen' }).click();
    step = page.getByRole('form', { name: 'Registrer et skritt i undersøkelsen' });
    await step.getByRole('radio', { name: 'Samtale med andre elever' }).check();
    await step.getByLabel(/^Hva kom fram\?/).fill('Emil sier at de andre ikke lar Nora være med i fotballen.');
    await step.getByRole('button', { name: 'Legg til en elev' }).click();
    await step.getByLabel('Elev 1', { exact: true }).selectOption({ label: 'Emil Berg (2015)' });
    await step.getByRole('button', { name: 'Lagre' }).click();
    const othersStep = steps.locator('li', { hasText: 'Samtale med andre elever' });
    await othersStep.waitFor();
    await expect(othersStep.textContent()).resolves.toContain('Gjelder andre elever');
    await expect(othersStep.textContent()).resolves.toContain('Emil Berg');

    // The child's best (§ 10-1).
    await section.getByRole('button', { name: 'Skriv vurderingen av barnets beste' }).click();
    const best = page.getByRole('form', { name: 'Skriv vurderingen av barnets beste' });
    await best.getByLabel(/^Vurdering av barnets beste/).fill('Det er best for Nora å bli i klassen, med en voksen tett på i friminuttene.');
    await best.getByRole('button', { name: 'Lagre' }).click();
    const checklist = section.getByRole('list', { name: 'Før undersøkelsen kan avsluttes' });
    await expect.poll(() => checklist.textContent()).toContain('Barnets beste er vurdert (§ 10-1): Ja');
    await expect(checklist.textContent()).resolves.toContain('Eleven er hørt (§ 10-2): Ja');
    await page.screenshot({ path: '/tmp/trygg-e2e-investigation.png', fullPage: true });
    await section.screenshot({ path: '/tmp/trygg-e2e-investigation-section.png' });

    // The record now has what was missing: the old refusal is gone from the form.
    await expect(conclude.getByRole('alert').count()).resolves.toBe(0);

    // Now concluding works.
    await conclude.getByRole('group', { name: /Trengs tiltak\?/ }).getByRole('radio', { name: 'Ja' }).check();
    await conclude.getByLabel(/^Hvorfor\?/).fill('Nora blir holdt utenfor; skolen setter inn tiltak.');
    await conclude.getByRole('button', { name: 'Avslutt undersøkelsen' }).click();
    await page.locator('ol.timeline li', { hasText: 'Undersøkelsen avsluttet' }).waitFor();
    await expect.poll(() => section.textContent()).toContain('Nora blir holdt utenfor; skolen setter inn tiltak.');
    await expect(page.getByRole('form', { name: 'Avslutt undersøkelsen' }).count()).resolves.toBe(0);
  });

  it('the principal makes the activity plan: refused without a responsible person (shown at the field), then version 1 with its time', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}${casePath}`);
    await page.waitForURL(/\/logg-inn/);
    await logIn(page, stack.school.principal);
    const section = page.locator('section#aktivitetsplan');
    await section.getByRole('button', { name: 'Lag aktivitetsplan' }).click();
    const form = page.getByRole('form', { name: 'Lag aktivitetsplan' });
    await form.getByLabel(/^Problembeskrivelse/).fill('Nora blir holdt utenfor i friminuttene og gruer seg til å gå på skolen.');
    const measure = form.getByRole('group', { name: /^Tiltak 1/ });
    await measure.getByLabel(/^Hva skal gjøres, og hvordan\?/).fill('En fast voksen er ute i alle friminutt og tar Nora med i leken.');
    await measure.getByLabel(/^Nivå/).selectOption({ label: 'Individnivå' });
    await measure.getByLabel(/^Starter/).fill('2026-04-21');
    await measure.getByLabel(/^Slutter/).fill('2026-05-29');
    await measure.getByLabel(/^Evalueres/).fill('2026-05-04');
    await form.getByLabel(/^Elevens syn på tiltakene/).fill('Nora vil gjerne ha en voksen ute.');
    await form.getByRole('button', { name: 'Legg til et forslag fra foreldrene' }).click();
    await form.getByLabel(/^Forslag 1/).fill('Nora bytter klasse');
    await form.getByRole('group', { name: /Er forslaget tatt med i planen\?/ }).getByRole('radio', { name: 'Nei' }).check();
    await form.getByLabel(/^Hvorfor ble det ikke valgt\?/).fill('Det som skjer, skjer i friminuttet, der alle klassene er ute samtidig.');

    // No one chosen to carry out the measure: refused, and the problem stands at "Ansvarlig".
    const refused = page.waitForResponse((r) => r.url().endsWith('/plans') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Lagre planen' }).click();
    const response = await refused;
    expect(response.status()).toBe(422);
    const body = (await response.json()) as Refusal;
    const problem = body.error.problems?.find((p) => p.field === 'measures[0].responsible');
    expect(problem, JSON.stringify(body)).toBeDefined();
    const responsible = measure.getByRole('group', { name: /^Ansvarlig/ });
    await responsible.locator('.field-error').waitFor();
    await expect(responsible.locator('.field-error').textContent()).resolves.toBe(problem!.message);
    await expect(form.getByRole('alert').textContent()).resolves.toContain('Aktivitetsplanen kan ikke lagres ennå.');
    await responsible.scrollIntoViewIfNeeded();
    await page.screenshot({ path: '/tmp/trygg-e2e-plan-refused.png', fullPage: true });
    await form.screenshot({ path: '/tmp/trygg-e2e-plan-refused-form.png' });

    await responsible.getByLabel('Ansvarlig 1', { exact: true }).selectOption({ label: 'Tone Lærer' });
    await form.getByRole('button', { name: 'Lagre planen' }).click();
    await section.getByText('Versjon 1 av aktivitetsplanen er lagret.').waitFor();
    const current = section.getByRole('heading', { level: 3, name: /^Gjeldende plan/ });
    await expect(current.textContent()).resolves.toBe('Gjeldende plan: Versjon 1, laget 20. april 2026 kl. 10.00 av Petra Rektor');
    await expect(section.locator('table.measures').first().textContent()).resolves.toContain('Tone Lærer');
    await expect(section.textContent()).resolves.toContain('Det som skjer, skjer i friminuttet');
    await expect(page.getByRole('heading', { level: 1 }).textContent()).resolves.toContain('Tiltak');
    // Never editable in place: a new version is the only way to change it.
    await expect(section.getByRole('button', { name: 'Lag ny versjon' }).isVisible()).resolves.toBe(true);
    await expect(section.locator('textarea, input, select').count()).resolves.toBe(0);
    await page.screenshot({ path: '/tmp/trygg-e2e-plan-v1.png', fullPage: true });
    await section.screenshot({ path: '/tmp/trygg-e2e-plan-v1-section.png' });

    // In Nynorsk the version says when it was made in Nynorsk.
    await page.getByLabel('Språk').selectOption('nn');
    await section.getByRole('heading', { level: 3, name: 'Gjeldande plan: Versjon 1, laga 20. april 2026 kl. 10.00 av Petra Rektor' }).waitFor();
    await expect(section.getByRole('button', { name: 'Lag ny versjon' }).isVisible()).resolves.toBe(true);
  });

  it('an evaluation that adjusts the plan makes version 2; version 1 stays as it was', async () => {
    stack.clock.now = osloDate('2026-05-04T10:00');
    const page = await newPage();
    await page.goto(`${stack.url}${casePath}`);
    await page.waitForURL(/\/logg-inn/);
    await logIn(page, stack.school.principal);
    const section = page.locator('section#evaluering');
    await section.getByRole('heading', { level: 2, name: 'Evaluering' }).waitFor();
    await section.getByText('mandag 4. mai 2026').waitFor();
    await section.getByRole('button', { name: 'Registrer evaluering' }).click();
    const form = page.getByRole('form', { name: 'Registrer evaluering' });
    await expect(form.getByRole('radio', { name: 'mandag 4. mai 2026' }).isChecked()).resolves.toBe(true);
    const m1 = form.getByRole('group', { name: /^Tiltak 1: En fast voksen/ });
    await m1.getByLabel(/^Hvordan er tiltaket gjennomført siden sist\?/).fill('En voksen har vært ute i alle friminutt unntatt to.');
    await m1.getByLabel(/^Hvilken effekt har tiltaket hatt for eleven\?/).fill('Nora er med i leken oftere, men sier fotballen fortsatt er vanskelig.');
    await form.getByLabel(/^Elevens syn/).fill('Det er bedre, men jeg vil være med i fotballen.');
    await form.getByRole('group', { name: /Har eleven det trygt og godt på skolen nå\?/ }).getByRole('radio', { name: 'Nei' }).check();
    // Closing is only offered when the pupil is safe and well.
    await expect(form.getByRole('radio', { name: /Avslutte saken/ }).count()).resolves.toBe(0);
    await form.getByRole('radio', { name: /^Justere/ }).check();

    // The new version, prefilled from version 1: add a measure at class level.
    const revised = form.getByRole('group', { name: 'Ny versjon av planen (versjon 2)' });
    await expect(revised.getByLabel(/^Problembeskrivelse/).inputValue()).resolves.toContain('Nora blir holdt utenfor');
    await revised.getByRole('button', { name: 'Legg til et tiltak' }).click();
    const m2 = revised.getByRole('group', { name: /^Tiltak 2/ });
    await m2.getByLabel(/^Hva skal gjøres, og hvordan\?/).fill('Klassemøte om hvordan alle får være med i fotballen.');
    await m2.getByLabel(/^Nivå/).selectOption({ label: 'Klasse eller gruppe' });
    await m2.getByLabel(/^Starter/).fill('2026-05-05');
    await m2.getByLabel(/^Slutter/).fill('2026-06-12');
    await m2.getByLabel('Ansvarlig 1', { exact: true }).selectOption({ label: 'Lars Leder' });
    await m2.getByLabel(/^Evalueres/).fill('2026-05-18');
    await form.getByLabel(/^Neste evaluering/).fill('2026-05-18');
    await page.screenshot({ path: '/tmp/trygg-e2e-evaluation-form.png', fullPage: true });
    await form.screenshot({ path: '/tmp/trygg-e2e-evaluation-form-only.png' });
    await form.getByRole('button', { name: 'Lagre evalueringen' }).click();

    await section.getByText('Evalueringen er lagret, og versjon 2 av aktivitetsplanen er laget.').waitFor();
    const plan = page.locator('section#aktivitetsplan');
    await expect(plan.getByRole('heading', { level: 3, name: /^Gjeldende plan/ }).textContent()).resolves.toBe(
      'Gjeldende plan: Versjon 2, laget 4. mai 2026 kl. 10.00 av Petra Rektor',
    );
    await expect(plan.locator('table.measures').first().textContent()).resolves.toContain('Klassemøte om hvordan alle får være med i fotballen.');
    const held = section.locator('ol.record-list > li').first();
    await expect(held.textContent()).resolves.toContain('Evaluering planlagt 4. mai 2026');
    await expect(held.textContent()).resolves.toContain('Justere — ny planversjon 2');
    await expect(held.textContent()).resolves.toContain('Nora er med i leken oftere');

    // Version 1, unchanged: its time, one measure, no class meeting.
    const versions = plan.locator('ul.versions > li');
    await expect(versions.count()).resolves.toBe(2);
    const v1 = versions.filter({ hasText: 'Versjon 1, laget 20. april 2026 kl. 10.00' });
    await v1.locator('summary').click();
    const v1Measures = v1.locator('table.measures tbody tr');
    await expect(v1Measures.count()).resolves.toBe(1);
    await expect(v1.textContent()).resolves.toContain('En fast voksen er ute i alle friminutt');
    await expect(v1.textContent()).resolves.not.toContain('Klassemøte');
    await expect(page.locator('section#evaluering').textContent()).resolves.toContain('mandag 18. mai 2026');
    await page.screenshot({ path: '/tmp/trygg-e2e-plan-v2.png', fullPage: true });
    await plan.screenshot({ path: '/tmp/trygg-e2e-plan-v2-section.png' });
    await section.screenshot({ path: '/tmp/trygg-e2e-evaluation-section.png' });

    // On a phone the page reads top to bottom: the side panel after the case work.
    await page.setViewportSize({ width: 390, height: 844 });
    await plan.screenshot({ path: '/tmp/trygg-e2e-plan-v2-phone.png' });
    await page.screenshot({ path: '/tmp/trygg-e2e-case-phone.png' });
    await page.setViewportSize({ width: 1280, height: 900 });

    // The case file: offered to the principal, as links to the API.
    const file = page.locator('section#saksmappe');
    await expect(file.getByRole('link', { name: 'Last ned saksmappen (PDF)' }).getAttribute('href')).resolves.toBe(
      `/api${casePath.replace('/saker', '/cases')}/casefile?format=pdf&variant=full&lang=nb`,
    );
    await expect(file.getByRole('link', { name: 'Last ned foreldrenes kopi (HTML)' }).getAttribute('href')).resolves.toBe(
      `/api${casePath.replace('/saker', '/cases')}/casefile?format=html&variant=parents&lang=nb`,
    );
    // The links work in the browser's session: the full file names the other pupil, the parents' copy does not.
    const fetched = await page.evaluate(async (hrefs) => {
      const out: { status: number; type: string; text: string }[] = [];
      for (const href of hrefs) {
        const res = await fetch(href ?? '');
        const type = res.headers.get('content-type') ?? '';
        out.push({ status: res.status, type, text: type.startsWith('application/pdf') ? (await res.text()).slice(0, 5) : await res.text() });
      }
      return out;
    }, await Promise.all(['Last ned saksmappen (HTML)', 'Last ned foreldrenes kopi (HTML)', 'Last ned saksmappen (PDF)'].map((name) => file.getByRole('link', { name }).getAttribute('href'))));
    const [fullHtml, parentsHtml, pdf] = fetched;
    expect(fullHtml).toMatchObject({ status: 200, type: expect.stringContaining('text/html') });
    expect(fullHtml!.text).toContain(caseNumber);
    expect(fullHtml!.text).toContain('Emil Berg');
    expect(parentsHtml!.status).toBe(200);
    expect(parentsHtml!.text).toContain(caseNumber);
    expect(parentsHtml!.text).not.toContain('Emil Berg');
    expect(pdf).toMatchObject({ status: 200, type: 'application/pdf', text: '%PDF-' });
  });
});

describe('pupil conversations', () => {
  it('a teacher records a conversation answered "nei" and is shown the new case number', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/logg-inn`);
    await logIn(page, stack.school.teacher);
    await page.waitForURL(/\/saker$/);
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Elevsamtaler' }).click();
    await page.getByRole('heading', { level: 1, name: 'Elevsamtaler' }).waitFor();
    await expect(page.title()).resolves.toBe('Elevsamtaler – trygg');
    await page.getByRole('heading', { level: 2, name: 'Venter på samtale (2)' }).waitFor();
    await expect(page.getByLabel(/^Halvår/).locator('option:checked').textContent()).resolves.toBe('Vårhalvåret 2026');

    await page.getByRole('button', { name: 'Registrer samtale med Emil Berg' }).click();
    const form = page.getByRole('region', { name: 'Elevsamtale med Emil Berg' });
    await form.getByRole('radio', { name: 'Nei' }).check();
    await expect(form.getByRole('note').textContent()).resolves.toContain('Når eleven svarer nei, blir det meldt fra til rektor automatisk.');
    await form.getByLabel(/^Notat/).fill('Sier at han gruer seg til friminuttene.');
    await form.getByRole('button', { name: 'Registrer samtalen og meld fra til rektor' }).click();

    const confirmation = page.locator('.case-opened');
    await confirmation.waitFor();
    const number = (await confirmation.locator('.case-number strong').textContent()) ?? '';
    expect(number).toMatch(/^2026-\d{4}$/);
    expect(number).not.toBe(caseNumber);
    await expect(confirmation.textContent()).resolves.toContain('Samtalen med Emil Berg er registrert.');
    await expect(confirmation.getByRole('link', { name: 'Se saken' }).getAttribute('href')).resolves.toMatch(/^\/saker\/[0-9a-f-]{36}$/);
    await page.getByRole('heading', { level: 2, name: 'Samtale holdt (1)' }).waitFor();
    const row = page.getByRole('row', { name: /Emil Berg/ });
    await expect(row.textContent()).resolves.toContain('Nei');
    await expect(row.textContent()).resolves.toContain('Meldt til rektor');
    // Names on the page, never in the address or the title.
    expect(page.url()).not.toMatch(/emil|berg|nora/i);
    await expect(page.title()).resolves.toBe('Elevsamtaler – trygg');
    await page.screenshot({ path: '/tmp/trygg-e2e-conversation-no.png', fullPage: true });

    // The teacher filed it: the case shows its number and status, and no case file to download.
    await confirmation.getByRole('link', { name: 'Se saken' }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Sak ${number}`) }).waitFor();
    await expect(page.getByText('Du meldte denne saken.').isVisible()).resolves.toBe(true);
    await expect(page.getByRole('link', { name: /saksmappen/ }).count()).resolves.toBe(0);
  });

  it('the principal imports pupils from a CSV file: a bad line imports nothing and is named by its line number', async () => {
    const page = await newPage();
    await page.goto(`${stack.url}/elevsamtaler`);
    await page.waitForURL(/\/logg-inn/);
    await logIn(page, stack.school.principal);
    await page.getByRole('heading', { level: 1, name: 'Elevsamtaler' }).waitFor();
    const teacherEmail = await stack.emailOf(stack.school.teacher);
    const importer = page.getByRole('region', { name: 'Importer elever fra fil' });
    const upload = (name: string, csv: string) => importer.getByLabel('Fil (CSV)').setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(csv, 'utf8') });

    await importer.getByRole('button', { name: 'Importer' }).click();
    await expect(importer.locator('.field-error').textContent()).resolves.toBe('Velg en fil først.');

    await upload(
      'elever-feil.csv',
      ['Fornavn;Etternavn;Fødselsår;Klasse;Kontaktlærer e-post', `Sara;Holm;2015;5A;${teacherEmail}`, 'Jonas;;2015;5A;', 'Lea;Dahl;tjue;5B;'].join('\n'),
    );
    const refused = page.waitForResponse((r) => r.url().endsWith('/pupils/import'));
    await importer.getByRole('button', { name: 'Importer' }).click();
    expect((await refused).status()).toBe(400);
    const alert = importer.getByRole('alert');
    await alert.waitFor();
    await expect(alert.textContent()).resolves.toContain('Ingenting ble importert.');
    const lines = await alert.locator('li').allTextContents();
    expect(lines.some((l) => l.startsWith('Linje 3:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Linje 4:'))).toBe(true);
    expect(lines.some((l) => l.startsWith('Linje 2:'))).toBe(false);
    await page.screenshot({ path: '/tmp/trygg-e2e-import-errors.png', fullPage: true });
    await expect(page.getByRole('row', { name: /Sara Holm/ }).count()).resolves.toBe(0);

    await upload('elever.csv', ['Fornavn;Etternavn;Fødselsår;Klasse;Kontaktlærer e-post', `Sara;Holm;2015;5A;${teacherEmail}`, 'Jonas;Strand;2014;5A;'].join('\n'));
    await importer.getByRole('button', { name: 'Importer' }).click();
    await importer.getByRole('status').waitFor();
    await expect(importer.getByRole('status').textContent()).resolves.toContain('2 nye');
    await page.getByRole('row', { name: /Sara Holm/ }).waitFor();
    await expect(page.getByRole('row', { name: /Jonas Strand/ }).textContent()).resolves.toContain('2014');
  });
});

/** A request from the page, in its session (setup the journeys do not click through). */
async function apiPost(page: Page, path: string, body: unknown): Promise<{ status: number; body: unknown }> {
  return page.evaluate(
    async ([path, body]) => {
      const res = await fetch(path as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
      return { status: res.status, body: (await res.json().catch(() => null)) as unknown };
    },
    [path, body] as const,
  );
}

describe('measure owners, external bodies, failed notifications', () => {
  it('a staff member who carries out a measure finds it under «Mine tiltak», and sees only their part of the case', async () => {
    expect(secondCase.id, 'the late-start journey files the second case').not.toBe('');
    // The clock stands at Monday 4 May 2026 10:00. The principal concludes the second case's
    // investigation and makes its plan through the API, with Sofie SFO carrying out the measure
    // (she neither reported the case nor is the pupil's contact teacher).
    const principal = await newPage();
    await principal.goto(`${stack.url}/logg-inn`);
    await logIn(principal, stack.school.principal);
    await principal.waitForURL(/\/saker$/);
    const cases = `/api/cases/${secondCase.id}`;
    const setup = [
      [`${cases}/investigation/steps`, { kind: 'conversation_with_pupil', performedById: stack.school.principal, summary: 'Emil sier at han sitter alene fordi ingen vil ha ham med.' }],
      [`${cases}/investigation/best-interest`, { text: 'Det er best for Emil å få en voksen å gå til i friminuttene.' }],
      [`${cases}/conclude-investigation`, { measuresNeeded: true, conclusion: 'Emil har ikke et trygt og godt skolemiljø; skolen setter inn tiltak.' }],
      [
        `${cases}/plans`,
        {
          problem: 'Emil sitter alene i friminuttene og på SFO.',
          measures: [
            { level: 'after_school', description: 'En fast voksen på SFO tar eleven med i leken hver ettermiddag.', start: '2026-05-05', end: '2026-06-12', responsible: [stack.school.sfo], evaluationDate: '2026-05-18' },
          ],
          pupilView: 'Emil vil gjerne være med de andre på SFO.',
          parentsView: 'Foreldrene ønsker at SFO følger med.',
          parentProposals: [],
        },
      ],
    ] as const;
    for (const [path, body] of setup) {
      const res = await apiPost(principal, path, body);
      expect(res.status, `${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
    }

    const page = await newPage();
    await page.goto(`${stack.url}/logg-inn`);
    await logIn(page, stack.school.sfo);
    await page.waitForURL(/\/saker$/);
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Mine tiltak' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mine tiltak' }).waitFor();
    await expect(page.title()).resolves.toBe('Mine tiltak – trygg');
    expect(new URL(page.url()).pathname).toBe('/mine-tiltak');
    await expect.poll(() => page.getByRole('status').textContent()).toBe('Du gjennomfører ett tiltak.');
    const table = page.getByRole('table', { name: 'Tiltak du gjennomfører, sortert etter neste evaluering' });
    const row = table.getByRole('row', { name: /En fast voksen på SFO/ });
    await expect(row.textContent()).resolves.toContain(secondCase.number);
    await expect(row.textContent()).resolves.toContain('EB');
    await expect(row.textContent()).resolves.toContain('mandag 18. mai 2026');
    // Initials only: the pupil's name is nowhere on the page.
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/Emil|Berg/);
    await page.screenshot({ path: '/tmp/trygg-e2e-my-measures.png', fullPage: true });

    await table.getByRole('link', { name: secondCase.number }).click();
    await page.getByRole('heading', { level: 1, name: new RegExp(`Sak ${secondCase.number}`) }).waitFor();
    const own = page.getByRole('region', { name: 'Dine tiltak' });
    await own.waitFor();
    await expect(own.textContent()).resolves.toContain('EB');
    await expect(own.textContent()).resolves.toContain('En fast voksen på SFO tar eleven med i leken hver ettermiddag.');
    await expect(own.textContent()).resolves.toContain('mandag 18. mai 2026');
    // Nothing else of the case: no full name, no timeline, no investigation, no case file.
    await expect(page.locator('main').textContent()).resolves.not.toContain('Emil Berg');
    await expect(page.locator('ol.timeline').count()).resolves.toBe(0);
    await expect(page.locator('section#undersokelse').count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: /saksmappen/ }).count()).resolves.toBe(0);
    await expect(page.title()).resolves.toBe(`Sak ${secondCase.number} – trygg`);
    await page.screenshot({ path: '/tmp/trygg-e2e-own-measures.png', fullPage: true });
  });

  it('the principal records an external body on the case and sees it listed', async () => {
    expect(casePath, 'the second journey opens the first case').not.toBe('');
    const page = await newPage();
    await page.goto(`${stack.url}${casePath}`);
    await page.waitForURL(/\/logg-inn/);
    await logIn(page, stack.school.principal);
    const section = page.locator('section#eksterne-instanser');
    await section.getByRole('heading', { level: 2, name: 'Eksterne instanser' }).waitFor();
    await section.getByText('Ingen eksterne instanser er registrert.').waitFor();
    await section.getByRole('button', { name: 'Registrer ekstern instans' }).click();
    const form = page.getByRole('form', { name: 'Registrer ekstern instans' });

    // Sent without a date: the API refuses the shape, and its problem stands at the field.
    await form.getByLabel(/^Instans/).selectOption({ label: 'PPT (pedagogisk-psykologisk tjeneste)' });
    await form.getByLabel(/^Hva var instansen involvert i, og hvorfor\?/).fill('PPT observerte Nora i friminuttene og ga råd om hvordan de voksne kan ta henne med i leken.');
    const refused = page.waitForResponse((r) => r.url().endsWith('/external-bodies') && r.request().method() === 'POST');
    await form.getByRole('button', { name: 'Lagre' }).click();
    const response = await refused;
    expect(response.status()).toBe(400);
    const refusal = (await response.json()) as Refusal;
    const problem = refusal.error.problems?.find((p) => p.field === 'contactedOn');
    expect(problem, JSON.stringify(refusal)).toBeDefined();
    const date = form.getByLabel(/^Dato for kontakt/);
    await expect.poll(() => date.getAttribute('aria-invalid')).toBe('true');
    await expect(form.textContent()).resolves.toContain(problem!.message);

    await date.fill('2026-04-28');
    await form.getByRole('button', { name: 'Lagre' }).click();
    await section.getByText('Den eksterne instansen er registrert.').waitFor();
    await expect(page.getByRole('form', { name: 'Registrer ekstern instans' }).count()).resolves.toBe(0);
    const entry = section.locator('ol.record-list > li').first();
    await expect(entry.textContent()).resolves.toContain('PPT (pedagogisk-psykologisk tjeneste)');
    await expect(entry.textContent()).resolves.toContain('kontakt 28. april 2026');
    await expect(entry.textContent()).resolves.toContain('PPT observerte Nora i friminuttene');
    await expect(entry.textContent()).resolves.toContain('Registrert av Petra Rektor mandag 4. mai 2026 kl. 10.00');
    await expect(section.locator('ol.record-list > li').count()).resolves.toBe(1);
    await section.screenshot({ path: '/tmp/trygg-e2e-external-bodies.png' });
  });

  it('«Varsler som ikke kom fram» is in the admin’s navigation, not the principal’s; it shows a notification given up on', async () => {
    const principal = await newPage();
    await principal.goto(`${stack.url}/logg-inn`);
    await logIn(principal, stack.school.principal);
    await principal.waitForURL(/\/saker$/);
    const principalNav = principal.getByRole('navigation', { name: 'Hovedmeny' });
    await principalNav.getByRole('link', { name: 'Saker' }).waitFor();
    await expect(principalNav.getByRole('link', { name: 'Varsler som ikke kom fram' }).count()).resolves.toBe(0);

    const page = await newPage();
    await page.goto(`${stack.url}/logg-inn`);
    await logIn(page, stack.school.admin);
    await page.getByRole('navigation', { name: 'Hovedmeny' }).getByRole('link', { name: 'Varsler som ikke kom fram' }).click();
    await page.getByRole('heading', { level: 1, name: 'Varsler som ikke kom fram' }).waitFor();
    await expect(page.title()).resolves.toBe('Varsler som ikke kom fram – trygg');
    expect(new URL(page.url()).pathname).toBe('/varsler-som-feilet');
    // No worker runs in this stack: nothing has been given up on yet.
    await page.getByText('Ingen varsler har feilet. Alt trygg skulle sende, er sendt eller venter på sin tur.').waitFor();
    await expect(page.getByRole('table').count()).resolves.toBe(0);

    // The mail server refuses the principal's address for good: the worker gives that notification up.
    const caseId = casePath.replace('/saker/', '');
    const [row] = await stack.db.db
      .select({ id: notifications.id })
      .from(notifications)
      .where(and(eq(notifications.caseId, caseId), eq(notifications.recipientId, stack.school.principal), isNull(notifications.sentAt)))
      .limit(1);
    expect(row, 'the first case notified the principal').toBeDefined();
    const email = await stack.emailOf(stack.school.principal);
    const failed = await markFailed(stack.db.db, row!.id, `550 5.1.1 <${email}>: Recipient address rejected: User unknown`, true, osloDate('2026-05-04T09:55'));
    expect(failed?.givenUp).toBe(true);

    await page.reload();
    const table = page.getByRole('table', { name: 'Varsler som ikke kom fram, sist oppgitt først' });
    await table.waitFor();
    const given = table.getByRole('row', { name: new RegExp(caseNumber) });
    await expect(given.textContent()).resolves.toContain('Petra Rektor (rektor)');
    await expect(given.textContent()).resolves.toContain('4. mai 2026 kl. 09.55');
    await expect(given.textContent()).resolves.toContain('550 5.1.1 <[adresse]>: Recipient address rejected: User unknown');
    // No email address and no pupil on the page.
    await expect(page.locator('main').textContent()).resolves.not.toContain('@');
    await expect(page.locator('main').textContent()).resolves.not.toMatch(/Nora|Nilsen/);
    await page.screenshot({ path: '/tmp/trygg-e2e-failed-notifications.png', fullPage: true });
  });
});
