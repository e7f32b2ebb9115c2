import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, notFound, unprocessable } from '../common/problem';
import { ConferenceAccess } from './conference-access.service';
import { ConferenceMember } from './conference-member.entity';
import { AddMemberDto } from './conferences.dto';

export type MemberRow = ConferenceMember & { email: string; displayName: string };

/** Co-organizers and observers of a conference, managed by its owners. */
@Injectable()
export class ConferenceMembersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, conferenceId: string): Promise<MemberRow[]> {
    await this.access.assertCanRead(principal, conferenceId);
    return this.rows(this.dataSource.manager, conferenceId);
  }

  /** Adds a member, or changes the role of one already there. */
  async add(principal: Principal, actor: Actor, conferenceId: string, dto: AddMemberDto): Promise<MemberRow> {
    return this.dataSource.transaction(async (manager) => {
      await this.access.assertOwner(principal, conferenceId, manager);
      await manager.query(`SELECT 1 FROM conference WHERE id = $1 FOR UPDATE`, [conferenceId]);
      const [user] = await manager.query(`SELECT role FROM app_user WHERE id = $1`, [dto.userId]);
      if (!user)
        throw unprocessable(
          [fieldProblem('userId', 'reference', 'userId names no user')],
          undefined,
          'REFERENCE_NOT_FOUND',
        );
      if (user.role === 'observer' && dto.role !== 'observer') {
        throw unprocessable([
          fieldProblem('role', 'observerAccount', 'an observer account can only be an observer of a conference'),
        ]);
      }
      const existing = await manager.findOneBy(ConferenceMember, { conferenceId, userId: dto.userId });
      if (existing?.role === 'owner' && dto.role !== 'owner')
        await this.assertAnotherOwner(manager, conferenceId, dto.userId);
      await manager.query(
        `INSERT INTO conference_member (conference_id, user_id, role, added_at, added_by) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (conference_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
        [conferenceId, dto.userId, dto.role, this.clock.now(), actor.id],
      );
      await this.audit.record(manager, actor, {
        action: 'conference.member.add',
        entityType: 'conference_member',
        entityId: dto.userId,
        conferenceId,
        before: existing ? { role: existing.role } : null,
        after: { role: dto.role },
      });
      return (await this.rows(manager, conferenceId)).find((m) => m.userId === dto.userId)!;
    });
  }

  async remove(principal: Principal, actor: Actor, conferenceId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.access.assertOwner(principal, conferenceId, manager);
      await manager.query(`SELECT 1 FROM conference WHERE id = $1 FOR UPDATE`, [conferenceId]);
      const existing = await manager.findOneBy(ConferenceMember, { conferenceId, userId });
      if (!existing) throw notFound('member', userId);
      if (existing.role === 'owner') await this.assertAnotherOwner(manager, conferenceId, userId);
      await manager.delete(ConferenceMember, { conferenceId, userId });
      await this.audit.record(manager, actor, {
        action: 'conference.member.remove',
        entityType: 'conference_member',
        entityId: userId,
        conferenceId,
        before: { role: existing.role },
      });
    });
  }

  private async assertAnotherOwner(manager: EntityManager, conferenceId: string, userId: string): Promise<void> {
    const [{ count }] = await manager.query(
      `SELECT count(*)::int AS count FROM conference_member WHERE conference_id = $1 AND role = 'owner' AND user_id <> $2`,
      [conferenceId, userId],
    );
    if (count === 0) throw conflict('LAST_OWNER', 'This is the last owner of the conference; add another owner first.');
  }

  private rows(manager: EntityManager, conferenceId: string): Promise<MemberRow[]> {
    return manager.query(
      `SELECT m.conference_id AS "conferenceId", m.user_id AS "userId", m.role, m.added_at AS "addedAt", m.added_by AS "addedBy",
              u.email, u.display_name AS "displayName"
         FROM conference_member m JOIN app_user u ON u.id = m.user_id
        WHERE m.conference_id = $1 ORDER BY m.role = 'owner' DESC, u.email`,
      [conferenceId],
    );
  }
}
