import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import type { OutboxRenderer, RenderableMessage, RenderOutcome } from '../outbox/outbox-renderers';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { COORDINATOR_LINK } from './invitation-scope';
import { COORDINATOR_MAIL } from './invitation.messages';

export const COORDINATOR_KIND = 'site-coordinator';

/** Where a coordinator's link works (as a bearer token): the invitations API of the conference. */
export const coordinatorApiUrl = (publicUrl: string, conferenceId: string) =>
  `${publicUrl}/conferences/${conferenceId}/invitations`;

/**
 * The console's coordinator page. The secret rides in the fragment, which browsers send neither
 * to the server nor in a Referer, so it reaches no log; the page uses it as a bearer token.
 */
export const coordinatorPageUrl = (publicUrl: string, conferenceId: string, token: string) =>
  `${publicUrl}/app/site/${conferenceId}#k=${token}`;

/**
 * The mail that hands a site's coordinator their link. The link is minted when the mail is sent,
 * so the secret is stored nowhere but in the message; a revoked site gets no mail.
 */
@Injectable()
export class CoordinatorMailRenderer implements OutboxRenderer {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly links: SecretLinksService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async render(messages: RenderableMessage[]): Promise<RenderOutcome[]> {
    const outcomes: RenderOutcome[] = [];
    for (const message of messages) {
      const { siteId, conferenceId } = message.payload as { siteId: string; conferenceId: string };
      const [row] = await this.dataSource.query(
        `SELECT bp.name, c.title, c.status, p.language,
                EXISTS (SELECT 1 FROM secret_link l WHERE l.purpose = $3 AND l.subject_id = bp.id AND l.revoked_at IS NULL) AS live
           FROM bridge_point bp JOIN conference c ON c.id = bp.conference_id LEFT JOIN person p ON p.id = bp.coordinator_person_id
          WHERE bp.id = $1 AND c.id = $2`,
        [siteId, conferenceId, COORDINATOR_LINK],
      );
      if (!row || !row.live || row.status === 'cancelled') {
        outcomes.push({ skip: 'the site or its coordinator link is gone' });
        continue;
      }
      const { token } = await this.dataSource.transaction((manager) =>
        this.links.issue(manager, { purpose: COORDINATOR_LINK, subjectId: siteId, conferenceId }),
      );
      const t = COORDINATOR_MAIL[row.language === 'en' ? 'en' : 'vi'];
      const page = coordinatorPageUrl(this.config.publicUrl, conferenceId, token);
      const api = coordinatorApiUrl(this.config.publicUrl, conferenceId);
      outcomes.push({ mail: { subject: t.subject(row.title), text: t.text(row.name, row.title, page, api) } });
    }
    return outcomes;
  }
}
