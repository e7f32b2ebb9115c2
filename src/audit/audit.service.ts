import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { Actor } from '../identity/principal';
import { Clock } from '../common/clock';
import { AuditEntry } from './audit-entry.entity';

export interface AuditRecord {
  action: string;
  entityType: string;
  entityId?: string | null;
  conferenceId?: string | null;
  before?: unknown;
  after?: unknown;
}

export interface AuditQuery {
  entityType?: string;
  entityId?: string;
  conferenceId?: string;
  limit: number;
  offset: number;
}

/** The audit log. Call `record` inside the transaction of the change, so both land or neither. */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(manager: EntityManager, actor: Actor, record: AuditRecord): Promise<void> {
    await manager.insert(AuditEntry, {
      at: this.clock.now(),
      actorKind: actor.kind,
      actorId: actor.id,
      actorLabel: actor.label,
      action: record.action,
      entityType: record.entityType,
      entityId: record.entityId ?? null,
      conferenceId: record.conferenceId ?? null,
      before: record.before === undefined ? null : JSON.parse(JSON.stringify(record.before)),
      after: record.after === undefined ? null : JSON.parse(JSON.stringify(record.after)),
    });
  }

  async list(query: AuditQuery): Promise<{ items: AuditEntry[]; total: number }> {
    const qb = this.dataSource.getRepository(AuditEntry).createQueryBuilder('a');
    if (query.entityType) qb.andWhere('a.entityType = :entityType', { entityType: query.entityType });
    if (query.entityId) qb.andWhere('a.entityId = :entityId', { entityId: query.entityId });
    if (query.conferenceId) qb.andWhere('a.conferenceId = :conferenceId', { conferenceId: query.conferenceId });
    const [items, total] = await qb.orderBy('a.id', 'DESC').take(query.limit).skip(query.offset).getManyAndCount();
    return { items, total };
  }
}
