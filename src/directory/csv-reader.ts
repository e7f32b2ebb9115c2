import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';

/**
 * Reading import files: UTF-8 with or without BOM, comma or semicolon (Excel in a Vietnamese locale
 * writes semicolons), columns found by their header names in any order. File-level faults (encoding,
 * header, broken quoting) stop the whole file; a row-level fault is yielded for that row only.
 */
export type CsvDelimiter = ',' | ';';

export type CsvFileErrorCode = 'CSV_NOT_UTF8' | 'CSV_EMPTY' | 'CSV_COLUMNS' | 'CSV_MALFORMED';

export class CsvFileError extends Error {
  constructor(
    readonly code: CsvFileErrorCode,
    message: string,
    readonly line: number | null,
    readonly column: string | null = null,
  ) {
    super(message);
    this.name = 'CsvFileError';
  }
}

export interface CsvColumns {
  required: readonly string[];
  optional: readonly string[];
}

/** A data row: its first line in the file, and its cells by (normalised) column name. */
export interface CsvRecord {
  line: number;
  cells: Record<string, string>;
}

/** A row that cannot be read as a row at all (wrong number of cells). */
export interface CsvRowFault {
  line: number;
  fault: string;
}

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const CHUNK_CHARS = 1 << 20;

function startsWith(bytes: Uint8Array, prefix: number[]): boolean {
  return prefix.every((b, i) => bytes[i] === b);
}

/** Offset of the first byte that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(bytes: Uint8Array, from = 0): number {
  let i = from;
  while (i < bytes.length) {
    const b = bytes[i];
    if (b < 0x80) {
      i += 1;
      continue;
    }
    let length: number;
    let min: number;
    if (b >= 0xc2 && b <= 0xdf) [length, min] = [2, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [length, min] = [3, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [length, min] = [4, 0x10000];
    else return i;
    if (i + length > bytes.length) return i;
    let code = b & (0xff >> (length + 1));
    for (let k = 1; k < length; k += 1) {
      const c = bytes[i + k];
      if ((c & 0xc0) !== 0x80) return i;
      code = (code << 6) | (c & 0x3f);
    }
    if (code < min || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff)) return i;
    i += length;
  }
  return -1;
}

function lineAt(bytes: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i += 1) if (bytes[i] === 0x0a) line += 1;
  return line;
}

/** The text of an upload, or a CsvFileError saying what the file is instead of UTF-8 CSV. */
export function decodeCsvText(bytes: Uint8Array): string {
  if (bytes.length === 0) throw new CsvFileError('CSV_EMPTY', 'The file is empty: it needs at least a header line.', 1);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    throw new CsvFileError(
      'CSV_NOT_UTF8',
      'This is a spreadsheet workbook (.xlsx), not CSV: save it as "CSV UTF-8 (Comma delimited)".',
      null,
    );
  }
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) {
    throw new CsvFileError(
      'CSV_NOT_UTF8',
      'The file is UTF-16 ("Unicode text"), not UTF-8: save it as "CSV UTF-8 (Comma delimited)".',
      1,
    );
  }
  const start = startsWith(bytes, UTF8_BOM) ? UTF8_BOM.length : 0;
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(start));
  } catch {
    const offset = firstInvalidUtf8(bytes, start);
    const line = offset >= 0 ? lineAt(bytes, offset) : null;
    const where =
      offset >= 0
        ? `line ${line} has the byte 0x${bytes[offset].toString(16).toUpperCase()}, which is not UTF-8`
        : 'it holds bytes that are not UTF-8';
    throw new CsvFileError(
      'CSV_NOT_UTF8',
      `The file is not UTF-8 (${where}); it looks like Windows-1258, TCVN3 or ISO-8859-1. Save it as "CSV UTF-8 (Comma delimited)".`,
      line,
    );
  }
}

