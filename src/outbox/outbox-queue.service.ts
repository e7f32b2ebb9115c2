import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { randomUUID } from 'node:crypto';
import { DataSource, EntityManager, SelectQueryBuilder } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import type { Actor, UserPrincipal } from '../identity/principal';
import { Clock } from '../common/clock';
import { conflict, notFound } from '../common/problem';
import { dueTime } from './due-time';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxMessage } from './outbox-message.entity';
import {
  OutboxQueueQuery,
  OutboxSummaryQuery,
  OutboxSummaryResponse,
  StatusCounts,
  TestMessageDto,
} from './outbox.dto';
import { testMessageContent } from './outbox.messages';
import { OutboxService } from './outbox.service';
import { OUTBOX_STATUSES, OutboxStatus } from './outbox.types';
import { PLAIN_KIND } from './plain.renderer';

/**
 * Which conferences' messages a caller may see: undefined means all (administrators); others
 * see the conferences they own or organise (see scopeFor).
 */
export interface OutboxScope {
  conferenceIds?: string[];
}

export const ALL_CONFERENCES: OutboxScope = {};

// Skipped too: a message skipped for a cause since fixed (an unusable MAIL_FROM) can go again; rendered anew, a stale one is skipped again.
const RETRYABLE: OutboxStatus[] = ['failed', 'cancelled', 'skipped'];
const CANCELLABLE: OutboxStatus[] = ['queued', 'retrying'];

