import { Controller, Get, Param, Query, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, MaxLength } from 'class-validator';
import type { Response } from 'express';
import { CurrentUser } from '../identity/identity.decorators';
import type { UserPrincipal } from '../identity/principal';
import { Page, PageQuery, pageOf } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { CaughtMessage } from './caught-message.entity';
import { CaughtMessagesService } from './caught-messages.service';

export class CaughtMessageQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsEmail({ require_tld: false }) to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) subject?: string;
}

export interface CaughtMessageResponse {
  id: string;
  receivedAt: string;
  from: string;
  to: string[];
  subject: string;
  messageId: string | null;
  calendarMethod: string | null;
  size: number;
}

const toResponse = (m: CaughtMessage): CaughtMessageResponse => ({
  id: m.id,
  receivedAt: m.receivedAt.toISOString(),
  from: m.envelopeFrom,
  to: m.envelopeTo,
  subject: m.subject,
  messageId: m.messageId,
  calendarMethod: m.calendarMethod,
  size: m.size,
});

const byId = new UuidParam('caught message');

/** What the built-in mail catcher received (only when SMTP_URL is unset). */
@ApiTags('outbox')
@ApiBearerAuth()
@Controller('outbox/messages')
export class CaughtMessagesController {
  constructor(private readonly messages: CaughtMessagesService) {}

  @Get()
  @ApiOperation({
    summary:
      'Messages the mail catcher received, newest first: all of them for admins; for others, those of conferences they own or organise and those sent to them.',
  })
  async list(
    @CurrentUser() viewer: UserPrincipal,
    @Query() query: CaughtMessageQuery,
  ): Promise<Page<CaughtMessageResponse>> {
    const [items, total] = await this.messages.list(viewer, query);
    return pageOf(items, total, query, toResponse);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One caught message, parsed: text, HTML and the list of parts.' })
  async get(@CurrentUser() viewer: UserPrincipal, @Param('id', byId) id: string) {
    const [message, parsed] = await Promise.all([this.messages.get(viewer, id), this.messages.parsed(viewer, id)]);
    return {
      ...toResponse(message),
      text: parsed.text ?? null,
      html: parsed.html || null,
      attachments: parsed.attachments.map((a) => ({
        filename: a.filename ?? null,
        contentType: a.contentType,
        size: a.size,
      })),
    };
  }

  @Get(':id/eml')
  @ApiOperation({ summary: 'The message as received (.eml).' })
  async eml(
    @CurrentUser() viewer: UserPrincipal,
    @Param('id', byId) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const raw = await this.messages.raw(viewer, id);
    res.setHeader('Content-Disposition', `attachment; filename="${id}.eml"`);
    return new StreamableFile(raw, { type: 'message/rfc822' });
  }

  @Get(':id/calendar')
  @ApiOperation({ summary: 'The calendar part of the message (.ics).' })
  async calendar(
    @CurrentUser() viewer: UserPrincipal,
    @Param('id', byId) id: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const ics = await this.messages.calendar(viewer, id);
    res.setHeader('Content-Disposition', `attachment; filename="${id}.ics"`);
    return new StreamableFile(ics, { type: 'text/calendar; charset=utf-8' });
  }
}
