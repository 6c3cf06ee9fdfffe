// Reading a school administration system's pupil export (Visma Flyt Skole, IST Everyday and
// the like): a header row, then one pupil per row; separated by ';' (what Norwegian Excel
// writes) or ',', fields optionally in double quotes ("" inside a quoted field is a quote),
// UTF-8 with or without a byte-order mark — or Windows-1252, which older exports still write.
// Pure: no database, no clock. Every problem names its line (the header is line 1), so the
// principal can find it in the file.

export interface CsvRecord {
  /** The line the record starts on (1 = the header). */
  line: number;
  fields: string[];
}

export interface PupilCsvRow {
  line: number;
  firstName: string;
  lastName: string;
  /** "Fornavn Etternavn", spaces collapsed. */
  name: string;
  birthYear: number;
  className: string | null;
  /** Lower-cased; null when the cell is empty or the column is absent. */
  contactTeacherEmail: string | null;
  /** 11 digits, spaces removed; null when absent. */
  nationalId: string | null;
}

export interface LineProblem {
  line: number;
  /** The column, as the export names it ('Fornavn', 'Fødselsnummer', …). */
  column: string | null;
  code: string;
  message: string;
}

export interface PupilCsv {
  rows: PupilCsvRow[];
  problems: LineProblem[];
  /** The file has a contact-teacher column (absent: existing pupils keep theirs). */
  hasContactTeacherColumn: boolean;
}

