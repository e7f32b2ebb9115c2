import { UNIT_KINDS, UnitKind } from './directory.constants';
import type { CsvColumns } from './csv-reader';
import { RowCells } from './row-cells';
import type { RejectedRow } from './import-report';

/** The units CSV, in the order export writes it. */
export const UNIT_CSV_COLUMNS = ['external_code', 'name', 'short_name', 'kind', 'parent_code', 'active'] as const;
export const UNIT_CSV: CsvColumns = {
  required: ['external_code', 'name', 'kind'],
  optional: ['short_name', 'parent_code', 'active'],
};

/** Codes as organisations write them: "QNA.S.SNV", "000.00.20.H47", "29-QD". */
export const EXTERNAL_CODE = /^[\p{L}\p{N}][\p{L}\p{N}._\-/:]*$/u;
export const EXTERNAL_CODE_RULE = 'letters, digits and . _ - / : only, starting with a letter or digit';

/** A column the file does not have reads as undefined: the stored value is kept (see README). */
export interface UnitRow {
  line: number;
  externalCode: string;
  name: string;
  shortName: string | null | undefined;
  kind: UnitKind;
  parentCode: string | null | undefined;
  active: boolean | undefined;
}

/** One row of a units file, checked on its own (parents and cycles need the whole file: unit-graph.ts). */
export function readUnitRow(
  line: number,
  cells: Record<string, string>,
): { row: UnitRow | null; problems: RejectedRow[] } {
  const c = new RowCells(line, cells);
  const codeText = c.text('external_code', { required: true, max: 100 });
  const externalCode = c.matches(
    'external_code',
    codeText,
    EXTERNAL_CODE,
    'format',
    `external_code must use ${EXTERNAL_CODE_RULE}`,
  );
  const name = c.text('name', { required: true, max: 300 });
  const has = (column: string) => column in cells;
  const shortName = has('short_name') ? c.text('short_name', { max: 100 }) : undefined;
  const kind = c.oneOf('kind', UNIT_KINDS, { required: true, what: 'kind' });
  const parentText = c.text('parent_code', { max: 100 });
  const parentCode = has('parent_code')
    ? c.matches('parent_code', parentText, EXTERNAL_CODE, 'format', `parent_code must use ${EXTERNAL_CODE_RULE}`)
    : undefined;
  const active = has('active') ? c.flag('active') : undefined;
  if (externalCode && parentCode && externalCode === parentCode) {
    c.problems.push({ line, column: 'parent_code', rule: 'cycle', reason: 'a unit cannot be its own parent' });
  }
  if (c.problems.length > 0 || !externalCode || !name || !kind) return { row: null, problems: c.problems };
  return { row: { line, externalCode, name, shortName, kind, parentCode, active }, problems: [] };
}
