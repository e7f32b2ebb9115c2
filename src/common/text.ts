/**
 * Text helpers for Vietnamese. Everything stored or sent is NFC: Vietnamese keyboards can produce
 * decomposed accents, which compare unequal and fold badly in calendar lines.
 */
export function nfc(text: string): string {
  return text.normalize('NFC');
}

/** "Sở Nội vụ" → "so noi vu": lower case, no diacritics, đ → d; for search and matching. */
export function foldVietnamese(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

// C0 and C1 controls, DEL, and the Unicode line/paragraph separators.
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029]/g;

/**
 * Invisible format characters: bidirectional overrides, embeddings, isolates and marks (U+202E turns
 * "gpj.exe" into what reads as "exe.jpg"), zero-width spaces and joiners, the word joiner, the BOM,
 * the soft hyphen. Vietnamese text needs none of them; they only hide what a name or subject says.
 */
const INVISIBLE = /[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** The same ranges, for a character class in a pattern elsewhere (DTO rules). */
export const INVISIBLE_CHARACTERS = INVISIBLE.source.slice(1, -1);

/** True when the text holds a character that could break a mail header or a calendar line, or hide text. */
export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  INVISIBLE.lastIndex = 0;
  return CONTROL.test(text) || INVISIBLE.test(text);
}

/** The text without invisible format characters (removed, not replaced: they sit inside words). */
export function withoutInvisible(text: string): string {
  return text.replace(INVISIBLE, '');
}

/**
 * An address the outbox (ck_outbox_message_recipient) and an SMTP envelope can carry: isEmail also
 * takes quoted local parts with spaces, controls or line breaks ("a\r\nb"@x), which no send could use.
 */
export const DELIVERABLE_EMAIL =
  /^[^@\s<>\u0000-\u001f\u007f-\u009f\u2028\u2029]+@[^@\s<>\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/;
export const DELIVERABLE_EMAIL_MESSAGE =
  'must be a plain e-mail address (no spaces, line breaks, control characters or < >, even inside quotes)';

/** One-line text for headers and calendar properties: controls become spaces, runs collapse, invisibles go. */
export function singleLine(text: string): string {
  return withoutInvisible(nfc(text))
    .replace(CONTROL, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
