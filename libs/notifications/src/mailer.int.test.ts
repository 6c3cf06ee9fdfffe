import { createServer, type AddressInfo, type Server } from 'node:net';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { createMailer, MailError, messageIdFor, type Mailer, type SendInput } from './mailer';
import { renderMessage } from './render';
import * as notice from './templates/owner_notice';
import * as report from './templates/new_report';

interface Received {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: string;
}

interface Receiver {
  readonly url: string;
  readonly received: Received[];
  close(): Promise<void>;
}

/** A reply the receiver gives: an Error carrying an SMTP reply code. */
const reply = (responseCode: number, text: string): Error => Object.assign(new Error(text), { responseCode });

/** A real SMTP receiver on 127.0.0.1 and a free port; `hooks` decide what it answers. */
async function startReceiver(hooks: Pick<SMTPServerOptions, 'onMailFrom' | 'onRcptTo'> & { dataReply?: Error } = {}): Promise<Receiver> {
  const received: Received[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    ...(hooks.onMailFrom ? { onMailFrom: hooks.onMailFrom } : {}),
    ...(hooks.onRcptTo ? { onRcptTo: hooks.onRcptTo } : {}),
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        if (hooks.dataReply) return callback(hooks.dataReply);
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          raw: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.server.address() as AddressInfo;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

/** Headers of a raw message: unfolded, names lower-cased, RFC 2047 words decoded. */
function headersOf(raw: string): Map<string, string> {
  const head = raw.slice(0, raw.indexOf('\r\n\r\n')).replace(/\r\n[ \t]+/g, ' ');
  const out = new Map<string, string>();
  for (const line of head.split('\r\n')) {
    const i = line.indexOf(':');
    out.set(line.slice(0, i).trim().toLowerCase(), decodeWords(line.slice(i + 1).trim()));
  }
  return out;
}

function decodeWords(value: string): string {
  return value
    .replace(/\?=\s+=\?/g, '?==?') // whitespace between encoded words is not part of the text
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, _charset: string, enc: string, data: string) =>
      enc.toUpperCase() === 'B'
        ? Buffer.from(data, 'base64').toString('utf8')
        : Buffer.from(
            data.replace(/_/g, ' ').replace(/=([0-9A-Fa-f]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16))),
            'latin1',
          ).toString('utf8'),
    );
}

/** The text/plain part, decoded from quoted-printable, with SMTP's CRLF line ends as \n. */
function textPartOf(raw: string): string {
  const m = /Content-Type: text\/plain[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/i.exec(raw);
  if (!m?.[1]) throw new Error('no text/plain part');
  const qp = m[1].replace(/=\r\n/g, '').replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return Buffer.from(qp, 'latin1').toString('utf8').replace(/\r\n/g, '\n');
}

const APP = 'https://trygg.nordby.kommune.no/';
const FROM = 'trygg <varsel@trygg.local>';

let cleanup: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const fn of cleanup.reverse()) await fn();
  cleanup = [];
});

function mailerFor(url: string, extra: Partial<{ greetingTimeout: number }> = {}): Mailer {
  const mailer = Object.keys(extra).length
    ? createMailer({ from: FROM, transportOptions: { url, ...extra } })
    : createMailer({ from: FROM, smtpUrl: url });
  cleanup.push(() => mailer.close());
  return mailer;
}

async function receiver(hooks?: Parameters<typeof startReceiver>[0]): Promise<Receiver> {
  const r = await startReceiver(hooks);
  cleanup.push(() => r.close());
  return r;
}

const input = (over: Partial<SendInput> = {}): SendInput => ({
  to: 'rektor@nordby.kommune.no',
  message: report.PreviewProps.message,
  messageId: messageIdFor('2b0c5a8e-1d3f-4e6a-9b7c-0a1b2c3d4e5f'),
  lang: 'nb',
  appUrl: APP,
  ...over,
});

async function failureOf(promise: Promise<unknown>): Promise<MailError> {
  const err = await promise.then(
    () => {
      throw new Error('expected the send to fail');
    },
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MailError);
  return err as MailError;
}

