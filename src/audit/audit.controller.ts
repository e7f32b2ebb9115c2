import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { Roles } from '../identity/identity.decorators';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { AuditEntry } from './audit-entry.entity';
import { AuditService } from './audit.service';

export class AuditQueryDto extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) entityType?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() entityId?: string;
  @ApiPropertyOptional() @IsOptional() @IsUUID() conferenceId?: string;
}

export interface AuditEntryResponse {
  id: string;
  at: string;
  actor: { kind: string; id: string | null; label: string };
  action: string;
  entityType: string;
  entityId: string | null;
  conferenceId: string | null;
  before: unknown;
  after: unknown;
}

export const toAuditEntryResponse = (e: AuditEntry): AuditEntryResponse => ({
  id: String(e.id),
  at: e.at.toISOString(),
  actor: { kind: e.actorKind, id: e.actorId, label: e.actorLabel },
  action: e.action,
  entityType: e.entityType,
  entityId: e.entityId,
  conferenceId: e.conferenceId,
  before: e.before,
  after: e.after,
});

@ApiTags('audit')
@ApiBearerAuth()
@Controller('audit')
export class AuditController {
  constructor(private readonly audit: AuditService) {}

  @Get()
  @Roles('admin')
  @ApiOperation({ summary: 'The audit log of every change, newest first (admins).' })
  async list(@Query() query: AuditQueryDto): Promise<Page<AuditEntryResponse>> {
    const { items, total } = await this.audit.list(query);
    return pageOf(items, total, query, toAuditEntryResponse);
  }
}
