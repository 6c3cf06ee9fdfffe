import { describe, expect, it } from 'vitest';
import { classifyMailFailure, createMailer, MailError, messageIdFor, normaliseMessageId } from './mailer';
import * as report from './templates/new_report';

describe('classifyMailFailure', () => {
  it.each([
    [{ code: 'EENVELOPE', responseCode: 550 }, true],
    [{ code: 'EMESSAGE', responseCode: 552 }, true],
    [{ code: 'EENVELOPE', responseCode: 553 }, true],
    [{ code: 'EMESSAGE', responseCode: 554 }, true],
    [{ code: 'EENVELOPE', responseCode: 451 }, false],
    [{ code: 'EMESSAGE', responseCode: 452 }, false],
    [{ code: 'EPROTOCOL', responseCode: 421 }, false],
    // 503 is about the session's state, not the message.
    [{ code: 'EPROTOCOL', responseCode: 503 }, false],
    // Our credentials are wrong: fix them and the same message goes.
    [{ code: 'EAUTH', responseCode: 535 }, false],
    [{ code: 'ENOAUTH' }, false],
    [{ code: 'ESOCKET' }, false],
    [{ code: 'ECONNECTION' }, false],
    [{ code: 'ETIMEDOUT' }, false],
    [{ code: 'EDNS' }, false],
    [{ code: 'ETLS' }, false],
    [{ code: 'EENVELOPE' }, true], // refused before sending: no recipients, bad address
    [{ code: 'ECONFIG' }, true],
    [new Error('something else'), false],
    ['not even an error', false],
  ])('%j → permanent: %s', (err, permanent) => {
    expect(classifyMailFailure(err).permanent).toBe(permanent);
  });

  it('keeps the reply code and error code', () => {
    expect(classifyMailFailure({ code: 'EENVELOPE', responseCode: 550 })).toEqual({ permanent: true, code: 'EENVELOPE', responseCode: 550 });
  });
});

describe('Message-ID', () => {
  it('derives a fixed id from the ledger row id', () => {
    expect(messageIdFor('6f1d2c3b-0000-4000-8000-000000000001')).toBe('<6f1d2c3b-0000-4000-8000-000000000001@trygg.local>');
    expect(messageIdFor('abc', 'mail.kommune.no')).toBe('<abc@mail.kommune.no>');
  });

  it('accepts the id with or without angle brackets, and nothing else', () => {
    expect(normaliseMessageId('a@b')).toBe('<a@b>');
    expect(normaliseMessageId('<a@b>')).toBe('<a@b>');
    for (const bad of ['', 'a', '<a@b', 'a@b>', '<a b@c>', 'a@b\r\nBcc: x@y', '<<a@b>>']) {
      expect(() => normaliseMessageId(bad), bad).toThrow(TypeError);
    }
  });
});

describe('createMailer().send refuses bad input before connecting', () => {
  // Port 9 (discard) on a reserved address: these tests must fail before any connection.
  const mailer = createMailer({ smtpUrl: 'smtp://192.0.2.1:9', from: 'trygg <varsel@trygg.local>' });
  const good = { to: 'rektor@nordby.kommune.no', message: report.PreviewProps.message, messageId: 'n1@trygg.local', lang: 'nb', appUrl: 'https://trygg.local/' } as const;

  it('a bad Message-ID is a permanent failure', async () => {
    const err = await mailer.send({ ...good, messageId: 'no-at-sign' }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(MailError);
    expect(err).toMatchObject({ permanent: true, code: 'EINPUT' });
  });

  it('no recipient is a permanent failure', async () => {
    const err = await mailer.send({ ...good, to: [] }).catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'MailError', permanent: true, code: 'EINPUT', messageId: '<n1@trygg.local>' });
  });

  it('a message that cannot be rendered is a permanent failure', async () => {
    const err = await mailer
      .send({ ...good, message: { ...report.PreviewProps.message, reportedAt: 'yesterday' } })
      .catch((e: unknown) => e);
    expect(err).toMatchObject({ name: 'MailError', permanent: true, code: 'ERENDER' });
    expect((err as MailError).cause).toBeInstanceOf(RangeError);
  });
});
