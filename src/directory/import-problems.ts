import { HttpStatus } from '@nestjs/common';
import { ProblemException } from '../common/problem';
import { CsvFileError } from './csv-reader';
import { ImportReport } from './import-report';

const STATUS: Record<CsvFileError['code'], HttpStatus> = {
  CSV_NOT_UTF8: HttpStatus.UNSUPPORTED_MEDIA_TYPE,
  CSV_MALFORMED: HttpStatus.BAD_REQUEST,
  CSV_COLUMNS: HttpStatus.UNPROCESSABLE_ENTITY,
  CSV_EMPTY: HttpStatus.UNPROCESSABLE_ENTITY,
};

/** A file that cannot be read as CSV of the expected shape: nothing of it was imported. */
export function csvFileProblem(error: CsvFileError): ProblemException {
  const field = error.column ?? 'file';
  return new ProblemException(STATUS[error.code], error.code, error.message, {
    line: error.line,
    column: error.column,
    errors: [{ field, rule: error.code.toLowerCase(), message: error.message, line: error.line }],
  });
}

/** Some rows were refused and the caller did not ask for a partial import: nothing was written. */
export function importRejected(report: ImportReport): ProblemException {
  const n = report.rows.rejected;
  return new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    'IMPORT_REJECTED',
    `${n} row${n === 1 ? ' was' : 's were'} rejected, so nothing was imported. Fix ${n === 1 ? 'it' : 'them'}, or send partial=true to import the other rows.`,
    {
      report,
      errors: report.rejected.map((r) => ({
        field: r.column ?? 'row',
        rule: r.rule,
        message: `line ${r.line}: ${r.reason}`,
        line: r.line,
      })),
    },
  );
}

/** Thrown inside the transaction of a dry run so that it rolls back, carrying the report out. */
export class DryRunRollback extends Error {
  constructor(readonly report: ImportReport) {
    super('dry run');
  }
}

/** Runs an import transaction; a dry run answers its report after rolling back. */
export async function withDryRun(run: () => Promise<ImportReport>): Promise<ImportReport> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof DryRunRollback) return error.report;
    if (error instanceof CsvFileError) throw csvFileProblem(error);
    throw error;
  }
}

/** At most this many keys per list in the audit entry of an import; the counts are always complete. */
export const AUDITED_KEYS = 10_000;

export function auditedKeys(keys: string[]): { keys: string[]; truncated: boolean } {
  return { keys: keys.slice(0, AUDITED_KEYS), truncated: keys.length > AUDITED_KEYS };
}
