import { Inject, Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { isoInZone } from '../common/zoned-time';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { SpeakerLinkResponse } from './presentations.dto';

export const SPEAKER_LINK = 'speaker';
/** A speaker unit contact's link: subject = the unit, scoped to one conference (all its assignments there). */
export const SPEAKER_UNIT_LINK = 'speaker-unit';
/** How long a speaker link outlives its event: papers are often sent on after the conference. */
const GRACE = `interval '30 days'`;

/**
 * The speaker's secret link (purpose `speaker`, subject = the presentation): shown once to the
 * organizer, rotatable and revocable, and valid until 30 days after the conference (or cluster)
 * ends — a date that follows the schedule as it moves. Before any date is known, until 30 days
 * after the tentative window; with neither, no expiry.
 */
@Injectable()
export class SpeakerLinks {
  constructor(
    private readonly links: SecretLinksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Revokes the live link (if any) and issues a new one; the token is in the answer only. */
  async issue(
    manager: EntityManager,
    presentation: { id: string; conferenceId: string },
    createdBy: string | null,
    zone: string,
  ): Promise<SpeakerLinkResponse> {
    const { link, token } = await this.links.rotate(manager, SPEAKER_LINK, presentation.id, {
      conferenceId: presentation.conferenceId,
      createdBy,
    });
    await this.refreshExpiry(manager, { presentationId: presentation.id });
    const [row]: { expires_at: Date | null }[] = await manager.query(
      `SELECT expires_at FROM secret_link WHERE id = $1`,
      [link.id],
    );
    return { url: this.pageUrl(token), token, expiresAt: row.expires_at ? isoInZone(row.expires_at, zone) : null };
  }

  async revoke(manager: EntityManager, presentationId: string): Promise<void> {
    await this.links.revokeAllFor(manager, SPEAKER_LINK, presentationId);
  }

  pageUrl(token: string): string {
    return `${this.config.publicUrl}/speaker/${token}`;
  }

  /** Sets the expiry of live speaker links from the current schedule, in one statement. */
  async refreshExpiry(
    manager: EntityManager,
    scope: { conferenceId: string } | { presentationId: string },
  ): Promise<void> {
    const [column, id] =
      'conferenceId' in scope ? ['p.conference_id', scope.conferenceId] : ['p.id', scope.presentationId];
    await manager.query(
      `UPDATE secret_link l SET expires_at = e.until
         FROM (SELECT p.id,
                      COALESCE(k.ends_at, CASE WHEN c.status <> 'postponed' THEN c.ends_at END,
                               ((c.window_to + 1)::timestamp AT TIME ZONE c.time_zone)) + ${GRACE} AS until
                 FROM presentation p
                 JOIN conference c ON c.id = p.conference_id
                 LEFT JOIN cluster k ON k.id = p.cluster_id
                WHERE ${column} = $1) e
        WHERE l.purpose = '${SPEAKER_LINK}' AND l.subject_id = e.id AND l.revoked_at IS NULL`,
      [id],
    );
  }
}
