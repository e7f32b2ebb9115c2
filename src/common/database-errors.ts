import { HttpStatus } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { FieldProblem } from './problem';

interface ConstraintMeaning {
  field: string;
  message: string;
}

/**
 * What a named constraint means to a caller. Modules register their constraints so that a
 * violation that slips past the service checks (a race, a bulk insert) still names the field.
 */
const constraints = new Map<string, ConstraintMeaning>();

export function describeConstraint(name: string, meaning: ConstraintMeaning): void {
  constraints.set(name, meaning);
}

export interface MappedDatabaseError {
  status: HttpStatus;
  code: string;
  detail: string;
  errors?: FieldProblem[];
}

type PgError = { code?: string; constraint?: string; column?: string; detail?: string };

/** Turns PostgreSQL's refusals into 4xx answers; anything unknown stays a 500. */
export function mapDatabaseError(error: unknown): MappedDatabaseError | undefined {
  if (!(error instanceof QueryFailedError)) return undefined;
  const pg = (error as QueryFailedError & { driverError?: PgError }).driverError ?? (error as PgError);
  const meaning = pg.constraint ? constraints.get(pg.constraint) : undefined;
  const field = meaning?.field ?? pg.column ?? pg.constraint ?? 'request';
  const problem = (rule: string, message: string): FieldProblem[] => [{ field, rule, message }];
  switch (pg.code) {
    case '23505':
      return {
        status: HttpStatus.CONFLICT,
        code: 'DUPLICATE',
        detail: meaning?.message ?? 'A record with the same unique value already exists.',
        errors: problem('unique', meaning?.message ?? 'must be unique'),
      };
    case '23503':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        code: 'REFERENCE_NOT_FOUND',
        detail: meaning?.message ?? 'A referenced record does not exist or is still in use.',
        errors: problem('reference', meaning?.message ?? 'refers to a record that does not exist or is in use'),
      };
    case '23514':
    case '23502':
    case '23P01':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        code: 'CONSTRAINT_VIOLATED',
        detail: meaning?.message ?? 'The request breaks a rule of the stored data.',
        errors: problem('constraint', meaning?.message ?? 'breaks a rule of the stored data'),
      };
    case '22001':
    case '22003':
    case '22007':
    case '22008':
    case '22P02':
    case '22021':
      return {
        status: HttpStatus.UNPROCESSABLE_ENTITY,
        code: 'INVALID_VALUE',
        detail: 'A value is out of range or malformed.',
        errors: problem('format', 'is out of range or malformed'),
      };
    case '40001':
    case '40P01':
    case '55P03':
      return {
        status: HttpStatus.CONFLICT,
        code: 'CONCURRENT_UPDATE',
        detail: 'Another change to the same records happened at the same time; try again.',
      };
    default:
      return undefined;
  }
}
