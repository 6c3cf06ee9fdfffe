import type { Lang } from '../types';
import { nb } from './nb';
import { nn } from './nn';
import type { Dictionary } from './types';

export type { DeadlineWords, Dictionary } from './types';

const dictionaries: Readonly<Record<Lang, Dictionary>> = { nb, nn };

/** The words for a written standard; an unknown one is a caller bug, so it throws. */
export function dictionary(lang: Lang): Dictionary {
  const dict = Object.hasOwn(dictionaries, lang) ? dictionaries[lang] : undefined;
  if (!dict) throw new TypeError(`Unknown language ${JSON.stringify(lang)}: use 'nb' or 'nn'`);
  return dict;
}
