/**
 * A small MIME tree reader for tests: mailparser flattens a message into text, html and
 * attachments, but the calendar checks need its shape (which part sits in which multipart, with
 * which parameters). Binary-safe: works on latin1 strings, one character per octet.
 */
export interface MimePart {
  /** Header names in lower case; folded values unfolded. */
  headers: Record<string, string>;
  /** `text/calendar`, lower case. */
  type: string;
  /** Content-Type parameters, names in lower case, values unquoted. */
  params: Record<string, string>;
  /** Content-Disposition without parameters (`attachment`, `inline`) and its filename, if any. */
  disposition: string | null;
  filename: string | null;
  /** The decoded body (transfer encoding undone); empty for a multipart. */
  body: Buffer;
  parts: MimePart[];
}

function parseHeaders(block: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of block.replace(/\r\n[ \t]+/g, ' ').split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

/** `text/calendar; charset=utf-8; method=REQUEST` → the value and its parameters. */
export function parseHeaderValue(value: string): { value: string; params: Record<string, string> } {
  const [first, ...rest] = value.match(/("[^"]*"|[^;])+/g) ?? [''];
  const params: Record<string, string> = {};
  for (const piece of rest) {
    const eq = piece.indexOf('=');
    if (eq < 0) continue;
    params[piece.slice(0, eq).trim().toLowerCase()] = piece
      .slice(eq + 1)
      .trim()
      .replace(/^"(.*)"$/, '$1');
  }
  return { value: first.trim().toLowerCase(), params };
}

function decodeQuotedPrintable(text: string): Buffer {
  const soft = text.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let i = 0; i < soft.length; i += 1) {
    if (soft[i] === '=' && /^[0-9A-Fa-f]{2}$/.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else bytes.push(soft.charCodeAt(i) & 0xff);
  }
  return Buffer.from(bytes);
}

function decodeBody(body: string, encoding: string | undefined): Buffer {
  switch ((encoding ?? '7bit').toLowerCase()) {
    case 'base64':
      return Buffer.from(body.replace(/\s+/g, ''), 'base64');
    case 'quoted-printable':
      return decodeQuotedPrintable(body);
    default:
      return Buffer.from(body, 'latin1');
  }
}

function splitMultipart(body: string, boundary: string): string[] {
  const delimiter = `--${boundary}`;
  const pieces = body.split(new RegExp(`(?:^|\\r\\n)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
  // pieces[0] is the preamble; the piece after the closing delimiter starts with "--".
  return pieces
    .slice(1)
    .filter((piece) => !piece.startsWith('--'))
    .map((piece) => piece.replace(/^[ \t]*\r\n/, ''));
}

function parsePart(text: string): MimePart {
  const split = text.indexOf('\r\n\r\n');
  const headerBlock = split < 0 ? text : text.slice(0, split);
  const rawBody = split < 0 ? '' : text.slice(split + 4);
  const headers = parseHeaders(headerBlock);
  const contentType = parseHeaderValue(headers['content-type'] ?? 'text/plain');
  const disposition = headers['content-disposition'] ? parseHeaderValue(headers['content-disposition']) : null;
  const part: MimePart = {
    headers,
    type: contentType.value,
    params: contentType.params,
    disposition: disposition?.value ?? null,
    filename: disposition?.params.filename ?? null,
    body: Buffer.alloc(0),
    parts: [],
  };
  if (part.type.startsWith('multipart/') && contentType.params.boundary) {
    part.parts = splitMultipart(rawBody, contentType.params.boundary).map(parsePart);
  } else {
    part.body = decodeBody(rawBody, headers['content-transfer-encoding']);
  }
  return part;
}

/** The tree of a raw message (CRLF line ends, as SMTP carries it). */
export function parseMime(raw: Buffer | string): MimePart {
  const text = typeof raw === 'string' ? Buffer.from(raw, 'utf8').toString('latin1') : raw.toString('latin1');
  return parsePart(text);
}

/** Every part of the tree, depth first, the root included. */
export function allParts(part: MimePart): MimePart[] {
  return [part, ...part.parts.flatMap(allParts)];
}
