import { EventEmitter } from 'node:events';
import { SMTPServer, type SMTPServerOptions } from 'smtp-server';
import { parseMessage, type ParsedMessage } from './mime';

export interface ReceivedMail extends ParsedMessage {
  /** The message as received (after SMTP dot-unstuffing), decoded as UTF-8. */
  raw: string;
  envelope: { from: string | null; to: string[] };
  receivedAt: Date;
}

/**
 * Answer the end of DATA with this reply instead of 250. 4xx = temporary (the sender should
 * retry), 5xx = permanent. `times`: only for the next N messages, then accept again.
 */
export interface SmtpFailure {
  code: number;
  message?: string;
  times?: number;
}

export interface SmtpReceiver {
  host: string;
  /** Fixed after the first start; stop() and start() keep it. */
  port: number;
  /** For nodemailer: createTransport(receiver.transport). */
  transport: { host: string; port: number; secure: false; ignoreTLS: true };
  /** Accepted messages, in arrival order. */
  messages: ReceivedMail[];
  /** Messages answered with a failure. */
  rejected: { envelope: ReceivedMail['envelope']; code: number }[];
  /** Resolves with the first message (already received or arriving) that matches. */
  waitFor: (predicate: (mail: ReceivedMail) => boolean, timeoutMs?: number) => Promise<ReceivedMail>;
  setFailure: (failure: SmtpFailure | null) => void;
  /** Forgets received and rejected messages. */
  clear: () => void;
  /** The mail server goes down: no new connections, open ones are cut. */
  stop: () => Promise<void>;
  /** …and comes back on the same port. */
  start: () => Promise<void>;
  running: () => boolean;
}

function checkFailure(failure: SmtpFailure | null | undefined): void {
  if (failure && !(failure.code >= 400 && failure.code <= 599)) {
    throw new Error(`SMTP failure code must be 4xx or 5xx, got ${failure.code}`);
  }
}

/** A real SMTP server on 127.0.0.1 (port 0 = any free port) that keeps what it receives. */
export async function startSmtpReceiver(
  options: { failWith?: SmtpFailure | null; port?: number } = {},
): Promise<SmtpReceiver> {
  const host = '127.0.0.1';
  const events = new EventEmitter();
  const messages: ReceivedMail[] = [];
  const rejected: SmtpReceiver['rejected'] = [];
  checkFailure(options.failWith);
  let failure: SmtpFailure | null = options.failWith ? { ...options.failWith } : null;
  let server: SMTPServer | null = null;
  let port = options.port ?? 0;

  const serverOptions: SMTPServerOptions = {
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // stop() simulates an outage: do not wait for clients to say goodbye.
    closeTimeout: 50,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        const envelope = {
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : null,
          to: session.envelope.rcptTo.map((r) => r.address),
        };
        if (failure) {
          const { code, message } = failure;
          if (failure.times !== undefined && (failure.times -= 1) <= 0) failure = null;
          rejected.push({ envelope, code });
          const error = Object.assign(
            new Error(message ?? (code < 500 ? 'Temporary failure (test)' : 'Permanent failure (test)')),
            { responseCode: code },
          );
          callback(error);
          return;
        }
        const raw = Buffer.concat(chunks);
        const mail: ReceivedMail = {
          ...parseMessage(raw),
          raw: raw.toString('utf8'),
          envelope,
          receivedAt: new Date(),
        };
        messages.push(mail);
        events.emit('mail', mail);
        callback();
      });
    },
  };

  const start = async () => {
    if (server) return;
    const next = new SMTPServer(serverOptions);
    next.on('error', () => {}); // client resets during stop() are expected
    await new Promise<void>((resolve, reject) => {
      next.server.once('error', reject);
      next.listen(port, host, () => {
        next.server.off('error', reject);
        resolve();
      });
    });
    const address = next.server.address();
    if (address && typeof address === 'object') port = address.port;
    server = next;
  };

  const stop = async () => {
    const current = server;
    if (!current) return;
    server = null;
    await new Promise<void>((resolve) => current.close(() => resolve()));
  };

  await start();

  return {
    host,
    get port() {
      return port;
    },
    get transport() {
      return { host, port, secure: false as const, ignoreTLS: true as const };
    },
    messages,
    rejected,
    waitFor: (predicate, timeoutMs = 5_000) =>
      new Promise<ReceivedMail>((resolve, reject) => {
        const already = messages.find(predicate);
        if (already) {
          resolve(already);
          return;
        }
        const onMail = (mail: ReceivedMail) => {
          if (!predicate(mail)) return;
          clearTimeout(timer);
          events.off('mail', onMail);
          resolve(mail);
        };
        const timer = setTimeout(() => {
          events.off('mail', onMail);
          const seen = messages.map((m) => `${m.subject ?? '(no subject)'} → ${m.envelope.to.join(', ')}`);
          reject(
            new Error(
              `No matching email within ${timeoutMs} ms; received ${messages.length}: ${seen.join(' | ') || '—'}`,
            ),
          );
        }, timeoutMs);
        events.on('mail', onMail);
      }),
    setFailure: (next) => {
      checkFailure(next);
      failure = next ? { ...next } : null;
    },
    clear: () => {
      messages.length = 0;
      rejected.length = 0;
    },
    stop,
    start,
    running: () => server !== null,
  };
}
