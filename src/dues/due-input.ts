import { HttpStatus } from '@nestjs/common';
import { fieldProblem, ProblemException, unprocessable } from '../common/problem';
import { Due, DueContext, DueKind, dueFromInput, DueWarning } from './reader';

/**
 * The `due` member of a request, in any of the forms the API takes: a text ("chậm nhất ngày
 * 24/02/2023"), `{ "text": "…" }`, a structured due (`{ "kind": "on_date", … }`) or a list of
 * structured dues. Text that cannot be read answers 400 DUE_UNREADABLE quoting the fragment; a
 * structure that breaks a rule answers 422 naming the member (see README, "Due expressions").
 */
export interface DueInputRules {
  /** Where the due is in the body, for messages: "due", "tasks[3].due". */
  field: string;
  /** Exactly one due (a presentation): a text naming several is refused. */
  single?: boolean;
  /** Kinds this owner cannot have (a paper is not due "every month"). */
  refusedKinds?: DueKind[];
}

export interface ReadDues {
  dues: Due[];
  warnings: DueWarning[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/** `{ text }` without a `kind` is a text to read; anything else goes to the due module as it is. */
function unwrap(input: unknown): unknown {
  if (
    isPlainObject(input) &&
    input.kind === undefined &&
    typeof input.text === 'string' &&
    Object.keys(input).length === 1
  )
    return input.text;
  return input;
}

export function readDues(input: unknown, context: DueContext, rules: DueInputRules): ReadDues {
  const result = dueFromInput(unwrap(input), context, { field: rules.field });
  if (!result.ok) {
    const { status, code, detail, errors } = result.problem;
    throw new ProblemException(
      status === 400 ? HttpStatus.BAD_REQUEST : HttpStatus.UNPROCESSABLE_ENTITY,
      code,
      detail,
      { errors },
    );
  }
  if (rules.single && result.dues.length !== 1) {
    throw unprocessable([
      fieldProblem(
        rules.field,
        'singleDue',
        `${rules.field} must name exactly one due; the text names ${result.dues.length}`,
      ),
    ]);
  }
  const refused = result.dues.findIndex((d) => rules.refusedKinds?.includes(d.kind));
  if (refused >= 0) {
    const kind = result.dues[refused].kind;
    throw unprocessable([
      fieldProblem(rules.field, 'kindNotAllowed', `${rules.field} cannot be of the kind ${kind} here`),
    ]);
  }
  return { dues: result.dues, warnings: result.warnings };
}
