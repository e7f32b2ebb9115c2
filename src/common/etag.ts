import {
  CallHandler,
  createParamDecorator,
  ExecutionContext,
  HttpStatus,
  NestInterceptor,
  UseInterceptors,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { map, Observable } from 'rxjs';
import { EntityManager } from 'typeorm';
import { fieldProblem, ProblemException, unprocessable } from './problem';

/**
 * What a PATCH's If-Match asks for: `null` when absent (the write goes ahead, as before),
 * `'*'` for any current version, or the versions the client last saw.
 */
export type IfMatch = null | '*' | number[];

/** A row that carries the version its BEFORE UPDATE trigger moves (migration RowVersions). */
export interface Versioned {
  version: number;
}

const ENTITY_TAG = /^\s*(W\/)?"([^"]*)"\s*$/;

const malformed = (why: string) =>
  unprocessable([
    fieldProblem('If-Match', 'entityTag', `If-Match must be * or the ETag you were given, e.g. "3" (${why}).`),
  ]);

/** RFC 9110 §13.1.1. A weak tag never matches (If-Match compares strongly), so it is kept as -1. */
export function parseIfMatch(raw: string | string[] | undefined): IfMatch {
  if (raw === undefined) return null;
  const value = Array.isArray(raw) ? raw.join(',') : raw;
  if (value.trim() === '*') return '*';
  const tags = value.split(',');
  if (value.trim() === '' || tags.some((t) => !ENTITY_TAG.test(t))) throw malformed('not an entity tag');
  return tags.map((t) => {
    const [, weak, opaque] = ENTITY_TAG.exec(t)!;
    if (!/^[1-9][0-9]{0,9}$/.test(opaque)) throw malformed(`"${opaque}" is not a version Convene gave`);
    return weak ? -1 : Number(opaque);
  });
}

/** Call after the row lock, inside the command's transaction: a stale copy is refused, nothing written. */
export function assertFresh(ifMatch: IfMatch, current: number, what: string): void {
  if (ifMatch === null || ifMatch === '*' || ifMatch.includes(current)) return;
  throw new ProblemException(
    HttpStatus.PRECONDITION_FAILED,
    'STALE',
    `Someone else changed this ${what} since you read it: it is now at version ${current}. ` +
      `Read it again (ETag "${current}") and re-apply your change.`,
    { currentVersion: current, currentETag: `"${current}"` },
  );
}

/**
 * Moves a row's version when what changed lives in another table (a cluster's units, a task's
 * units): a real write to the row itself, so that the trigger counts it.
 */
export async function touch(manager: EntityManager, table: string, id: string): Promise<number> {
  const [rows] = await manager.query<[Versioned[], number]>(
    `UPDATE ${table} SET updated_at = clock_timestamp() WHERE id = $1 RETURNING version`,
    [id],
  );
  return rows[0].version;
}

/**
 * The row's version as it stands now, for the answer: what a command wrote after its save (an
 * event handler raising the calendar sequence in SQL, say) moved it past what TypeORM read back.
 */
export async function currentVersion(manager: EntityManager, table: string, id: string): Promise<number> {
  const [row] = await manager.query<Versioned[]>(`SELECT version FROM ${table} WHERE id = $1`, [id]);
  return row.version;
}

/** The request's If-Match, parsed; a malformed one is a 422 naming the header. */
export const IfMatchHeader = createParamDecorator((_data: unknown, ctx: ExecutionContext): IfMatch =>
  parseIfMatch(ctx.switchToHttp().getRequest<Request>().headers['if-match']),
);

type VersionOf = (body: unknown, request: Request) => number | undefined;

const topLevelVersion: VersionOf = (body) => (body as Partial<Versioned> | null)?.version;

/** Given as an instance (it holds `versionOf`), so not through Nest's injector. */
class ETagInterceptor implements NestInterceptor {
  constructor(private readonly versionOf: VersionOf) {}

  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    const http = ctx.switchToHttp();
    return next.handle().pipe(
      map((body: unknown) => {
        const version = this.versionOf(body, http.getRequest<Request>());
        if (Number.isInteger(version)) http.getResponse<Response>().setHeader('ETag', `"${version}"`);
        return body;
      }),
    );
  }
}

/** Sends `ETag: "<version>"` for the resource in the response (its `version`, unless `versionOf` says where). */
export const SendsETag = (versionOf: VersionOf = topLevelVersion) => UseInterceptors(new ETagInterceptor(versionOf));
