import { hasControlCharacters, nfc } from '../common/text';
import { restoreNeutralised } from './csv-writer';
import { RejectedRow, rejection } from './import-report';

/**
 * Reading the cells of one import row: trimmed, NFC, a neutralised formula prefix removed, empty
 * as null. Each reader records its problem (column, rule, reason) instead of throwing, so that one
 * pass reports everything wrong with a row.
 */
export class RowCells {
  readonly problems: RejectedRow[] = [];

  constructor(
    readonly line: number,
    private readonly cells: Record<string, string>,
  ) {}

  private fail(column: string, rule: string, reason: string): null {
    this.problems.push(rejection(this.line, column, rule, reason));
    return null;
  }

  text(column: string, options: { required?: boolean; max: number }): string | null {
    const raw = this.cells[column];
    const value = raw === undefined ? '' : nfc(restoreNeutralised(raw.trim()));
    if (value === '') return options.required ? this.fail(column, 'required', `${column} is required`) : null;
    if (hasControlCharacters(value))
      return this.fail(column, 'singleLine', `${column} must be one line of text without control characters`);
    if (value.length > options.max)
      return this.fail(
        column,
        'maxLength',
        `${column} must be at most ${options.max} characters (it has ${value.length})`,
      );
    return value;
  }

  /** One of the allowed codes, compared without case. */
  oneOf<T extends string>(
    column: string,
    allowed: readonly T[],
    options: { required: boolean; what: string },
  ): T | null {
    const value = this.text(column, { required: options.required, max: 100 });
    if (value === null) return null;
    const code = value.toLowerCase() as T;
    if (allowed.includes(code)) return code;
    return this.fail(
      column,
      `unknown${options.what[0].toUpperCase()}${options.what.slice(1)}`,
      `unknown ${options.what} "${value}"; use one of: ${allowed.join(', ')}`,
    );
  }

  /** Empty means true: a row in the file is a unit or person that exists. */
  flag(column: string): boolean {
    const value = (this.cells[column] ?? '').trim().toLowerCase();
    if (['', 'true', '1', 'yes', 'y', 'có', 'co', 'x'].includes(value)) return true;
    if (['false', '0', 'no', 'n', 'không', 'khong'].includes(value)) return false;
    this.fail(column, 'isBoolean', `${column} must be true or false (got "${this.cells[column]}")`);
    return true;
  }

  matches(
    column: string,
    value: string | null,
    test: RegExp | ((value: string) => boolean),
    rule: string,
    reason: string,
  ): string | null {
    if (value === null || (typeof test === 'function' ? test(value) : test.test(value))) return value;
    return this.fail(column, rule, reason);
  }
}
