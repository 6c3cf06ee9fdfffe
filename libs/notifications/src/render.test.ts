import { describe, expect, it } from 'vitest';
import { previewMessages } from './preview';
import { renderMessage } from './render';
import * as digest from './templates/weekly_digest';
import * as notice from './templates/owner_notice';
import * as reminder from './templates/reminder';
import * as report from './templates/new_report';
import * as escalation from './templates/escalation';
import { MESSAGE_KINDS, type Lang, type NotificationMessage } from './types';

const APP = 'https://trygg.nordby.kommune.no/';
const CASE_URL = 'https://trygg.nordby.kommune.no/cases/0b9f6a52-4c1e-4f43-9a53-2f7d1d6c8e21';

/** Per preview and language: the exact subject and lines the plain-text body must hold. */
const expected: Record<string, Record<Lang, { subject: string; text: readonly string[] }>> = {
  new_report: {
    nb: {
      subject: 'Ny melding i sak 2026-014 – Nordby skole',
      text: [
        'En ansatt har meldt fra om mistanke om at en elev ved Nordby skole ikke har det trygt og godt på skolen.',
        'Saksnummer: 2026-014',
        'Elev (initialer): K.N.',
        'Meldt: mandag 13. april 2026 kl. 13:42',
        'Grunnlag: Mistanke',
        'Alvorlig sak: Nei',
        'Registrer innen: tirsdag 14. april 2026 kl. 16:00',
        `Åpne sak 2026-014 i trygg:\n${CASE_URL}`,
      ],
    },
    nn: {
      subject: 'Ny melding i sak 2026-014 – Nordby skole',
      text: [
        'Ein tilsett har meldt frå om mistanke om at ein elev ved Nordby skole ikkje har det trygt og godt på skulen.',
        'Elev (initialar): K.N.',
        'Meldt: måndag 13. april 2026 kl. 13:42',
        'Alvorleg sak: Nei',
        'Registrer innan: tysdag 14. april 2026 kl. 16:00',
        `Opne sak 2026-014 i trygg:\n${CASE_URL}`,
      ],
    },
  },
  reminder: {
    nb: {
      subject: 'Påminnelse: Avslutt undersøkelsen i sak 2026-014 – frist onsdag 29. april',
      text: [
        'Fristen for å avslutte undersøkelsen i sak 2026-014 er onsdag 29. april 2026 kl. 16:00.',
        'Elev (initialer): K.N.',
        'Frist: onsdag 29. april 2026 kl. 16:00',
        'Du får denne påminnelsen fordi du er saksansvarlig.',
        `Åpne sak 2026-014 i trygg:\n${CASE_URL}`,
      ],
    },
    nn: {
      subject: 'Påminning: Avslutt undersøkinga i sak 2026-014 – frist onsdag 29. april',
      text: [
        'Fristen for å avslutte undersøkinga i sak 2026-014 er onsdag 29. april 2026 kl. 16:00.',
        'Elev (initialar): K.N.',
        'Du får denne påminninga fordi du er saksansvarleg.',
        `Opne sak 2026-014 i trygg:\n${CASE_URL}`,
      ],
    },
  },
  'reminder.pupil_conversation': {
    nb: {
      subject: 'Frist i dag: 3 elever mangler elevsamtale',
      text: [
        'Fristen går ut i dag. 3 elever ved Nordby skole har ennå ikke hatt elevsamtale i høsthalvåret 2026. Fristen er tirsdag 1. desember 2026 kl. 16:00.',
        'Elever (initialer): A.B., E.H., S.M.',
        'Du får denne påminnelsen fordi du er kontaktlærer.',
        'Se elevsamtalene ved Nordby skole i trygg:\nhttps://trygg.nordby.kommune.no/schools/5d7f0c1e-8a43-4b8e-a2a1-1c9e3f6b2d10/conversations?status=outstanding',
      ],
    },
    nn: {
      subject: 'Frist i dag: 3 elevar manglar elevsamtale',
      text: [
        '3 elevar ved Nordby skole har enno ikkje hatt elevsamtale i hausthalvåret 2026. Fristen er tysdag 1. desember 2026 kl. 16:00.',
        'Elevar (initialar): A.B., E.H., S.M.',
        'Du får denne påminninga fordi du er kontaktlærar.',
      ],
    },
  },
  escalation: {
    nb: {
      subject: 'Over fristen: Undersøkelsen er ikke startet – sak 2026-014, Nordby skole',
      text: [
        'Fristen for å starte undersøkelsen i sak 2026-014 gikk ut onsdag 15. april 2026 kl. 16:00.',
        'Elev (initialer): K.N.',
        'Saksansvarlig: Ingrid Solberg',
        'Skriv begrunnelsen for forsinkelsen i saken.',
        `Åpne sak 2026-014 i trygg:\n${CASE_URL}`,
      ],
    },
    nn: {
      subject: 'Over fristen: Undersøkinga er ikkje starta – sak 2026-014, Nordby skole',
      text: [
        'Fristen for å starte undersøkinga i sak 2026-014 gjekk ut onsdag 15. april 2026 kl. 16:00.',
        'Elev (initialar): K.N.',
        'Saksansvarleg: Ingrid Solberg',
      ],
    },
  },
  'escalation.owner': {
    nb: {
      subject: 'Over fristen: Aktivitetsplanen er ikke laget – sak 2026-009, Nordby skole',
      text: [
        'Fristen for å lage aktivitetsplan i sak 2026-009 ved Nordby skole gikk ut tirsdag 5. mai 2026 kl. 16:00, og saken er ikke fulgt opp ved skolen. Det er 5 skoledager siden.',
        'Skoledager over fristen: 5',
        'Du får dette varselet som skoleeier',
        'Åpne sak 2026-009 i trygg:\nhttps://trygg.nordby.kommune.no/cases/7c2e9d14-1b6f-4e0a-8d3c-5a4b2e1f9c07',
      ],
    },
    nn: {
      subject: 'Over fristen: Aktivitetsplanen er ikkje laga – sak 2026-009, Nordby skole',
      text: ['Det er 5 skuledagar sidan.', 'Du får dette varselet som skuleeigar'],
    },
  },
  owner_notice: {
    nb: {
      subject: 'Alvorlig sak ved Nordby skole – bekreft mottak (sak 2026-014)',
      text: [
        'Sak 2026-014 ved Nordby skole ble markert som alvorlig torsdag 16. april 2026 kl. 10:05.',
        'Type varsel: Alvorlig sak (§ 12-4)',
        'Bekreft innen: fredag 17. april 2026 kl. 16:00',
        'Bekreft mottak av varselet i trygg:\nhttps://trygg.nordby.kommune.no/notices/3f1c2a9e-77b4-4d2a-9c61-0e8d5b4a7f32/acknowledge',
      ],
    },
    nn: {
      subject: 'Alvorleg sak ved Nordby skole – stadfest mottak (sak 2026-014)',
      text: [
        'Sak 2026-014 ved Nordby skole blei merkt som alvorleg torsdag 16. april 2026 kl. 10:05.',
        'Stadfest mottak av varselet i trygg:',
      ],
    },
  },
  'owner_notice.s12_5_resend': {
    nb: {
      subject: 'Ikke bekreftet, sendt på nytt: § 12-5-sak ved Vestbygda skule – bekreft mottak straks (sak 2026-021)',
      text: [
        'Varselet ble først sendt mandag 20. april 2026 kl. 19:21 og er ikke bekreftet. Det sendes nå på nytt, også til skoleeiers andre kontaktperson.',
        'Mistanken gjelder noen i skolens ledelse',
        'Type varsel: Ansatt som krenker elev (§ 12-5)',
      ],
    },
    nn: {
      subject: 'Ikkje stadfesta, send på nytt: § 12-5-sak ved Vestbygda skule – stadfest mottak straks (sak 2026-021)',
      text: [
        'Varselet blei først sendt måndag 20. april 2026 kl. 19:21 og er ikkje stadfesta.',
        'Mistanken gjeld nokon i leiinga ved skulen',
        'Type varsel: Tilsett som krenkjer elev (§ 12-5)',
      ],
    },
  },
  conversation_summary: {
    nb: {
      subject: 'Elevsamtaler over fristen ved Nordby skole: 5 elever',
      text: [
        'Per torsdag 3. desember 2026 har 5 elever ved Nordby skole ikke hatt elevsamtale i høsthalvåret 2026. Fristen var tirsdag 1. desember 2026 kl. 16:00.',
        'Ola Haugen: 3 (A.B., E.H., S.M.)',
        'Kari Lie: 1 (T.R.)',
        'Uten kontaktlærer: 1 (J.V.)',
      ],
    },
    nn: {
      subject: 'Elevsamtalar over fristen ved Nordby skole: 5 elevar',
      text: ['Per kontaktlærar', 'Utan kontaktlærar: 1 (J.V.)', 'ikkje éin e-post per elev'],
    },
  },
  enforcement_window: {
    nb: {
      subject: 'Sak 2026-014 kan nå tas til Statsforvalteren – aktivitetsplan mangler',
      text: [
        'Rektor ble kjent med sak 2026-014 mandag 13. april 2026. Fra mandag 20. april 2026 kan eleven eller foreldrene ta saken til Statsforvalteren (§ 12-6).',
        'Saken har ennå ingen aktivitetsplan.',
        'Elev (initialer): K.N.',
      ],
    },
    nn: {
      subject: 'Sak 2026-014 kan no takast til Statsforvaltaren – aktivitetsplan manglar',
      text: ['Frå måndag 20. april 2026 kan eleven eller foreldra ta saka til Statsforvaltaren (§ 12-6).', 'Saka har enno ingen aktivitetsplan.'],
    },
  },
  weekly_digest: {
    nb: {
      subject: 'Ukeoversikt uke 16 2026 – Nordby kommune',
      text: [
        'Tall for 3 skoler i uke 16 (13.–19. april 2026).',
        'Antall § 12-5-saker under 5 vises som «<5».',
        'Stille skoler (ingen meldinger dette halvåret): 1',
        'Nordby skole\n------------\nNye meldinger denne uken: 3\nÅpne saker – meldt: 2\nÅpne saker – under undersøkelse: 4\nÅpne saker – tiltak satt inn: 7\nUndersøkelser over fristen: 1\nAktivitetsplaner over fristen: 1\nEvalueringer over fristen: 2\nÅpne alvorlige saker: 2\nÅpne § 12-5-saker: <5\nAvsluttet denne uken: 1\nElevsamtaler gjennomført dette halvåret: 64\u00a0%\nSaker uten aktivitetsplan som kan tas til Statsforvalteren (§ 12-6): 1\nMedian dager fra melding til undersøkelse: 1,5\nMedian dager fra melding til aktivitetsplan: 9',
        'Vestbygda skole\n---------------\n! Stille skole: ingen meldinger dette halvåret\nStatsforvalteren leser stillhet som et risikosignal',
        'Åpne § 12-5-saker: 6',
        'Åpne oversikten for uke 16 i trygg:\nhttps://trygg.nordby.kommune.no/overview?week=2026-W16',
        'Åpne Sjøsiden ungdomsskole i trygg:\nhttps://trygg.nordby.kommune.no/schools/f0e1d2c3-b4a5-4968-8776-655443322110',
      ],
    },
    nn: {
      subject: 'Vekeoversikt veke 16 2026 – Nordby kommune',
      text: [
        'Tal for 3 skular i veke 16 (13.–19. april 2026).',
        '! Stille skule: ingen meldingar dette halvåret\nStatsforvaltaren les stille som eit risikoteikn',
        'Opne § 12-5-saker: <5',
        'Median dagar frå melding til aktivitetsplan: 11,5',
      ],
    },
  },
};

