// DATABASE_URL=postgres://… npx tsx tools/demo/cli.ts [--now 2026-11-17T10:00] [--json]
// Migrates the database and fills it with demo data, unless it already has a school owner.
// --now: pretend it is this instant (ISO with offset, or Oslo wall-clock time) — to see what
// the mailbox would receive on a Saturday night, say. Default: the real clock.
import { parseArgs } from 'node:util';
import { createDb, migrate } from '@trygg/db';
import { localDateTimeToInstant } from '@trygg/domain';
import { Temporal } from 'temporal-polyfill';
import { formatDemoSummary, seedDemo } from './seed';

const { values } = parseArgs({ options: { now: { type: 'string' }, json: { type: 'boolean', default: false } } });

const url = process.env['DATABASE_URL'];
if (!url) {
  console.error('DATABASE_URL er ikke satt (f.eks. postgres://postgres@127.0.0.1:5432/trygg).');
  process.exit(2);
}

function parseNow(value: string | undefined): Temporal.Instant {
  if (value === undefined) return Temporal.Now.instant();
  return /(Z|[+-]\d{2}:\d{2})$/.test(value) ? Temporal.Instant.from(value) : localDateTimeToInstant(value);
}

let now: Temporal.Instant;
try {
  now = parseNow(values.now);
} catch (error) {
  console.error(`Ugyldig --now «${values.now}»: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(2);
}

const { db, close } = createDb(url, { max: 1 });
try {
  const { applied } = await migrate(db);
  if (applied > 0) console.log(`Kjørte ${applied} migrering(er).`);
  const summary = await seedDemo(db, now);
  console.log(values.json ? JSON.stringify(summary, null, 2) : formatDemoSummary(summary));
} catch (error) {
  console.error('Demodata kunne ikke legges inn:', error);
  process.exitCode = 1;
} finally {
  await close();
}
