/**
 * RFC 5545 content lines: folding, text escaping, parameter quoting, UTC date-times and durations.
 * Pure string work, shared by invitations, feeds and the `ics` repairs.
 */
export const CRLF = '\r\n';

/** RFC 5545 §3.1: lines SHOULD NOT be longer than 75 octets, excluding the line break. */
export const MAX_LINE_OCTETS = 75;

/** Octets of one code point in UTF-8 (a lone surrogate is written as U+FFFD: 3 octets). */
function utf8Size(codePoint: number): number {
  if (codePoint < 0x80) return 1;
  if (codePoint < 0x800) return 2;
  if (codePoint < 0x10000) return 3;
  return 4;
}

/**
 * Folds one unfolded content line into pieces of at most 75 octets joined by CRLF + space.
 * Counts octets, not characters (Vietnamese letters are 2–3 octets, emoji 4), and only breaks
 * between code points, so every physical line is valid UTF-8 on its own.
 */
export function foldLine(line: string): string {
  if (Buffer.byteLength(line, 'utf8') <= MAX_LINE_OCTETS) return line;
  const pieces: string[] = [];
  let pieceStart = 0;
  let octets = 0;
  // The continuation's leading space counts towards its 75 octets.
  let budget = MAX_LINE_OCTETS;
  for (let i = 0; i < line.length;) {
    const codePoint = line.codePointAt(i)!;
    const size = utf8Size(codePoint);
    if (octets + size > budget) {
      pieces.push(line.slice(pieceStart, i));
      pieceStart = i;
      octets = 0;
      budget = MAX_LINE_OCTETS - 1;
    }
    octets += size;
    i += codePoint > 0xffff ? 2 : 1;
  }
  pieces.push(line.slice(pieceStart));
  return pieces.join(`${CRLF} `);
}

/** Undoes folding: a line break followed by one space or tab is removed (RFC 5545 §3.1). */
export function unfold(text: string): string {
  return text.replace(/\r?\n[ \t]/g, '');
}

/** Folds each line and joins them, each ending with CRLF. */
export function joinLines(lines: readonly string[]): string {
  let out = '';
  for (const line of lines) out += foldLine(line) + CRLF;
  return out;
}

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
const TEXT_ESCAPES: Record<string, string> = { '\\': '\\\\', ';': '\\;', ',': '\\,' };

export function escapeText(value: string): string {
  return value.replace(/[\\;,]|\r\n?|\n/g, (match) => TEXT_ESCAPES[match] ?? '\\n');
}

/** The inverse of `escapeText`. */
export function unescapeText(value: string): string {
  return value.replace(/\\([\\;,nN])/g, (_match, escaped: string) =>
    escaped === 'n' || escaped === 'N' ? '\n' : escaped,
  );
}

/** A list of TEXT values (CATEGORIES): each value escaped, then joined by unescaped commas. */
export function textList(values: readonly string[]): string {
  return values.map(escapeText).join(',');
}

/**
 * A parameter value, always quoted. RFC 5545 has no escape inside a quoted parameter (`\"` is not
 * one: parsers end the value there), so a value holding `"` or a control character is refused;
 * clean names with `personName()` first.
 */
export function paramValue(value: string): string {
  if (/["\u0000-\u001f\u007f]/.test(value)) {
    throw new RangeError(`a calendar parameter value cannot hold " or control characters: ${JSON.stringify(value)}`);
  }
  return `"${value}"`;
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** A UTC DATE-TIME, `20230308T003000Z`; seconds are kept, milliseconds dropped. */
export function formatUtc(instant: Date): string {
  const ms = instant.getTime();
  if (!Number.isFinite(ms)) throw new RangeError('not a valid date');
  return (
    `${pad(instant.getUTCFullYear(), 4)}${pad(instant.getUTCMonth() + 1)}${pad(instant.getUTCDate())}` +
    `T${pad(instant.getUTCHours())}${pad(instant.getUTCMinutes())}${pad(instant.getUTCSeconds())}Z`
  );
}

/**
 * A DURATION of whole minutes: 30 → PT30M, 90 → PT1H30M, 1440 → P1D, 1530 → P1DT1H30M, 0 → PT0M.
 * Never a bare `P1DT` (what `ics` writes for whole days, which strict parsers reject).
 */
export function formatDuration(minutes: number, before = false): string {
  if (!Number.isInteger(minutes) || minutes < 0) throw new RangeError(`not a whole number of minutes: ${minutes}`);
  const days = Math.floor(minutes / 1440);
  const hours = Math.floor((minutes % 1440) / 60);
  const rest = minutes % 60;
  let time = '';
  if (hours) time += `${hours}H`;
  if (rest) time += `${rest}M`;
  let value = 'P';
  if (days) value += `${days}D`;
  if (time) value += `T${time}`;
  if (value === 'P') value = 'PT0M';
  return (before && minutes > 0 ? '-' : '') + value;
}

/** An unfolded content line split into its name, raw parameter text and value. */
export interface ContentLine {
  name: string;
  /** Everything between the name and the value's colon, with its leading `;` ("" when none). */
  params: string;
  value: string;
}

/** Splits an unfolded line at the first colon outside a quoted parameter value. */
export function parseContentLine(line: string): ContentLine {
  let quoted = false;
  for (let i = 0; i < line.length; i += 1) {
    const char = line[i];
    if (char === '"') quoted = !quoted;
    else if (char === ':' && !quoted) {
      const head = line.slice(0, i);
      const semicolon = head.indexOf(';');
      return {
        name: (semicolon < 0 ? head : head.slice(0, semicolon)).toUpperCase(),
        params: semicolon < 0 ? '' : head.slice(semicolon),
        value: line.slice(i + 1),
      };
    }
  }
  throw new SyntaxError(`not a content line: ${JSON.stringify(line)}`);
}
