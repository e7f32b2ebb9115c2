import { isEmail } from 'class-validator';
import { DELIVERABLE_EMAIL } from '../common/text';
import { LANGUAGES, Language, PERSON_ROLES, PersonRole } from './directory.constants';
import type { CsvColumns } from './csv-reader';
import { RejectedRow, rejection } from './import-report';
import { RowCells } from './row-cells';
import { EXTERNAL_CODE } from './unit-rows';

/** The people CSV, in the order export writes it: one current position per row. */
export const PERSON_CSV_COLUMNS = [
  'email',
  'full_name',
  'phone',
  'language',
  'unit_code',
  'role',
  'title',
  'active',
] as const;
export const PERSON_CSV: CsvColumns = {
  required: ['email', 'full_name'],
  optional: ['phone', 'language', 'unit_code', 'role', 'title', 'active'],
};

/** Digits with the separators people write: "0932.868.447", "+84 235 3812 345", "(0235) 381 2345 - 101". */
export const PHONE = /^\+?[0-9 .()\-/]{3,30}$/;

/** A column the file does not have reads as undefined: the stored value is kept (see README). */
export interface PersonFields {
  email: string;
  fullName: string;
  phone: string | null | undefined;
  language: Language | undefined;
  active: boolean | undefined;
}

export interface PersonRow extends PersonFields {
  line: number;
  /** Absent on a row that lists a person without a position. */
  position: { unitCode: string; role: PersonRole; title: string | null } | null;
}

/** One row of a people file, checked on its own. */
export function readPersonRow(
  line: number,
  cells: Record<string, string>,
): { row: PersonRow | null; problems: RejectedRow[] } {
  const c = new RowCells(line, cells);
  const emailText = c.text('email', { required: true, max: 254 })?.toLowerCase() ?? null;
  const email = c.matches(
    'email',
    emailText,
    (v) => isEmail(v, { require_tld: false }) && DELIVERABLE_EMAIL.test(v),
    'isEmail',
    'email must be an e-mail address',
  );
  const fullName = c.text('full_name', { required: true, max: 200 });
  const has = (column: string) => column in cells;
  const phoneText = c.matches(
    'phone',
    c.text('phone', { max: 30 }),
    PHONE,
    'format',
    'phone must be digits, spaces and . ( ) - / with an optional leading +',
  );
  const phone = has('phone') ? phoneText : undefined;
  const language = has('language')
    ? (c.oneOf('language', LANGUAGES, { required: false, what: 'language' }) ?? 'vi')
    : undefined;
  const unitCode = c.matches(
    'unit_code',
    c.text('unit_code', { max: 100 }),
    EXTERNAL_CODE,
    'format',
    'unit_code is not a unit code',
  );
  const role = c.oneOf('role', PERSON_ROLES, { required: false, what: 'role' });
  const title = c.text('title', { max: 300 });
  const active = has('active') ? c.flag('active') : undefined;
  const hasPosition = unitCode !== null || role !== null || title !== null;
  if (hasPosition && !unitCode && !c.problems.some((p) => p.column === 'unit_code')) {
    c.problems.push(rejection(line, 'unit_code', 'required', 'unit_code is required when the row has a role or title'));
  }
  if (hasPosition && !role && !c.problems.some((p) => p.column === 'role')) {
    c.problems.push(rejection(line, 'role', 'required', 'role is required when the row has a unit_code or title'));
  }
  if (c.problems.length > 0 || !email || !fullName) return { row: null, problems: c.problems };
  const position = unitCode && role ? { unitCode, role, title } : null;
  return { row: { line, email, fullName, phone, language, active, position }, problems: [] };
}

const SAME_PERSON_FIELDS: [keyof PersonFields, string][] = [
  ['fullName', 'full_name'],
  ['phone', 'phone'],
  ['language', 'language'],
  ['active', 'active'],
];

/**
 * Rows of the same e-mail are one person with several positions: they must agree on the person,
 * and a position (unit and role) appears once.
 */
export class PersonRowSet {
  readonly people = new Map<string, PersonRow>();
  readonly rows: PersonRow[] = [];
  private readonly positions = new Map<string, number>();

  add(row: PersonRow): RejectedRow[] {
    const first = this.people.get(row.email);
    const problems: RejectedRow[] = [];
    if (first) {
      for (const [field, column] of SAME_PERSON_FIELDS) {
        if (first[field] !== row[field]) {
          problems.push(
            rejection(
              row.line,
              column,
              'samePerson',
              `${column} differs from line ${first.line}, which has the same e-mail`,
            ),
          );
        }
      }
    }
    if (row.position) {
      const key = `${row.email}\u0000${row.position.unitCode}\u0000${row.position.role}`;
      const earlier = this.positions.get(key);
      if (earlier !== undefined)
        problems.push(
          rejection(row.line, 'role', 'duplicatePosition', `the same position (unit and role) is on line ${earlier}`),
        );
      else if (problems.length === 0) this.positions.set(key, row.line);
    }
    if (problems.length > 0) return problems;
    if (!first) this.people.set(row.email, row);
    this.rows.push(row);
    return [];
  }
}
