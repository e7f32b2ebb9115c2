import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { Principal } from '../identity/principal';
import { queryRows } from '../common/sql';
import { isoInZone } from '../common/zoned-time';
import { csvLine, UTF8_BOM } from '../directory/csv-writer';
import { CascadeResponse, rollUp, CascadePointRow } from './invitation-cascade';
import { INVITATION_KIND } from './invitation.renderer';
import { ANSWER_LABELS, ANSWERED_EARLIER_LABEL, CSV_HEADERS, Language } from './invitation.messages';
import { COORDINATOR_LINK, InvitationScopes, SiteScope } from './invitation-scope';
import { ANSWERED_EARLIER, invitationRows } from './invitation-views';
import { answeredEarlier, ExportQuery, SiteCounts, SummaryResponse } from './invitations.dto';

/** What POST …/send would queue (invitation-fanout.ts: run 'initial', then requeueUndelivered). */
const TO_SEND = `(i.sent_sequence IS NULL AND p.email IS NOT NULL)
  OR (i.sent_sequence IS NOT NULL AND d.status IN ('failed', 'skipped') AND i.answer IS DISTINCT FROM 'delegated')`;

/**
 * The conference's invitation letters read once, in two aggregate scans of its outbox rows (the
 * ix_outbox_message_conference index) instead of a look-up per invitation: `latest` (the state of
 * each invitation's newest REQUEST, as LATEST_REQUEST_JOIN names it) and `delivered` (the relay
 * took one of its REQUESTs, as DELIVERED).
 */
const CONFERENCE_LETTERS = `letters AS (
    SELECT (m.payload->>'invitationId')::uuid AS invitation_id, m.status, (m.payload->>'sequence')::int AS sequence, m.created_at, m.id
      FROM outbox_message m
     WHERE m.conference_id = $1 AND m.kind = '${INVITATION_KIND}' AND m.payload->>'method' = 'REQUEST'),
  latest AS (
    SELECT DISTINCT ON (invitation_id) invitation_id,
           CASE WHEN status IN ('queued', 'sending', 'retrying') THEN 'queued' ELSE status END AS status
      FROM letters ORDER BY invitation_id, sequence DESC, created_at DESC, id DESC),
  delivered AS (SELECT DISTINCT invitation_id FROM letters WHERE status = 'sent')`;

const COUNTS = `count(i.id)::int AS invited,
  count(i.id) FILTER (WHERE s.invitation_id IS NOT NULL)::int AS sent,
  count(i.id) FILTER (WHERE d.status = 'queued')::int AS queued,
  count(i.id) FILTER (WHERE d.status = 'failed')::int AS failed,
  count(i.id) FILTER (WHERE d.status = 'skipped')::int AS skipped,
  count(i.id) FILTER (WHERE d.status = 'sent')::int AS "lastSent",
  count(i.id) FILTER (WHERE d.status = 'cancelled')::int AS cancelled,
  count(i.id) FILTER (WHERE i.id IS NOT NULL AND d.status IS NULL)::int AS "notQueued",
  count(i.id) FILTER (WHERE i.answer = 'accepted' AND NOT ${ANSWERED_EARLIER})::int AS accepted,
  count(i.id) FILTER (WHERE i.answer = 'declined' AND NOT ${ANSWERED_EARLIER})::int AS declined,
  count(i.id) FILTER (WHERE i.answer = 'tentative' AND NOT ${ANSWERED_EARLIER})::int AS tentative,
  count(i.id) FILTER (WHERE i.answer = 'delegated')::int AS substituted,
  count(i.id) FILTER (WHERE i.id IS NOT NULL AND i.answer IS NULL)::int AS "noAnswer",
  count(i.id) FILTER (WHERE ${ANSWERED_EARLIER})::int AS "answeredEarlierVersion",
  count(i.id) FILTER (WHERE ${TO_SEND})::int AS "toSend",
  count(i.id) FILTER (WHERE i.sent_sequence IS NULL AND p.email IS NULL)::int AS "withoutEmail"`;

const COUNT_FIELDS = [
  'invited',
  'sent',
  'queued',
  'failed',
  'skipped',
  'lastSent',
  'cancelled',
  'notQueued',
  'accepted',
  'declined',
  'tentative',
  'substituted',
  'noAnswer',
  'answeredEarlierVersion',
  'toSend',
  'withoutEmail',
] as const;

/**
 * What the organizer and each coordinator see of the answers: counts per site (every site in
 * scope, empty ones included), the CSV list, and — the organizer only — the coordinator cascade.
 */
