import nodemailer, { type SendMailOptions } from 'nodemailer';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSmtpReceiver, type SmtpReceiver } from './smtp';

describe('SMTP receiver (driven by nodemailer)', () => {
  let smtp: SmtpReceiver;
  const send = (mail: SendMailOptions) =>
    nodemailer.createTransport(smtp.transport).sendMail({ from: 'trygg@test.no', ...mail });
  beforeAll(async () => {
    smtp = await startSmtpReceiver();
  });
  beforeEach(() => {
    smtp.setFailure(null);
    smtp.clear();
  });
  afterAll(async () => smtp?.stop());

  it('receives a message and reads Message-ID, To, Subject and a quoted-printable body', async () => {
    await send({
      to: '"Rita Rektor" <rita@skole.no>',
      subject: 'Ny melding i sak 2026-0042 – frist på fredag (æøå ÆØÅ)',
      messageId: '<notification-123@trygg.test>',
      text: `Hei Rita,\n\nEin tilsett har meldt frå om O.N. (sak 2026-0042).\nSjå saka: https://trygg.test/saker/2026-0042?from=email&utm=${'x'.repeat(80)}\n\nHelsing trygg – Skule æøå`,
      textEncoding: 'quoted-printable',
    });
    const mail = await smtp.waitFor((m) => m.envelope.to.includes('rita@skole.no'));
    expect(mail.messageId).toBe('<notification-123@trygg.test>');
    expect(mail.to).toBe('Rita Rektor <rita@skole.no>');
    expect(mail.toAddresses).toEqual(['rita@skole.no']);
    expect(mail.subject).toBe('Ny melding i sak 2026-0042 – frist på fredag (æøå ÆØÅ)');
    expect(mail.raw).toMatch(/Content-Transfer-Encoding: quoted-printable/i);
    expect(mail.text).toContain('Ein tilsett har meldt frå om O.N. (sak 2026-0042).');
    expect(mail.text).toContain(`utm=${'x'.repeat(80)}`);
    expect(mail.text).toContain('Helsing trygg – Skule æøå');
    expect(mail.envelope.from).toBe('trygg@test.no');
  });

  it('decodes base64 text inside multipart/alternative and finds the html part', async () => {
    await send({
      to: ['leiar@skole.no', 'rektor@skole.no'],
      subject: 'Påminning',
      text: 'Evaluering av tiltak forfell i dag – sak 2026-0007.',
      html: '<p>Evaluering av tiltak forfell i dag</p>',
      textEncoding: 'base64',
      attachments: [{ filename: 'a.txt', content: 'vedlegg, ikkje brødtekst' }],
    });
    const mail = await smtp.waitFor((m) => m.subject === 'Påminning');
    expect(mail.raw).toMatch(/multipart\/(mixed|alternative)/);
    expect(mail.text).toBe('Evaluering av tiltak forfell i dag – sak 2026-0007.');
    expect(mail.html).toBe('<p>Evaluering av tiltak forfell i dag</p>');
    expect(mail.envelope.to.sort()).toEqual(['leiar@skole.no', 'rektor@skole.no']);
    expect(mail.toAddresses).toEqual(['leiar@skole.no', 'rektor@skole.no']);
  });

  it('waitFor also finds messages that arrived earlier, and times out with what it saw', async () => {
    await send({ to: 'a@skole.no', subject: 'Tidlegare', text: 'x' });
    await expect(smtp.waitFor((m) => m.subject === 'Tidlegare', 100)).resolves.toBeDefined();
    await expect(smtp.waitFor((m) => m.subject === 'Aldri', 100)).rejects.toThrow(
      /No matching email within 100 ms; received 1: Tidlegare → a@skole.no/,
    );
  });

  it('simulates a temporary failure (4xx) for the next N messages, then accepts again', async () => {
    smtp.setFailure({ code: 451, times: 1 });
    await expect(send({ to: 'a@skole.no', subject: 'Forsøk', text: 'x' })).rejects.toMatchObject({
      responseCode: 451,
    });
    await send({ to: 'a@skole.no', subject: 'Forsøk', text: 'x' });
    expect(smtp.rejected).toEqual([{ envelope: { from: 'trygg@test.no', to: ['a@skole.no'] }, code: 451 }]);
    expect(smtp.messages.map((m) => m.subject)).toEqual(['Forsøk']);
  });

  it('simulates a permanent failure (5xx) until cleared', async () => {
    smtp.setFailure({ code: 550, message: 'No such user' });
    for (let i = 0; i < 2; i += 1) {
      await expect(send({ to: 'nobody@skole.no', subject: 'x', text: 'x' })).rejects.toMatchObject({
        responseCode: 550,
        response: expect.stringContaining('No such user'),
      });
    }
    expect(smtp.messages).toEqual([]);
    expect(() => smtp.setFailure({ code: 250 })).toThrow(/4xx or 5xx/);
  });

  it('goes down and comes back on the same port', async () => {
    const port = smtp.port;
    await smtp.stop();
    expect(smtp.running()).toBe(false);
    await expect(send({ to: 'a@skole.no', subject: 'Nede', text: 'x' })).rejects.toMatchObject({
      code: expect.stringMatching(/ECONNREFUSED|ECONNECTION|ESOCKET/),
    });
    await smtp.start();
    expect(smtp.port).toBe(port);
    await send({ to: 'a@skole.no', subject: 'Oppe', text: 'x' });
    await smtp.waitFor((m) => m.subject === 'Oppe');
  });

  it('stop() cuts a pooled connection that is open', async () => {
    const pooled = nodemailer.createTransport({ ...smtp.transport, pool: true, maxConnections: 1 });
    try {
      await pooled.sendMail({ from: 'trygg@test.no', to: 'a@skole.no', subject: 'Før', text: 'x' });
      const started = Date.now();
      await smtp.stop();
      expect(Date.now() - started).toBeLessThan(2_000);
      await expect(
        pooled.sendMail({ from: 'trygg@test.no', to: 'a@skole.no', subject: 'Under', text: 'x' }),
      ).rejects.toBeDefined();
    } finally {
      pooled.close();
      await smtp.start();
    }
  });

  it('refuses a failure code that is not 4xx/5xx at start', async () => {
    await expect(startSmtpReceiver({ failWith: { code: 200 } })).rejects.toThrow(/4xx or 5xx/);
  });

  it('can start already failing', async () => {
    const failing = await startSmtpReceiver({ failWith: { code: 421 } });
    try {
      await expect(
        nodemailer
          .createTransport(failing.transport)
          .sendMail({ from: 'trygg@test.no', to: 'a@skole.no', subject: 'x', text: 'x' }),
      ).rejects.toMatchObject({ responseCode: 421 });
    } finally {
      await failing.stop();
    }
  });
});
