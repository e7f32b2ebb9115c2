import { ValidateBy, ValidationOptions } from 'class-validator';

// Spaces, C0/C1 controls (CR, LF, TAB…), DEL, line separators, and the invisible format characters
// that could hide a different link behind the one shown.
const UNSAFE = /[\s\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/;

/**
 * The link as an absolute http(s) URL, or null: `javascript:`, `data:`, relative links and text with
 * line breaks or controls are no link. Used when a link is written and again when it is rendered, so
 * an older stored value never becomes an `<a href>`.
 */
export function safeHttpLink(value: string | null | undefined): string | null {
  const text = value?.trim();
  if (!text || UNSAFE.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A request field holding an http(s) link; blank is left to the field's own rule (it clears). */
export const IsHttpLink = (field: string, options?: ValidationOptions) =>
  ValidateBy(
    {
      name: 'isHttpLink',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || value.trim() === '' || safeHttpLink(value) !== null,
        defaultMessage: () => `${field} must be an absolute http:// or https:// link, on one line`,
      },
    },
    options,
  );
