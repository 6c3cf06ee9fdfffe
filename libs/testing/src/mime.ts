// A small MIME reader for test assertions (mailparser does not install from this registry).
// Enough for what our mailer sends: folded headers, RFC 2047 encoded words, nested
// multipart, quoted-printable / base64 / 7bit / 8bit bodies, charsets TextDecoder knows.

export interface ParsedMessage {
  /** Lower-cased header name → decoded values, in order. */
  headers: Record<string, string[]>;
  /** First value of a header (any case), decoded; undefined when absent. */
  header: (name: string) => string | undefined;
  messageId: string | undefined;
  from: string | undefined;
  to: string | undefined;
  /** Bare addresses from To and Cc, lower-cased. */
  toAddresses: string[];
  subject: string | undefined;
  /** The first text/plain part, decoded; '' when there is none. */
  text: string;
  /** The first text/html part, decoded; undefined when there is none. */
  html: string | undefined;
}

interface Part {
  headers: Record<string, string[]>;
  /** Body bytes as a latin1 string (one char per byte). */
  body: string;
}

const bytes = (latin1: string) => Buffer.from(latin1, 'latin1');

function decodeBytes(data: Uint8Array, charset = 'utf-8'): string {
  const label = charset.split('*')[0]!.trim().toLowerCase() || 'utf-8';
  try {
    return new TextDecoder(label).decode(data);
  } catch {
    return new TextDecoder('utf-8').decode(data);
  }
}

function quotedPrintableToBytes(text: string): Uint8Array {
  const soft = text.replace(/=\r?\n/g, '');
  const out: number[] = [];
  for (let i = 0; i < soft.length; i += 1) {
    const hex = soft.slice(i + 1, i + 3);
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(hex)) {
      out.push(parseInt(hex, 16));
      i += 2;
    } else {
      out.push(soft.charCodeAt(i) & 0xff);
    }
  }
  return Uint8Array.from(out);
}

/** RFC 2047: =?charset?Q?…?= and =?charset?B?…?=, adjacent words joined. */
export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?[^?]+\?[bBqQ]\?[^?]*\?=)/g, '$1')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_, charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? decodeBytes(Buffer.from(text, 'base64'), charset)
        : decodeBytes(quotedPrintableToBytes(text.replace(/_/g, ' ')), charset),
    );
}

function parseHeaderBlock(block: string): Record<string, string[]> {
  const headers: Record<string, string[]> = {};
  // Unfold: a line break followed by white space continues the previous line.
  const unfolded = decodeBytes(bytes(block)).replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    (headers[name] ??= []).push(decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

function splitPart(latin1: string): Part {
  const match = /\r?\n\r?\n/.exec(latin1);
  if (!match) return { headers: parseHeaderBlock(latin1), body: '' };
  return {
    headers: parseHeaderBlock(latin1.slice(0, match.index)),
    body: latin1.slice(match.index + match[0].length),
  };
}

interface ContentType {
  type: string;
  params: Record<string, string>;
}

function contentType(part: Part): ContentType {
  const value = part.headers['content-type']?.[0] ?? 'text/plain; charset=us-ascii';
  const [type = 'text/plain', ...rest] = value.split(';');
  const params: Record<string, string> = {};
  for (const match of rest.join(';').matchAll(/\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const raw = match[2]!.trim();
    params[match[1]!.toLowerCase()] = raw.startsWith('"')
      ? raw.slice(1, -1).replace(/\\(.)/g, '$1')
      : raw;
  }
  return { type: type.trim().toLowerCase(), params };
}

function multipartChildren(body: string, boundary: string): Part[] {
  const parts: Part[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    const trimmed = line.trimEnd();
    const isClose = trimmed === `--${boundary}--`;
    if (isClose || trimmed === `--${boundary}`) {
      if (current) parts.push(splitPart(current.join('\r\n')));
      if (isClose) break;
      current = [];
    } else if (current) {
      current.push(line);
    }
  }
  return parts;
}

function decodeBody(part: Part, charset: string | undefined): string {
  const encoding = (part.headers['content-transfer-encoding']?.[0] ?? '7bit').toLowerCase();
  const data =
    encoding === 'base64'
      ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintableToBytes(part.body)
        : bytes(part.body);
  return decodeBytes(data, charset);
}

function findPart(part: Part, wanted: string): string | undefined {
  const { type, params } = contentType(part);
  if (type.startsWith('multipart/') && params['boundary']) {
    for (const child of multipartChildren(part.body, params['boundary'])) {
      const found = findPart(child, wanted);
      if (found !== undefined) return found;
    }
    return undefined;
  }
  const disposition = part.headers['content-disposition']?.[0]?.toLowerCase() ?? '';
  if (type === wanted && !disposition.startsWith('attachment')) {
    return decodeBody(part, params['charset']);
  }
  return undefined;
}

/** Parses a raw RFC 5322 message (as received over SMTP). */
export function parseMessage(raw: Buffer | string): ParsedMessage {
  const latin1 = typeof raw === 'string' ? Buffer.from(raw, 'utf8').toString('latin1') : raw.toString('latin1');
  const root = splitPart(latin1);
  const header = (name: string) => root.headers[name.toLowerCase()]?.[0];
  const addressLines = [...(root.headers['to'] ?? []), ...(root.headers['cc'] ?? [])];
  return {
    headers: root.headers,
    header,
    messageId: header('message-id'),
    from: header('from'),
    to: header('to'),
    toAddresses: addressLines.flatMap(
      (line) => line.match(/[^\s<>,"']+@[^\s<>,"']+/g)?.map((a) => a.toLowerCase()) ?? [],
    ),
    subject: header('subject'),
    text: findPart(root, 'text/plain') ?? '',
    html: findPart(root, 'text/html'),
  };
}
