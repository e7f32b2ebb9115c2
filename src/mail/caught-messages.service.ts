import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { simpleParser } from 'mailparser';
import { DataSource, SelectQueryBuilder } from 'typeorm';
import type { UserPrincipal } from '../identity/principal';
import { PageQuery } from '../common/pagination';
import { notFound } from '../common/problem';
import { CaughtMessage } from './caught-message.entity';
import { calendarPartOf } from './mime';

export interface CaughtMessageFilter extends PageQuery {
  to?: string;
  subject?: string;
}

/**
 * Mail carries secret answer links, so the catcher is not everyone's inbox: administrators read
 * everything; anyone else reads the messages queued for a conference they own or organise, and
 * those addressed to themselves.
 */
const VISIBLE = `(
  trim(both '<>' from m.message_id) IN (
    SELECT trim(both '<>' from o.message_id) FROM outbox_message o
    JOIN conference_member cm ON cm.conference_id = o.conference_id AND cm.user_id = :viewerId AND cm.role IN ('owner', 'organizer')
    WHERE o.message_id IS NOT NULL)
  OR :viewerEmail = ANY(m.envelope_to))`;

/** Reads what the mail catcher kept. */
@Injectable()
export class CaughtMessagesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(viewer: UserPrincipal, filter: CaughtMessageFilter): Promise<[CaughtMessage[], number]> {
    const qb = this.visible(viewer);
    if (filter.to) qb.andWhere(':to = ANY(m.envelopeTo)', { to: filter.to.toLowerCase() });
    if (filter.subject) qb.andWhere(`m.subject ILIKE '%' || :subject || '%'`, { subject: filter.subject });
    return qb
      .orderBy('m.receivedAt', 'DESC')
      .addOrderBy('m.id')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
  }

  /** One message the viewer may read; 404 for the others, as for one that does not exist. */
  async get(viewer: UserPrincipal, id: string): Promise<CaughtMessage> {
    const message = await this.visible(viewer).andWhere('m.id = :id', { id }).getOne();
    if (!message) throw notFound('caught message', id);
    return message;
  }

  async raw(viewer: UserPrincipal, id: string): Promise<Buffer> {
    await this.get(viewer, id);
    const rows: { raw: Buffer }[] = await this.dataSource.query('SELECT raw FROM caught_message WHERE id = $1', [id]);
    return rows[0].raw;
  }

  async parsed(viewer: UserPrincipal, id: string) {
    return simpleParser(await this.raw(viewer, id), { skipImageLinks: true });
  }

  async calendar(viewer: UserPrincipal, id: string): Promise<Buffer> {
    const part = calendarPartOf(await this.parsed(viewer, id));
    if (!part) throw notFound('calendar part of message', id);
    return part.content;
  }

  private visible(viewer: UserPrincipal): SelectQueryBuilder<CaughtMessage> {
    const qb = this.dataSource.getRepository(CaughtMessage).createQueryBuilder('m');
    if (viewer.role !== 'admin')
      qb.andWhere(VISIBLE, { viewerId: viewer.userId, viewerEmail: viewer.email.toLowerCase() });
    return qb;
  }
}
