// The development mailbox: the dev mailer writes each message as an .eml file into MAILBOX_DIR;
// these routes list and show them, so a newcomer can follow a report to the principal's inbox
// without an SMTP server. Open in dev mode; otherwise for admins only.
import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { createRoute, z } from '@hono/zod-openapi';
import { mailboxEntry, mailboxMessage } from '@trygg/contracts';
import { callerOf, errors, jsonContent, type Api, type Ctx, type RouteDeps } from '../context';
import { notFound } from '../errors';
import { readHeaders, readMessage } from '../mail-reader';
import { requireAdmin } from '../caller';

const fileParam = z.object({
  file: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,200}\.eml$/, { error: 'Ugyldig filnavn.' }),
});

const MAX_LIST = 200;

function dateOf(header: string | undefined, fallback: Date): string {
  const parsed = header ? new Date(header) : fallback;
  return (Number.isNaN(parsed.getTime()) ? fallback : parsed).toISOString();
}

export function registerMailboxRoutes(app: Api, deps: RouteDeps): void {
  const dir = deps.mailboxDir;
  if (!dir) return;
  const authorise = (c: Ctx) => {
    if (!deps.devMode && !deps.devLogin) requireAdmin(callerOf(c));
  };

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/dev/mailbox',
      tags: ['Utvikling'],
      summary: 'E-poster skrevet til utviklingspostkassen, nyeste først',
      responses: { 200: jsonContent(z.object({ items: z.array(mailboxEntry) }), 'E-poster'), 401: errors[401], 403: errors[403] },
    }),
    async (c) => {
      authorise(c);
      const names = (await readdir(dir).catch(() => [] as string[])).filter((n) => fileParam.shape.file.safeParse(n).success);
      const entries = await Promise.all(
        names.map(async (file) => {
          const path = join(dir, file);
          const [info, raw] = await Promise.all([stat(path), readFile(path)]);
          const headers = readHeaders(raw);
          return {
            file,
            date: dateOf(headers.get('date'), info.mtime),
            to: headers.get('to') ?? '',
            subject: headers.get('subject') ?? '',
          };
        }),
      );
      entries.sort((a, b) => b.date.localeCompare(a.date) || b.file.localeCompare(a.file));
      return c.json({ items: entries.slice(0, MAX_LIST) }, 200);
    },
  );

  app.openapi(
    createRoute({
      method: 'get',
      path: '/api/dev/mailbox/{file}',
      tags: ['Utvikling'],
      summary: 'Én e-post fra utviklingspostkassen (overskrifter og tekstdelen)',
      request: { params: fileParam },
      responses: { 200: jsonContent(mailboxMessage, 'E-posten'), 400: errors[400], 401: errors[401], 403: errors[403], 404: errors[404] },
    }),
    async (c) => {
      authorise(c);
      const { file } = c.req.valid('param');
      const path = join(dir, file);
      const raw = await readFile(path).catch(() => null);
      if (!raw) throw notFound('e-posten');
      const info = await stat(path);
      const message = readMessage(raw);
      return c.json(
        {
          file,
          date: dateOf(message.headers.get('date'), info.mtime),
          to: message.headers.get('to') ?? '',
          from: message.headers.get('from') ?? '',
          subject: message.headers.get('subject') ?? '',
          messageId: message.headers.get('message-id') ?? null,
          text: message.text,
        },
        200,
      );
    },
  );
}