/** Comma or semicolon, whichever the header line uses more often outside quotes. */
export function detectDelimiter(text: string): CsvDelimiter {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (c === '"') quoted = !quoted;
    else if (!quoted && (c === '\n' || c === '\r')) break;
    else if (!quoted && c === ',') commas += 1;
    else if (!quoted && c === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}

/** "External code" and "external-code" both mean external_code. */
export function normaliseColumnName(name: string): string {
  return name
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

/** The header's column names, or a CsvFileError naming the column that is unknown, missing or repeated. */
export function checkHeader(header: string[], columns: CsvColumns): string[] {
  // Spreadsheets often write empty cells after the last named column.
  const cells = [...header];
  while (cells.length > 1 && cells[cells.length - 1].trim() === '') cells.pop();
  const names = cells.map(normaliseColumnName);
  const known = new Set([...columns.required, ...columns.optional]);
  const expected = `expected columns: ${[...columns.required, ...columns.optional].join(', ')} (required: ${columns.required.join(', ')})`;
  const seen = new Set<string>();
  for (const [i, name] of names.entries()) {
    if (name === '' && cells.length > 1)
      throw new CsvFileError('CSV_COLUMNS', `Column ${i + 1} of the header has no name; ${expected}.`, 1, null);
    if (!known.has(name))
      throw new CsvFileError('CSV_COLUMNS', `Unknown column "${cells[i].trim()}"; ${expected}.`, 1, cells[i].trim());
    if (seen.has(name))
      throw new CsvFileError('CSV_COLUMNS', `The column ${name} appears twice in the header.`, 1, name);
    seen.add(name);
  }
  const missing = columns.required.filter((c) => !seen.has(c));
  if (missing.length > 0)
    throw new CsvFileError(
      'CSV_COLUMNS',
      `Missing column${missing.length > 1 ? 's' : ''} ${missing.join(', ')}; ${expected}.`,
      1,
      missing[0],
    );
  return names;
}

const QUOTING_FAULTS: Record<string, string> = {
  CSV_QUOTE_NOT_CLOSED: 'a quoted cell is never closed (a quote is missing)',
  CSV_INVALID_CLOSING_QUOTE:
    'a closing quote is followed by other characters; inside a quoted cell write a quote as two quotes ("")',
  CSV_INVALID_OPENING_QUOTE:
    'a quote appears inside a cell that is not quoted; quote the whole cell and write the quote as two quotes ("")',
};

function malformed(error: CsvError): CsvFileError {
  const line = (error as CsvError & { lines?: number }).lines ?? null;
  const reason = QUOTING_FAULTS[error.code] ?? error.message;
  return new CsvFileError(
    'CSV_MALFORMED',
    `The file is not valid CSV${line ? ` at line ${line}` : ''}: ${reason}. Nothing was imported.`,
    line,
  );
}

function* chunks(text: string): Generator<string> {
  for (let i = 0; i < text.length; i += CHUNK_CHARS) yield text.slice(i, i + CHUNK_CHARS);
}

const newlines = (cell: string) => {
  let n = 0;
  for (let i = cell.indexOf('\n'); i >= 0; i = cell.indexOf('\n', i + 1)) n += 1;
  return n;
};

/**
 * The data rows of a CSV upload, parsed as they stream. Throws CsvFileError for a file-level fault;
 * yields a CsvRowFault for a row with the wrong number of cells. Blank rows are skipped.
 */
export async function* readCsv(bytes: Uint8Array, columns: CsvColumns): AsyncGenerator<CsvRecord | CsvRowFault> {
  const text = decodeCsvText(bytes);
  const delimiter = detectDelimiter(text);
  // Blank lines come through as records so that the line count stays exact (the parser's own
  // count is off for CRLF line breaks inside quoted cells).
  const parser = Readable.from(chunks(text)).pipe(
    parse({ delimiter, relax_column_count: true, skip_empty_lines: false }),
  );
  let header: string[] | undefined;
  let nextLine = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      nextLine += 1 + record.reduce((n, cell) => n + newlines(cell), 0);
      if (record.every((cell) => cell.trim() === '')) continue;
      if (!header) {
        header = checkHeader(record, columns);
        continue;
      }
      const extra = record.slice(header.length);
      if (record.length < header.length || extra.some((cell) => cell.trim() !== '')) {
        yield {
          line,
          fault: `has ${record.length} cells; the header has ${header.length} (is a delimiter missing, or a cell not quoted?)`,
        };
        continue;
      }
      const cells: Record<string, string> = {};
      header.forEach((name, i) => (cells[name] = record[i]));
      yield { line, cells };
    }
  } catch (error) {
    parser.destroy();
    if (error instanceof CsvError) throw malformed(error);
    throw error;
  }
  if (!header) throw new CsvFileError('CSV_EMPTY', 'The file is empty: it needs at least a header line.', 1);
}

export const isRowFault = (item: CsvRecord | CsvRowFault): item is CsvRowFault => 'fault' in item;
