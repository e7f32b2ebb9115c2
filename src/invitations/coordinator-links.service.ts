import { HttpStatus, Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { APP_CONFIG, AppConfig } from '../../config/app-config';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { ProblemException } from '../common/problem';
import { queryRows } from '../common/sql';
import { OutboxService } from '../outbox/outbox.service';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { COORDINATOR_KIND, coordinatorApiUrl, coordinatorPageUrl } from './coordinator-mail.renderer';
import { COORDINATOR_LINK, InvitationScopes } from './invitation-scope';
import { CoordinatorLinkDto, CoordinatorLinkResponse } from './invitations.dto';
import { lockConference } from './invitations.service';

/**
 * Coordinator links: a secret link scoped to one site and the points nested under it. The
 * organizer issues them for any site; a coordinator for the points below their own (a province
 * delegating to its communes). The token is in the answer once; the mail to the site's
 * coordinator carries a link of its own, minted when it is sent.
 */
@Injectable()
export class CoordinatorLinks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: InvitationScopes,
    private readonly links: SecretLinksService,
    private readonly outbox: OutboxService,
    private readonly audit: AuditService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async issue(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    dto: CoordinatorLinkDto,
  ): Promise<CoordinatorLinkResponse> {
    return this.dataSource.transaction(async (manager) => {
      const scope = await this.scopes.forChange(manager, principal, conferenceId);
      await lockConference(manager, conferenceId);
      const site = await this.scopes.site(manager, scope, conferenceId, dto.siteId);
      if (scope.kind === 'coordinator' && scope.rootSiteIds.includes(site.id)) {
        throw new ProblemException(
          HttpStatus.FORBIDDEN,
          'FORBIDDEN',
          'A coordinator invites the coordinators of the points below their own site, not of their own.',
        );
      }
      if (dto.rotate) await this.links.revokeAllFor(manager, COORDINATOR_LINK, site.id);
      const { link, token } = await this.links.issue(manager, {
        purpose: COORDINATOR_LINK,
        subjectId: site.id,
        conferenceId,
        createdBy: principal.kind === 'user' ? principal.userId : null,
      });
      const mailedTo = dto.mail === false ? null : await this.mail(manager, conferenceId, site.id, link.id);
      await this.audit.record(manager, actor, {
        action: 'invitation.coordinator_link',
        entityType: site.kind,
        entityId: site.id,
        conferenceId,
        after: { linkId: link.id, mailedTo, rotated: dto.rotate === true },
      });
      return {
        siteId: site.id,
        url: coordinatorApiUrl(this.config.publicUrl, conferenceId),
        pageUrl: coordinatorPageUrl(this.config.publicUrl, conferenceId, token),
        token,
        mailedTo,
      };
    });
  }

  /** Organizers only: every link of the site stops working at once. */
  async revoke(principal: Principal, actor: Actor, conferenceId: string, siteId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.scopes.forOrganizer(manager, principal, conferenceId, true);
      const site = await this.scopes.site(manager, { kind: 'organizer' }, conferenceId, siteId);
      await this.links.revokeAllFor(manager, COORDINATOR_LINK, site.id);
      await this.audit.record(manager, actor, {
        action: 'invitation.coordinator_link_revoke',
        entityType: site.kind,
        entityId: site.id,
        conferenceId,
      });
    });
  }

  private async mail(
    manager: EntityManager,
    conferenceId: string,
    siteId: string,
    linkId: string,
  ): Promise<string | null> {
    const [coordinator] = await queryRows<{ email: string | null; full_name: string }>(
      manager,
      `SELECT p.email, p.full_name FROM bridge_point bp JOIN person p ON p.id = bp.coordinator_person_id WHERE bp.id = $1`,
      [siteId],
    );
    if (!coordinator?.email) return null;
    await this.outbox.enqueue(manager, [
      {
        dedupeKey: `${COORDINATOR_KIND}:${siteId}:${linkId}`,
        kind: COORDINATOR_KIND,
        recipientEmail: coordinator.email,
        recipientName: coordinator.full_name,
        conferenceId,
        payload: { siteId, conferenceId },
      },
    ]);
    return coordinator.email;
  }
}
