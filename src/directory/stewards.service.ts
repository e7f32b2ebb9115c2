import { HttpStatus, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, fieldProblem, notFound, ProblemException, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { FINISHED_STATUSES } from '../conferences/conference.constants';

export interface StewardRecord {
  unitId: string;
  userId: string;
  email: string;
  displayName: string;
  grantedAt: Date;
}

const notASteward = (detail: string) => new ProblemException(HttpStatus.FORBIDDEN, 'NOT_A_STEWARD', detail);

/**
 * Who may change which part of the directory. Administrators: all of it. An organizer: the units
 * an administrator made them steward of, every unit under those, and the people whose current
 * positions are all in such units (someone holding no current position belongs to no one yet).
 * An organizer who creates a unit at the top of the tree is its steward.
 */
@Injectable()
export class StewardsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The caller changes the directory without limits (an administrator, or the system itself). */
  async isUnlimited(manager: EntityManager, actor: Actor): Promise<boolean> {
    if (actor.kind === 'system') return true;
    if (actor.kind !== 'user' || !actor.id) return false;
    const [user] = await queryRows<{ role: string }>(manager, 'SELECT role FROM app_user WHERE id = $1', [actor.id]);
    return user?.role === 'admin';
  }

  /** 403 NOT_A_STEWARD unless every one of these units is in a subtree the caller stewards. */
  async assertUnits(manager: EntityManager, actor: Actor, unitIds: string[]): Promise<void> {
    const wanted = [...new Set(unitIds)];
    if (wanted.length === 0 || (await this.isUnlimited(manager, actor))) return;
    const covered = await queryRows<{ start: string }>(
      manager,
      `WITH RECURSIVE up AS (
         SELECT id AS start, id, parent_id FROM unit WHERE id = ANY($1::uuid[])
         UNION ALL SELECT up.start, u.id, u.parent_id FROM unit u JOIN up ON u.id = up.parent_id)
       SELECT DISTINCT up.start FROM up JOIN unit_steward s ON s.unit_id = up.id AND s.user_id = $2`,
      [wanted, actor.id],
    );
    const ok = new Set(covered.map((r) => r.start));
    const outside = wanted.filter((id) => !ok.has(id));
    if (outside.length === 0) return;
    const names = await queryRows<{ name: string }>(
      manager,
      'SELECT name FROM unit WHERE id = ANY($1::uuid[]) ORDER BY name LIMIT 5',
      [outside],
    );
    const named = names.map((n) => `"${n.name}"`).join(', ') || outside.join(', ');
    throw notASteward(
      `You are not a steward of ${named}: only its stewards (set by an administrator) and administrators change it.`,
    );
  }

  /** A person is changed by the stewards of all the units of their current positions. */
  async assertPerson(manager: EntityManager, actor: Actor, personId: string): Promise<void> {
    if (await this.isUnlimited(manager, actor)) return;
    const units = await queryRows<{ unit_id: string }>(
      manager,
      'SELECT DISTINCT unit_id FROM person_position WHERE person_id = $1 AND ended_on IS NULL',
      [personId],
    );
    await this.assertUnits(
      manager,
      actor,
      units.map((u) => u.unit_id),
    );
  }

  /**
   * A new e-mail would redirect the invitations (and answer links) of this person; refused while
   * they have live invitations in a conference the caller does not own or organize.
   */
  async assertEmailChange(manager: EntityManager, actor: Actor, personId: string): Promise<void> {
    if (await this.isUnlimited(manager, actor)) return;
    const elsewhere = await queryRows<{ title: string }>(
      manager,
      `SELECT DISTINCT c.title FROM invitation i JOIN conference c ON c.id = i.conference_id
        WHERE i.person_id = $1 AND i.withdrawn_at IS NULL AND c.status <> ALL($3::text[])
          AND NOT EXISTS (SELECT 1 FROM conference_member m
                           WHERE m.conference_id = c.id AND m.user_id = $2 AND m.role IN ('owner', 'organizer'))
        ORDER BY c.title LIMIT 3`,
      [personId, actor.id, FINISHED_STATUSES],
    );
    if (elsewhere.length === 0) return;
    throw conflict(
      'PERSON_INVITED_ELSEWHERE',
      `This person is invited to conferences you do not organize (${elsewhere.map((c) => `"${c.title}"`).join(', ')}); ` +
        'their e-mail is changed by those conferences’ organizers or an administrator.',
      { field: 'email' },
    );
  }

  /** Where the caller creates a unit at the top of the tree, they become its steward. */
  async adoptRoot(manager: EntityManager, actor: Actor, unitId: string): Promise<void> {
    if (await this.isUnlimited(manager, actor)) return;
    await manager.query(
      `INSERT INTO unit_steward (unit_id, user_id, granted_at, granted_by) VALUES ($1, $2, $3, $2) ON CONFLICT DO NOTHING`,
      [unitId, actor.id, this.clock.now()],
    );
  }

  async list(unitId: string): Promise<StewardRecord[]> {
    await this.unitExists(this.dataSource.manager, unitId);
    return queryRows<StewardRecord>(
      this.dataSource,
      `SELECT s.unit_id AS "unitId", s.user_id AS "userId", u.email, u.display_name AS "displayName",
              s.granted_at AS "grantedAt"
         FROM unit_steward s JOIN app_user u ON u.id = s.user_id WHERE s.unit_id = $1 ORDER BY u.email`,
      [unitId],
    );
  }

  async grant(actor: Actor, unitId: string, userId: string): Promise<StewardRecord> {
    return this.dataSource.transaction(async (manager) => {
      await this.unitExists(manager, unitId);
      const [user] = await queryRows<{ role: string }>(manager, 'SELECT role FROM app_user WHERE id = $1', [userId]);
      if (!user) throw notFound('user', userId);
      if (user.role !== 'organizer') {
        throw unprocessable([
          fieldProblem('userId', 'isOrganizer', 'userId must be an organizer account (admins change everything)'),
        ]);
      }
      const inserted = await queryRows<{ unit_id: string }>(
        manager,
        `INSERT INTO unit_steward (unit_id, user_id, granted_at, granted_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING RETURNING unit_id`,
        [unitId, userId, this.clock.now(), actor.id],
      );
      if (inserted.length > 0) {
        await this.audit.record(manager, actor, {
          action: 'unit.steward.grant',
          entityType: 'unit',
          entityId: unitId,
          after: { userId },
        });
      }
      return this.one(manager, unitId, userId);
    });
  }

  async revoke(actor: Actor, unitId: string, userId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      const deleted = await queryRows<{ unit_id: string }>(
        manager,
        'DELETE FROM unit_steward WHERE unit_id = $1 AND user_id = $2 RETURNING unit_id',
        [unitId, userId],
      );
      if (deleted.length === 0) throw notFound('stewardship of this unit for user', userId);
      await this.audit.record(manager, actor, {
        action: 'unit.steward.revoke',
        entityType: 'unit',
        entityId: unitId,
        before: { userId },
      });
    });
  }

  private async one(manager: EntityManager, unitId: string, userId: string): Promise<StewardRecord> {
    const [row] = await queryRows<StewardRecord>(
      manager,
      `SELECT s.unit_id AS "unitId", s.user_id AS "userId", u.email, u.display_name AS "displayName",
              s.granted_at AS "grantedAt"
         FROM unit_steward s JOIN app_user u ON u.id = s.user_id WHERE s.unit_id = $1 AND s.user_id = $2`,
      [unitId, userId],
    );
    return row;
  }

  private async unitExists(manager: EntityManager, unitId: string): Promise<void> {
    const rows = await manager.query('SELECT 1 FROM unit WHERE id = $1', [unitId]);
    if (rows.length === 0) throw notFound('unit', unitId);
  }
}
