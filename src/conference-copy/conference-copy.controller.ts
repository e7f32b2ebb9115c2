import { Body, Controller, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { UuidParam } from '../common/uuid-param.pipe';
import { ConferenceResponse, toConferenceResponse } from '../conferences/conferences.dto';
import { CopyConferenceDto } from './conference-copy.dto';
import { ConferenceCopyService } from './conference-copy.service';

const ConferenceId = new UuidParam('conference');

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences')
export class ConferenceCopyController {
  constructor(private readonly copies: ConferenceCopyService) {}

  @Post(':id/copy')
  @ApiOperation({
    summary:
      'Copy a conference to a new draft with a new window (points, clusters, composition, agenda template, presentations, letter); the caller owns the copy.',
  })
  async copy(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Body() dto: CopyConferenceDto,
  ): Promise<ConferenceResponse> {
    // A new copy is nobody's main event yet: no rounds, as the create answer says.
    return { ...toConferenceResponse(await this.copies.copy(principal, actor, id, dto)), rounds: [] };
  }
}
