// Turns zod issues into the API's `problems: [{ field, message }]` in plain Bokmål. Shared with
// the web app, so a form shows the same words the API would answer with.
//
// The contracts write their own messages where it matters (they are in Norwegian). zod's
// built-in messages are English and technical ("Invalid input: expected string, received
// undefined"); those are recognised by their fixed English openings and replaced here.
import type { z } from 'zod';

export interface Problem {
  /** Dotted path of the field ('nonSchoolDays.0.to'); '' for the request as a whole. */
  field: string;
  /** The zod issue code, for programs. */
  code: string;
  message: string;
}

const ZOD_DEFAULT = /^(Invalid|Too (big|small)|Unrecognized key|Expected|Required)/;

type Issue = z.core.$ZodIssue;

const typeNames: Record<string, string> = {
  string: 'tekst',
  number: 'et tall',
  int: 'et helt tall',
  boolean: 'ja/nei (true eller false)',
  array: 'en liste',
  object: 'et objekt',
  date: 'en dato',
};

function bokmal(issue: Issue): string {
  switch (issue.code) {
    case 'invalid_type':
      // A missing required field is reported as "expected X, received undefined"; zod 4 drops the
      // input, so both read the same — and both are answered by "fill it in".
      return `Feltet må fylles ut med ${typeNames[issue.expected] ?? 'en gyldig verdi'}.`;
    case 'invalid_value':
      return issue.values.length === 1
        ? `Verdien må være ${JSON.stringify(issue.values[0])}.`
        : `Velg en av: ${issue.values.map((v) => JSON.stringify(v)).join(', ')}.`;
    case 'too_small':
      if (issue.origin === 'string')
        return Number(issue.minimum) <= 1 ? 'Feltet kan ikke være tomt.' : `Skriv minst ${issue.minimum} tegn.`;
      if (issue.origin === 'array') return `Listen må ha minst ${issue.minimum} element.`;
      return `Verdien må være minst ${issue.minimum}.`;
    case 'too_big':
      if (issue.origin === 'string') return `Feltet kan ha høyst ${issue.maximum} tegn.`;
      if (issue.origin === 'array') return `Listen kan ha høyst ${issue.maximum} elementer.`;
      return `Verdien kan være høyst ${issue.maximum}.`;
    case 'invalid_format':
      if (issue.format === 'uuid' || issue.format === 'guid') return 'Må være en gyldig id.';
      if (issue.format === 'email') return 'Må være en gyldig e-postadresse.';
      return 'Feltet har feil format.';
    case 'not_multiple_of':
      return `Verdien må gå opp i ${issue.divisor}.`;
    case 'unrecognized_keys':
      return 'Feltet er ukjent. Fjern det.';
    case 'invalid_union':
      return 'Verdien passer ikke med noen av de tillatte formene.';
    default:
      return 'Verdien er ugyldig.';
  }
}

/** One problem per issue; an unknown key becomes a problem named after that key. */
export function problemsFromIssues(issues: readonly Issue[]): Problem[] {
  const out: Problem[] = [];
  for (const issue of issues) {
    const base = issue.path.map(String).join('.');
    const message = ZOD_DEFAULT.test(issue.message) ? bokmal(issue) : issue.message;
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ field: base ? `${base}.${key}` : key, code: issue.code, message });
    } else {
      out.push({ field: base, code: issue.code, message });
    }
  }
  return out;
}

/** A one-line summary naming the fields, for `error.message`. */
export function summariseProblems(problems: readonly Problem[]): string {
  if (problems.length === 0) return 'Forespørselen er ugyldig.';
  const parts = problems.slice(0, 5).map((p) => (p.field ? `${p.field}: ${p.message}` : p.message));
  const more = problems.length > 5 ? ` (og ${problems.length - 5} til)` : '';
  return `Noe er feil i det som ble sendt inn. ${parts.join(' ')}${more}`;
}
