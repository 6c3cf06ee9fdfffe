// Imports a school's pupils and their contact teachers from the administration system's CSV
// export. All or nothing: every row is checked first (against the file and the database); one
// bad row and nothing is written, and every bad row is reported by its line. Otherwise pupils
// are created or updated in one transaction — matched by national id when the file has one,
// else by name and birth year — and the half-year's conversation deadlines are synced in it.
import { and, eq, inArray, isNull, ne } from 'drizzle-orm';
import { people, pupils, roles, type Db } from '@trygg/db';
import { syncPupilConversations, termOf, type PupilConversationSync } from '@trygg/scheduling';
import type { PupilImportResult } from '@trygg/contracts';
import { readPupilCsv, type LineProblem, type PupilCsvRow } from './pupil-csv';
import { initialsOf } from './routes/organisation';
import { osloYear, toInstant } from './time';

export type ImportOutcome =
  | { ok: true; result: PupilImportResult; sync: PupilConversationSync }
  | { ok: false; problems: LineProblem[] };

type Existing = typeof pupils.$inferSelect;

const pupilKey = (name: string, birthYear: number) => `${name.replace(/\s+/g, ' ').trim().toLocaleLowerCase('nb')}|${birthYear}`;

/**
 * `db` is a handle, not a transaction: the checks read outside it, the writes run in one.
 * `onWritten` runs inside the transaction as its last step, after the pupils and their conversation deadlines are
 * written (the route audits there; the audit lock is then held only until the commit).
 */
