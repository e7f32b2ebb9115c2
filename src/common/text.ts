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

/** True when the text holds a character that could break a mail header or a calendar line. */
export function hasControlCharacters(text: string): boolean {
  CONTROL.lastIndex = 0;
  return CONTROL.test(text);
}

/**
 * An address the outbox (ck_outbox_message_recipient) and an SMTP envelope can carry: isEmail also
 * takes quoted local parts with spaces, controls or line breaks ("a\r\nb"@x), which no send could use.
 */
export const DELIVERABLE_EMAIL =
  /^[^@\s<>\u0000-\u001f\u007f-\u009f\u2028\u2029]+@[^@\s<>\u0000-\u001f\u007f-\u009f\u2028\u2029]+$/;
export const DELIVERABLE_EMAIL_MESSAGE =
  'must be a plain e-mail address (no spaces, line breaks, control characters or < >, even inside quotes)';

/** One-line text for headers and calendar properties: controls become spaces, runs collapse. */
export function singleLine(text: string): string {
  return nfc(text)
    .replace(CONTROL, ' ')
    .replace(/\s{2,}/g, ' ')
    .trim();
}
