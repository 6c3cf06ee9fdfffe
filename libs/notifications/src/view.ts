import type { Lang } from './types';

/**
 * What an email says, independent of HTML: every template builds one of these, and the HTML
 * (components.tsx) and the plain-text body (viewToText) are both printed from it, so the two
 * bodies cannot drift apart.
 */
export interface Fact {
  readonly label: string;
  readonly value: string;
}

/** A link whose text says where it goes ("Åpne sak 2026-014 i trygg"). */
export interface Action {
  readonly href: string;
  readonly label: string;
}

export type Block =
  | { readonly type: 'paragraph'; readonly text: string }
  | { readonly type: 'facts'; readonly caption: string; readonly facts: readonly Fact[] }
  | { readonly type: 'notice'; readonly tone: 'warning' | 'info'; readonly title: string; readonly text: string }
  | { readonly type: 'action'; readonly action: Action }
  | { readonly type: 'section'; readonly heading: string; readonly blocks: readonly Block[] };

export interface EmailView {
  readonly lang: Lang;
  readonly subject: string;
  /** Inbox preview line. */
  readonly preview: string;
  readonly heading: string;
  readonly blocks: readonly Block[];
  readonly footer: readonly string[];
}

const underline = (text: string, char: string): string => char.repeat(Math.max(3, [...text].length));

function blockToText(block: Block, out: string[]): void {
  switch (block.type) {
    case 'paragraph':
      out.push(block.text, '');
      return;
    case 'facts':
      // A fact without a value is left out (the owner's copy of a reminder has no initials).
      for (const fact of block.facts) if (fact.value !== '') out.push(`${fact.label}: ${fact.value}`);
      out.push('');
      return;
    case 'notice':
      out.push(`! ${block.title}`, block.text, '');
      return;
    case 'action':
      out.push(`${block.action.label}:`, block.action.href, '');
      return;
    case 'section':
      out.push(block.heading, underline(block.heading, '-'));
      for (const inner of block.blocks) blockToText(inner, out);
      return;
    default: {
      const unknown: never = block;
      throw new TypeError(`Unknown block ${JSON.stringify(unknown)}`);
    }
  }
}

/** The plain-text body: headings underlined, facts as "Label: value", links written out. */
export function viewToText(view: EmailView): string {
  const out: string[] = [view.heading, underline(view.heading, '='), ''];
  for (const block of view.blocks) blockToText(block, out);
  out.push('--', ...view.footer);
  return `${out.join('\n').trimEnd()}\n`;
}