const render = (message: NotificationMessage, lang: Lang = 'nb', appUrl = APP) => renderMessage(message, { lang, appUrl });

describe('every template renders in both languages', () => {
  it('has a preview for every message kind, and an expectation for every preview', () => {
    const previews = previewMessages();
    expect(new Set(previews.map((p) => p.kind))).toEqual(new Set(MESSAGE_KINDS));
    expect(previews.map((p) => p.name).sort()).toEqual(Object.keys(expected).sort());
    for (const p of previews) expect(p.props.message.kind).toBe(p.kind);
  });

  for (const preview of previewMessages()) {
    for (const lang of ['nb', 'nn'] as const) {
      it(`${preview.name} (${lang})`, async () => {
        const out = await render(preview.props.message, lang);
        const want = expected[preview.name]?.[lang];
        if (!want) throw new Error(`no expectation for ${preview.name}/${lang}`);

        expect(out.subject).toBe(want.subject);
        for (const line of want.text) expect(out.text).toContain(line);
        expect(out.text).not.toMatch(/undefined|NaN|null|\[object/);

        // Accessible HTML: the language, one h1, a title, every link written out.
        expect(out.html).toMatch(new RegExp(`<html[^>]* lang="${lang}"`));
        expect(out.html.match(/<h1[\s>]/g)).toHaveLength(1);
        expect(out.html).toContain('<title>');
        for (const [, href] of out.text.matchAll(/:\n(https:\/\/\S+)/g)) {
          expect(out.html).toContain(`href="${href?.replaceAll('&', '&amp;')}"`);
        }
      });
    }
  }
});

describe('new_report', () => {
  const base = report.PreviewProps.message;

  it('flags serious and § 12-5 reports in the subject and body', async () => {
    const serious = await render({ ...base, serious: true, basis: 'knowledge' });
    expect(serious.subject).toBe('Alvorlig sak: Ny melding i sak 2026-014 – Nordby skole');
    expect(serious.text).toContain('meldt fra om kjennskap til at en elev');
    expect(serious.text).toContain('Rektor skal varsle skoleeier samme skoledag (§ 12-4).');

    const s12_5 = await render({ ...base, serious: true, s12_5: true }, 'nn');
    expect(s12_5.subject).toBe('§ 12-5 – handle straks: Ny melding i sak 2026-014 – Nordby skole');
    expect(s12_5.text).toContain('Tilsett som krenkjer elev (§ 12-5): Ja');
    expect(s12_5.text).toContain('Den tilsette saka gjeld, får ikkje sjå saka.');
  });

  it('leaves out the acknowledgement deadline when the worker gives none', async () => {
    const { acknowledgeBy: _, ...rest } = base;
    const out = await render(rest);
    expect(out.text).not.toContain('Registrer innen');
  });
});

describe('reminder', () => {
  it('says "Frist i dag" on the day and names the measure owner', async () => {
    const out = await render({ ...reminder.PreviewProps.message, step: 'on_the_day', recipient: 'measure_owners', deadline: 'evaluation' });
    expect(out.subject).toBe('Frist i dag: Evaluer aktivitetsplanen i sak 2026-014');
    expect(out.text).toContain('I dag går fristen ut for å evaluere aktivitetsplanen i sak 2026-014: onsdag 29. april 2026 kl. 16:00.');
    expect(out.text).toContain('Du får denne påminnelsen fordi du er ansvarlig for et tiltak i saken.');
  });

  it('has words for every deadline kind', async () => {
    for (const deadline of ['acknowledge_report', 'investigation_start', 'investigation_conclude', 'plan', 'evaluation', 'measure_end', 'serious_owner_notice'] as const) {
      for (const lang of ['nb', 'nn'] as const) {
        const out = await render({ ...reminder.PreviewProps.message, deadline }, lang);
        expect(out.subject).toMatch(/^Påminn(else|ing): \S.* i sak 2026-014 – frist onsdag 29\. april$/);
      }
    }
  });

  it('shortens a long list of initials', async () => {
    const initials = Array.from({ length: 23 }, (_, i) => `P${i}.`);
    const out = await render({ ...reminder.conversationPreviewProps.message, pupilCount: 23, pupilInitials: initials, step: 'ahead' });
    expect(out.subject).toBe('Påminnelse: 23 elever mangler elevsamtale – frist tirsdag 1. desember');
    expect(out.text).toContain('P19. og 3 til');
    expect(out.text).not.toContain('P20.');
  });

  it('speaks of one pupil in the singular', async () => {
    const out = await render({ ...reminder.conversationPreviewProps.message, pupilCount: 1, pupilInitials: ['A.B.'] }, 'nn');
    expect(out.subject).toBe('Frist i dag: 1 elev manglar elevsamtale');
  });
});

describe('escalation', () => {
  it('counts school days in the singular too', async () => {
    const out = await render({ ...escalation.ownerPreviewProps.message, schoolDaysOverdue: 1 });
    expect(out.text).toContain('Det er 1 skoledag siden.');
  });
});

describe('owner_notice', () => {
  it('resolves a relative ackUrl against an app URL with a path prefix', async () => {
    const out = await render(notice.PreviewProps.message, 'nb', 'https://kommune.no/trygg');
    expect(out.text).toContain('https://kommune.no/trygg/notices/3f1c2a9e-77b4-4d2a-9c61-0e8d5b4a7f32/acknowledge');
  });

  it('refuses an acknowledgement link that is not http(s)', async () => {
    await expect(render({ ...notice.PreviewProps.message, ackUrl: 'javascript:alert(1)' })).rejects.toThrow(TypeError);
  });

  it('without a first-sent time, a re-send still says why it came again', async () => {
    const { firstSentAt: _, ...rest } = notice.s12_5ResendPreviewProps.message;
    const out = await render(rest);
    expect(out.text).toContain('Varselet ble sendt for mer enn én skoledag siden og er ikke bekreftet.');
  });
});

describe('weekly_digest', () => {
  const base = digest.PreviewProps.message;
  const school = base.schools[0];
  if (!school) throw new Error('preview has no school');

  it('names the ISO week of the week start, across the year end', async () => {
    const out = await render({ ...base, weekStart: '2026-12-28' });
    expect(out.subject).toBe('Ukeoversikt uke 53 2026 – Nordby kommune');
    expect(out.text).toContain('(28. desember 2026 – 3. januar 2027)');
    expect(out.text).toContain('/overview?week=2026-W53');
    const jan = await render({ ...base, weekStart: '2027-01-04' }, 'nn');
    expect(jan.subject).toBe('Vekeoversikt veke 1 2027 – Nordby kommune');
  });

  it('shows every school, and flags only those with no report this half-year', async () => {
    const schools = Array.from({ length: 12 }, (_, i) => ({
      ...school,
      schoolId: `s${i}`,
      schoolName: `Skole ${i}`,
      reportsThisHalfYear: i % 4 === 0 ? 0 : i,
    }));
    const out = await render({ ...base, schools });
    for (let i = 0; i < 12; i++) expect(out.text).toContain(`Skole ${i}\n`);
    expect(out.text.match(/! Stille skole/g)).toHaveLength(3);
    expect(out.text).toContain('Stille skoler (ingen meldinger dette halvåret): 3');
  });

  it('masks § 12-5 counts under 5 and nothing else', async () => {
    const out = await render({ ...base, schools: [{ ...school, s12_5Open: 4, seriousOpen: 1, overduePlans: 2 }] });
    expect(out.text).toContain('Åpne § 12-5-saker: <5');
    expect(out.text).toContain('Åpne alvorlige saker: 1');
    expect(out.text).toContain('Aktivitetsplaner over fristen: 2');
    expect(out.html).toContain('&lt;5');
    expect(out.html).not.toMatch(/§ 12-5-saker<\/th><td[^>]*>4</);
  });

  it('says so when the owner has no schools', async () => {
    const out = await render({ ...base, schools: [] });
    expect(out.text).toContain('Ingen skoler er registrert.');
  });

  it('refuses a negative or fractional figure', async () => {
    await expect(render({ ...base, schools: [{ ...school, overduePlans: -1 }] })).rejects.toThrow(RangeError);
    await expect(render({ ...base, schools: [{ ...school, newReportsThisWeek: 1.5 }] })).rejects.toThrow(RangeError);
  });
});

describe('renderMessage input', () => {
  it('refuses a base URL that is not absolute http(s)', async () => {
    await expect(render(report.PreviewProps.message, 'nb', '/relative')).rejects.toThrow(TypeError);
  });

  it('refuses an instant without an offset', async () => {
    await expect(render({ ...report.PreviewProps.message, reportedAt: '2026-04-13T13:42' })).rejects.toThrow(RangeError);
  });

  it('refuses an unknown language or kind', async () => {
    await expect(render(report.PreviewProps.message, 'se' as Lang)).rejects.toThrow(TypeError);
    await expect(render({ kind: 'sms' } as unknown as NotificationMessage)).rejects.toThrow(TypeError);
  });

  it('keeps the subject on one line', async () => {
    const out = await render({ ...report.PreviewProps.message, schoolName: 'Nordby\r\nBcc: x@y skole' });
    expect(out.subject).toBe('Ny melding i sak 2026-014 – Nordby Bcc: x@y skole');
  });
});
