import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  Patch,
  Post,
  Query,
  Res,
  StreamableFile,
  UseInterceptors,
} from '@nestjs/common';
import { ApiBearerAuth, ApiConsumes, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { AllowLinks, CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { Page, PageQuery, pageOfAll } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import type { DueChangeResponse } from '../dues/due-response';
import type { DueWarning } from '../dues/reader';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { PaperUpload, PaperUploadInterceptor } from './paper-upload';
import { PresentationReviewService } from './presentation-review.service';
import {
  AcceptDto,
  CloseDto,
  CreatePresentationDto,
  PresentationListQuery,
  PresentationResponse,
  ReturnDto,
  SpeakerLinkResponse,
  StatusChangeResponse,
  SubmissionResponse,
  UpdatePresentationDto,
} from './presentations.dto';
import { PresentationsService } from './presentations.service';
import { SPEAKER_LINK, SPEAKER_UNIT_LINK } from './speaker-links.service';
import { SubmissionsService, UploadedFile } from './submissions.service';
import { IfMatch, IfMatchHeader, SendsETag } from '../common/etag';

const ConferenceId = new UuidParam('conference');
const PresentationId = new UuidParam('presentation');
const SubmissionId = new UuidParam('submission');

@ApiTags('presentations')
@ApiBearerAuth()
@Controller()
export class PresentationsController {
  constructor(
    private readonly presentations: PresentationsService,
    private readonly review: PresentationReviewService,
    private readonly submissions: SubmissionsService,
  ) {}

  @Post('conferences/:conferenceId/presentations')
  @ApiOperation({
    summary:
      'Assign a presentation (unit, topic, pages, talk time, receiving unit, due); answers the speaker link once.',
  })
  async create(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: CreatePresentationDto,
  ): Promise<PresentationResponse & { speakerLink: SpeakerLinkResponse; warnings: DueWarning[] }> {
    const { presentation, speakerLink, warnings } = await this.presentations.create(
      principal,
      actor,
      conferenceId,
      dto,
    );
    return { ...presentation, speakerLink, warnings };
  }

  @Get('conferences/:conferenceId/presentations')
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: PresentationListQuery,
  ): Promise<Page<PresentationResponse>> {
    return {
      ...(await this.presentations.list(principal, conferenceId, query)),
      limit: query.limit,
      offset: query.offset,
    };
  }

  @Get('presentations/:id')
  @AllowLinks(SPEAKER_LINK, SPEAKER_UNIT_LINK)
  @SendsETag()
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('id', PresentationId) id: string,
  ): Promise<PresentationResponse> {
    return this.presentations.get(principal, id);
  }

  @Patch('presentations/:id')
  @ApiOperation({ summary: 'Change an assignment; a new due is kept in the due history.' })
  @SendsETag()
  async update(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PresentationId) id: string,
    @Body() dto: UpdatePresentationDto,
    @IfMatchHeader() ifMatch: IfMatch,
  ): Promise<PresentationResponse & { warnings: DueWarning[] }> {
    const { presentation, warnings } = await this.presentations.update(principal, actor, id, dto, ifMatch);
    return { ...presentation, warnings };
  }

  @Delete('presentations/:id')
  @HttpCode(204)
  @ApiOperation({ summary: 'Remove an assignment nobody submitted to yet (otherwise close it).' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PresentationId) id: string,
  ): Promise<void> {
    await this.presentations.remove(principal, actor, id);
  }

  @Post('presentations/:id/accept')
  @HttpCode(200)
  async accept(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PresentationId) id: string,
    @Body() dto: AcceptDto,
  ): Promise<PresentationResponse> {
    return this.review.accept(principal, actor, id, dto.comment);
  }

  @Post('presentations/:id/return')
  @HttpCode(200)
  @ApiOperation({ summary: 'Give the paper back with a comment; the speaker then resubmits.' })
  async giveBack(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PresentationId) id: string,
    @Body() dto: ReturnDto,
  ): Promise<PresentationResponse> {
    return this.review.giveBack(principal, actor, id, dto.comment);
  }

  @Post('presentations/:id/close')
  @HttpCode(200)
  async close(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PresentationId) id: string,
    @Body() dto: CloseDto,
  ): Promise<PresentationResponse> {
    return this.review.close(principal, actor, id, dto.reason);
  }

  @Post('presentations/:id/reopen')
  @HttpCode(200)
  async reopen(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PresentationId) id: string,
  ): Promise<PresentationResponse> {
    return this.review.reopen(principal, actor, id);
  }

  @Get('presentations/:id/history')
  @ApiOperation({ summary: 'Every status change: who, when, from, to, with what comment and version.' })
  async history(
    @CurrentPrincipal() principal: Principal,
    @Param('id', PresentationId) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<StatusChangeResponse>> {
    return pageOfAll(await this.review.history(principal, id), query, (c) => c);
  }

  @Get('presentations/:id/due-history')
  @ApiOperation({
    summary: 'Every change of the due: edits, and a relative due following the conference (cause, from, to, reason).',
  })
  async dueHistory(
    @CurrentPrincipal() principal: Principal,
    @Param('id', PresentationId) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<DueChangeResponse>> {
    return pageOfAll(await this.presentations.dueHistory(principal, id), query, (c) => c);
  }

  @Post('presentations/:id/speaker-link')
  @ApiOperation({ summary: 'A new speaker link (the old one stops working); shown once.' })
  async rotateLink(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PresentationId) id: string,
  ): Promise<SpeakerLinkResponse> {
    return this.presentations.rotateLink(principal, actor, id);
  }

  @Delete('presentations/:id/speaker-link')
  @HttpCode(204)
  async revokeLink(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PresentationId) id: string,
  ): Promise<void> {
    await this.presentations.revokeLink(principal, actor, id);
  }

  @Post('presentations/:id/submissions')
  @AllowLinks(SPEAKER_LINK, SPEAKER_UNIT_LINK)
  @RateLimited('uploads')
  @UseInterceptors(PaperUploadInterceptor)
  @ApiConsumes('multipart/form-data')
  @ApiOperation({
    summary: 'Upload a version of the paper (multipart field "file": PDF, DOCX, DOC, ODT, judged by content).',
  })
  async upload(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('id', PresentationId) id: string,
    @PaperUpload() file: UploadedFile,
  ): Promise<{ submission: SubmissionResponse; presentation: PresentationResponse }> {
    return this.submissions.upload(principal, actor, id, file);
  }

  @Get('presentations/:id/submissions')
  @AllowLinks(SPEAKER_LINK, SPEAKER_UNIT_LINK)
  async submissionList(
    @CurrentPrincipal() principal: Principal,
    @Param('id', PresentationId) id: string,
    @Query() query: PageQuery,
  ): Promise<Page<SubmissionResponse>> {
    return pageOfAll(await this.submissions.list(principal, id), query, (s) => s);
  }

  @Get('presentations/:id/submissions/:submissionId/file')
  @AllowLinks(SPEAKER_LINK, SPEAKER_UNIT_LINK)
  @ApiOperation({ summary: 'The stored file (organizers of the conference, admins, and the speaker’s own link).' })
  async download(
    @CurrentPrincipal() principal: Principal,
    @Param('id', PresentationId) id: string,
    @Param('submissionId', SubmissionId) submissionId: string,
    @Res({ passthrough: true }) res: Response,
  ): Promise<StreamableFile> {
    const paper = await this.submissions.download(principal, id, submissionId);
    res.setHeader('Content-Disposition', paper.disposition);
    res.setHeader('Digest', `sha-256=${Buffer.from(paper.sha256, 'hex').toString('base64')}`);
    res.setHeader('Cache-Control', 'private, no-store');
    return new StreamableFile(paper.data, { type: paper.contentType, length: paper.data.length });
  }
}
