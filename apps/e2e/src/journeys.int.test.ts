// The main journeys, in a real browser against the real stack (stack.ts): a teacher reports a
// concern, the principal takes the case on, a late start needs a written reason, and an owner's
// acknowledgement link that is unknown says so plainly.
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, BrowserContext, Page } from 'playwright-core';
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
