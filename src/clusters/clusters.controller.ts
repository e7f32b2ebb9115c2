import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { UuidParam } from '../common/uuid-param.pipe';
import {
  CancelClusterDto,
  ClusterResponse,
  CreateClusterDto,
  ScheduleClusterDto,
  toClusterResponse,
  UpdateClusterDto,
} from './clusters.dto';
import { ClustersService } from './clusters.service';
import { Page, PageQuery, pageOfAll } from '../common/pagination';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

const ConferenceId = new UuidParam('conference');
const ClusterId = new UuidParam('cluster');

@ApiTags('clusters')
@ApiBearerAuth()
@Controller('conferences/:conferenceId/clusters')
export class ClustersController {
  constructor(private readonly clusters: ClustersService) {}

  @Post()
  @ApiOperation({
    summary: 'Add a cluster to a roundtable; its agenda is instantiated from the template at its start.',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: CreateClusterDto,
  ): Promise<ClusterResponse> {
    const [cluster, conference] = await this.clusters.create(principal, actor, conferenceId, dto);
    return toClusterResponse(cluster, conference.timeZone);
  }

  @Get()
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: PageQuery,
  ): Promise<Page<ClusterResponse>> {
    const [clusters, conference] = await this.clusters.list(principal, conferenceId);
    return pageOfAll(clusters, query, (c) => toClusterResponse(c, conference.timeZone));
  }

  @Get(':clusterId')
  @SendsETag()
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', ClusterId) clusterId: string,
  ): Promise<ClusterResponse> {
    const [cluster, conference] = await this.clusters.get(principal, conferenceId, clusterId);
    return toClusterResponse(cluster, conference.timeZone);
  }

  @Patch(':clusterId')
  @ApiOperation({ summary: 'Change host, venue, units or attendance; announces cluster.updated.' })
  @SendsETag()
  async update(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', ClusterId) clusterId: string,
    @Body() dto: UpdateClusterDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<ClusterResponse> {
    const [cluster, conference] = await this.clusters.update(principal, actor, conferenceId, clusterId, dto, ifMatch);
    return toClusterResponse(cluster, conference.timeZone);
  }

  @Post(':clusterId/schedule')
  @HttpCode(200)
  @ApiOperation({ summary: 'Move a cluster (its agenda follows); announces cluster.scheduled.' })
  async schedule(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', ClusterId) clusterId: string,
    @Body() dto: ScheduleClusterDto,
  ): Promise<ClusterResponse> {
    const [cluster, conference] = await this.clusters.schedule(principal, actor, conferenceId, clusterId, dto);
    return toClusterResponse(cluster, conference.timeZone);
  }

  @Post(':clusterId/cancel')
  @HttpCode(200)
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', ClusterId) clusterId: string,
    @Body() dto: CancelClusterDto,
  ): Promise<ClusterResponse> {
    const [cluster, conference] = await this.clusters.cancel(principal, actor, conferenceId, clusterId, dto);
    return toClusterResponse(cluster, conference.timeZone);
  }
}