/** Bytes → text: UTF-8 (a BOM is dropped); Windows-1252 when the bytes are not valid UTF-8. */
export function decodeCsv(bytes: Uint8Array): string {
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    text = new TextDecoder('windows-1252').decode(bytes);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** The separator of the header line: the one of ';', ',' and tab that occurs most outside quotes. */
export function detectDelimiter(text: string): ';' | ',' | '\t' {
  const counts = { ';': 0, ',': 0, '\t': 0 };
  let quoted = false;
  for (const ch of text) {
    if (ch === '"') quoted = !quoted;
    else if (!quoted && (ch === '\n' || ch === '\r')) break;
    else if (!quoted && ch in counts) counts[ch as keyof typeof counts] += 1;
  }
  if (counts[';'] >= counts[','] && counts[';'] >= counts['\t'] && counts[';'] > 0) return ';';
  return counts['\t'] > counts[','] ? '\t' : ',';
}

/**
 * RFC 4180, tolerantly: CRLF, LF or CR line ends; a quoted field may hold the separator, quotes
 * ("") and line breaks; blank lines are skipped. Each record knows the line it starts on.
 */
export function parseCsv(text: string, delimiter: string): { records: CsvRecord[]; unterminatedQuoteLine: number | null } {
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = '';
  let line = 1;
  let recordLine = 1;
  let quoted = false;
  let quoteLine = 0;
  let fieldWasQuoted = false;
  const endRecord = () => {
    fields.push(field);
    if (!(fields.length === 1 && fields[0]!.trim() === '' && !fieldWasQuoted)) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
    fieldWasQuoted = false;
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"') {
        if (text[i + 1] === '"') {
          field += '"';
          i += 1;
        } else quoted = false;
      } else {
        if (ch === '\n' || (ch === '\r' && text[i + 1] !== '\n')) line += 1;
        field += ch;
      }
      continue;
    }
    if (ch === '"' && field.trim() === '') {
      quoted = true;
      quoteLine = line;
      fieldWasQuoted = true;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
      fieldWasQuoted = false;
    } else if (ch === '\r' || ch === '\n') {
      if (ch === '\r' && text[i + 1] === '\n') i += 1;
      endRecord();
      line += 1;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  if (quoted) return { records, unterminatedQuoteLine: quoteLine };
  if (field !== '' || fields.length > 0 || fieldWasQuoted) endRecord();
  return { records, unterminatedQuoteLine: null };
}

/**
 * The two check digits of a fødselsnummer or D-nummer from its first nine digits (mod 11,
 * weights 3 7 6 1 8 9 4 5 2 and 5 4 3 2 7 6 5 4 3 2), or null when none exist (a remainder
 * giving 10 is never issued).
 */
export function nationalIdCheckDigits(nine: string): string | null {
  if (!/^\d{9}$/.test(nine)) return null;
  const d = [...nine].map(Number);
  const check = (weights: number[]) => {
    const sum = weights.reduce((acc, w, i) => acc + w * d[i]!, 0);
    const k = 11 - (sum % 11);
    return k === 11 ? 0 : k;
  };
  const k1 = check([3, 7, 6, 1, 8, 9, 4, 5, 2]);
  if (k1 === 10) return null;
  d.push(k1);
  const k2 = check([5, 4, 3, 2, 7, 6, 5, 4, 3, 2]);
  return k2 === 10 ? null : `${k1}${k2}`;
}

/** Fødselsnummer and D-nummer: 11 digits whose two last are the mod-11 check digits. */
export function isValidNationalId(value: string): boolean {
  return /^\d{11}$/.test(value) && nationalIdCheckDigits(value.slice(0, 9)) === value.slice(9);
}

/** Header → a comparable key: lower case, æøå folded, everything but letters and digits dropped. */
const headerKey = (header: string) =>
  header
    .toLowerCase()
    .replaceAll('æ', 'ae')
    .replaceAll('ø', 'o')
    .replaceAll('å', 'a')
    .replace(/[^a-z0-9]/g, '');

type Column = 'firstName' | 'lastName' | 'birthYear' | 'birthDate' | 'className' | 'contactTeacherEmail' | 'nationalId';

const COLUMN_ALIASES: Record<string, Column> = {
  fornavn: 'firstName',
  elevfornavn: 'firstName',
  etternavn: 'lastName',
  elevetternavn: 'lastName',
  fodselsar: 'birthYear',
  fodt: 'birthYear',
  arskull: 'birthYear',
  fodselsdato: 'birthDate',
  klasse: 'className',
  basisgruppe: 'className',
  gruppe: 'className',
  kontaktlaererepost: 'contactTeacherEmail',
  kontaktlaereremail: 'contactTeacherEmail',
  kontaktlaerermail: 'contactTeacherEmail',
  kontaktlaerer: 'contactTeacherEmail',
  epostkontaktlaerer: 'contactTeacherEmail',
  fodselsnummer: 'nationalId',
  fnr: 'nationalId',
  personnummer: 'nationalId',
  fodselsnr: 'nationalId',
};

/** What the import expects, for the API description and the error messages. */
export const EXPECTED_COLUMNS = 'Fornavn;Etternavn;Fødselsår;Klasse;Kontaktlærer e-post (valgfritt: Fødselsnummer)';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** «…» around a value from the file, cut short (a stray paste must not fill the error message). */
const quote = (value: string) => `«${value.length > 60 ? `${value.slice(0, 57)}…` : value}»`;

/**
 * Reads and checks a pupil export. Checks that need only the file: required columns, names,
 * birth years (`maxBirthYear`: the current year), national ids (format, check digits, twice in
 * the file), the same pupil twice (name + birth year), e-mail addresses that are not addresses.
 * Whether a contact teacher works at the school is the importer's check (it needs the database).
 */
export function readPupilCsv(text: string, options: { maxBirthYear: number }): PupilCsv {
  const problems: LineProblem[] = [];
  const fail = (line: number, column: string | null, code: string, message: string) =>
    problems.push({ line, column, code, message: `Linje ${line}: ${message}` });
  const empty: PupilCsv = { rows: [], problems, hasContactTeacherColumn: false };

  if (text.trim() === '') {
    fail(1, null, 'empty_file', 'Filen er tom. Den første linjen skal være overskriftene: ' + EXPECTED_COLUMNS + '.');
    return empty;
  }
  const delimiter = detectDelimiter(text);
  const { records, unterminatedQuoteLine } = parseCsv(text, delimiter);
  if (unterminatedQuoteLine !== null) {
    fail(unterminatedQuoteLine, null, 'unterminated_quote', 'Et felt starter med anførselstegn (") som aldri avsluttes.');
    return empty;
  }
  const [header, ...data] = records;
  if (!header) {
    fail(1, null, 'empty_file', 'Filen er tom.');
    return empty;
  }

  const columns = new Map<Column, { index: number; name: string }>();
  header.fields.forEach((raw, index) => {
    const column = COLUMN_ALIASES[headerKey(raw)];
    if (column && !columns.has(column)) columns.set(column, { index, name: raw.trim() });
  });
  const missing = [
    !columns.has('firstName') && 'Fornavn',
    !columns.has('lastName') && 'Etternavn',
    !columns.has('birthYear') && !columns.has('birthDate') && 'Fødselsår',
  ].filter((m): m is string => typeof m === 'string');
  if (missing.length > 0) {
    fail(
      header.line,
      null,
      'missing_columns',
      `Overskriftslinjen mangler ${missing.map((m) => `«${m}»`).join(' og ')}. Forventet: ${EXPECTED_COLUMNS}.`,
    );
    return empty;
  }
  if (data.length === 0) {
    fail(header.line, null, 'no_rows', 'Filen har overskrifter, men ingen elever.');
    return empty;
  }

  const cell = (record: CsvRecord, column: Column) => {
    const c = columns.get(column);
    return c ? (record.fields[c.index] ?? '').trim() : '';
  };
  const nameOf = (column: Column) => columns.get(column)?.name ?? column;

  const rows: PupilCsvRow[] = [];
  const byNationalId = new Map<string, number>();
  const byPupil = new Map<string, number>();
  for (const record of data) {
    const before = problems.length;
    const line = record.line;
    // Exports often end rows with empty cells; more filled cells than headers means a shifted row.
    const extra = record.fields.slice(header.fields.length).filter((f) => f.trim() !== '');
    if (extra.length > 0) {
      fail(line, null, 'too_many_fields', `Linjen har ${record.fields.length} felt, men overskriften har ${header.fields.length}. Sjekk skilletegn og anførselstegn.`);
      continue;
    }

    const firstName = cell(record, 'firstName').replace(/\s+/g, ' ');
    const lastName = cell(record, 'lastName').replace(/\s+/g, ' ');
    if (!firstName) fail(line, nameOf('firstName'), 'missing_first_name', 'Fornavn mangler.');
    if (!lastName) fail(line, nameOf('lastName'), 'missing_last_name', 'Etternavn mangler.');
    if (`${firstName} ${lastName}`.length > 200) fail(line, nameOf('firstName'), 'name_too_long', 'Navnet er lengre enn 200 tegn.');
    // Stored on the pupil (pupils.class_name): a class or base group is a short label ("5A").
    const className = cell(record, 'className').replace(/\s+/g, ' ');
    if (className.length > 50) fail(line, nameOf('className'), 'class_too_long', `Klassen ${quote(className)} er lengre enn 50 tegn.`);

    let birthYear = Number.NaN;
    if (columns.has('birthYear')) {
      const raw = cell(record, 'birthYear');
      if (!raw) fail(line, nameOf('birthYear'), 'missing_birth_year', 'Fødselsår mangler.');
      else if (!/^\d{4}$/.test(raw)) fail(line, nameOf('birthYear'), 'birth_year_not_a_year', `Fødselsåret ${quote(raw)} er ikke et årstall (skriv fire sifre, f.eks. 2015).`);
      else birthYear = Number(raw);
    } else {
      const raw = cell(record, 'birthDate');
      const m = /^(\d{1,2})\.(\d{1,2})\.(\d{4})$/.exec(raw) ?? /^(\d{4})-(\d{2})-(\d{2})$/.exec(raw);
      if (!raw) fail(line, nameOf('birthDate'), 'missing_birth_year', 'Fødselsdato mangler.');
      else if (!m) fail(line, nameOf('birthDate'), 'birth_year_not_a_year', `Fødselsdatoen ${quote(raw)} er ikke en dato (skriv dd.mm.åååå).`);
      else birthYear = Number(raw.includes('-') ? m[1] : m[3]);
    }
    if (Number.isFinite(birthYear) && (birthYear < 1990 || birthYear > options.maxBirthYear)) {
      fail(line, nameOf(columns.has('birthYear') ? 'birthYear' : 'birthDate'), 'birth_year_out_of_range', `Fødselsåret ${birthYear} er ikke mulig for en elev.`);
    }

    const rawId = cell(record, 'nationalId').replace(/\s+/g, '');
    let nationalId: string | null = null;
    if (rawId) {
      // The number itself is never repeated in a message (it identifies the pupil).
      if (!isValidNationalId(rawId)) {
        fail(line, nameOf('nationalId'), 'invalid_national_id', 'Fødselsnummeret er ugyldig (det skal være 11 siffer med riktige kontrollsiffer).');
      } else {
        const seen = byNationalId.get(rawId);
        if (seen !== undefined) fail(line, nameOf('nationalId'), 'duplicate_national_id', `Samme fødselsnummer står også på linje ${seen}.`);
        else byNationalId.set(rawId, line);
        nationalId = rawId;
      }
    }

    const rawEmail = cell(record, 'contactTeacherEmail');
    const contactTeacherEmail = rawEmail ? rawEmail.toLowerCase() : null;
    if (contactTeacherEmail && !EMAIL.test(contactTeacherEmail)) {
      fail(line, nameOf('contactTeacherEmail'), 'invalid_email', `Kontaktlærerens e-postadresse ${quote(rawEmail)} er ikke en e-postadresse.`);
    }

    const name = `${firstName} ${lastName}`;
    if (firstName && lastName && Number.isFinite(birthYear)) {
      // The same pupil twice: same name and birth year, unless two different national ids say otherwise.
      const key = `${name.toLocaleLowerCase('nb')}|${birthYear}|${nationalId ?? ''}`;
      const loose = `${name.toLocaleLowerCase('nb')}|${birthYear}|`;
      const seen = byPupil.get(key) ?? (nationalId ? undefined : byPupil.get(loose));
      if (seen !== undefined) fail(line, null, 'duplicate_row', `Samme elev (${name}, født ${birthYear}) står også på linje ${seen}.`);
      else {
        byPupil.set(key, line);
        if (!byPupil.has(loose)) byPupil.set(loose, line);
      }
    }

    if (problems.length === before) {
      rows.push({
        line,
        firstName,
        lastName,
        name,
        birthYear,
        className: className || null,
        contactTeacherEmail,
        nationalId,
      });
    }
  }
  return { rows, problems, hasContactTeacherColumn: columns.has('contactTeacherEmail') };
}
