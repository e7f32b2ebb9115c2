import { nfc } from '../common/text';

/**
 * Optional text from a request, as the scheduling services store it: undefined keeps the stored
 * value, null or blank clears it, anything else is trimmed and NFC.
 */
export function optionalText(value: string | null | undefined): string | null | undefined {
  if (value === undefined) return undefined;
  if (value === null) return null;
  return nfc(value.trim()) || null;
}
