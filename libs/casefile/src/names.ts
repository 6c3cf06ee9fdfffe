// Finding pupils' names in free text. Teachers write "Emil Berg", "emil berg", "Emil Bergs mor"
// (the Norwegian genitive) and, once a pupil has been named, often just "Emil": the parents'
// copy must catch all of them (taushetsplikt: parents see nothing about other pupils).

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Letters and digits of any script: a name must not be matched inside a longer word. */
const NOT_WORD_BEFORE = '(?<![\\p{L}\\p{N}])';
/** Optional genitive ("Emils", "Emil's", "Emil’s"), then no further letters. */
const AFTER = "(?:s|['’]s)?(?![\\p{L}\\p{N}])";

function normalise(name: string): string {
  return name.normalize('NFC').trim().replace(/\s+/g, ' ');
}

/** The name's words (split on spaces and hyphens are kept inside a word: "Anne-Lise"). */
export function nameTokens(name: string): string[] {
  return normalise(name).split(' ').filter((t) => t.length > 0);
}

/**
 * One pattern for a set of full names: case-insensitive, any run of whitespace between the
 * words, longest names first (so "Emil Berg Hansen" wins over "Emil Berg"). null when empty.
 */
export function fullNamePattern(names: readonly string[]): RegExp | null {
  const unique = [...new Set(names.map(normalise).filter((n) => n.length > 0))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  const alternatives = unique.map((n) => n.split(' ').map(escape).join('\\s+'));
  return new RegExp(`${NOT_WORD_BEFORE}(?:${alternatives.join('|')})${AFTER}`, 'giu');
}

/**
 * One pattern for single name words (a first name or a surname alone). Case-sensitive on
 * purpose: names are written capitalised, and "Per" the name must not take "per uke" with it.
 * Words shorter than two letters are left alone. null when empty.
 */
export function nameWordPattern(words: readonly string[]): RegExp | null {
  const unique = [...new Set(words.map(normalise).filter((w) => w.length >= 2))].sort((a, b) => b.length - a.length);
  if (unique.length === 0) return null;
  return new RegExp(`${NOT_WORD_BEFORE}(?:${unique.map(escape).join('|')})${AFTER}`, 'gu');
}

/** Whether the text contains a match of the pattern (a global pattern's lastIndex is reset). */
export function mentions(pattern: RegExp, text: string): boolean {
  pattern.lastIndex = 0;
  const found = pattern.test(text.normalize('NFC'));
  pattern.lastIndex = 0;
  return found;
}

/** Every full name of `names` that occurs in any of the texts. */
export function namesMentioned(names: readonly string[], texts: readonly string[]): Set<string> {
  const found = new Set<string>();
  const pattern = fullNamePattern(names);
  if (!pattern) return found;
  const byKey = new Map(names.map((n) => [normalise(n).toLocaleLowerCase('nb'), n]));
  for (const text of texts) {
    for (const match of text.normalize('NFC').matchAll(pattern)) {
      let key = match[0].replace(/\s+/g, ' ').toLocaleLowerCase('nb');
      if (!byKey.has(key)) key = key.replace(/(?:['’]s|s)$/u, '');
      const name = byKey.get(key);
      if (name !== undefined) found.add(name);
    }
  }
  return found;
}
