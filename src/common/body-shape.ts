import { HttpStatus } from '@nestjs/common';
import { ProblemException } from './problem';

/**
 * How deep and how wide a request body may be. Validation walks a body recursively (a body nested
 * 20,000 deep overflowed its stack) and its cost grows with the square of the unknown keys of an
 * object (100,000 took 7–12 s of the one event loop). No endpoint needs more than a few levels, a
 * few dozen properties per object, or the 5,000 sites × 2 keys of the largest bulk write.
 */
export const BODY_LIMITS = { maxDepth: 32, maxKeysPerObject: 200, maxKeysPerBody: 50_000 } as const;
export type BodyLimits = { maxDepth: number; maxKeysPerObject: number; maxKeysPerBody: number };

export type BodyShapeProblem =
  { rule: 'maxDepth'; at: string } | { rule: 'maxKeysPerObject'; at: string } | { rule: 'maxKeysPerBody' };

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COLON = 0x3a;
const COMMA = 0x2c;
const OPEN_OBJECT = 0x7b;
const CLOSE_OBJECT = 0x7d;
const OPEN_ARRAY = 0x5b;
const CLOSE_ARRAY = 0x5d;

/**
 * One pass over the raw bytes of a JSON body, before it is parsed: the depth of brackets and the
 * keys of each object (a `:` outside strings) and, for the count per body, the items of arrays.
 * It stops at the first limit broken, so a hostile body costs a few hundred bytes of work; a
 * malformed body is left to JSON.parse.
 */
export function scanJsonShape(bytes: Uint8Array, limits: BodyLimits = BODY_LIMITS): BodyShapeProblem | undefined {
  // Per open bracket: the keys seen in it (objects), or -1 for an array.
  const open = new Int32Array(limits.maxDepth + 1);
  let depth = 0;
  let total = 0;
  for (let i = 0; i < bytes.length; i += 1) {
    const c = bytes[i];
    switch (c) {
      case QUOTE:
        i = endOfString(bytes, i + 1);
        break;
      case OPEN_OBJECT:
      case OPEN_ARRAY:
        if (depth === limits.maxDepth) return { rule: 'maxDepth', at: `byte ${i}` };
        open[depth] = c === OPEN_OBJECT ? 0 : -1;
        depth += 1;
        break;
      case CLOSE_OBJECT:
      case CLOSE_ARRAY:
        if (depth > 0) depth -= 1;
        break;
      case COLON:
        if (depth > 0 && open[depth - 1] >= 0) {
          open[depth - 1] += 1;
          if (open[depth - 1] > limits.maxKeysPerObject) return { rule: 'maxKeysPerObject', at: `byte ${i}` };
        }
        if ((total += 1) > limits.maxKeysPerBody) return { rule: 'maxKeysPerBody' };
        break;
      case COMMA:
        if (depth > 0 && open[depth - 1] < 0 && (total += 1) > limits.maxKeysPerBody) return { rule: 'maxKeysPerBody' };
        break;
    }
  }
  return undefined;
}

/** The index of the quote that closes the string starting at `from` (native search: long strings cost little). */
function endOfString(bytes: Uint8Array, from: number): number {
  let at = from;
  for (;;) {
    const quote = bytes.indexOf(QUOTE, at);
    if (quote < 0) return bytes.length;
    let backslashes = 0;
    while (quote - backslashes - 1 >= from && bytes[quote - backslashes - 1] === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote;
    at = quote + 1;
  }
}

/**
 * The same limits over a body some other parser made (a form, a multipart's fields), with its own
 * stack (no recursion, so no depth can overflow it), counting keys without copying them.
 */
export function inspectBodyShape(body: unknown, limits: BodyLimits = BODY_LIMITS): BodyShapeProblem | undefined {
  if (body === null || typeof body !== 'object') return undefined;
  const stack: { value: object; depth: number; path: string }[] = [{ value: body, depth: 1, path: '(body)' }];
  let total = 0;
  while (stack.length > 0) {
    const { value, depth, path } = stack.pop()!;
    if (depth > limits.maxDepth) return { rule: 'maxDepth', at: path };
    let keys = 0;
    for (const key in value) {
      if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
      keys += 1;
      if (!Array.isArray(value) && keys > limits.maxKeysPerObject) return { rule: 'maxKeysPerObject', at: path };
      if ((total += 1) > limits.maxKeysPerBody) return { rule: 'maxKeysPerBody' };
      const item = (value as Record<string, unknown>)[key];
      if (item !== null && typeof item === 'object')
        stack.push({ value: item, depth: depth + 1, path: `${path}.${key}` });
    }
  }
  return undefined;
}

/** The refusal: 400 for a body nested too deep, 413 for one with too many keys. */
export function bodyShapeProblem(problem: BodyShapeProblem, limits: BodyLimits = BODY_LIMITS): ProblemException {
  const extra = {
    maxDepth: limits.maxDepth,
    maxKeysPerObject: limits.maxKeysPerObject,
    maxKeysPerBody: limits.maxKeysPerBody,
  };
  switch (problem.rule) {
    case 'maxDepth':
      return new ProblemException(
        HttpStatus.BAD_REQUEST,
        'BODY_TOO_DEEP',
        `The request body is nested deeper than ${limits.maxDepth} levels (at ${problem.at}).`,
        { ...extra, errors: [{ field: '(body)', rule: 'maxDepth', message: `nested deeper than ${limits.maxDepth}` }] },
      );
    case 'maxKeysPerObject':
      return new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'BODY_TOO_MANY_KEYS',
        `An object of the request body has more than ${limits.maxKeysPerObject} keys (at ${problem.at}).`,
        {
          ...extra,
          errors: [{ field: '(body)', rule: 'maxKeysPerObject', message: `more than ${limits.maxKeysPerObject} keys` }],
        },
      );
    case 'maxKeysPerBody':
      return new ProblemException(
        HttpStatus.PAYLOAD_TOO_LARGE,
        'BODY_TOO_MANY_KEYS',
        `The request body has more than ${limits.maxKeysPerBody} keys and items in all.`,
        {
          ...extra,
          errors: [{ field: '(body)', rule: 'maxKeysPerBody', message: `more than ${limits.maxKeysPerBody} keys` }],
        },
      );
  }
}

/** body-parser's `verify` for JSON: the raw bytes are scanned before JSON.parse sees them. */
export function verifyJsonShape(_req: unknown, _res: unknown, bytes: Buffer): void {
  const problem = scanJsonShape(bytes);
  if (problem) throw bodyShapeProblem(problem);
}

/** Express middleware after the body parsers: the parsed body of any other parser, the same limits. */
export function bodyShapeGuard(req: { body?: unknown }, _res: unknown, next: (error?: unknown) => void): void {
  const problem = inspectBodyShape(req.body);
  next(problem ? bodyShapeProblem(problem) : undefined);
}
