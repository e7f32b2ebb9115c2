import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/identity.decorators';
import type { Principal } from '../identity/principal';
import { Page } from '../common/pagination';
import { ConferenceSummaryQuery, ConferenceSummaryResponse } from './conference-summaries.dto';
import { ConferenceSummariesService } from './conference-summaries.service';

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conference-summaries')
export class ConferenceSummariesController {
  constructor(private readonly summaries: ConferenceSummariesService) {}

  @Get()
  @ApiOperation({
    summary: 'The conferences the caller may see, newest first, with their counts of points, invitees and answers.',
  })
  list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ConferenceSummaryQuery,
  ): Promise<Page<ConferenceSummaryResponse>> {
    return this.summaries.list(principal, query);
  }
}
