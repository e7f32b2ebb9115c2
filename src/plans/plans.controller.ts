import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { Page, PageQuery, pageOfAll } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { PlanMembersService } from './plan-members.service';
import {
  AddPlanMemberDto,
  CreatePlanDto,
  PlanListQuery,
  PlanMemberResponse,
  PlanResponse,
  toPlanMemberResponse,
  UpdatePlanDto,
} from './plans.dto';
import { PlansService } from './plans.service';
import { TaskWarning } from './task-writer';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

const PlanId = new UuidParam('plan');

@ApiTags('plans')
@ApiBearerAuth()
@Controller('plans')
export class PlansController {
  constructor(
    private readonly plans: PlansService,
    private readonly members: PlanMembersService,
  ) {}

  @Post()
  @ApiOperation({
    summary: 'Create a task plan, optionally with its tasks (one transaction); the creator becomes its owner.',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Body() dto: CreatePlanDto,
  ): Promise<PlanResponse & { warnings: TaskWarning[] }> {
    const { plan, warnings } = await this.plans.create(principal, actor, dto);
    return { ...plan, warnings };
  }

  @Get()
  @ApiOperation({ summary: 'The plans the caller may see, newest year first.' })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: PlanListQuery): Promise<Page<PlanResponse>> {
    return { ...(await this.plans.list(principal, query)), limit: query.limit, offset: query.offset };
  }

  @Get(':id')
  @SendsETag()
  async get(@CurrentPrincipal() principal: Principal, @Param('id', PlanId) id: string): Promise<PlanResponse> {
    return this.plans.get(principal, id);
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a plan; a new conferenceId re-resolves its tasks’ relative dues (recorded in their history).',
  })
  @SendsETag()
  async update(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PlanId) id: string,
    @Body() dto: UpdatePlanDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<PlanResponse> {
    return this.plans.update(principal, actor, id, dto, ifMatch);
  }

  @Delete(':id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Delete a plan with its tasks (owners and admins).' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PlanId) id: string,
  ): Promise<void> {
    await this.plans.remove(principal, actor, id);
  }

  @Get(':id/members')
  async listMembers(
    @CurrentPrincipal() principal: Principal,
    @Param('id', PlanId) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<PlanMemberResponse>> {
    return pageOfAll(await this.members.list(principal, id), query, toPlanMemberResponse);
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Add a member or change a member’s role (owners and admins).' })
  async addMember(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PlanId) id: string,
    @Body() dto: AddPlanMemberDto,
  ): Promise<PlanMemberResponse> {
    return toPlanMemberResponse(await this.members.add(principal, actor, id, dto));
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  async removeMember(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PlanId) id: string,
    @Param('userId', new UuidParam('plan member')) userId: string,
  ): Promise<void> {
    await this.members.remove(principal, actor, id, userId);
  }
}
