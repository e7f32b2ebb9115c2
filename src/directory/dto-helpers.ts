import { Transform } from 'class-transformer';
import { Matches } from 'class-validator';
import { INVISIBLE_CHARACTERS, nfc } from '../common/text';

/** Text fields: trimmed and NFC before validation, so "  Sở Nội vụ " and a decomposed "Sở" store alike. */
export const Trimmed = () => Transform(({ value }) => (typeof value === 'string' ? nfc(value.trim()) : value));

/** Query strings carry text: "true"/"false" become booleans; anything else stays and fails @IsBoolean. */
export const QueryBoolean = () =>
  Transform(({ value }) => {
    if (value === 'true' || value === '1') return true;
    if (value === 'false' || value === '0') return false;
    return value;
  });

/** `kind=department,vertical_agency` or `kind=department&kind=vertical_agency`. */
export const QueryList = () =>
  Transform(({ value }) => {
    const values = Array.isArray(value) ? value : [value];
    return values
      .flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]))
      .map((v) => (typeof v === 'string' ? v.trim() : v))
      .filter((v) => v !== '');
  });

export const SingleLine = (field: string) =>
  Matches(new RegExp(`^[^\\u0000-\\u001f\\u007f-\\u009f\\u2028\\u2029${INVISIBLE_CHARACTERS}]*$`), {
    message: `${field} must be one line without control characters or invisible formatting characters (such as U+202E or U+200B)`,
  });
