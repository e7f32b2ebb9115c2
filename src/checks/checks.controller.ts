import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../identity/identity.decorators';
import type { Principal } from '../identity/principal';
import { UuidParam } from '../common/uuid-param.pipe';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { Check } from './check.types';
import { ConferenceChecks } from './conference-checks';
import { countBySeverity } from './read-snapshot';

export interface ChecksResponse {
  conferenceId: string;
  counts: { error: number; warning: number; info: number };
  checks: Check[];
}

@ApiTags('checks')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/checks')
export class ChecksController {
  constructor(
    private readonly access: ConferenceAccess,
    private readonly checks: ConferenceChecks,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The plan linter: errors, warnings and notes, each with a code, Vietnamese and English text, and what it points at.',
  })
  async run(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', new UuidParam('conference')) conferenceId: string,
  ): Promise<ChecksResponse> {
    await this.access.assertCanRead(principal, conferenceId);
    const checks = await this.checks.run(conferenceId);
    return { conferenceId, counts: countBySeverity(checks), checks };
  }
}