describe('mailer against a real SMTP receiver', () => {
  it('delivers with the fixed Message-ID, the right To and Subject, and both bodies', async () => {
    const smtp = await receiver();
    const mailer = mailerFor(smtp.url);
    const id = messageIdFor('2b0c5a8e-1d3f-4e6a-9b7c-0a1b2c3d4e5f');

    const result = await mailer.send(input({ messageId: id }));
    expect(result).toEqual({ accepted: ['rektor@nordby.kommune.no'], rejected: [], messageId: id });

    expect(smtp.received).toHaveLength(1);
    const [mail] = smtp.received;
    if (!mail) throw new Error('nothing received');
    expect(mail.to).toEqual(['rektor@nordby.kommune.no']);
    expect(mail.from).toBe('varsel@trygg.local');

    const headers = headersOf(mail.raw);
    const rendered = await renderMessage(report.PreviewProps.message, { lang: 'nb', appUrl: APP });
    expect(headers.get('message-id')).toBe(id);
    expect(headers.get('to')).toBe('rektor@nordby.kommune.no');
    expect(headers.get('subject')).toBe(rendered.subject);
    expect(headers.get('subject')).toBe('Ny melding i sak 2026-014 – Nordby skole');
    expect(headers.get('auto-submitted')).toBe('auto-generated');
    expect(headers.get('content-language')).toBe('nb');
    expect(mail.raw).toMatch(/Content-Type: multipart\/alternative/i);
    expect(mail.raw).toMatch(/Content-Type: text\/html/i);
    expect(textPartOf(mail.raw)).toContain('Åpne sak 2026-014 i trygg:\nhttps://trygg.nordby.kommune.no/cases/0b9f6a52-4c1e-4f43-9a53-2f7d1d6c8e21');
  });

  it('a retried send carries the same Message-ID, so it is recognisable as the same message', async () => {
    const smtp = await receiver();
    const mailer = mailerFor(smtp.url);
    const id = messageIdFor('retry-me');
    const message = notice.PreviewProps.message;
    await mailer.send(input({ message, messageId: id, to: 'eier@nordby.kommune.no', lang: 'nn' }));
    await mailer.send(input({ message, messageId: id, to: 'eier@nordby.kommune.no', lang: 'nn' }));
    expect(smtp.received.map((m) => headersOf(m.raw).get('message-id'))).toEqual([id, id]);
    expect(headersOf(smtp.received[0]?.raw ?? '').get('subject')).toBe('Alvorleg sak ved Nordby skole – stadfest mottak (sak 2026-014)');
  });

  it('reports recipients refused while others were accepted', async () => {
    const smtp = await receiver({
      onRcptTo: (address, _session, callback) =>
        callback(address.address.startsWith('gone') ? reply(550, 'No such user') : null),
    });
    const result = await mailerFor(smtp.url).send(input({ to: ['rektor@nordby.kommune.no', 'gone@nordby.kommune.no'] }));
    expect(result.accepted).toEqual(['rektor@nordby.kommune.no']);
    expect(result.rejected).toEqual(['gone@nordby.kommune.no']);
    expect(smtp.received[0]?.to).toEqual(['rektor@nordby.kommune.no']);
  });

  it('a receiver answering 550 to the recipient yields a permanent MailError', async () => {
    const smtp = await receiver({ onRcptTo: (_a, _s, callback) => callback(reply(550, 'Mailbox unavailable')) });
    const err = await failureOf(mailerFor(smtp.url).send(input()));
    expect(err.permanent).toBe(true);
    expect(err.responseCode).toBe(550);
    expect(err.messageId).toBe(input().messageId);
    expect(smtp.received).toHaveLength(0);
  });

  it('a receiver answering 550 to the message itself yields a permanent MailError', async () => {
    const smtp = await receiver({ dataReply: reply(550, 'Message rejected as spam') });
    const err = await failureOf(mailerFor(smtp.url).send(input()));
    expect(err).toMatchObject({ permanent: true, responseCode: 550 });
  });

  it('a receiver answering 451 yields a temporary MailError', async () => {
    const smtp = await receiver({ onRcptTo: (_a, _s, callback) => callback(reply(451, 'Greylisted, try again later')) });
    const err = await failureOf(mailerFor(smtp.url).send(input()));
    expect(err).toMatchObject({ permanent: false, responseCode: 451 });
  });

  it('a receiver answering 451 to the sender yields a temporary MailError', async () => {
    const smtp = await receiver({ onMailFrom: (_a, _s, callback) => callback(reply(451, 'Local error in processing')) });
    const err = await failureOf(mailerFor(smtp.url).send(input()));
    expect(err).toMatchObject({ permanent: false, responseCode: 451 });
  });

  it('a closed port yields a temporary MailError', async () => {
    const probe = createServer();
    await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', () => resolve()));
    const { port } = probe.address() as AddressInfo;
    await new Promise<void>((resolve) => probe.close(() => resolve()));

    const err = await failureOf(mailerFor(`smtp://127.0.0.1:${port}`).send(input()));
    expect(err.permanent).toBe(false);
    expect(err.responseCode).toBeUndefined();
  });

  it('a server that never greets times out, temporarily', async () => {
    const silent: Server = createServer(() => {
      /* accept and say nothing */
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', () => resolve()));
    cleanup.push(() => {
      silent.close();
    });
    const { port } = silent.address() as AddressInfo;

    const err = await failureOf(mailerFor(`smtp://127.0.0.1:${port}`, { greetingTimeout: 200 }).send(input()));
    expect(err).toMatchObject({ permanent: false, code: 'ETIMEDOUT' });
  });

  it('verify() passes against a live receiver and fails temporarily against a closed port', async () => {
    const smtp = await receiver();
    await expect(mailerFor(smtp.url).verify()).resolves.toBeUndefined();
    await smtp.close();
    const err = await failureOf(mailerFor(smtp.url).verify());
    expect(err.permanent).toBe(false);
  });
});
