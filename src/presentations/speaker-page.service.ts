import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { LinkPrincipal } from '../identity/principal';
import { notFound } from '../common/problem';
import { UUID } from '../common/uuid-param.pipe';
import { Presentation } from './presentation.entity';
import { PresentationViews } from './presentation-views';
import { PresentationsService } from './presentations.service';
import { SPEAKER_UNIT_LINK } from './speaker-links.service';
import { PageLanguage, renderSpeakerPage, renderUnitPage } from './speaker-page.html';

/**
 * Which presentation a page request is about: a speaker link's own; for a unit's link, the one
 * named by `?p=` (null: the unit's list). The access rules are checked where it is read.
 */
export function presentationOf(principal: LinkPrincipal, p: unknown): string | null {
  if (principal.purpose !== SPEAKER_UNIT_LINK) return principal.subjectId;
  if (p === undefined || p === '') return null;
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- a query value: a string or an array of them
  if (typeof p !== 'string' || !UUID.test(p)) throw notFound('presentation', String(p));
  return p;
}
import { SubmissionsService } from './submissions.service';

/** Puts the speaker's page together from what the API answers the speaker's own link. */
@Injectable()
export class SpeakerPageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly presentations: PresentationsService,
    private readonly submissions: SubmissionsService,
    private readonly views: PresentationViews,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(
    principal: LinkPrincipal,
    token: string,
    language: PageLanguage,
    presentationId: string | null,
    uploadedVersion?: number,
  ): Promise<string> {
    if (presentationId === null) return this.renderUnit(principal, token, language);
    const presentation = await this.presentations.get(principal, presentationId);
    const submissions = await this.submissions.list(principal, presentationId);
    // A cluster's own time, else the conference's confirmed one (none while draft or postponed).
    const [conference]: { title: string; starts_at: Date | null; time_zone: string }[] = await this.dataSource.query(
      `SELECT c.title, c.time_zone,
              COALESCE(k.starts_at, CASE WHEN c.status NOT IN ('draft', 'postponed') THEN c.starts_at END) AS starts_at
         FROM presentation p JOIN conference c ON c.id = p.conference_id LEFT JOIN cluster k ON k.id = p.cluster_id
        WHERE p.id = $1`,
      [presentationId],
    );
    return renderSpeakerPage({
      unitPresentationId: principal.purpose === SPEAKER_UNIT_LINK ? presentationId : undefined,
      token,
      language,
      conference: {
        title: conference.title,
        startsAt: conference.starts_at,
        timeZone: conference.time_zone,
        clusterNumber: presentation.clusterNumber,
      },
      presentation,
      submissions,
      uploadedVersion,
      maxBytes: this.config.uploadMaxBytes,
    });
  }

  /** A unit's link without `?p=`: every assignment of the unit in the link's conference, oldest first. */
  private async renderUnit(principal: LinkPrincipal, token: string, language: PageLanguage): Promise<string> {
    const manager = this.dataSource.manager;
    const [head]: { title: string; time_zone: string; unit: string }[] = await manager.query(
      `SELECT c.title, c.time_zone, u.name AS unit FROM conference c, unit u WHERE c.id = $1 AND u.id = $2`,
      [principal.conferenceId, principal.subjectId],
    );
    if (!head) throw notFound('speaker link', '');
    const items = await manager.find(Presentation, {
      where: { conferenceId: principal.conferenceId!, unitId: principal.subjectId },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
    return renderUnitPage({
      token,
      language,
      conference: { title: head.title, timeZone: head.time_zone },
      unitName: head.unit,
      presentations: await this.views.responses(manager, items),
    });
  }

  /** The presentation a submission belongs to, for a file link (a unit's link names only the file). */
  async presentationOfFile(principal: LinkPrincipal, submissionId: string): Promise<string> {
    if (principal.purpose !== SPEAKER_UNIT_LINK) return principal.subjectId;
    const [row]: { presentation_id: string }[] = await this.dataSource.query(
      `SELECT presentation_id FROM presentation_submission WHERE id = $1`,
      [submissionId],
    );
    if (!row) throw notFound('submission', submissionId);
    return row.presentation_id;
  }
}
