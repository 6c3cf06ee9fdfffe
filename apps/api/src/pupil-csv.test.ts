import { describe, expect, it } from 'vitest';
import { decodeCsv, detectDelimiter, isValidNationalId, nationalIdCheckDigits, parseCsv, readPupilCsv } from './pupil-csv';

/** A valid fødselsnummer from its first nine digits (null when no check digits exist). */
const withCheckDigits = (nine: string) => {
  const k = nationalIdCheckDigits(nine);
  return k === null ? null : `${nine}${k}`;
};

const opts = { maxBirthYear: 2026 };

describe('pupil CSV', () => {
  it('reads quoted fields, doubled quotes, separators and line breaks inside quotes, and knows each record’s line', () => {
    const { records } = parseCsv('a;b\r\n"x;1";"say ""hi"""\r\n\r\n"two\nlines";z\n', ';');
    expect(records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 2, fields: ['x;1', 'say "hi"'] },
      { line: 4, fields: ['two\nlines', 'z'] },
    ]);
    expect(parseCsv('a;b\n"open;x\n', ';').unterminatedQuoteLine).toBe(2);
  });

  it('takes ; or , (and tab) from the header line, not from quoted text', () => {
    expect(detectDelimiter('Fornavn;Etternavn;Fødselsår\nA,B;C;2015')).toBe(';');
    expect(detectDelimiter('Fornavn,Etternavn,"Kontaktlærer; e-post"\n')).toBe(',');
    expect(detectDelimiter('Fornavn\tEtternavn\tFødselsår')).toBe('\t');
  });

  it('decodes UTF-8 with or without a BOM, and Windows-1252', () => {
    const utf8 = new TextEncoder().encode('\uFEFFFødselsår;Ærlig');
    expect(decodeCsv(utf8)).toBe('Fødselsår;Ærlig');
    expect(decodeCsv(new TextEncoder().encode('Fødselsår'))).toBe('Fødselsår');
    // 'Fødselsår' in Windows-1252: ø = 0xF8, å = 0xE5.
    expect(decodeCsv(Uint8Array.from([0x46, 0xf8, 0x64, 0x73, 0x65, 0x6c, 0x73, 0xe5, 0x72]))).toBe('Fødselsår');
  });

  it('checks fødselsnummer check digits (mod 11)', () => {
    const good = withCheckDigits('010115123')!;
    expect(good).toMatch(/^\d{11}$/);
    expect(isValidNationalId(good)).toBe(true);
    expect(isValidNationalId(`${good.slice(0, 10)}${(Number(good[10]) + 1) % 10}`)).toBe(false);
    expect(isValidNationalId('0101151234')).toBe(false);
    expect(isValidNationalId('0101151234x')).toBe(false);
    // Nine digits whose first check digit would be 10: no such number is issued.
    expect(nationalIdCheckDigits('311299777')).toBeNull();
  });

  it('maps the export’s headers whatever their case and order, and reads the rows', () => {
    const csv = 'KLASSE;etternavn;Fornavn;Kontaktlærer E-post;Fødselsår\n5A;Nilsen;"Nora  Marie";Tone@Skole.no;2015\n';
    const out = readPupilCsv(csv, opts);
    expect(out.problems).toEqual([]);
    expect(out.hasContactTeacherColumn).toBe(true);
    expect(out.rows).toEqual([
      { line: 2, firstName: 'Nora Marie', lastName: 'Nilsen', name: 'Nora Marie Nilsen', birthYear: 2015, className: '5A', contactTeacherEmail: 'tone@skole.no', nationalId: null },
    ]);
  });

  it('keeps the class (spaces collapsed; empty: null) and refuses one longer than 50 characters', () => {
    const csv = `Fornavn;Etternavn;Fødselsår;Basisgruppe\nNora;Nilsen;2015; 5  A \nIda;Lund;2015;\nOla;Dal;2015;${'x'.repeat(51)}\n`;
    const { rows, problems } = readPupilCsv(csv, opts);
    expect(rows.map((r) => [r.line, r.className])).toEqual([
      [2, '5 A'],
      [3, null],
    ]);
    expect(problems.map((p) => [p.line, p.column, p.code])).toEqual([[4, 'Basisgruppe', 'class_too_long']]);
  });

  it('names every bad line in plain Norwegian, and the national id never appears in a message', () => {
    const id = withCheckDigits('010115123')!;
    const csv = [
      'Fornavn;Etternavn;Fødselsår;Klasse;Kontaktlærer e-post;Fødselsnummer',
      `Nora;Nilsen;2015;5A;tone@skole.no;${id}`,
      ';Berg;2015;5A;tone@skole.no;',
      'Ida;Lund;20x5;5A;tone@skole.no;',
      `Ola;Dal;2015;5A;tone@skole.no;${id}`,
      'Kari;Li;2015;5A;tone@skole.no;12345678901',
      'Per;Sand;2015;5A;ikke-en-adresse;',
      'Nora;Nilsen;2015;5B;;',
      'Eva;Ås;1890;5A;;',
      'Tom;Ek;2015;5A;;;ekstra',
    ].join('\n');
    const { rows, problems } = readPupilCsv(csv, opts);
    expect(rows.map((r) => r.line)).toEqual([2]);
    expect(problems.map((p) => [p.line, p.code])).toEqual([
      [3, 'missing_first_name'],
      [4, 'birth_year_not_a_year'],
      [5, 'duplicate_national_id'],
      [6, 'invalid_national_id'],
      [7, 'invalid_email'],
      [8, 'duplicate_row'],
      [9, 'birth_year_out_of_range'],
      [10, 'too_many_fields'],
    ]);
    expect(problems[0]!.message).toBe('Linje 3: Fornavn mangler.');
    expect(problems[1]!.message).toBe('Linje 4: Fødselsåret «20x5» er ikke et årstall (skriv fire sifre, f.eks. 2015).');
    expect(problems[2]!.message).toBe('Linje 5: Samme fødselsnummer står også på linje 2.');
    expect(problems[5]!.message).toBe('Linje 8: Samme elev (Nora Nilsen, født 2015) står også på linje 2.');
    expect(problems.some((p) => p.message.includes(id) || p.message.includes('12345678901'))).toBe(false);
  });

  it('refuses a file without the required columns, or without rows', () => {
    expect(readPupilCsv('Navn;Klasse\nNora;5A\n', opts).problems.map((p) => p.message)).toEqual([
      'Linje 1: Overskriftslinjen mangler «Fornavn» og «Etternavn» og «Fødselsår». Forventet: Fornavn;Etternavn;Fødselsår;Klasse;Kontaktlærer e-post (valgfritt: Fødselsnummer).',
    ]);
    expect(readPupilCsv('Fornavn;Etternavn;Fødselsår\n', opts).problems.map((p) => p.code)).toEqual(['no_rows']);
    expect(readPupilCsv('  \n', opts).problems.map((p) => p.code)).toEqual(['empty_file']);
  });
});