/** The queue as organizers see it: lists, counts, and retrying or cancelling one message. */
@Injectable()
export class OutboxQueueService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly audit: AuditService,
    private readonly outbox: OutboxService,
    private readonly dispatcher: OutboxDispatcher,
  ) {}

  /**
   * Administrators see the whole queue; anyone else the messages of the conferences they own or
   * organise (observers of a conference do not: a queue holds recipients' addresses and errors).
   * A message outside the scope answers 404, like one that does not exist.
   */
  async scopeFor(principal: UserPrincipal): Promise<OutboxScope> {
    if (principal.role === 'admin') return ALL_CONFERENCES;
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT conference_id AS id FROM conference_member WHERE user_id = $1 AND role IN ('owner', 'organizer')`,
      [principal.userId],
    );
    return { conferenceIds: rows.map((r) => r.id) };
  }

  async list(query: OutboxQueueQuery, scope: OutboxScope): Promise<[OutboxMessage[], number]> {
    const qb = this.scoped(this.dataSource.manager, scope);
    if (query.status) qb.andWhere('m.status = :status', { status: query.status });
    if (query.kind) qb.andWhere('m.kind = :kind', { kind: query.kind });
    if (query.conferenceId) qb.andWhere('m.conferenceId = :conferenceId', { conferenceId: query.conferenceId });
    if (query.recipient) qb.andWhere('m.recipientEmail = :recipient', { recipient: query.recipient });
    return qb.orderBy('m.createdAt', 'DESC').addOrderBy('m.id').take(query.limit).skip(query.offset).getManyAndCount();
  }

  async get(id: string, scope: OutboxScope): Promise<OutboxMessage> {
    const message = await this.scoped(this.dataSource.manager, scope).andWhere('m.id = :id', { id }).getOne();
    if (!message) throw notFound('outbox message', id);
    return message;
  }

  async summary(query: OutboxSummaryQuery, scope: OutboxScope): Promise<OutboxSummaryResponse> {
    const filtered = () => {
      const qb = this.scoped(this.dataSource.manager, scope);
      if (query.conferenceId) qb.andWhere('m.conferenceId = :conferenceId', { conferenceId: query.conferenceId });
      return qb;
    };
    const counts = await filtered()
      .select('m.status', 'status')
      .addSelect('count(*)::int', 'count')
      .groupBy('m.status')
      .getRawMany<{ status: OutboxStatus; count: number }>();
    const next = await filtered()
      .select('min(m.nextAttemptAt)', 'at')
      .andWhere(`m.status IN ('queued', 'retrying')`)
      .getRawOne<{ at: Date | null }>();
    const summary: OutboxSummaryResponse = {
      ...tally(counts),
      nextDueAt: next?.at ? new Date(next.at).toISOString() : null,
    };
    if (query.perConference) {
      const rows = await filtered()
        .select('m.conferenceId', 'conferenceId')
        .addSelect('m.status', 'status')
        .addSelect('count(*)::int', 'count')
        .andWhere('m.conferenceId IS NOT NULL')
        .groupBy('m.conferenceId')
        .addGroupBy('m.status')
        .orderBy('m.conferenceId')
        .getRawMany<{ conferenceId: string; status: OutboxStatus; count: number }>();
      const byConference = new Map<string, typeof rows>();
      for (const row of rows) {
        const list = byConference.get(row.conferenceId);
        if (list) list.push(row);
        else byConference.set(row.conferenceId, [row]);
      }
      summary.conferences = [...byConference].map(([conferenceId, list]) => ({ conferenceId, ...tally(list) }));
    }
    return summary;
  }

  /** A failed, cancelled or skipped message goes back to the queue with a fresh series of attempts. */
  async retry(actor: Actor, id: string, scope: OutboxScope): Promise<OutboxMessage> {
    return this.transition(
      actor,
      id,
      scope,
      { action: 'outbox.retry', verb: 'retried', from: RETRYABLE, code: 'OUTBOX_MESSAGE_NOT_RETRYABLE' },
      (now) => ({
        status: 'queued',
        attempts: 0,
        nextAttemptAt: now,
        statusReason: null,
        claimedBy: null,
      }),
    );
  }

  async cancel(actor: Actor, id: string, scope: OutboxScope): Promise<OutboxMessage> {
    return this.transition(
      actor,
      id,
      scope,
      { action: 'outbox.cancel', verb: 'cancelled', from: CANCELLABLE, code: 'OUTBOX_MESSAGE_NOT_CANCELLABLE' },
      () => ({
        status: 'cancelled',
        statusReason: `cancelled by ${actor.label}`,
      }),
    );
  }

  /** Queues a `plain` test message to any address, to check the SMTP settings end to end. */
  async sendTestMessage(actor: Actor, dto: TestMessageDto): Promise<OutboxMessage> {
    const id = await this.dataSource.transaction(async (manager) => {
      const content = testMessageContent(dto.language ?? 'vi', {
        requestedBy: actor.label,
        at: this.clock.now(),
        publicUrl: this.config.publicUrl,
      });
      const { ids } = await this.outbox.enqueue(manager, [
        {
          dedupeKey: `test:${randomUUID()}`,
          kind: PLAIN_KIND,
          recipientEmail: dto.to,
          recipientName: dto.name ?? '',
          payload: content,
        },
      ]);
      await this.audit.record(manager, actor, {
        action: 'outbox.test-message',
        entityType: 'outbox_message',
        entityId: ids[0],
        after: { to: dto.to },
      });
      return ids[0];
    });
    this.dispatcher.nudge();
    return this.get(id, ALL_CONFERENCES);
  }

  private async transition(
    actor: Actor,
    id: string,
    scope: OutboxScope,
    rule: { action: string; verb: string; from: OutboxStatus[]; code: string },
    change: (
      now: Date,
    ) => Partial<Pick<OutboxMessage, 'status' | 'attempts' | 'nextAttemptAt' | 'statusReason' | 'claimedBy'>>,
  ): Promise<OutboxMessage> {
    return this.dataSource.transaction(async (manager) => {
      const message = await this.scoped(manager, scope)
        .andWhere('m.id = :id', { id })
        .setLock('pessimistic_write')
        .getOne();
      if (!message) throw notFound('outbox message', id);
      if (!rule.from.includes(message.status)) {
        throw conflict(
          rule.code,
          `The message is ${message.status}; only a message that is ${anyOf(rule.from)} can be ${rule.verb}.`,
          {
            status: message.status,
          },
        );
      }
      const now = dueTime(this.clock) ?? (await this.databaseNow(manager));
      const fields = { ...change(now), updatedAt: now };
      await manager.update(OutboxMessage, { id }, fields);
      const after = Object.assign(new OutboxMessage(), message, fields);
      await this.audit.record(manager, actor, {
        action: rule.action,
        entityType: 'outbox_message',
        entityId: id,
        conferenceId: message.conferenceId,
        before: { status: message.status, attempts: message.attempts },
        after: { status: after.status, attempts: after.attempts },
      });
      return after;
    });
  }

  private scoped(manager: EntityManager, scope: OutboxScope): SelectQueryBuilder<OutboxMessage> {
    const qb = manager.getRepository(OutboxMessage).createQueryBuilder('m');
    if (scope.conferenceIds) qb.andWhere('m.conferenceId = ANY(:scope)', { scope: scope.conferenceIds });
    return qb;
  }

  private async databaseNow(manager: EntityManager): Promise<Date> {
    const [{ now }] = await manager.query(`SELECT now() AS now`);
    return new Date(now);
  }
}

/** "a or b", "a, b or c". */
const anyOf = (words: string[]) =>
  words.length > 1 ? `${words.slice(0, -1).join(', ')} or ${words[words.length - 1]}` : words.join('');

function tally(rows: { status: OutboxStatus; count: number }[]): { total: number; byStatus: StatusCounts } {
  const byStatus = Object.fromEntries(OUTBOX_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const row of rows) byStatus[row.status] = Number(row.count);
  return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus };
}