@Injectable()
export class InvitationReports {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: InvitationScopes,
  ) {}

  async summary(principal: Principal, conferenceId: string): Promise<SummaryResponse> {
    const manager = this.dataSource.manager;
    const scope = await this.scopes.forRead(manager, principal, conferenceId);
    const sites = await queryRows<SiteCounts>(
      manager,
      `WITH ${CONFERENCE_LETTERS}, counts AS (
         SELECT coalesce(i.bridge_point_id, i.cluster_id) AS site_id, ${COUNTS}
           FROM invitation i
           JOIN person p ON p.id = i.person_id
           LEFT JOIN latest d ON d.invitation_id = i.id
           LEFT JOIN delivered s ON s.invitation_id = i.id
          WHERE i.conference_id = $1 AND i.withdrawn_at IS NULL
          GROUP BY 1)
       SELECT s.id AS "siteId", s.kind AS "siteKind", s.name, s.parent_id AS "parentId", s.depth,
              ${COUNT_FIELDS.map((f) => `coalesce(c."${f}", 0) AS "${f}"`).join(', ')}
         FROM (SELECT id, 'bridge_point' AS kind, name, parent_id, depth, 0 AS ord FROM bridge_point WHERE conference_id = $1
               UNION ALL SELECT id, 'cluster', coalesce(name, 'Cụm ' || number), NULL, 0, number FROM cluster WHERE conference_id = $1) s
         LEFT JOIN counts c ON c.site_id = s.id
        WHERE ($2::uuid[] IS NULL OR s.id = ANY($2::uuid[]))
        ORDER BY s.kind, s.depth, s.ord, s.name`,
      [conferenceId, scope.kind === 'coordinator' ? scope.siteIds : null],
    );
    const totals = Object.fromEntries(
      COUNT_FIELDS.map((f) => [f, sites.reduce((sum, s) => sum + s[f], 0)]),
    ) as SummaryResponse['totals'];
    return { totals, sites };
  }

  /** The invitations in scope as CSV: UTF-8 with BOM, CRLF, formula-like cells neutralised. */
  async csv(principal: Principal, conferenceId: string, query: ExportQuery): Promise<string> {
    const manager = this.dataSource.manager;
    const scope: SiteScope = await this.scopes.forRead(manager, principal, conferenceId);
    const [rows] = await invitationRows(manager, conferenceId, scope);
    const language: Language = query.lang ?? 'vi';
    const delimiter = query.delimiter === 'semicolon' ? ';' : ',';
    const lines = [csvLine(CSV_HEADERS[language], delimiter)];
    for (const r of rows) {
      lines.push(
        csvLine(
          [
            r.siteName,
            r.fullName,
            r.position,
            r.email,
            r.delivered ? 'x' : '',
            ANSWER_LABELS[language][r.answer ?? 'none'] +
              (answeredEarlier(r) ? ` ${ANSWERED_EARLIER_LABEL[language]}` : ''),
            r.answeredAt ? isoInZone(r.answeredAt, r.timeZone) : '',
            r.substituteForName,
            r.source,
            r.answerNote,
          ],
          delimiter,
        ),
      );
    }
    return UTF8_BOM + lines.join('');
  }

  /** Per bridge point: coordinator invited, link opened, people invited and answered; rolled up per subtree and per level. */
  async cascade(principal: Principal, conferenceId: string): Promise<CascadeResponse> {
    const manager = this.dataSource.manager;
    await this.scopes.forOrganizer(manager, principal, conferenceId, false);
    const points = await queryRows<CascadePointRow>(
      manager,
      `SELECT bp.id, bp.name, bp.parent_id AS "parentId", bp.depth, bp.coordinator_person_id AS "coordinatorPersonId",
              EXISTS (SELECT 1 FROM secret_link l WHERE l.purpose = $2 AND l.subject_id = bp.id) AS "coordinatorInvited",
              EXISTS (SELECT 1 FROM secret_link l WHERE l.purpose = $2 AND l.subject_id = bp.id AND l.first_used_at IS NOT NULL) AS "coordinatorOpened",
              count(i.id)::int AS invited, count(i.id) FILTER (WHERE i.answer IS NOT NULL)::int AS answered
         FROM bridge_point bp
         LEFT JOIN invitation i ON i.bridge_point_id = bp.id AND i.withdrawn_at IS NULL
        WHERE bp.conference_id = $1
        GROUP BY bp.id
        ORDER BY bp.depth, bp.name, bp.id`,
      [conferenceId, COORDINATOR_LINK],
    );
    return rollUp(points);
  }
}
