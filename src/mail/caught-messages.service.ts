import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { simpleParser } from 'mailparser';
import { DataSource } from 'typeorm';
import { PageQuery } from '../common/pagination';
import { notFound } from '../common/problem';
import { CaughtMessage } from './caught-message.entity';
import { calendarPartOf } from './mime';

export interface CaughtMessageFilter extends PageQuery {
  to?: string;
  subject?: string;
}

/** Reads what the mail catcher kept. */
@Injectable()
export class CaughtMessagesService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(filter: CaughtMessageFilter): Promise<[CaughtMessage[], number]> {
    const qb = this.dataSource.getRepository(CaughtMessage).createQueryBuilder('m');
    if (filter.to) qb.andWhere(':to = ANY(m.envelopeTo)', { to: filter.to.toLowerCase() });
    if (filter.subject) qb.andWhere(`m.subject ILIKE '%' || :subject || '%'`, { subject: filter.subject });
    return qb.orderBy('m.receivedAt', 'DESC').addOrderBy('m.id').take(filter.limit).skip(filter.offset).getManyAndCount();
  }

  async get(id: string): Promise<CaughtMessage> {
    const message = await this.dataSource.getRepository(CaughtMessage).findOneBy({ id });
    if (!message) throw notFound('caught message', id);
    return message;
  }

  async raw(id: string): Promise<Buffer> {
    const rows: { raw: Buffer }[] = await this.dataSource.query('SELECT raw FROM caught_message WHERE id = $1', [id]);
    if (rows.length === 0) throw notFound('caught message', id);
    return rows[0].raw;
  }

  async parsed(id: string) {
    return simpleParser(await this.raw(id), { skipImageLinks: true });
  }

  async calendar(id: string): Promise<Buffer> {
    const part = calendarPartOf(await this.parsed(id));
    if (!part) throw notFound('calendar part of message', id);
    return part.content;
  }
}
