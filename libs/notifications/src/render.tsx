import { renderToStaticMarkup } from 'react-dom/server';
import { EmailDocument } from './components';
import { conversationSummaryView } from './templates/conversation_summary';
import { enforcementWindowView } from './templates/enforcement_window';
import { escalationView } from './templates/escalation';
import { newReportView } from './templates/new_report';
import { ownerNoticeView } from './templates/owner_notice';
import { reminderView } from './templates/reminder';
import { type ViewContext, viewContext } from './templates/shared';
import { weeklyDigestView } from './templates/weekly_digest';
import type { NotificationMessage, RenderedMessage, RenderOptions } from './types';
import { type EmailView, viewToText } from './view';

/** The content of a message, before it becomes HTML or text. */
export function messageView(message: NotificationMessage, ctx: ViewContext): EmailView {
  switch (message.kind) {
    case 'new_report':
      return newReportView(message, ctx);
    case 'reminder':
      return reminderView(message, ctx);
    case 'escalation':
      return escalationView(message, ctx);
    case 'owner_notice':
      return ownerNoticeView(message, ctx);
    case 'conversation_summary':
      return conversationSummaryView(message, ctx);
    case 'enforcement_window':
      return enforcementWindowView(message, ctx);
    case 'weekly_digest':
      return weeklyDigestView(message, ctx);
    default: {
      const unknown: never = message;
      throw new TypeError(`Unknown message kind ${JSON.stringify((unknown as { kind?: unknown }).kind)}`);
    }
  }
}

// The doctype @react-email/render puts first. We render synchronously with react-dom's static
// renderer instead of its stream-based `render` (a third of the cost per message, the same
// markup without the Suspense boundary comments): our templates have nothing asynchronous.
const XHTML_DOCTYPE =
  '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "http://www.w3.org/TR/xhtml1/DTD/xhtml1-transitional.dtd">';

/**
 * Renders a message to a subject, an HTML body and a plain-text body, in Bokmål or Nynorsk,
 * with links into the app at `appUrl`. Throws (TypeError/RangeError) on a malformed message.
 */
export async function renderMessage(message: NotificationMessage, options: RenderOptions): Promise<RenderedMessage> {
  const view = messageView(message, viewContext(options.lang, options.appUrl));
  const html = XHTML_DOCTYPE + renderToStaticMarkup(<EmailDocument view={view} />);
  // A subject is one header line: a stray line break in a school name must not split it.
  const subject = view.subject.replace(/\s+/g, ' ').trim();
  return { subject, html, text: viewToText(view) };
}
