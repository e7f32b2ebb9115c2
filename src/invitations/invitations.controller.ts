import { Body, Controller, Delete, Get, Header, HttpCode, Param, Post, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AllowLinks, CurrentActor, CurrentPrincipal } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { Page, pageOf } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { CascadeResponse } from './invitation-cascade';
import { CoordinatorLinks } from './coordinator-links.service';
import { InvitationGeneration } from './invitation-generation.service';
import { InvitationLetterPreview } from './invitation-letter-preview.service';
import { InvitationLetters } from './invitation-letters.service';
import { InvitationReports } from './invitation-reports.service';
import { InvitationSites } from './invitation-sites.service';
import { COORDINATOR_LINK } from './invitation-scope';
import {
  AddInvitationDto,
  Candidate,
  CandidatesQuery,
  CoordinatorLinkDto,
  CoordinatorLinkResponse,
  ExportQuery,
  GenerateResult,
  InvitationListQuery,
  InvitationResponse,
  InvitationSitesResponse,
  LetterDto,
  LetterPreviewQuery,
  LetterPreviewResponse,
  LetterResponse,
  SendResult,
  SiteTargetDto,
  SummaryResponse,
  toInvitationResponse,
} from './invitations.dto';
import { InvitationsService } from './invitations.service';

const ConferenceId = new UuidParam('conference');
const InvitationId = new UuidParam('invitation');
const SiteId = new UuidParam('site');

/** A letter shown in a frame of the console: its inline styles, no script, no request, framed by Convene only. */
const PREVIEW_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox";

/**
 * A conference's invitations. The organizer reaches every site; a site coordinator's link (as
 * bearer token) reaches its own site and the points nested under it, and nothing else.
 */
@ApiTags('invitations')
@ApiBearerAuth()
@Controller('conferences/:conferenceId')
export class InvitationsController {
  constructor(
    private readonly invitations: InvitationsService,
    private readonly generation: InvitationGeneration,
    private readonly reports: InvitationReports,
    private readonly coordinators: CoordinatorLinks,
    private readonly letters: InvitationLetters,
    private readonly siteViews: InvitationSites,
    private readonly previews: InvitationLetterPreview,
  ) {}

  @Get('invitations')
  @AllowLinks(COORDINATOR_LINK)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: InvitationListQuery,
  ): Promise<Page<InvitationResponse>> {
    const [rows, total] = await this.invitations.list(principal, conferenceId, query);
    return pageOf(rows, total, query, toInvitationResponse);
  }

  @Post('invitations')
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({ summary: 'Invite one person for one site (a person is invited once per conference).' })
  async add(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: AddInvitationDto,
  ): Promise<InvitationResponse> {
    return toInvitationResponse(await this.invitations.add(principal, actor, conferenceId, dto));
  }

  @Get('invitations/sites')
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({
    summary:
      'The conference and the sites the caller invites for (a coordinator: their own and those below), with place and composition.',
  })
  async sites(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
  ): Promise<InvitationSitesResponse> {
    return this.siteViews.list(principal, conferenceId);
  }

  @Get('invitations/candidates')
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({
    summary: 'People of the site’s unit and the units below it, not invited yet: whom a coordinator would invite.',
  })
  async candidates(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: CandidatesQuery,
  ): Promise<{ items: Candidate[] }> {
    return this.siteViews.candidates(principal, conferenceId, query);
  }

  @Post('invitations/generate')
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({ summary: 'Invite the people the composition rules name, per site; twice adds nothing.' })
  async generate(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: SiteTargetDto,
  ): Promise<GenerateResult> {
    return this.generation.generate(principal, actor, conferenceId, dto);
  }

  @Post('invitations/send')
  @HttpCode(202)
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({ summary: 'Queue the invitations not sent yet (all, or one site); 409 without a confirmed time.' })
  async send(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: SiteTargetDto,
  ): Promise<SendResult> {
    return this.invitations.send(principal, actor, conferenceId, dto);
  }

  @Get('invitations/summary')
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({ summary: 'Per site: invited, sent, accepted, declined, tentative, substituted, no answer.' })
  async summary(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
  ): Promise<SummaryResponse> {
    return this.reports.summary(principal, conferenceId);
  }

  @Get('invitations/export.csv')
  @AllowLinks(COORDINATOR_LINK)
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="invitations.csv"')
  async export(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: ExportQuery,
  ): Promise<string> {
    return this.reports.csv(principal, conferenceId, query);
  }

  @Get('invitations/cascade')
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({
    summary:
      'The organizer’s view of delegated sites: coordinator invited, link opened, invited and answered, per point and level.',
  })
  async cascade(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
  ): Promise<CascadeResponse> {
    return this.reports.cascade(principal, conferenceId);
  }

  @Post('invitations/coordinator-links')
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({ summary: 'A secret link for a site’s coordinator (shown once), mailed to the point’s coordinator.' })
  async coordinatorLink(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: CoordinatorLinkDto,
  ): Promise<CoordinatorLinkResponse> {
    return this.coordinators.issue(principal, actor, conferenceId, dto);
  }

  @Delete('invitations/coordinator-links/:siteId')
  @HttpCode(204)
  @AllowLinks(COORDINATOR_LINK)
  async revokeCoordinatorLinks(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('siteId', SiteId) siteId: string,
  ): Promise<void> {
    await this.coordinators.revoke(principal, actor, conferenceId, siteId);
  }

  @Delete('invitations/:invitationId')
  @HttpCode(204)
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({ summary: 'Withdraw an invitation; if it was sent, that person gets a CANCEL.' })
  async remove(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('invitationId', InvitationId) invitationId: string,
  ): Promise<void> {
    await this.invitations.remove(principal, actor, conferenceId, invitationId);
  }

  @Post('invitations/:invitationId/resend')
  @HttpCode(202)
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({
    summary: 'Send one delegate’s invitation again with a fresh answer link; the old links stop working.',
  })
  async resend(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Param('invitationId', InvitationId) invitationId: string,
  ): Promise<SendResult> {
    return this.invitations.resend(principal, actor, conferenceId, invitationId);
  }

  @Get('invitation-letter')
  @AllowLinks(COORDINATOR_LINK)
  async letter(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
  ): Promise<LetterResponse> {
    return this.letters.get(principal, conferenceId);
  }

  @Get('invitation-letter/preview')
  // As the letter's fields: a coordinator's link or account is let through to the organizer check, which refuses it.
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({
    summary:
      'The invitation mail (subject, text, HTML, calendar part) as the outbox would send it now, to one invitee or a sample one.',
  })
  async previewLetter(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: LetterPreviewQuery,
  ): Promise<LetterPreviewResponse> {
    return this.previews.preview(principal, conferenceId, query.invitationId);
  }

  /** The preview's HTML alone, for the console's sandboxed frame: its own policy lets the letter's inline styles through, nothing else. */
  @Get('invitation-letter/preview.html')
  @AllowLinks(COORDINATOR_LINK)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  @Header('Content-Security-Policy', PREVIEW_CSP)
  async previewLetterHtml(
    @CurrentPrincipal() principal: Principal,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Query() query: LetterPreviewQuery,
  ): Promise<string> {
    return (await this.previews.preview(principal, conferenceId, query.invitationId)).html;
  }

  @Put('invitation-letter')
  @AllowLinks(COORDINATOR_LINK)
  @ApiOperation({ summary: 'The letter’s issuing unit, number, composition and contact.' })
  async putLetter(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('conferenceId', ConferenceId) conferenceId: string,
    @Body() dto: LetterDto,
  ): Promise<LetterResponse> {
    return this.letters.put(principal, actor, conferenceId, dto);
  }
}
