import { Controller, Get, Param } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { DataSource } from 'typeorm';
import { UuidParam } from '../common/uuid-param.pipe';
import { CurrentPrincipal } from '../identity/identity.decorators';
import type { Principal } from '../identity/principal';
import { PlanAccess } from '../plans/plan-access.service';
import { Check } from './check.types';
import { planDueWarningChecks } from './due-warning.checks';
import { countBySeverity, runOnSnapshot } from './read-snapshot';
import { onePlanChecks } from './task-plan.checks';

export interface PlanChecksResponse {
  planId: string;
  counts: { error: number; warning: number; info: number };
  checks: Check[];
}

/** The task-plan part of the linter for any plan, whether it organizes a conference or not. */
@ApiTags('checks')
@ApiBearerAuth()
@Controller('plans/:planId/checks')
export class PlanChecksController {
  constructor(
    private readonly access: PlanAccess,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      'The task plan linter: dues before the plan’s date or after its year, tasks with no lead; each with a code, Vietnamese and English text, and the task.',
  })
  async run(
    @CurrentPrincipal() principal: Principal,
    @Param('planId', new UuidParam('plan')) planId: string,
  ): Promise<PlanChecksResponse> {
    await this.access.assertCanRead(principal, planId);
    const checks = await runOnSnapshot(this.dataSource, [
      (manager) => planDueWarningChecks(planId, manager),
      (manager) => onePlanChecks(planId, manager),
    ]);
    return { planId, counts: countBySeverity(checks), checks };
  }
}
