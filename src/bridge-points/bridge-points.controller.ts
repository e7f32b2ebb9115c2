import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { Page, pageOf } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import {
  BridgePointListItem,
  BridgePointListQuery,
  BridgePointResponse,
  BridgePointSummary,
  BulkBridgePointsDto,
  BulkResult,
  CreateBridgePointDto,
  ReadinessDto,
  toBridgePointResponse,
  UpdateBridgePointDto,
} from './bridge-points.dto';
import { BridgePointsBulkService } from './bridge-points-bulk.service';
import { BridgePointsService } from './bridge-points.service';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

const ConferenceId = new UuidParam('conference');
const PointId = new UuidParam('bridge point');

@ApiTags('bridge points')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/bridge-points')
export class BridgePointsController {
  constructor(
    private readonly points: BridgePointsService,
    private readonly bulk: BridgePointsBulkService,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Add one bridge point (the host point, or a remote point under a parent).' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: CreateBridgePointDto,
  ): Promise<BridgePointResponse> {
    const [point, conference] = await this.points.create(principal, actor, conferenceId, dto);
    return toBridgePointResponse(point, conference.timeZone);
  }

  @Post('bulk')
  @ApiOperation({
    summary:
      'Create points from the directory, level by level ("one per district", "one per province and under each one per commune").',
  })
  async createBulk(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: BulkBridgePointsDto,
  ): Promise<BulkResult> {
    return this.bulk.createFromDirectory(principal, actor, conferenceId, dto);
  }

  @Get('summary')
  @ApiOperation({ summary: 'Counts per level (with readiness, missing coordinators and links) and per parent.' })
  async summary(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
  ): Promise<BridgePointSummary> {
    return this.bulk.summary(principal, conferenceId);
  }

  @Get()
  @ApiOperation({
    summary: 'A page of points (one branch with parentId, the top with parentId=root, or a search by name with q).',
  })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: BridgePointListQuery,
  ): Promise<Page<BridgePointListItem>> {
    const [items, total, conference, neighbours] = await this.points.list(principal, conferenceId, query);
    return pageOf(items, total, query, (p) => ({
      ...toBridgePointResponse(p, conference.timeZone),
      ...neighbours.get(p.id)!,
    }));
  }

  @Get(':pointId')
  @SendsETag()
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('pointId', PointId) pointId: string,
  ): Promise<BridgePointResponse> {
    const [point, conference] = await this.points.get(principal, conferenceId, pointId);
    return toBridgePointResponse(point, conference.timeZone);
  }

  @Patch(':pointId')
  @ApiOperation({ summary: 'Change a point (room, address, link, coordinator…); announces bridge_point.updated.' })
  @SendsETag()
  async update(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('pointId', PointId) pointId: string,
    @Body() dto: UpdateBridgePointDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<BridgePointResponse> {
    const [point, conference] = await this.points.update(principal, actor, conferenceId, pointId, dto, ifMatch);
    return toBridgePointResponse(point, conference.timeZone);
  }

  @Put(':pointId/readiness')
  @ApiOperation({ summary: 'Record the connection test: scheduled at a time, passed, or failed with a note.' })
  async readiness(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('pointId', PointId) pointId: string,
    @Body() dto: ReadinessDto,
  ): Promise<BridgePointResponse> {
    const [point, conference] = await this.points.setReadiness(principal, actor, conferenceId, pointId, dto);
    return toBridgePointResponse(point, conference.timeZone);
  }

  @Delete(':pointId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a point without points below it; announces bridge_point.removed.' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('pointId', PointId) pointId: string,
  ): Promise<void> {
    await this.points.remove(principal, actor, conferenceId, pointId);
  }
}
