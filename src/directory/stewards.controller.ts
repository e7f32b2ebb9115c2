import { Controller, Delete, Get, HttpCode, Param, Put } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, Roles } from '../identity/identity.decorators';
import type { Actor } from '../identity/principal';
import { UuidParam } from '../common/uuid-param.pipe';
import { StewardRecord, StewardsService } from './stewards.service';

export interface StewardResponse {
  unitId: string;
  userId: string;
  email: string;
  displayName: string;
  grantedAt: string;
}

const toStewardResponse = (s: StewardRecord): StewardResponse => ({
  unitId: s.unitId,
  userId: s.userId,
  email: s.email,
  displayName: s.displayName,
  grantedAt: s.grantedAt.toISOString(),
});

/** Administrators decide who looks after which part of the directory. */
@ApiTags('directory')
@ApiBearerAuth()
@Roles('admin')
@Controller('units/:id/stewards')
export class StewardsController {
  constructor(private readonly stewards: StewardsService) {}

  @Get()
  @ApiOperation({ summary: 'The organizers made stewards of this unit (and so of every unit under it).' })
  async list(@Param('id', new UuidParam('unit')) unitId: string): Promise<StewardResponse[]> {
    return (await this.stewards.list(unitId)).map(toStewardResponse);
  }

  @Put(':userId')
  @ApiOperation({ summary: 'Make an organizer steward of this unit and every unit under it.' })
  async grant(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParam('unit')) unitId: string,
    @Param('userId', new UuidParam('user')) userId: string,
  ): Promise<StewardResponse> {
    return toStewardResponse(await this.stewards.grant(actor, unitId, userId));
  }

  @Delete(':userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'End an organizer’s stewardship of this unit.' })
  async revoke(
    @CurrentActor() actor: Actor,
    @Param('id', new UuidParam('unit')) unitId: string,
    @Param('userId', new UuidParam('user')) userId: string,
  ): Promise<void> {
    await this.stewards.revoke(actor, unitId, userId);
  }
}
