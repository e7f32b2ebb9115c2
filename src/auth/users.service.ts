import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import * as fs from 'node:fs/promises';
import * as path from 'node:path';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import { Clock } from '../common/clock';
import { conflict, notFound } from '../common/problem';
import { queryRows } from '../common/sql';
import { PageQuery } from '../common/pagination';
import { CreateUserDto, toUserResponse, UpdateUserDto } from './auth.dto';
import { hashPassword } from './passwords';
import { Actor, SYSTEM_ACTOR } from '../identity/principal';
import { User } from './user.entity';
import { assertFresh, IfMatch } from '../common/etag';

@Injectable()
export class UsersService {
  private readonly logger = new Logger(UsersService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async create(actor: Actor, dto: CreateUserDto): Promise<User> {
    const passwordHash = await hashPassword(dto.password);
    return this.dataSource.transaction(async (manager) => {
      const user = manager.create(User, {
        email: dto.email,
        displayName: dto.displayName,
        role: dto.role,
        passwordHash,
      });
      await manager.save(user);
      await this.audit.record(manager, actor, {
        action: 'user.create',
        entityType: 'user',
        entityId: user.id,
        after: toUserResponse(user),
      });
      return user;
    });
  }

  async list(query: PageQuery): Promise<[User[], number]> {
    return this.dataSource
      .getRepository(User)
      .findAndCount({ order: { email: 'ASC' }, take: query.limit, skip: query.offset });
  }

  async get(id: string): Promise<User> {
    const user = await this.dataSource.getRepository(User).findOneBy({ id });
    if (!user) throw notFound('user', id);
    return user;
  }

  async update(actor: Actor, id: string, dto: UpdateUserDto, ifMatch: IfMatch = null): Promise<User> {
    const passwordHash = dto.password ? await hashPassword(dto.password) : undefined;
    return this.dataSource.transaction(async (manager) => {
      // One user change at a time: two admins demoting each other at once would otherwise each see
      // the other still an admin, and leave none.
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('app_user'))`);
      const user = await manager.findOne(User, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!user) throw notFound('user', id);
      assertFresh(ifMatch, user.version, 'user');
      const before = toUserResponse(user);
      const wasAdmin = user.role === 'admin' && user.active;
      const ends = (dto.role !== undefined && dto.role !== user.role) || (dto.active === false && user.active);
      if (dto.displayName !== undefined) user.displayName = dto.displayName;
      if (dto.role !== undefined) user.role = dto.role;
      if (dto.active !== undefined) user.active = dto.active;
      if (passwordHash) Object.assign(user, { passwordHash, failedLogins: 0, lockedUntil: null });
      if (wasAdmin && !(user.role === 'admin' && user.active)) await this.keepAnAdmin(manager, id);
      if (ends || passwordHash) await this.endTokens(manager, user);
      await manager.save(user);
      await this.audit.record(manager, actor, {
        action: 'user.update',
        entityType: 'user',
        entityId: id,
        before,
        after: toUserResponse(user),
      });
      return user;
    });
  }

  private async keepAnAdmin(manager: EntityManager, leavingId: string): Promise<void> {
    const [{ others }] = await queryRows<{ others: number }>(
      manager,
      `SELECT count(*)::int AS others FROM app_user WHERE role = 'admin' AND active AND id <> $1`,
      [leavingId],
    );
    if (others === 0) {
      throw conflict(
        'LAST_ADMIN',
        'This is the last active administrator: make another user an administrator before demoting or disabling this one.',
      );
    }
  }

  /** Every login token (by its version), API token and console session issued so far stops working, for good. */
  private async endTokens(manager: EntityManager, user: User): Promise<void> {
    user.tokenVersion += 1;
    const now = this.clock.now();
    await manager.query(`UPDATE api_token SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [
      user.id,
      now,
    ]);
    await manager.query(`UPDATE browser_session SET ended_at = $2 WHERE user_id = $1 AND ended_at IS NULL`, [
      user.id,
      now,
    ]);
  }

  /**
   * Makes sure there is an administrator. With ADMIN_PASSWORD unset a random password is made and
   * written to a file beside the data, so that `npm start` can tell a new user how to log in.
   */
  async ensureAdmin(): Promise<{ email: string; password?: string; credentialsFile?: string; created: boolean }> {
    const email = this.config.auth.adminEmail;
    const credentialsFile = path.join(path.dirname(this.config.storageDir), 'admin-credentials.txt');
    const admins: { count: number }[] = await this.dataSource.query(
      `SELECT count(*)::int AS count FROM app_user WHERE role = 'admin'`,
    );
    if (admins[0].count > 0) {
      return { email, created: false, credentialsFile: existsSync(credentialsFile) ? credentialsFile : undefined };
    }
    const password = this.config.auth.adminPassword ?? randomBytes(12).toString('base64url');
    const inserted: unknown[] = await this.dataSource.query(
      `INSERT INTO app_user (email, display_name, password_hash, role) VALUES ($1, 'Administrator', $2, 'admin')
       ON CONFLICT (email) DO NOTHING RETURNING id`,
      [email, await hashPassword(password)],
    );
    if (inserted.length === 0) return { email, created: false };
    await this.dataSource.transaction((m) =>
      this.audit.record(m, SYSTEM_ACTOR, {
        action: 'user.create',
        entityType: 'user',
        after: { email, role: 'admin' },
      }),
    );
    if (this.config.auth.adminPassword) return { email, created: true };
    await fs.mkdir(path.dirname(credentialsFile), { recursive: true });
    await fs.writeFile(credentialsFile, `email: ${email}\npassword: ${password}\n`, { mode: 0o600 });
    this.logger.log(`Created the first administrator ${email}; credentials in ${credentialsFile}`);
    return { email, password, credentialsFile, created: true };
  }
}
