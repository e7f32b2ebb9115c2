import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';
import { Page, PageQuery, pageOf, pageOfAll } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { ActionPreviewResponse, ConferenceActionPreview } from './conference-action-preview';
import { ConferenceMembersService } from './conference-members.service';
import { ConferenceScheduleService } from './conference-schedule.service';
import {
  AddMemberDto,
  ConferenceListQuery,
  ConferenceResponse,
  CreateConferenceDto,
  MemberResponse,
  PostponeDto,
  ReasonDto,
  ScheduleChangeResponse,
  ScheduleDto,
  toConferenceResponse,
  toMemberResponse,
  toScheduleChangeResponse,
  UpdateConferenceDto,
} from './conferences.dto';
import { ConferencesService } from './conferences.service';

const ConferenceId = new UuidParam('conference');

@ApiTags('conferences')
@ApiBearerAuth()
@Controller('conferences')
export class ConferencesController {
  constructor(
    private readonly conferences: ConferencesService,
    private readonly schedule: ConferenceScheduleService,
    private readonly members: ConferenceMembersService,
    private readonly preview: ConferenceActionPreview,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Create a conference (draft); the creator becomes its owner.' })
  async create(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Body() dto: CreateConferenceDto,
  ): Promise<ConferenceResponse> {
    // A new conference is no one's main event yet.
    return { ...toConferenceResponse(await this.conferences.create(principal, actor, dto)), rounds: [] };
  }

  @Get()
  @ApiOperation({ summary: 'The conferences the caller may see, newest first.' })
  async list(
    @CurrentPrincipal() principal: Principal,
    @Query() query: ConferenceListQuery,
  ): Promise<Page<ConferenceResponse>> {
    const [items, total] = await this.conferences.list(principal, query);
    return pageOf(items, total, query, toConferenceResponse);
  }

  @Get(':id')
  @SendsETag()
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ConferenceId) id: string,
  ): Promise<ConferenceResponse> {
    const conference = await this.conferences.get(principal, id);
    return { ...toConferenceResponse(conference), rounds: await this.conferences.rounds(principal, id) };
  }

  @Patch(':id')
  @ApiOperation({
    summary: 'Change a conference’s details (not its time: see /schedule). Announces conference.updated.',
  })
  @SendsETag()
  async update(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Body() dto: UpdateConferenceDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<ConferenceResponse> {
    const conference = await this.conferences.update(principal, actor, id, dto, ifMatch);
    return { ...toConferenceResponse(conference), rounds: await this.conferences.rounds(principal, id) };
  }

  @Post(':id/schedule')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Confirm or move the conference’s time; kept in the history and announced as conference.scheduled.',
  })
  async scheduleAt(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Body() dto: ScheduleDto,
  ): Promise<ConferenceResponse> {
    return toConferenceResponse(await this.schedule.schedule(principal, actor, id, dto));
  }

  @Post(':id/schedule/preview')
  @HttpCode(200)
  @ApiOperation({
    summary: 'What /schedule with this body would do (letters, reminders, dues), without doing it.',
  })
  async previewSchedule(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Body() dto: ScheduleDto,
  ): Promise<ActionPreviewResponse> {
    return this.preview.scheduleAt(principal, actor, id, dto);
  }

  @Post(':id/postpone/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What /postpone with this body would do, without doing it.' })
  async previewPostpone(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Body() dto: PostponeDto,
  ): Promise<ActionPreviewResponse> {
    return this.preview.postpone(principal, actor, id, dto);
  }

  @Post(':id/cancel/preview')
  @HttpCode(200)
  @ApiOperation({ summary: 'What /cancel with this body would do, without doing it.' })
  async previewCancel(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Body() dto: ReasonDto,
  ): Promise<ActionPreviewResponse> {
    return this.preview.cancel(principal, actor, id, dto);
  }

  @Post(':id/postpone')
  @HttpCode(200)
  async postpone(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Body() dto: PostponeDto,
  ): Promise<ConferenceResponse> {
    return toConferenceResponse(await this.schedule.postpone(principal, actor, id, dto));
  }

  @Post(':id/cancel')
  @HttpCode(200)
  async cancel(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Body() dto: ReasonDto,
  ): Promise<ConferenceResponse> {
    return toConferenceResponse(await this.schedule.cancel(principal, actor, id, dto));
  }

  @Post(':id/hold')
  @HttpCode(200)
  @ApiOperation({ summary: 'Mark the conference as held (once it has started).' })
  async hold(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
  ): Promise<ConferenceResponse> {
    return toConferenceResponse(await this.schedule.hold(principal, actor, id));
  }

  @Post(':id/close')
  @HttpCode(200)
  async close(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
  ): Promise<ConferenceResponse> {
    return toConferenceResponse(await this.schedule.close(principal, actor, id));
  }

  @Get(':id/schedule-history')
  @ApiOperation({ summary: 'Every confirmation, move, postponement and status change: who, when, from, to, why.' })
  async history(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ConferenceId) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<ScheduleChangeResponse>> {
    const { conference, changes } = await this.schedule.history(principal, id);
    return pageOfAll(changes, query, (c) => toScheduleChangeResponse(c, conference.timeZone));
  }

  @Get(':id/members')
  async listMembers(
    @CurrentPrincipal() principal: Principal,
    @Param('id', ConferenceId) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<MemberResponse>> {
    return pageOfAll(await this.members.list(principal, id), query, toMemberResponse);
  }

  @Post(':id/members')
  @ApiOperation({ summary: 'Add a co-organizer or observer, or change a member’s role (owners and admins).' })
  async addMember(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Body() dto: AddMemberDto,
  ): Promise<MemberResponse> {
    return toMemberResponse(await this.members.add(principal, actor, id, dto));
  }

  @Delete(':id/members/:userId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove a member; the last owner cannot be removed.' })
  async removeMember(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', ConferenceId) id: string,
    @Param('userId', new UuidParam('member')) userId: string,
  ): Promise<void> {
    await this.members.remove(principal, actor, id, userId);
  }
}
