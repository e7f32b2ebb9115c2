import { Body, Controller, Get, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import {
  ReminderListQuery,
  ReminderSettingsDto,
  ReminderSettingsResponse,
  ReminderSlotResponse,
  toReminderSlotResponse,
} from './reminders.dto';
import { RemindersService } from './reminders.service';

const ConferenceId = new UuidParam('conference');

@ApiTags('reminders')
@ApiBearerAuth()
@Controller('conferences/:conferenceId')
export class RemindersController {
  constructor(private readonly reminders: RemindersService) {}

  @Get('reminder-settings')
  @ApiOperation({ summary: 'The offsets of the conference’s reminders (the defaults until set).' })
  async settings(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
  ): Promise<ReminderSettingsResponse> {
    return this.reminders.settings(principal, conferenceId);
  }

  @Put('reminder-settings')
  @ApiOperation({ summary: 'Replace the offsets (omitted fields take the defaults); reminders are replanned at once.' })
  async replace(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: ReminderSettingsDto,
  ): Promise<ReminderSettingsResponse> {
    return this.reminders.replaceSettings(principal, actor, conferenceId, dto);
  }

  @Get('reminders')
  @ApiOperation({
    summary:
      'Planned reminders of the conference, its points and its dues, with what became of each (sent, skipped and why).',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: ReminderListQuery,
  ): Promise<Page<ReminderSlotResponse>> {
    const { rows, total, zone } = await this.reminders.slots(principal, conferenceId, query);
    return { items: rows.map((r) => toReminderSlotResponse(r, zone)), total, limit: query.limit, offset: query.offset };
  }
}
