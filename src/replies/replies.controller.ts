import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '../identity/identity.decorators';
import { Page, pageOf } from '../common/pagination';
import { CalendarRepliesQuery, CalendarReplyResponse, RecordedOutcome, toCalendarReplyResponse } from './replies.dto';
import { CalendarReplyLog } from './calendar-reply-log';

@ApiTags('calendar replies')
@ApiBearerAuth()
@Controller('calendar-replies')
export class RepliesController {
  constructor(private readonly log: CalendarReplyLog) {}

  @Get()
  @Roles('admin')
  @ApiOperation({
    summary:
      'Answers mailed by calendar apps (METHOD:REPLY), newest first, with what became of each and the counts per outcome (admins).',
  })
  async list(
    @Query() query: CalendarRepliesQuery,
  ): Promise<Page<CalendarReplyResponse> & { counts: Record<RecordedOutcome, number> }> {
    const { items, total, counts } = await this.log.list(query);
    return { ...pageOf(items, total, query, toCalendarReplyResponse), counts };
  }
}
