import {
  Body,
  Controller,
  Delete,
  Get,
  Header,
  HttpCode,
  Injectable,
  Param,
  Patch,
  PipeTransform,
  Post,
  Put,
  Query,
  Res,
} from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { UuidParam } from '../common/uuid-param.pipe';
import { AgendaExportService } from './agenda-export.service';
import { AgendaTemplateService } from './agenda-template.service';
import {
  AgendaResponse,
  AgendaViewQuery,
  InsertSlotDto,
  PutTemplateDto,
  ShiftAgendaDto,
  TemplateSlotResponse,
  UpdateSlotDto,
} from './agendas.dto';
import { AgendasService } from './agendas.service';
import { Page, PageQuery, pageOfAll } from '../common/pagination';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

/** The cluster id of the cluster routes; absent on the conference's own agenda routes. */
@Injectable()
class OptionalClusterId implements PipeTransform<string | undefined, string | null> {
  private readonly uuid = new UuidParam('cluster');
  transform(value: string | undefined): string | null {
    return value === undefined ? null : this.uuid.transform(value);
  }
}

/** The answer is the whole agenda; its ETag is the changed slot's (slots[].version). */
const slotVersion = (body: unknown, req: Request) =>
  (body as AgendaResponse).slots.find((s) => s.id === req.params.slotId)?.version;

const ConferenceId = new UuidParam('conference');
const SlotId = new UuidParam('agenda slot');

/** Each route serves a conference's own agenda and, under clusters/:clusterId, a cluster's. */
const both = (path: string) => [`agenda${path}`, `clusters/:clusterId/agenda${path}`];

@ApiTags('agendas')
@ApiBearerAuth()
@Controller('conferences/:conferenceId')
export class AgendasController {
  constructor(
    private readonly agendas: AgendasService,
    private readonly templates: AgendaTemplateService,
    private readonly exports: AgendaExportService,
  ) {}

  @Get(both(''))
  @ApiOperation({ summary: 'The agenda as JSON: session, slots in order, and the gaps between them.' })
  async view(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', OptionalClusterId) clusterId: string | null,
  ): Promise<AgendaResponse> {
    return (await this.agendas.view(principal, conferenceId, clusterId)).response;
  }

  @Get(both('.html'))
  @ApiProduces('text/html')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @ApiOperation({ summary: 'The printable agenda (DỰ KIẾN CHƯƠNG TRÌNH); ?lang=en for English.' })
  async html(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', OptionalClusterId) clusterId: string | null,
    @Query() query: AgendaViewQuery,
  ): Promise<string> {
    return this.exports.html(principal, conferenceId, clusterId, query.lang ?? 'vi');
  }

  @Get(both('.ics'))
  @ApiProduces('text/calendar')
  @ApiOperation({ summary: 'The agenda as an iCalendar file, one event per slot.' })
  async ics(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', OptionalClusterId) clusterId: string | null,
    @Res({ passthrough: true }) res: Response,
  ): Promise<string> {
    const file = await this.exports.ics(principal, conferenceId, clusterId);
    res.setHeader('Content-Type', 'text/calendar; charset=utf-8');
    res.setHeader('Content-Disposition', `attachment; filename="${file.filename}"`);
    return file.body;
  }

  @Post(both('/slots'))
  @ApiOperation({
    summary: 'Insert a slot (start and end, or start and duration); pushFollowing moves later slots down.',
  })
  async insert(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', OptionalClusterId) clusterId: string | null,
    @Body() dto: InsertSlotDto,
  ): Promise<AgendaResponse> {
    return this.agendas.insert(principal, actor, conferenceId, clusterId, dto);
  }

  @Patch(both('/slots/:slotId'))
  @ApiOperation({ summary: 'Move (startsAt), resize (endsAt or durationMinutes) or edit a slot.' })
  @SendsETag(slotVersion)
  async update(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', OptionalClusterId) clusterId: string | null,
    @Param('slotId', SlotId) slotId: string,
    @Body() dto: UpdateSlotDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<AgendaResponse> {
    return this.agendas.update(principal, actor, conferenceId, clusterId, slotId, dto, ifMatch);
  }

  @Delete(both('/slots/:slotId'))
  async remove(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', OptionalClusterId) clusterId: string | null,
    @Param('slotId', SlotId) slotId: string,
  ): Promise<AgendaResponse> {
    return this.agendas.remove(principal, actor, conferenceId, clusterId, slotId);
  }

  @Post(both('/shift'))
  @HttpCode(200)
  @ApiOperation({ summary: 'Move every slot by the same number of minutes.' })
  async shift(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', OptionalClusterId) clusterId: string | null,
    @Body() dto: ShiftAgendaDto,
  ): Promise<AgendaResponse> {
    return this.agendas.shift(principal, actor, conferenceId, clusterId, dto);
  }

  @Post(both('/apply-template'))
  @HttpCode(200)
  @ApiOperation({ summary: 'Replace the slots with the agenda template placed at the session start.' })
  async applyTemplate(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('clusterId', OptionalClusterId) clusterId: string | null,
  ): Promise<AgendaResponse> {
    return this.agendas.applyTemplate(principal, actor, conferenceId, clusterId);
  }

  @Get('agenda-template')
  async template(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: PageQuery,
  ): Promise<Page<TemplateSlotResponse>> {
    return pageOfAll(await this.templates.get(principal, conferenceId), query, (slot) => slot);
  }

  @Put('agenda-template')
  @ApiOperation({
    summary: 'Replace the agenda template (slots as minutes from the session start); clusters created later get it.',
  })
  async putTemplate(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: PutTemplateDto,
  ): Promise<TemplateSlotResponse[]> {
    return this.templates.put(principal, actor, conferenceId, dto);
  }
}
