import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { UuidParam } from '../common/uuid-param.pipe';
import { CompositionCopyService } from './composition-copy.service';
import { CompositionPreview } from './composition-preview';
import { CompositionRulesService } from './composition-rules.service';
import { CompositionService } from './composition.service';
import {
  CopyRulesDto,
  CopyRulesResult,
  CreateRuleDto,
  PreviewQuery,
  RuleListQuery,
  RuleResponse,
  toRuleResponse,
  UpdateRuleDto,
} from './composition.dto';
import { Page, pageOfAll } from '../common/pagination';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

const ConferenceId = new UuidParam('conference');
const RuleId = new UuidParam('composition rule');

@ApiTags('composition')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/composition')
export class CompositionController {
  constructor(
    private readonly rules: CompositionRulesService,
    private readonly composition: CompositionService,
    private readonly copier: CompositionCopyService,
  ) {}

  @Post('rules')
  @ApiOperation({
    summary: 'Add a rule to the conference, one of its bridge points or one of its clusters (site in the body).',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: CreateRuleDto,
  ): Promise<RuleResponse> {
    return toRuleResponse(await this.rules.create(principal, actor, conferenceId, dto));
  }

  @Post('rules/copy')
  @ApiOperation({
    summary:
      'Copy every rule of one site to other sites (e.g. one district point’s composition to all district points).',
  })
  async copy(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: CopyRulesDto,
  ): Promise<CopyRulesResult> {
    return this.copier.copy(principal, actor, conferenceId, dto);
  }

  @Get('rules')
  @ApiOperation({ summary: 'The rules, site by site in position order; ?siteKind=&siteId= for one site.' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: RuleListQuery,
  ): Promise<Page<RuleResponse>> {
    return pageOfAll(await this.rules.list(principal, conferenceId, query), query, toRuleResponse);
  }

  @Get('preview')
  @ApiOperation({
    summary:
      'Resolve the rules to people without writing anything: who, through which rule, gaps, and delegated rules.',
  })
  async preview(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: PreviewQuery,
  ): Promise<CompositionPreview> {
    return this.composition.preview(principal, conferenceId, query);
  }

  @Get('rules/:ruleId')
  @SendsETag()
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('ruleId', RuleId) ruleId: string,
  ): Promise<RuleResponse> {
    return toRuleResponse(await this.rules.get(principal, conferenceId, ruleId));
  }

  @Patch('rules/:ruleId')
  @SendsETag()
  async update(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('ruleId', RuleId) ruleId: string,
    @Body() dto: UpdateRuleDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<RuleResponse> {
    return toRuleResponse(await this.rules.update(principal, actor, conferenceId, ruleId, dto, ifMatch));
  }

  @Delete('rules/:ruleId')
  @HttpCode(204)
  async remove(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('ruleId', RuleId) ruleId: string,
  ): Promise<void> {
    await this.rules.remove(principal, actor, conferenceId, ruleId);
  }
}