export async function importPupils(
  db: Db,
  schoolId: string,
  csv: string,
  now: Date,
  onWritten?: (tx: Db, result: PupilImportResult) => Promise<void>,
): Promise<ImportOutcome> {
  const parsed = readPupilCsv(csv, { maxBirthYear: osloYear(now) });
  const problems = [...parsed.problems];
  const fail = (line: number, column: string | null, code: string, message: string) =>
    problems.push({ line, column, code, message: `Linje ${line}: ${message}` });

  // Contact teachers: active people holding a role at this school, by e-mail.
  const staff = await db
    .selectDistinct({ id: people.id, email: people.email })
    .from(people)
    .innerJoin(roles, eq(roles.personId, people.id))
    .where(and(eq(roles.schoolId, schoolId), isNull(people.deactivatedAt)));
  const staffByEmail = new Map(staff.map((p) => [p.email.toLowerCase(), p.id]));

  const existing = await db.select().from(pupils).where(eq(pupils.schoolId, schoolId));
  const byNationalId = new Map<string, Existing>();
  const byKey = new Map<string, Existing[]>();
  for (const p of existing) {
    if (p.nationalId) byNationalId.set(p.nationalId, p);
    const key = pupilKey(p.name, p.birthYear);
    byKey.set(key, [...(byKey.get(key) ?? []), p]);
  }

  // A national id is unique in trygg: one registered at another school cannot be taken here.
  const ids = parsed.rows.flatMap((r) => (r.nationalId && !byNationalId.has(r.nationalId) ? [r.nationalId] : []));
  const elsewhere = new Set<string>();
  for (let i = 0; i < ids.length; i += 1000) {
    const found = await db
      .select({ nationalId: pupils.nationalId })
      .from(pupils)
      .where(and(inArray(pupils.nationalId, ids.slice(i, i + 1000)), ne(pupils.schoolId, schoolId)));
    for (const f of found) if (f.nationalId) elsewhere.add(f.nationalId);
  }

  const plan: { row: PupilCsvRow; match: Existing | null; contactTeacherId: string | null | undefined }[] = [];
  const claimed = new Map<string, number>();
  for (const row of parsed.rows) {
    const before = problems.length;
    let contactTeacherId: string | null | undefined = undefined;
    if (parsed.hasContactTeacherColumn) {
      contactTeacherId = null;
      if (row.contactTeacherEmail) {
        contactTeacherId = staffByEmail.get(row.contactTeacherEmail) ?? null;
        if (!contactTeacherId) {
          fail(row.line, 'Kontaktlærer e-post', 'unknown_contact_teacher', `Fant ingen ansatt ved skolen med e-postadressen «${row.contactTeacherEmail}». Legg personen inn som ansatt først, eller rett adressen.`);
        }
      }
    }
    if (row.nationalId && elsewhere.has(row.nationalId)) {
      fail(row.line, 'Fødselsnummer', 'national_id_at_other_school', 'Fødselsnummeret er registrert på en elev ved en annen skole i trygg. Kontakt administrator.');
    }

    let match: Existing | null = row.nationalId ? (byNationalId.get(row.nationalId) ?? null) : null;
    if (!match) {
      // By name and birth year; a pupil already carrying another national id is someone else.
      const candidates = (byKey.get(pupilKey(row.name, row.birthYear)) ?? []).filter((p) => !row.nationalId || !p.nationalId);
      if (candidates.length > 1) {
        fail(row.line, null, 'ambiguous_pupil', `Flere elever ved skolen heter ${row.name} og er født ${row.birthYear}. Legg til fødselsnummer i filen så de kan skilles.`);
      } else match = candidates[0] ?? null;
    }
    if (match) {
      const seen = claimed.get(match.id);
      if (seen !== undefined) fail(row.line, null, 'duplicate_row', `Linjen gjelder samme elev som linje ${seen}.`);
      else claimed.set(match.id, row.line);
    }
    if (problems.length === before) plan.push({ row, match, contactTeacherId });
  }

  if (problems.length > 0) {
    problems.sort((a, b) => a.line - b.line);
    return { ok: false, problems };
  }

  const inserts: (typeof pupils.$inferInsert)[] = [];
  const updates: { id: string; set: Partial<typeof pupils.$inferInsert> }[] = [];
  let unchanged = 0;
  for (const { row, match, contactTeacherId } of plan) {
    const initials = initialsOf(row.name);
    if (!match) {
      inserts.push({
        schoolId,
        name: row.name,
        initials,
        birthYear: row.birthYear,
        className: row.className,
        nationalId: row.nationalId,
        contactTeacherId: contactTeacherId ?? null,
      });
      continue;
    }
    const set: Partial<typeof pupils.$inferInsert> = {};
    if (match.name !== row.name) {
      set.name = row.name;
      set.initials = initials;
    }
    if (match.birthYear !== row.birthYear) set.birthYear = row.birthYear;
    // An empty cell keeps the class the pupil has (as a missing column does): a blank export
    // field says nothing about a move.
    if (row.className !== null && match.className !== row.className) set.className = row.className;
    if (row.nationalId && match.nationalId !== row.nationalId) set.nationalId = row.nationalId;
    if (contactTeacherId !== undefined && match.contactTeacherId !== contactTeacherId) set.contactTeacherId = contactTeacherId;
    if (Object.keys(set).length === 0) unchanged += 1;
    else updates.push({ id: match.id, set: { ...set, updatedAt: now } });
  }

  const result: PupilImportResult = { rows: plan.length, created: inserts.length, updated: updates.length, unchanged };
  const sync = await db.transaction(async (tx) => {
    for (let i = 0; i < inserts.length; i += 1000) await tx.insert(pupils).values(inserts.slice(i, i + 1000));
    for (const { id, set } of updates) await tx.update(pupils).set(set).where(eq(pupils.id, id));
    // New pupils get this half-year's conversation deadline; a new contact teacher gets the reminders.
    const nowInstant = toInstant(now);
    const synced = await syncPupilConversations(tx, schoolId, termOf(nowInstant), nowInstant);
    // Last: the route's audit entry takes the audit chain's lock, held until this commits.
    await onWritten?.(tx, result);
    return synced;
  });
  return { ok: true, result, sync };
}
