import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { AuditEntryResponse, toAuditEntryResponse } from '../audit/audit.controller';
import { AuditService } from '../audit/audit.service';
import { CurrentPrincipal } from '../identity/identity.decorators';
import type { Principal } from '../identity/principal';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { ConferenceAccess } from './conference-access.service';

export class ConferenceAuditQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() entityId?: string;
}

/**
 * A conference's own part of the audit log, for the people who run it: its owners and organizers
 * (observers and links do not see who changed what; strangers get 404 as for the conference).
 */
@ApiTags('audit')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/audit')
export class ConferenceAuditController {
  constructor(
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
  ) {}

  @Get()
  @ApiOperation({
    summary: 'Every change to this conference and what hangs off it, newest first (owners, organizers, admins).',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', new UuidParam('conference')) conferenceId: string,
    @Query() query: ConferenceAuditQuery,
  ): Promise<Page<AuditEntryResponse>> {
    await this.access.assertCanManage(principal, conferenceId);
    const { items, total } = await this.audit.list({ ...query, conferenceId });
    return pageOf(items, total, query, toAuditEntryResponse);
  }
}
