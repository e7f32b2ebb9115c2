import { HttpException, HttpStatus } from '@nestjs/common';

/** One field-level problem: where, which rule, and a sentence a person can read. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/** RFC 9457 problem details, the body of every error Convene returns. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail: string;
  code: string;
  instance?: string;
  requestId?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

export function problemType(code: string): string {
  return `urn:convene:problem:${code.toLowerCase().replace(/_/g, '-')}`;
}

/**
 * Throw this (or a Nest HttpException whose body has `code` and `detail`) from services.
 * Extra members end up in the problem body.
 */
export class ProblemException extends HttpException {
  constructor(status: HttpStatus, code: string, detail: string, extra: Record<string, unknown> = {}) {
    super({ code, detail, ...extra }, status);
  }
}

export const notFound = (what: string, id?: string) =>
  new ProblemException(HttpStatus.NOT_FOUND, 'NOT_FOUND', id ? `No ${what} with id ${id}.` : `No such ${what}.`);

export const conflict = (code: string, detail: string, extra: Record<string, unknown> = {}) =>
  new ProblemException(HttpStatus.CONFLICT, code, detail, extra);

/** A request that is well-formed but breaks a rule of the domain, pointing at the fields involved. */
export const unprocessable = (errors: FieldProblem[], detail?: string, code = 'VALIDATION_FAILED') =>
  new ProblemException(
    HttpStatus.UNPROCESSABLE_ENTITY,
    code,
    detail ?? errors.map((e) => `${e.field}: ${e.message}`).join('; '),
    {
      errors,
    },
  );

export const fieldProblem = (field: string, rule: string, message: string): FieldProblem => ({ field, rule, message });
