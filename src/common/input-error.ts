import type { FieldProblem } from './problem';
/**
 * An error of pure code (a parser, a builder) about its input: the field, the rule it breaks, and
 * what is wrong. Pure modules throw it without knowing HTTP; the problem filter answers 422 with it.
 */
export class InputError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
    /** What is wrong, without the field: "must not be empty". */
    readonly detail: string,
  ) {
    super(`${field}: ${detail}`);
    this.name = 'InputError';
  }

  toFieldProblem(): FieldProblem {
    return { field: this.field, rule: this.rule, message: `${this.field} ${this.detail}` };
  }
}
