import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import nodemailer from 'nodemailer';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMailbox, type Mailbox } from './mailbox';

describe('local mailbox', () => {
  let dir: string;
  let mailbox: Mailbox;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'trygg-mailbox-'));
    mailbox = await startMailbox({ dir: join(dir, 'mailbox'), port: 0 });
  });

  afterAll(async () => {
    await mailbox?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('stores every message as one .eml file, as sent', async () => {
    const transport = nodemailer.createTransport({ url: mailbox.url });
    try {
      for (const n of [1, 2]) {
        await transport.sendMail({
          from: 'Trygg <varsel@trygg.local>',
          to: 'rektor@nordby.test',
          subject: `Ny melding ${n} – ærlig`,
          text: 'Hei',
          messageId: `<test-${n}@trygg.local>`,
        });
      }
    } finally {
      transport.close();
    }
    const files = (await readdir(mailbox.dir)).sort();
    expect(files).toHaveLength(2);
    for (const file of files) expect(file).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}-\d{2}-\d{2}\.\d{3}Z-[0-9a-f]{8}\.eml$/);
    const raw = await Promise.all(files.map((f) => readFile(join(mailbox.dir, f), 'utf8')));
    expect(raw.map((r) => /^Message-ID: (.*)$/m.exec(r)?.[1]?.trim()).sort()).toEqual(['<test-1@trygg.local>', '<test-2@trygg.local>']);
  });
});
