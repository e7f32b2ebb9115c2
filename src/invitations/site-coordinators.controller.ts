import { Body, Controller, Delete, Get, HttpCode, Param, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal, CurrentUser } from '../identity/identity.decorators';
import type { Actor, Principal, UserPrincipal } from '../identity/principal';
import { UuidParam } from '../common/uuid-param.pipe';
import { CoordinationResponse, SiteCoordinatorDto, SiteCoordinatorResponse } from './site-coordinators.dto';
import { SiteCoordinators } from './site-coordinators.service';
import { Page, PageQuery, pageOfAll } from '../common/pagination';

const ConferenceId = new UuidParam('conference');
const UserId = new UuidParam('user');

/** Accounts that coordinate sites of a conference (the other way is a coordinator link). */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller()
export class SiteCoordinatorsController {
  constructor(private readonly coordinators: SiteCoordinators) {}

  @Get('conferences/:conferenceId/site-coordinators')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: PageQuery,
  ): Promise<Page<SiteCoordinatorResponse>> {
    return pageOfAll(await this.coordinators.list(principal, conferenceId), query, (c) => c);
  }

  @Put('conferences/:conferenceId/site-coordinators/:userId')
  @ApiOperation({
    summary:
      'Make an organizer account the coordinator of these sites (replaces its previous set); it then invites for them as a coordinator link does.',
  })
  async put(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('userId', UserId) userId: string,
    @Body() dto: SiteCoordinatorDto,
  ): Promise<SiteCoordinatorResponse> {
    return this.coordinators.put(principal, actor, conferenceId, userId, dto);
  }

  @Delete('conferences/:conferenceId/site-coordinators/:userId')
  @HttpCode(204)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('userId', UserId) userId: string,
  ): Promise<void> {
    await this.coordinators.remove(principal, actor, conferenceId, userId);
  }

  @Get('coordination')
  @ApiOperation({ summary: 'The sites the caller coordinates, per conference.' })
  async mine(@CurrentUser() user: UserPrincipal, @Query() query: PageQuery): Promise<Page<CoordinationResponse>> {
    return pageOfAll(await this.coordinators.mine(user), query, (c) => c);
  }
}
