import { describe, expect, it } from 'vitest';
import { decodeEncodedWords, parseMessage } from './mime';

const crlf = (lines: string[]) => lines.join('\r\n');

describe('parseMessage', () => {
  it('unfolds headers and decodes adjacent encoded words (Q and B)', () => {
    const raw = crlf([
      'Subject: =?UTF-8?Q?Ny_melding_i_sak_2026-0042_=E2=80=93?=',
      ' =?UTF-8?B?ZnJpc3QgcMOlIGZyZWRhZw==?=',
      'To: "=?UTF-8?Q?Kj=C3=A6re_leiar?=" <Leiar@Skole.no>,',
      '\tbrita@skole.no',
      'Message-ID: <abc@trygg>',
      '',
      'body',
    ]);
    const mail = parseMessage(raw);
    expect(mail.subject).toBe('Ny melding i sak 2026-0042 –frist på fredag');
    expect(mail.to).toBe('"Kjære leiar" <Leiar@Skole.no>,\tbrita@skole.no');
    expect(mail.toAddresses).toEqual(['leiar@skole.no', 'brita@skole.no']);
    expect(mail.messageId).toBe('<abc@trygg>');
    expect(mail.header('MESSAGE-id')).toBe('<abc@trygg>');
    expect(mail.text).toBe('body');
  });

  it('finds text/plain in nested multipart, skips attachments, honours the charset', () => {
    const raw = crlf([
      'Content-Type: multipart/mixed; boundary="outer"',
      '',
      'preamble',
      '--outer',
      'Content-Type: text/plain; name=a.txt',
      'Content-Disposition: attachment; filename=a.txt',
      '',
      'not the body',
      '--outer',
      'Content-Type: multipart/alternative; boundary=inner',
      '',
      '--inner',
      'Content-Type: text/plain; charset=ISO-8859-1',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Bl=E5b=E6r =',
      'og =F8l',
      '--inner',
      'Content-Type: text/html; charset=utf-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<b>blåbær</b>').toString('base64'),
      '--inner--',
      '--outer--',
      'epilogue',
    ]);
    const mail = parseMessage(raw);
    expect(mail.text).toBe('Blåbær og øl');
    expect(mail.html).toBe('<b>blåbær</b>');
  });

  it('reads 8bit UTF-8 bodies from raw bytes', () => {
    const raw = Buffer.from(crlf(['Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit', '', 'Skuleeigar – æøå']), 'utf8');
    expect(parseMessage(raw).text).toBe('Skuleeigar – æøå');
  });

  it('leaves plain header text alone', () => {
    expect(decodeEncodedWords('plain = text ?=')).toBe('plain = text ?=');
  });
});
