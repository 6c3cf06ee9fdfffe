// The parents' copy (DOMAIN "Privacy and documentation"; seeds/001: no sensitive information
// about other pupils). Parents may see what the school did for their child, never what the
// school knows about other children: other pupils' names become "[annen elev]", and whatever is
// marked as concerning other pupils is taken out whole.
import { mapFreeText } from './free-text';
import { fullNamePattern, nameTokens, nameWordPattern } from './names';
import type { CaseFile, Lang } from './types';

export const REDACTION = {
  pupil: { nb: '[annen elev]', nn: '[annan elev]' },
  information: { nb: '[opplysninger om andre elever er tatt ut]', nn: '[opplysningar om andre elevar er tekne ut]' },
} as const;

/**
 * Replaces other pupils' names in a text: full names first, then — so that "Emil" alone is
 * caught once "Emil Berg" is known — each word of their names, except words of the case's own
 * pupil's name (her own first name is not another pupil's).
 */
export function redactNames(text: string, otherNames: readonly string[], ownName: string, lang: Lang = 'nb'): string {
  const marker = REDACTION.pupil[lang];
  const full = fullNamePattern(otherNames);
  if (!full) return text;
  const own = new Set(nameTokens(ownName).map((t) => t.toLocaleLowerCase('nb')));
  const words = nameWordPattern(otherNames.flatMap(nameTokens).filter((w) => !own.has(w.toLocaleLowerCase('nb'))));
  let out = text.normalize('NFC').replace(full, marker);
  if (words) out = out.replace(words, marker);
  return out;
}

/** The parents' copy of a case file: a new object, the original is left as it was. */
export function redactForParents(file: CaseFile, lang: Lang = 'nb'): CaseFile {
  if (file.redacted) return file;
  const names = file.otherPupils.map((p) => p.name);
  const redactText = (text: string) => redactNames(text, names, file.pupil.name, lang);
  const withNamesOut = mapFreeText(file, redactText);
  const information = REDACTION.information[lang];
  return {
    ...withNamesOut,
    investigation: {
      ...withNamesOut.investigation,
      steps: withNamesOut.investigation.steps.map((s) => ({
        ...s,
        summary: s.concernsOtherPupils ? information : s.summary,
        // Who was named is itself information about other pupils: only how many is kept.
        otherPupils: s.otherPupils.map(() => ({ id: '', name: REDACTION.pupil[lang] })),
      })),
      assessments: withNamesOut.investigation.assessments.map((a) => ({
        ...a,
        text: a.concernsOtherPupils ? information : a.text,
      })),
    },
    // External bodies stay (they are not other pupils' data); what they were involved in is
    // taken out when it is about other pupils, as the investigation's texts are.
    externalBodies: withNamesOut.externalBodies.map((b) => ({
      ...b,
      involvement: b.concernsOtherPupils ? information : b.involvement,
    })),
    otherPupils: [],
    redacted: true,
  };
}
