import { HttpStatus, ValidationError, ValidationPipe } from '@nestjs/common';
import { FieldProblem, ProblemException } from './problem';

const RULE_NAMES: Record<string, string> = { whitelistValidation: 'unknownProperty' };

/**
 * One problem per field, the most basic one: "must be a string" says more about `42` than
 * "must be shorter than 200 characters" does. Type and format rules (isString, isUUID…) come first.
 */
export function mainConstraint(constraints: Record<string, string> | undefined): [string, string] | undefined {
  const entries = Object.entries(constraints ?? {});
  return (
    entries.find(([rule]) => rule === 'whitelistValidation') ??
    entries.find(([rule]) => /^is[A-Z]/.test(rule)) ??
    entries[0]
  );
}

function walk(errors: ValidationError[], prefix: string, out: FieldProblem[]): void {
  for (const error of errors) {
    const field = /^\d+$/.test(error.property)
      ? `${prefix}[${error.property}]`
      : prefix
        ? `${prefix}.${error.property}`
        : error.property;
    const broken = mainConstraint(error.constraints);
    if (broken) {
      const [rule, message] = broken;
      const text = rule === 'whitelistValidation' ? `${field} is not a known property` : message;
      out.push({ field, rule: RULE_NAMES[rule] ?? rule, message: text });
    }
    if (error.children?.length) walk(error.children, field, out);
  }
}

export function flattenValidationErrors(errors: ValidationError[]): FieldProblem[] {
  const out: FieldProblem[] = [];
  walk(errors, '', out);
  return out;
}

/** Validate once, at the edge: unknown fields refused, types converted, every problem named. */
export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    forbidUnknownValues: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => {
      const problems = flattenValidationErrors(errors);
      return new ProblemException(
        HttpStatus.UNPROCESSABLE_ENTITY,
        'VALIDATION_FAILED',
        problems.map((p) => p.message).join('; '),
        { errors: problems },
      );
    },
  });
}
