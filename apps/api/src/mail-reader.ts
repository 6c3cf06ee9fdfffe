// Just enough MIME to show the development mailbox: unfolded headers with RFC 2047 encoded
// words, nested multipart, quoted-printable/base64/7bit/8bit bodies. (libs/testing has a
// fuller reader, but a test library is not something the api may load at runtime.)

export interface ReadMessage {
  headers: Map<string, string>;
  /** The first text/plain part, decoded; '' when there is none. */
  text: string;
}

interface Part {
  headers: Map<string, string>;
  /** Raw body, one char per byte (latin1). */
  body: string;
}

function decodeBytes(bytes: Uint8Array, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset.trim().toLowerCase() || 'utf-8').decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function quotedPrintable(text: string): Uint8Array {
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

export function decodeEncodedWords(value: string): string {
  return value
    .replace(/(=\?[^?]+\?[bBqQ]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([bBqQ])\?([^?]*)\?=/g, (_m, charset: string, enc: string, text: string) =>
      enc.toUpperCase() === 'B'
        ? decodeBytes(Buffer.from(text, 'base64'), charset)
        : decodeBytes(quotedPrintable(text.replace(/_/g, ' ')), charset),
    );
}

function parseHeaders(block: string): Map<string, string> {
  const headers = new Map<string, string>();
  const unfolded = decodeBytes(Buffer.from(block, 'latin1')).replace(/\r?\n(?=[ \t])/g, '');
  for (const line of unfolded.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, decodeEncodedWords(line.slice(colon + 1).trim()));
  }
  return headers;
}

function splitPart(raw: string): Part {
  const gap = /\r?\n\r?\n/.exec(raw);
  if (!gap) return { headers: parseHeaders(raw), body: '' };
  return { headers: parseHeaders(raw.slice(0, gap.index)), body: raw.slice(gap.index + gap[0].length) };
}

function contentType(part: Part): { type: string; params: Record<string, string> } {
  const [type = 'text/plain', ...rest] = (part.headers.get('content-type') ?? 'text/plain; charset=us-ascii').split(';');
  const params: Record<string, string> = {};
  for (const m of rest.join(';').matchAll(/\s*([^=\s;]+)\s*=\s*("(?:[^"\\]|\\.)*"|[^;]*)/g)) {
    const v = m[2]!.trim();
    params[m[1]!.toLowerCase()] = v.startsWith('"') ? v.slice(1, -1) : v;
  }
  return { type: type.trim().toLowerCase(), params };
}

function children(body: string, boundary: string): Part[] {
  const parts: Part[] = [];
  let current: string[] | null = null;
  for (const line of body.split(/\r?\n/)) {
    const t = line.trimEnd();
    if (t === `--${boundary}` || t === `--${boundary}--`) {
      if (current) parts.push(splitPart(current.join('\r\n')));
      if (t.endsWith('--') && t === `--${boundary}--`) break;
      current = [];
    } else if (current) {
      current.push(line);
    }
  }
  return parts;
}

function findText(part: Part): string | undefined {
  const { type, params } = contentType(part);
  if (type.startsWith('multipart/') && params['boundary']) {
    for (const child of children(part.body, params['boundary'])) {
      const text = findText(child);
      if (text !== undefined) return text;
    }
    return undefined;
  }
  if (type !== 'text/plain' || (part.headers.get('content-disposition') ?? '').toLowerCase().startsWith('attachment')) return undefined;
  const encoding = (part.headers.get('content-transfer-encoding') ?? '7bit').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? quotedPrintable(part.body)
        : Buffer.from(part.body, 'latin1');
  return decodeBytes(bytes, params['charset']);
}

export function readMessage(raw: Buffer): ReadMessage {
  const root = splitPart(raw.toString('latin1'));
  return { headers: root.headers, text: findText(root) ?? '' };
}

/** Only the headers (the mailbox list does not decode bodies). */
export function readHeaders(raw: Buffer): Map<string, string> {
  return splitPart(raw.toString('latin1')).headers;
}
