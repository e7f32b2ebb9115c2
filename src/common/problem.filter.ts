import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { mapDatabaseError } from './database-errors';
import { InputError } from './input-error';
import { FieldProblem, PROBLEM_CONTENT_TYPE, ProblemDetails, problemType } from './problem';

const CODE_BY_STATUS: Record<number, string> = {
  400: 'BAD_REQUEST',
  401: 'UNAUTHENTICATED',
  403: 'FORBIDDEN',
  404: 'NOT_FOUND',
  405: 'METHOD_NOT_ALLOWED',
  406: 'NOT_ACCEPTABLE',
  409: 'CONFLICT',
  413: 'PAYLOAD_TOO_LARGE',
  415: 'UNSUPPORTED_MEDIA_TYPE',
  422: 'VALIDATION_FAILED',
  429: 'TOO_MANY_REQUESTS',
  500: 'INTERNAL_ERROR',
  503: 'UNAVAILABLE',
};

function titleOf(status: number): string {
  const name = HttpStatus[status] as string | undefined;
  return name ? name.charAt(0) + name.slice(1).toLowerCase().replace(/_/g, ' ') : 'Error';
}

type HttpBody = {
  code?: string;
  detail?: string;
  message?: string | string[];
  errors?: FieldProblem[];
  [k: string]: unknown;
};

/** Low-level errors (body parser, multer) carry a status but are not HttpExceptions. */
function statusOfForeign(error: unknown): number | undefined {
  const e = error as { status?: number; statusCode?: number; type?: string; code?: string };
  const status = e?.status ?? e?.statusCode;
  if (typeof status === 'number' && status >= 400 && status < 500) return status;
  if (e?.code === 'LIMIT_FILE_SIZE') return 413;
  if (typeof e?.code === 'string' && e.code.startsWith('LIMIT_')) return 400;
  return undefined;
}

/** Every error leaves Convene as application/problem+json (RFC 9457) with a stable code. */
@Catch()
export class ProblemFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const request = http.getRequest<Request & { id?: string }>();
    const response = http.getResponse<Response>();
    const problem = this.toProblem(exception);
    problem.instance = request.originalUrl?.split('?')[0];
    if (request.id) problem.requestId = String(request.id);
    // A 503 thrown on purpose (GET /health) is an answer, logged where it is decided; only the rest is a fault.
    const deliberate = exception instanceof HttpException && problem.status === 503;
    if (problem.status >= 500 && !deliberate)
      this.logger.error({ err: exception, requestId: request.id }, 'unhandled error');
    if (response.headersSent) return;
    response.status(problem.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(problem));
  }

  toProblem(exception: unknown): ProblemDetails {
    if (exception instanceof HttpException) return this.fromHttp(exception);
    if (exception instanceof InputError) {
      return this.build(422, 'VALIDATION_FAILED', exception.message, { errors: [exception.toFieldProblem()] });
    }
    const db = mapDatabaseError(exception);
    if (db) return this.build(db.status, db.code, db.detail, db.errors ? { errors: db.errors } : {});
    const foreign = statusOfForeign(exception);
    if (foreign) {
      const message = (exception as { message?: string }).message;
      return this.build(foreign, CODE_BY_STATUS[foreign] ?? 'BAD_REQUEST', message ?? titleOf(foreign));
    }
    return this.build(500, 'INTERNAL_ERROR', 'Something went wrong on our side; the error was logged.');
  }

  private fromHttp(exception: HttpException): ProblemDetails {
    const status = exception.getStatus();
    const body = exception.getResponse();
    if (typeof body === 'string') return this.build(status, CODE_BY_STATUS[status] ?? 'ERROR', body);
    const { code, detail, message, error: _error, statusCode: _statusCode, ...extra } = body as HttpBody;
    const text = detail ?? (Array.isArray(message) ? message.join('; ') : message) ?? titleOf(status);
    return this.build(status, code ?? CODE_BY_STATUS[status] ?? 'ERROR', text, extra);
  }

  private build(status: number, code: string, detail: string, extra: Record<string, unknown> = {}): ProblemDetails {
    return { ...extra, type: problemType(code), title: titleOf(status), status, detail, code };
  }
}

/**
 * Whether a refusal on a secret-link page should be a page: a browser asks for text/html; any
 * other client (no Accept, JSON) keeps problem+json.
 */
export function wantsPage(req: { accepts(types: string[]): string | false }): boolean {
  return req.accepts(['application/json', 'application/problem+json', 'text/html']) === 'text/html';
}
