import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { singleLine } from '../common/text';
import { InvitationLetter } from './invitation-letter.entity';
import { InvitationScopes } from './invitation-scope';
import { LetterDto, LetterResponse, toLetterResponse } from './invitations.dto';
import { lockConference } from './invitations.service';

const clean = (value: string | null | undefined) =>
  value === undefined ? undefined : value === null ? null : singleLine(value) || null;

/** The letter's own fields (issuing unit, number, composition, contact); organizers only. */
@Injectable()
export class InvitationLetters {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly scopes: InvitationScopes,
    private readonly audit: AuditService,
  ) {}

  async get(principal: Principal, conferenceId: string): Promise<LetterResponse> {
    await this.scopes.forOrganizer(this.dataSource.manager, principal, conferenceId, false);
    return toLetterResponse(
      conferenceId,
      await this.dataSource.getRepository(InvitationLetter).findOneBy({ conferenceId }),
    );
  }

  /** Fields left out keep their value; null clears. Takes effect in every message sent from now on. */
  async put(principal: Principal, actor: Actor, conferenceId: string, dto: LetterDto): Promise<LetterResponse> {
    return this.dataSource.transaction(async (manager) => {
      await this.scopes.forOrganizer(manager, principal, conferenceId, true);
      await lockConference(manager, conferenceId);
      const existing = await manager.findOneBy(InvitationLetter, { conferenceId });
      const letter = existing ?? manager.create(InvitationLetter, { conferenceId });
      const before = toLetterResponse(conferenceId, existing);
      if (dto.issuingUnitId !== undefined) letter.issuingUnitId = dto.issuingUnitId;
      for (const field of ['reference', 'composition', 'contactName', 'contactPhone'] as const) {
        const value = clean(dto[field]);
        if (value !== undefined) letter[field] = value;
      }
      await manager.save(letter);
      const after = toLetterResponse(conferenceId, letter);
      await this.audit.record(manager, actor, {
        action: 'invitation.letter',
        entityType: 'conference',
        entityId: conferenceId,
        conferenceId,
        before,
        after,
      });
      return after;
    });
  }
}
