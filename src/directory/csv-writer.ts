import type { CsvDelimiter } from './csv-reader';

/**
 * Writing CSV that Excel opens correctly: UTF-8 with a BOM (without it Excel shows Vietnamese as
 * mojibake), CRLF line ends, and cells that could run as formulas neutralised.
 */
export const UTF8_BOM = '\uFEFF';

// A spreadsheet evaluates a cell starting with one of these (OWASP "CSV injection").
const FORMULA_START = /^[=+\-@\t\r]/;

/** "=HYPERLINK(…)" → "'=HYPERLINK(…)"; a phone "+84 …" becomes "'+84 …" too, and imports back unchanged. */
export function neutraliseFormula(cell: string): string {
  return FORMULA_START.test(cell) ? `'${cell}` : cell;
}

/** The inverse, applied when importing, so that an exported file imports back unchanged. */
export function restoreNeutralised(cell: string): string {
  return cell.length > 1 && cell[0] === "'" && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

export function csvCell(value: string | number | boolean | null | undefined, delimiter: CsvDelimiter): string {
  if (value === null || value === undefined) return '';
  const text = neutraliseFormula(String(value));
  const needsQuotes = text.includes(delimiter) || /["\r\n]/.test(text) || text !== text.trim();
  return needsQuotes ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: (string | number | boolean | null | undefined)[], delimiter: CsvDelimiter): string {
  return `${values.map((v) => csvCell(v, delimiter)).join(delimiter)}\r\n`;
}
