import nodemailer, { type SMTPTransportOptions } from 'nodemailer';
import { renderMessage } from './render';
import type { Lang, NotificationMessage, RenderedMessage } from './types';

/**
 * A failed send, classified for the worker: `permanent` — the same message will be refused
 * again (mark the ledger row failed); otherwise retry later (the row stays unsent).
 */
export class MailError extends Error {
  override readonly name = 'MailError';
  readonly permanent: boolean;
  /** The SMTP reply code, when a server answered. */
  readonly responseCode: number | undefined;
  /** nodemailer's error code ('ESOCKET', 'EENVELOPE', …) or ours ('ERENDER', 'EINPUT'). */
  readonly code: string | undefined;
  readonly messageId: string | undefined;

  constructor(
    message: string,
    options: { permanent: boolean; responseCode?: number; code?: string; messageId?: string; cause?: unknown },
  ) {
    super(message, { cause: options.cause });
    this.permanent = options.permanent;
    this.responseCode = options.responseCode;
    this.code = options.code;
    this.messageId = options.messageId;
  }
}

export interface MailFailure {
  readonly permanent: boolean;
  readonly responseCode?: number;
  readonly code?: string;
}

/**
 * Decides whether a nodemailer error is worth retrying.
 * - An SMTP reply decides when there is one: 5xx is permanent, 4xx temporary (RFC 5321).
 *   503 "bad sequence of commands" is the exception: it is about the session's state, not the
 *   message, and succeeds on a new connection (nodemailer's isPermanentResponseCode agrees).
 * - A rejected login (EAUTH, even as 535) is temporary: it is our configuration, not the
 *   message, that is wrong, and once it is fixed the same send goes through. Marking the
 *   notification failed would lose it.
 * - No reply (connection refused or reset, timeout, DNS, TLS) is temporary — except a
 *   malformed envelope or configuration, which fails the same way every time.
 */
export function classifyMailFailure(err: unknown): MailFailure {
  const e = typeof err === 'object' && err !== null ? (err as { code?: unknown; responseCode?: unknown }) : {};
  const code = typeof e.code === 'string' ? e.code : undefined;
  const responseCode = typeof e.responseCode === 'number' ? e.responseCode : undefined;
  const known = { ...(code === undefined ? {} : { code }), ...(responseCode === undefined ? {} : { responseCode }) };

  if (code === 'EAUTH' || code === 'ENOAUTH') return { permanent: false, ...known };
  if (responseCode !== undefined) {
    return { permanent: responseCode >= 500 && responseCode <= 599 && responseCode !== 503, ...known };
  }
  return { permanent: code === 'EENVELOPE' || code === 'ECONFIG', ...known };
}

const MESSAGE_ID_RE = /^<([^<>\s@]+@[^<>\s@]+)>$|^([^<>\s@]+@[^<>\s@]+)$/;

/** '<id@host>' from '<id@host>' or 'id@host'; throws on anything else. */
export function normaliseMessageId(messageId: string): string {
  const m = MESSAGE_ID_RE.exec(messageId);
  const core = m?.[1] ?? m?.[2];
  if (!core) throw new TypeError(`Not a Message-ID (id@host): ${JSON.stringify(messageId)}`);
  return `<${core}>`;
}

/**
 * The fixed Message-ID of a notification ledger row: a retried send carries the same one, so
 * the receiving side (and anyone reading the logs) can tell it is the same message.
 */
export function messageIdFor(notificationId: string, domain = 'trygg.local'): string {
  return normaliseMessageId(`${notificationId}@${domain}`);
}

export type MailerConfig = {
  /** e.g. 'Trygg <varsel@trygg.nordby.kommune.no>' */
  readonly from: string;
} & (
  | { readonly smtpUrl: string; readonly transportOptions?: undefined }
  | { readonly transportOptions: SMTPTransportOptions; readonly smtpUrl?: undefined }
);

export interface SendInput {
  readonly to: string | readonly string[];
  readonly message: NotificationMessage;
  /** Fixed by the caller (see messageIdFor), with or without angle brackets. */
  readonly messageId: string;
  readonly lang: Lang;
  readonly appUrl: string;
}

export interface SendResult {
  readonly accepted: readonly string[];
  /** Recipients refused while others were accepted (all refused is a MailError). */
  readonly rejected: readonly string[];
  readonly messageId: string;
}

export interface Mailer {
  /** Renders and sends one message; rejects with MailError only. */
  send(input: SendInput): Promise<SendResult>;
  /** Connects and says hello (and logs in), to fail fast at start-up. */
  verify(): Promise<void>;
  close(): void;
}

// Bounded waits, so a dead server costs a retry rather than a stuck worker.
const DEFAULT_TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 60_000 } as const;

const addressOf = (a: unknown): string =>
  typeof a === 'object' && a !== null && 'address' in a ? String((a as { address: unknown }).address) : String(a);

export function createMailer(config: MailerConfig): Mailer {
  const options: SMTPTransportOptions =
    config.smtpUrl !== undefined
      ? { ...DEFAULT_TIMEOUTS, url: config.smtpUrl }
      : { ...DEFAULT_TIMEOUTS, ...config.transportOptions };
  const transport = nodemailer.createTransport(options);

  return {
    async send({ to, message, messageId, lang, appUrl }) {
      let id: string;
      try {
        id = normaliseMessageId(messageId);
      } catch (cause) {
        throw new MailError(`Invalid Message-ID: ${(cause as Error).message}`, { permanent: true, code: 'EINPUT', cause });
      }
      const recipients = typeof to === 'string' ? [to] : [...to];
      if (recipients.length === 0 || recipients.some((r) => r.trim() === '')) {
        throw new MailError('No recipient given', { permanent: true, code: 'EINPUT', messageId: id });
      }

      let rendered: RenderedMessage;
      try {
        rendered = await renderMessage(message, { lang, appUrl });
      } catch (cause) {
        // A message that cannot be rendered now never will be: retrying only repeats the failure.
        throw new MailError(`Could not render the ${String(message?.kind)} message: ${(cause as Error).message}`, {
          permanent: true,
          code: 'ERENDER',
          messageId: id,
          cause,
        });
      }

      try {
        const info = await transport.sendMail({
          from: config.from,
          to: recipients,
          subject: rendered.subject,
          text: rendered.text,
          html: rendered.html,
          messageId: id,
          headers: {
            // RFC 3834: machine-sent; out-of-office replies should not answer it.
            'Auto-Submitted': 'auto-generated',
            'X-Auto-Response-Suppress': 'All',
            'Content-Language': lang,
          },
        });
        return {
          accepted: (info.accepted ?? []).map(addressOf),
          rejected: (info.rejected ?? []).map(addressOf),
          messageId: id,
        };
      } catch (cause) {
        const failure = classifyMailFailure(cause);
        const detail = (cause as { response?: unknown }).response ?? (cause as Error).message;
        throw new MailError(
          `Sending ${id} failed${failure.responseCode ? ` (SMTP ${failure.responseCode})` : failure.code ? ` (${failure.code})` : ''}: ${String(detail)}`,
          { ...failure, messageId: id, cause },
        );
      }
    },
    async verify() {
      try {
        await transport.verify();
      } catch (cause) {
        throw new MailError(`SMTP server check failed: ${(cause as Error).message}`, { ...classifyMailFailure(cause), cause });
      }
    },
    close() {
      transport.close();
    },
  };
}
