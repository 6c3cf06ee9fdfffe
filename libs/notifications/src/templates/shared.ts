import { formatDate, formatDateTime, formatShortDate } from '../format';
import { dictionary, type Dictionary } from '../i18n';
import { appLinks, type AppLinks } from '../links';
import type { IsoInstant, Lang } from '../types';

/** Props of every template component: the message, the written standard and the app's URL. */
export interface TemplateProps<M> {
  readonly message: M;
  readonly lang: Lang;
  readonly appUrl: string;
}

/** What a template needs besides its message. */
export interface ViewContext {
  readonly lang: Lang;
  readonly t: Dictionary;
  readonly links: AppLinks;
  /** "mandag 6. april 2026 kl. 07:30" (Oslo). */
  readonly dateTime: (instant: IsoInstant) => string;
  /** "mandag 6. april 2026" (Oslo). */
  readonly date: (instant: IsoInstant) => string;
  /** "mandag 6. april" (Oslo). */
  readonly shortDate: (instant: IsoInstant) => string;
}

export function viewContext(lang: Lang, appUrl: string): ViewContext {
  return {
    lang,
    t: dictionary(lang),
    links: appLinks(appUrl),
    dateTime: (i) => formatDateTime(i, lang),
    date: (i) => formatDate(i, lang),
    shortDate: (i) => formatShortDate(i, lang),
  };
}

/** Sample base URL for preview props. */
export const PREVIEW_APP_URL = 'https://trygg.nordby.kommune.no/';

/** "K.N., A.B., C.D. og 3 til": staff see initials, but a long list helps nobody. */
export function initialsList(initials: readonly string[], t: Dictionary, max = 20): string {
  if (initials.length <= max) return initials.join(', ');
  return `${initials.slice(0, max).join(', ')} ${t.common.andMore(initials.length - max)}`;
}
