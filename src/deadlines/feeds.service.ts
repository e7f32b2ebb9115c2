import { Inject, Injectable, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { createHash } from 'node:crypto';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { buildFeed } from '../calendar';
import { Clock } from '../common/clock';
import { notFound } from '../common/problem';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { conferenceFeedEntries } from './conference-feed-source';
import { DeadlinesService } from './deadlines.service';
import { FEED_TEXT } from './deadlines.messages';
import { deadlineEvents } from './feed-events';
import { FeedSources, FeedSubject } from './feed-sources';

export const FEED_PURPOSES = { person: 'feed_person', unit: 'feed_unit' } as const;
const FEED_LIMIT = 2000;

export interface FeedLinkResponse {
  subject: { kind: 'person' | 'unit'; id: string; name: string };
  /** The address to subscribe to; shown once. */
  url: string;
  token: string;
  createdAt: string;
}

export interface RenderedFeed {
  body: string;
  etag: string;
  lastModified: Date;
}

/**
 * Personal calendar feeds: one secret link per person or unit (`/feeds/<token>.ics`), made,
 * rotated and revoked by admins and by organizers of everything the feed shows; the feed itself is the subject's deadlines and
 * conferences from every registered source, built with `buildFeed`. Its DTSTAMP is the latest
 * change among its events, so the body (and its ETag) only change when something shown changes.
 */
@Injectable()
export class FeedsService implements OnModuleInit {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SecretLinksService,
    private readonly sources: FeedSources,
    private readonly deadlines: DeadlinesService,
    private readonly audit: AuditService,
    private readonly clock: Clock,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    this.sources.register('deadlines', (subject, manager) => this.deadlineEntries(subject, manager));
    this.sources.register('conferences', conferenceFeedEntries);
  }

  async issue(principal: Principal, actor: Actor, kind: 'person' | 'unit', id: string): Promise<FeedLinkResponse> {
    return this.dataSource.transaction(async (manager) => {
      const name = await this.nameOf(manager, kind, id, true);
      await this.assertManagesAll(manager, principal, kind, id);
      const { link, token } = await this.links.rotate(manager, FEED_PURPOSES[kind], id, {
        createdBy: actor.kind === 'user' ? actor.id : null,
      });
      await this.audit.record(manager, actor, { action: 'feed.issue', entityType: kind, entityId: id });
      return {
        subject: { kind, id, name },
        url: `${this.config.publicUrl}/feeds/${token}.ics`,
        token,
        createdAt: (link.createdAt ?? this.clock.now()).toISOString(),
      };
    });
  }

  async revoke(principal: Principal, actor: Actor, kind: 'person' | 'unit', id: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.nameOf(manager, kind, id, true);
      await this.assertManagesAll(manager, principal, kind, id);
      const live = await this.links.liveLinkOf(manager, FEED_PURPOSES[kind], id);
      if (!live) throw notFound('feed', id);
      await this.links.revokeAllFor(manager, FEED_PURPOSES[kind], id);
      await this.audit.record(manager, actor, { action: 'feed.revoke', entityType: kind, entityId: id });
    });
  }

  /** The feed behind a token; an unknown, revoked or expired token is a 404 like any unknown feed. */
  async render(token: string, language: 'vi' | 'en'): Promise<RenderedFeed> {
    const link = await this.links.resolve(token, Object.values(FEED_PURPOSES));
    if (!link) throw notFound('feed', 'token');
    const kind = link.purpose === FEED_PURPOSES.person ? 'person' : 'unit';
    const subject: FeedSubject = { kind, id: link.subjectId, language };
    return this.dataSource.transaction('REPEATABLE READ', async (manager) => {
      const name = await this.nameOf(manager, kind, subject.id, false);
      const entries = await this.sources.collect(subject, manager);
      const lastModified = new Date(
        Math.max(link.createdAt.getTime(), ...entries.map((e) => new Date(e.changedAt).getTime())),
      );
      // A CalendarInputError (bad data from a source) answers 422 naming the event's field.
      const body = buildFeed(
        entries.map((e) => e.event),
        { name: FEED_TEXT.name(name)[language], description: FEED_TEXT.description[language], now: lastModified },
      );
      return { body, etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 27)}"`, lastModified };
    });
  }

  /**
   * A feed shows every conference and plan its subject takes part in, whoever added them: only
   * admins and those who own or organize each of them may make or revoke it. Anyone else gets the
   * 404 an unknown person or unit gets, so the feed tells nobody where else its subject appears.
   */
  private async assertManagesAll(
    manager: EntityManager,
    principal: Principal,
    kind: 'person' | 'unit',
    id: string,
  ): Promise<void> {
    if (principal.kind === 'user' && principal.role === 'admin') return;
    if (principal.kind !== 'user') throw notFound(kind, id);
    const entries = await this.sources.collect({ kind, id, language: 'vi' }, manager);
    const conferenceIds = [
      ...new Set(entries.flatMap((e) => ('conferenceId' in e.owner ? [e.owner.conferenceId] : []))),
    ];
    const planIds = [...new Set(entries.flatMap((e) => ('planId' in e.owner ? [e.owner.planId] : [])))];
    if (conferenceIds.length === 0 && planIds.length === 0) return;
    const [{ outside }]: { outside: number }[] = await manager.query(
      `SELECT (SELECT count(*) FROM unnest($1::uuid[]) AS c(id)
                WHERE NOT EXISTS (SELECT 1 FROM conference_member m
                                   WHERE m.conference_id = c.id AND m.user_id = $3 AND m.role IN ('owner', 'organizer')))
            + (SELECT count(*) FROM plan pl
                WHERE pl.id = ANY($2::uuid[])
                  AND NOT EXISTS (SELECT 1 FROM plan_member pm
                                   WHERE pm.plan_id = pl.id AND pm.user_id = $3 AND pm.role IN ('owner', 'organizer'))
                  AND NOT EXISTS (SELECT 1 FROM conference_member cm
                                   WHERE cm.conference_id = pl.conference_id AND cm.user_id = $3
                                     AND cm.role IN ('owner', 'organizer')))::int AS outside`,
      [conferenceIds, planIds, principal.userId],
    );
    if (outside > 0) throw notFound(kind, id);
  }

  private async deadlineEntries(subject: FeedSubject, manager: EntityManager) {
    const filter = subject.kind === 'person' ? { personId: subject.id } : { unitId: subject.id };
    const rows = await this.deadlines.rows(manager, null, { ...filter, limit: FEED_LIMIT, offset: 0 });
    const now = this.clock.now();
    return rows.flatMap((row) => deadlineEvents(row, subject.language, now));
  }

  private async nameOf(
    manager: EntityManager,
    kind: 'person' | 'unit',
    id: string,
    forChange: boolean,
  ): Promise<string> {
    const [row]: { name: string }[] =
      kind === 'person'
        ? await manager.query(`SELECT full_name AS name FROM person WHERE id = $1 ${forChange ? 'AND active' : ''}`, [
            id,
          ])
        : await manager.query(`SELECT name FROM unit WHERE id = $1 ${forChange ? 'AND active' : ''}`, [id]);
    if (!row) throw notFound(kind, id);
    return row.name;
  }
}
