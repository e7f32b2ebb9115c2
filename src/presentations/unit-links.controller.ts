import { Controller, Delete, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { UuidParam } from '../common/uuid-param.pipe';
import { SpeakerLinkResponse } from './presentations.dto';
import { UnitLinks } from './unit-links.service';

const ConferenceId = new UuidParam('conference');
const UnitId = new UuidParam('unit');

@ApiTags('presentations')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/units/:unitId/speaker-link')
export class UnitLinksController {
  constructor(private readonly unitLinks: UnitLinks) {}

  @Post()
  @ApiOperation({
    summary:
      'A link for the unit’s contact opening all its presentations in this conference (the old one stops working); shown once.',
  })
  async rotate(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('unitId', UnitId) unitId: string,
  ): Promise<SpeakerLinkResponse> {
    return this.unitLinks.rotate(principal, actor, conferenceId, unitId);
  }

  @Delete()
  @HttpCode(204)
  async revoke(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('unitId', UnitId) unitId: string,
  ): Promise<void> {
    await this.unitLinks.revoke(principal, actor, conferenceId, unitId);
  }
}
