import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request } from 'express';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../common/clock';
import { ProblemException } from '../common/problem';
import { queryRows } from '../common/sql';
import { LoginDto } from './auth.dto';
import { AuthService } from './auth.service';
import { BrowserSession } from './browser-session.entity';
import { UserLanguage, UserPrincipal } from '../identity/principal';
import { hashSecret, newSecret, sameHash } from '../identity/secret-tokens';
import { User } from './user.entity';
import { assertFresh, IfMatch } from '../common/etag';

/** The HttpOnly cookie holding the session secret. */
export const SESSION_COOKIE = 'convene_session';
/** Readable by the console's script, which echoes it in CSRF_HEADER on every change. */
export const CSRF_COOKIE = 'convene_csrf';
export const CSRF_HEADER = 'x-csrf-token';
const SESSION_TOKEN_PREFIX = 'cvs_';
const CSRF_TOKEN_PREFIX = 'cvc_';
const READ_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

export interface StartedSession {
  user: User;
  token: string;
  csrfToken: string;
  expiresAt: Date;
}

const sessionEnded = () =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    'SESSION_EXPIRED',
    'The console session has ended or expired; log in again at POST /auth/session.',
  );

const csrfRefused = () =>
  new ProblemException(
    HttpStatus.FORBIDDEN,
    'CSRF_TOKEN_INVALID',
    `A change made with the session cookie needs the ${CSRF_HEADER} header carrying the ${CSRF_COOKIE} cookie's value.`,
  );

function cookieOf(request: Request, name: string): string | undefined {
  const value = (request.cookies as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' && value.length > 0 && value.length <= 100 ? value : undefined;
}

/** Console logins: a server-side session behind an HttpOnly cookie, with a CSRF token bound to it. */
@Injectable()
export class BrowserSessionsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly auth: AuthService,
    private readonly clock: Clock,
  ) {}

  /** Same checks (and the same single answer to a failure) as a bearer login. */
  async start(dto: LoginDto): Promise<StartedSession> {
    const user = await this.auth.checkCredentials(dto);
    const session = newSecret(SESSION_TOKEN_PREFIX);
    const csrf = newSecret(CSRF_TOKEN_PREFIX);
    const expiresAt = new Date(this.clock.now().getTime() + this.config.auth.sessionTtlSeconds * 1000);
    await this.dataSource
      .getRepository(BrowserSession)
      .insert({ userId: user.id, tokenHash: session.hash, csrfHash: csrf.hash, expiresAt });
    return { user, token: session.token, csrfToken: csrf.token, expiresAt };
  }

  hasCookie(request: Request): boolean {
    return cookieOf(request, SESSION_COOKIE) !== undefined;
  }

  /**
   * The user behind the request's session cookie. A change (any method but GET/HEAD/OPTIONS)
   * must also carry the session's CSRF token in a header, which another site cannot read.
   */
  async principalFor(request: Request): Promise<UserPrincipal> {
    const token = cookieOf(request, SESSION_COOKIE);
    if (!token) throw sessionEnded();
    const rows = await queryRows<{
      id: string;
      csrf_hash: Buffer;
      user_id: string;
      email: string;
      role: UserPrincipal['role'];
    }>(
      this.dataSource,
      `UPDATE browser_session s SET last_used_at = $2
         FROM app_user u
        WHERE s.token_hash = $1 AND s.ended_at IS NULL AND s.expires_at > $2
          AND u.id = s.user_id AND u.active
        RETURNING s.id, s.csrf_hash, s.user_id, u.email, u.role`,
      [hashSecret(token), this.clock.now()],
    );
    const row = rows[0];
    if (!row) throw sessionEnded();
    if (!READ_METHODS.has(request.method)) {
      const given = request.headers[CSRF_HEADER];
      if (typeof given !== 'string' || given.length > 100 || !sameHash(hashSecret(given), row.csrf_hash)) {
        throw csrfRefused();
      }
    }
    return { kind: 'user', userId: row.user_id, email: row.email, role: row.role, browserSessionId: row.id };
  }

  async end(sessionId: string): Promise<void> {
    await this.dataSource.query(`UPDATE browser_session SET ended_at = $2 WHERE id = $1 AND ended_at IS NULL`, [
      sessionId,
      this.clock.now(),
    ]);
  }

  async setLanguage(userId: string, language: UserLanguage, ifMatch: IfMatch = null): Promise<User> {
    return this.dataSource.transaction(async (manager) => {
      const user = await manager.findOneOrFail(User, { where: { id: userId }, lock: { mode: 'pessimistic_write' } });
      assertFresh(ifMatch, user.version, 'account');
      user.language = language;
      return manager.save(user);
    });
  }
}
