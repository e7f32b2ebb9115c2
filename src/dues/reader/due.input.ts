import { Language } from './due.format';
import { Due, DueContext, DueFieldProblem, DueTextError, DueWarning } from './due.model';
import { dueWarnings, parseDue } from './due.parser';
import { validateDues } from './due.validate';

/**
 * What an endpoint calls with the `due` member of a request: a text is parsed, an object (or a
 * list of objects) is validated as a structured due. A failure comes back as the body of a
 * problem+json answer, ready for `new ProblemException(p.status, p.code, p.detail, { errors: p.errors })`:
 * 400 DUE_UNREADABLE for a text (each error quoting its fragment and position), 422
 * VALIDATION_FAILED for a structure (each naming its field and rule).
 */
export interface DueProblemItem extends DueFieldProblem {
  fragment?: string;
  position?: number;
}

export interface DueProblem {
  status: 400 | 422;
  code: 'DUE_UNREADABLE' | 'VALIDATION_FAILED';
  detail: string;
  errors: DueProblemItem[];
}

export type DueInputResult = { ok: true; dues: Due[]; warnings: DueWarning[] } | { ok: false; problem: DueProblem };

export interface DueInputOptions {
  /** Where the due is in the request body ("due", "tasks[3].due"). */
  field?: string;
  language?: Language;
}

export function textProblem(errors: DueTextError[], field: string, language: Language): DueProblem {
  return {
    status: 400,
    code: 'DUE_UNREADABLE',
    detail: errors.map((e) => e.message[language]).join(' '),
    errors: errors.map((e) => ({
      field,
      rule: e.rule,
      message: e.message[language],
      fragment: e.fragment,
      position: e.position,
    })),
  };
}

export function dueFromInput(input: unknown, context: DueContext, options: DueInputOptions = {}): DueInputResult {
  const field = options.field ?? 'due';
  const language = options.language ?? 'vi';
  if (typeof input === 'string') {
    const parsed = parseDue(input, context);
    return parsed.ok
      ? { ok: true, dues: parsed.dues, warnings: parsed.warnings }
      : { ok: false, problem: textProblem(parsed.errors, field, language) };
  }
  const validated = validateDues(input, { zone: context.zone, field, language });
  if (!validated.ok) {
    const detail = validated.errors.map((e) => e.message).join(' ');
    return { ok: false, problem: { status: 422, code: 'VALIDATION_FAILED', detail, errors: validated.errors } };
  }
  return { ok: true, dues: validated.dues, warnings: dueWarnings(validated.dues, context) };
}
