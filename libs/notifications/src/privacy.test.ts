import { describe, expect, it } from 'vitest';
import { previewMessages } from './preview';
import { renderMessage } from './render';
import * as digest from './templates/weekly_digest';
import * as escalation from './templates/escalation';
import * as notice from './templates/owner_notice';
import * as report from './templates/new_report';
import type { Lang, NotificationMessage, RenderedMessage } from './types';

/**
 * DOMAIN.md "Privacy": emails carry no pupil names to the owner; to school staff only the
 * pupil's initials and the case number. The worker builds messages from database rows that
 * may well carry more than the type allows, so these tests hand every template data it must
 * not print, and check that it does not.
 */
const PUPIL_NAME = 'Zelda Quist';
const PUPIL_INITIALS = 'Z.Q.';
const leaks = {
  pupilName: PUPIL_NAME,
  pupilFirstName: 'Zelda',
  pupilInitials: PUPIL_INITIALS,
  pupil: { name: PUPIL_NAME, initials: PUPIL_INITIALS },
  description: `${PUPIL_NAME} ble dyttet i garderoben`,
};

/** The message with pupil data smuggled in, as a sloppy query might return it. */
function withLeaks<M extends NotificationMessage>(message: M): M {
  return { ...message, ...leaks } as M;
}

function everything(out: RenderedMessage): string {
  return [out.subject, out.html, out.text].join('\n');
}

function expectNoPupil(out: RenderedMessage): void {
  const all = everything(out);
  expect(all).not.toContain('Zelda');
  expect(all).not.toContain('Quist');
  expect(all).not.toContain(PUPIL_INITIALS);
  expect(all).not.toContain('garderoben');
  // Nor a label that would introduce pupil data.
  expect(all).not.toMatch(/Elev \(initial(er|ar)\)/);
}

const LANGS: readonly Lang[] = ['nb', 'nn'];
const render = (m: NotificationMessage, lang: Lang) => renderMessage(m, { lang, appUrl: 'https://trygg.example.no/' });

describe('owner-bound messages carry nothing about the pupil', () => {
  const principalEscalation = escalation.PreviewProps.message;
  if (principalEscalation.audience !== 'principal') throw new Error('preview changed');

  const ownerBound: Record<string, NotificationMessage> = {
    'escalation to owner': withLeaks(escalation.ownerPreviewProps.message),
    // A principal escalation re-addressed to the owner keeps its initials field: still not printed.
    'escalation re-addressed to owner': withLeaks({ ...principalEscalation, audience: 'owner' } as NotificationMessage),
    'owner_notice (serious)': withLeaks(notice.PreviewProps.message),
    'owner_notice (§ 12-5 re-send)': withLeaks(notice.s12_5ResendPreviewProps.message),
    weekly_digest: withLeaks({
      ...digest.PreviewProps.message,
      schools: digest.PreviewProps.message.schools.map((row) => ({ ...row, ...leaks })),
    }),
  };

  for (const [name, message] of Object.entries(ownerBound)) {
    for (const lang of LANGS) {
      it(`${name} (${lang})`, async () => {
        expectNoPupil(await render(message, lang));
      });
    }
  }

  it('the same initials do reach the principal (so the check above can fail)', async () => {
    const out = await render(withLeaks({ ...principalEscalation, pupilInitials: PUPIL_INITIALS }), 'nb');
    expect(out.text).toContain(`Elev (initialer): ${PUPIL_INITIALS}`);
    const staff = await render({ ...report.PreviewProps.message, pupilInitials: PUPIL_INITIALS }, 'nb');
    expect(everything(staff)).toContain(PUPIL_INITIALS);
  });
});

describe('no message prints a pupil name or free text, whoever it goes to', () => {
  for (const preview of previewMessages()) {
    for (const lang of LANGS) {
      it(`${preview.name} (${lang})`, async () => {
        const message = preview.props.message;
        // Keep the initials the staff-bound kinds legitimately carry; add everything else.
        const { pupilInitials: _, ...otherLeaks } = leaks;
        const out = await render({ ...message, ...otherLeaks } as NotificationMessage, lang);
        const all = everything(out);
        expect(all).not.toContain('Zelda');
        expect(all).not.toContain('Quist');
        expect(all).not.toContain('garderoben');
      });
    }
  }

  it('staff-bound subjects carry the case number but never initials (subjects show on lock screens)', async () => {
    for (const preview of previewMessages()) {
      const out = await render(preview.props.message, 'nb');
      expect(out.subject).not.toMatch(/\b[A-ZÆØÅ]\.[A-ZÆØÅ]\./);
    }
  });
});
