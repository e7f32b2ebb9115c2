import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { LinkPrincipal } from '../auth/principal';
import { PresentationsService } from './presentations.service';
import { PageLanguage, renderSpeakerPage } from './speaker-page.html';
import { SubmissionsService } from './submissions.service';

/** Puts the speaker's page together from what the API answers the speaker's own link. */
@Injectable()
export class SpeakerPageService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly presentations: PresentationsService,
    private readonly submissions: SubmissionsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(principal: LinkPrincipal, token: string, language: PageLanguage, uploadedVersion?: number): Promise<string> {
    const presentation = await this.presentations.get(principal, principal.subjectId);
    const submissions = await this.submissions.list(principal, principal.subjectId);
    // A cluster's own time, else the conference's confirmed one (none while draft or postponed).
    const [conference]: { title: string; starts_at: Date | null; time_zone: string }[] = await this.dataSource.query(
      `SELECT c.title, c.time_zone,
              COALESCE(k.starts_at, CASE WHEN c.status NOT IN ('draft', 'postponed') THEN c.starts_at END) AS starts_at
         FROM presentation p JOIN conference c ON c.id = p.conference_id LEFT JOIN cluster k ON k.id = p.cluster_id
        WHERE p.id = $1`,
      [principal.subjectId],
    );
    return renderSpeakerPage({
      token,
      language,
      conference: { title: conference.title, startsAt: conference.starts_at, timeZone: conference.time_zone, clusterNumber: presentation.clusterNumber },
      presentation,
      submissions,
      uploadedVersion,
      maxBytes: this.config.uploadMaxBytes,
    });
  }
}
