import { httpUrl, multiLineText, oneLineText } from './calendar-input';
import { CRLF, escapeText, foldLine } from './content-line';

/** PRODID of everything Convene writes (RFC 5545 §3.7.3: a globally unique product identifier). */
export const PRODUCT_ID = '-//Convene//Convene Calendar 1.0//VI';

/** The opening lines of a calendar object, unfolded. */
export function calendarHeader(method: 'REQUEST' | 'CANCEL' | 'PUBLISH', extra: string[] = []): string[] {
  return ['BEGIN:VCALENDAR', 'VERSION:2.0', `PRODID:${PRODUCT_ID}`, 'CALSCALE:GREGORIAN', `METHOD:${method}`, ...extra];
}

export interface PlaceAndText {
  location?: string;
  description?: string;
  url?: string;
}

/**
 * LOCATION, DESCRIPTION and URL as folded lines (each ending in CRLF), after cleaning: the part of
 * an event that differs per recipient (their own bridge point, their answer link).
 * `fieldPrefix` names the fields in errors ("" for the event, "personal." …).
 */
export function placeAndTextLines(
  values: PlaceAndText,
  fieldPrefix = '',
): { location?: string; description?: string; url?: string } {
  const lines: { location?: string; description?: string; url?: string } = {};
  const location = values.location == null ? '' : oneLineText(values.location, `${fieldPrefix}location`);
  const description = values.description == null ? '' : multiLineText(values.description, `${fieldPrefix}description`);
  if (location) lines.location = foldLine(`LOCATION:${escapeText(location)}`) + CRLF;
  if (description) lines.description = foldLine(`DESCRIPTION:${escapeText(description)}`) + CRLF;
  // A URI value: no TEXT escaping (RFC 5545 §3.3.13); httpUrl() leaves it ASCII without separators that matter.
  if (values.url != null) lines.url = foldLine(`URL:${httpUrl(values.url, `${fieldPrefix}url`)}`) + CRLF;
  return lines;
}
