/**
 * Pupil-import benchmark: the CSV export of a 500-pupil school (20 classes of 25, one contact
 * teacher each, fødselsnummer on every row, UTF-8 with BOM, ';' and CRLF, some quoted fields),
 * imported by the function behind POST /api/schools/{id}/pupils/import: decode, parse and check
 * every row, look up the contact teachers and existing pupils, write the pupils in one
 * transaction and sync the half-year's conversation deadlines and the teachers' reminders.
 *
 * Timed, into a fresh database (a copy of the migrated template, dropped afterwards):
 *  - firstImportMs: 500 new pupils — the target, ≤ 2 s;
 *  - reimportMs: the same file again (500 unchanged, the sync finds nothing to do);
 *  - updateImportMs: a file where 50 pupils changed contact teacher;
 *  - parseMs: decoding and checking the file alone (no database).
 *
 * Run: `TZ=UTC npx tsx tools/bench/import.ts` (needs PostgreSQL; TEST_DATABASE_URL as for tests).
 */
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { decodeCsv, nationalIdCheckDigits, readPupilCsv } from '../../apps/api/src/pupil-csv';
import { importPupils } from '../../apps/api/src/pupil-import';
import { people, roles } from '../../libs/db/src/index';
import { localDateTimeToInstant } from '../../libs/domain/src/index';
import { createTestDatabase, seedSchool } from '../../libs/testing/src/index';

const PUPILS = 500;
const CLASSES = 20;
const NOW = new Date(localDateTimeToInstant('2026-09-01T09:00').epochMilliseconds);

function nationalIds(n: number): string[] {
  const out: string[] = [];
  for (let i = 0; out.length < n; i++) {
    const nine = `${String(1 + (i % 28)).padStart(2, '0')}${String(1 + (Math.floor(i / 28) % 12)).padStart(2, '0')}${String(12 + (i % 7))}${String(500 + Math.floor(i / 336)).padStart(3, '0')}`;
    const check = nationalIdCheckDigits(nine);
    if (check) out.push(`${nine}${check}`);
  }
  return out;
}

function exportFile(teacherEmails: readonly string[], shift = 0): Uint8Array {
  const ids = nationalIds(PUPILS);
  const lines = ['Fornavn;Etternavn;Fødselsår;Klasse;Kontaktlærer e-post;Fødselsnummer'];
  for (let i = 0; i < PUPILS; i++) {
    const cls = Math.floor(i / (PUPILS / CLASSES));
    const teacher = teacherEmails[(cls + (i < shift ? 1 : 0)) % teacherEmails.length]!;
    const first = i % 40 === 0 ? `"Anne-Marie; ${i}"` : `Elev${i}`;
    lines.push(`${first};Østby${i};${2012 + (cls % 7)};${1 + (cls % 7)}${'ABC'[cls % 3]};${teacher};${ids[i]}`);
  }
  return new TextEncoder().encode(`\uFEFF${lines.join('\r\n')}\r\n`);
}

export async function benchImport(): Promise<Record<string, string | number>> {
  const t = await createTestDatabase();
  try {
    const s = await seedSchool(t.db);
    const teachers = await t.db
      .insert(people)
      .values(Array.from({ length: CLASSES }, (_, i) => ({ name: `Kontaktlærer ${i}`, email: `kontakt${i}@bench.test` })))
      .returning({ id: people.id, email: people.email });
    await t.db.insert(roles).values(teachers.map((p) => ({ personId: p.id, role: 'staff' as const, schoolId: s.schoolId })));
    const emails = teachers.map((p) => p.email);
    const file = exportFile(emails);

    const p0 = performance.now();
    const parsed = readPupilCsv(decodeCsv(file), { maxBirthYear: 2026 });
    const parseMs = performance.now() - p0;
    if (parsed.problems.length > 0) throw new Error(`bench file has problems: ${parsed.problems[0]!.message}`);

    const timed = async (bytes: Uint8Array) => {
      const started = performance.now();
      const outcome = await importPupils(t.db, s.schoolId, decodeCsv(bytes), NOW);
      const ms = performance.now() - started;
      if (!outcome.ok) throw new Error(`import refused: ${outcome.problems[0]!.message}`);
      return { ms, ...outcome.result };
    };
    const first = await timed(file);
    const again = await timed(file);
    const update = await timed(exportFile(emails, 50));
    return {
      pupils: PUPILS,
      contactTeachers: CLASSES,
      fileBytes: file.byteLength,
      parseMs: Math.round(parseMs * 10) / 10,
      firstImportMs: Math.round(first.ms),
      'first: created': first.created,
      reimportMs: Math.round(again.ms),
      'reimport: unchanged': again.unchanged,
      updateImportMs: Math.round(update.ms),
      'update: updated': update.updated,
      target: 'firstImportMs ≤ 2000',
      verdict: first.ms <= 2000 ? 'ok' : 'OVER TARGET',
    };
  } finally {
    await t.drop();
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const r = await benchImport();
  for (const [k, v] of Object.entries(r)) console.log(`${k.padEnd(28)} ${v}`);
}
