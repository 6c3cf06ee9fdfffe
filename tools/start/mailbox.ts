// A local SMTP receiver for `npm start` without SMTP_URL: every message the worker sends is
// stored as an .eml file, which the api's mail page lists. Nothing leaves the machine.
import { randomBytes } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { SMTPServer } from 'smtp-server';

export interface Mailbox {
  /** smtp://host:port, for SMTP_URL. */
  url: string;
  dir: string;
  close: () => Promise<void>;
}

/** Name of a stored message: sortable by arrival, unique, no ':' (Windows-safe). */
function fileName(at: Date): string {
  return `${at.toISOString().replaceAll(':', '-')}-${randomBytes(4).toString('hex')}.eml`;
}

export async function startMailbox(options: { dir: string; host?: string; port?: number }): Promise<Mailbox> {
  const host = options.host ?? '127.0.0.1';
  await mkdir(options.dir, { recursive: true });
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    size: 25 * 1024 * 1024,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('error', callback);
      stream.on('end', () => {
        if (stream.sizeExceeded) return callback(Object.assign(new Error('Message too large'), { responseCode: 552 }));
        const name = fileName(new Date());
        const final = join(options.dir, name);
        // Write then rename, so the mail page never reads half a message.
        writeFile(`${final}.part`, Buffer.concat(chunks))
          .then(() => rename(`${final}.part`, final))
          .then(() => callback(), callback);
      });
    },
  });
  server.on('error', () => undefined); // a client hanging up mid-session
  const port = await new Promise<number>((resolve, reject) => {
    server.server.once('error', reject);
    server.listen(options.port ?? 2525, host, () => {
      const address = server.server.address();
      resolve(typeof address === 'object' && address ? address.port : (options.port ?? 2525));
    });
  });
  return {
    url: `smtp://${host}:${port}`,
    dir: options.dir,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
