import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { notFound } from '../common/problem';
import { isoInZone } from '../common/zoned-time';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { SecretLinksService } from '../secret-links/secret-links.service';
import { SpeakerLinkResponse } from './presentations.dto';
import { SPEAKER_UNIT_LINK, SpeakerLinks } from './speaker-links.service';

/**
 * The speaker unit contact's link: one secret per (conference, unit) that opens every assignment
 * of that unit in that conference — those made later too — on the speaker page and the speaker
 * endpoints, and nothing else. Issued (rotating any earlier one) and revoked by the organizers;
 * it stops working 30 days after the conference ends (computed on use, following moves).
 */
@Injectable()
export class UnitLinks {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly links: SecretLinksService,
    private readonly audit: AuditService,
    private readonly speakerLinks: SpeakerLinks,
  ) {}

  async rotate(principal: Principal, actor: Actor, conferenceId: string, unitId: string): Promise<SpeakerLinkResponse> {
    return this.dataSource.transaction(async (manager) => {
      const conference = await this.access.lockForChange(manager, principal, conferenceId);
      await this.assertHasAssignments(manager, conferenceId, unitId);
      const { link, token } = await this.links.rotate(manager, SPEAKER_UNIT_LINK, unitId, {
        conferenceId,
        createdBy: actor.kind === 'user' ? actor.id : null,
      });
      const expiresAt = await this.links.expiryOf(manager, link);
      await this.audit.record(manager, actor, {
        action: 'presentation.unit_link.rotate',
        entityType: 'unit',
        entityId: unitId,
        conferenceId,
        after: { linkId: link.id },
      });
      return {
        url: this.speakerLinks.pageUrl(token),
        token,
        expiresAt: expiresAt ? isoInZone(expiresAt, conference.timeZone) : null,
      };
    });
  }

  async revoke(principal: Principal, actor: Actor, conferenceId: string, unitId: string): Promise<void> {
    await this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId, { allowFinished: true });
      // No assignment needed: a link whose assignments have all gone must still be revocable.
      const unit = await manager.query(`SELECT 1 FROM unit WHERE id = $1`, [unitId]);
      if (unit.length === 0) throw notFound('unit', unitId);
      await this.links.revokeAllFor(manager, SPEAKER_UNIT_LINK, unitId, conferenceId);
      await this.audit.record(manager, actor, {
        action: 'presentation.unit_link.revoke',
        entityType: 'unit',
        entityId: unitId,
        conferenceId,
      });
    });
  }

  /** A unit with nothing to present in this conference has no link to hold: 404. */
  private async assertHasAssignments(manager: EntityManager, conferenceId: string, unitId: string): Promise<void> {
    const rows = await manager.query(`SELECT 1 FROM presentation WHERE conference_id = $1 AND unit_id = $2 LIMIT 1`, [
      conferenceId,
      unitId,
    ]);
    if (rows.length === 0) throw notFound('unit with presentations in this conference', unitId);
  }
}
