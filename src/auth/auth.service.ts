import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { Clock } from '../common/clock';
import { fieldProblem, notFound, ProblemException, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { ApiToken } from './api-token.entity';
import { AccessTokenResponse, CreateApiTokenDto, LoginDto } from './auth.dto';
import { DUMMY_PASSWORD_HASH, verifyPassword } from './passwords';
import { UserPrincipal } from '../identity/principal';
import { API_TOKEN_PREFIX, hashSecret, newSecret } from '../identity/secret-tokens';
import { SIGNING_KEY } from './signing-key';
import { User } from './user.entity';

/** After this many failures in a row an account is locked, for a time that doubles with each further failure. */
const FREE_FAILURES = 5;
const FIRST_LOCK_SECONDS = 30;
const MAX_LOCK_SECONDS = 3600;

const invalidCredentials = () =>
  new ProblemException(
    HttpStatus.UNAUTHORIZED,
    'INVALID_CREDENTIALS',
    'The e-mail or password is wrong, or the account is locked for a while after repeated failures.',
  );

@Injectable()
export class AuthService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(SIGNING_KEY) private readonly signingKey: string,
    private readonly jwt: JwtService,
    private readonly clock: Clock,
  ) {}

  async login(dto: LoginDto): Promise<AccessTokenResponse> {
    return this.issueAccessToken(await this.checkCredentials(dto));
  }

  /** Unknown user, wrong password, inactive or locked account: one answer, in about the same time. */
  async checkCredentials(dto: LoginDto): Promise<User> {
    const users = this.dataSource.getRepository(User);
    const user = await users.findOneBy({ email: dto.email });
    const ok = await verifyPassword(user?.passwordHash ?? DUMMY_PASSWORD_HASH, dto.password);
    const now = this.clock.now();
    if (!user || !user.active) throw invalidCredentials();
    if (user.lockedUntil && user.lockedUntil > now) throw invalidCredentials();
    if (!ok) {
      await this.recordFailure(user.id, now);
      throw invalidCredentials();
    }
    if (user.failedLogins > 0) await users.update(user.id, { failedLogins: 0, lockedUntil: null });
    return user;
  }

  private async recordFailure(userId: string, now: Date): Promise<void> {
    // One statement, so that concurrent failures all count.
    await this.dataSource.query(
      `UPDATE app_user SET failed_logins = failed_logins + 1,
         locked_until = CASE WHEN failed_logins + 1 >= $2
           THEN $1::timestamptz + make_interval(secs => least($4, $3 * power(2, failed_logins + 1 - $2)))
           ELSE locked_until END
       WHERE id = $5`,
      [now, FREE_FAILURES, FIRST_LOCK_SECONDS, MAX_LOCK_SECONDS, userId],
    );
  }

  private issueAccessToken(user: User): AccessTokenResponse {
    const expiresIn = this.config.auth.accessTokenTtlSeconds;
    const iat = Math.floor(this.clock.now().getTime() / 1000);
    const accessToken = this.jwt.sign(
      { sub: user.id, email: user.email, role: user.role, ver: user.tokenVersion, iat },
      { secret: this.signingKey, expiresIn, algorithm: 'HS256' },
    );
    return { tokenType: 'Bearer', accessToken, expiresIn };
  }

  /** The user behind a bearer token (login JWT or API token), or null when it is not valid now. */
  async authenticate(token: string): Promise<UserPrincipal | null> {
    if (token.startsWith(API_TOKEN_PREFIX)) return this.authenticateApiToken(token);
    let payload: { sub?: string; ver?: number };
    try {
      payload = this.jwt.verify(token, {
        secret: this.signingKey,
        algorithms: ['HS256'],
        clockTimestamp: Math.floor(this.clock.now().getTime() / 1000),
      });
    } catch {
      return null;
    }
    const user = payload.sub ? await this.dataSource.getRepository(User).findOneBy({ id: payload.sub }) : null;
    if (!user?.active || payload.ver !== user.tokenVersion) return null;
    return { kind: 'user', userId: user.id, email: user.email, role: user.role };
  }

  private async authenticateApiToken(token: string): Promise<UserPrincipal | null> {
    if (token.length > 100) return null;
    const rows = await queryRows<{ id: string; user_id: string; email: string; role: UserPrincipal['role'] }>(
      this.dataSource,
      `UPDATE api_token t SET last_used_at = $2
         FROM app_user u
        WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND (t.expires_at IS NULL OR t.expires_at > $2)
          AND u.id = t.user_id AND u.active
        RETURNING t.id, t.user_id, u.email, u.role`,
      [hashSecret(token), this.clock.now()],
    );
    const row = rows[0];
    return row ? { kind: 'user', userId: row.user_id, email: row.email, role: row.role, apiTokenId: row.id } : null;
  }

  async createApiToken(userId: string, dto: CreateApiTokenDto): Promise<{ token: string; apiToken: ApiToken }> {
    // A token that is dead on arrival is a mistake of the caller, not a token.
    if (dto.expiresAt && new Date(dto.expiresAt) <= this.clock.now()) {
      throw unprocessable([fieldProblem('expiresAt', 'isFuture', 'expiresAt must be in the future')]);
    }
    const { token, hash } = newSecret(API_TOKEN_PREFIX);
    const repo = this.dataSource.getRepository(ApiToken);
    const apiToken = repo.create({
      userId,
      name: dto.name,
      tokenHash: hash,
      hint: token.slice(0, API_TOKEN_PREFIX.length + 6),
      expiresAt: dto.expiresAt ? new Date(dto.expiresAt) : null,
    });
    await repo.save(apiToken);
    return { token, apiToken };
  }

  async listApiTokens(userId: string): Promise<ApiToken[]> {
    return this.dataSource.getRepository(ApiToken).find({ where: { userId }, order: { createdAt: 'DESC' } });
  }

  /** Only the owner revokes; someone else's token answers 404 so its existence is not revealed. */
  async revokeApiToken(userId: string, tokenId: string): Promise<ApiToken> {
    const repo = this.dataSource.getRepository(ApiToken);
    const apiToken = await repo.findOneBy({ id: tokenId, userId });
    if (!apiToken) throw notFound('API token', tokenId);
    if (!apiToken.revokedAt) {
      await repo.update({ id: tokenId, revokedAt: IsNull() }, { revokedAt: this.clock.now() });
      apiToken.revokedAt = this.clock.now();
    }
    return apiToken;
  }
}
