import { Controller, Delete, Get, Header, HttpCode, Param, Post, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { CurrentActor, CurrentPrincipal, Public, Roles } from '../identity/identity.decorators';
import type { Actor, Principal } from '../identity/principal';
import { notFound } from '../common/problem';
import { Page } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { RateLimited } from '../rate-limits/rate-limit.decorator';
import { DeadlineQuery, DeadlineResponse } from './deadlines.dto';
import { DeadlinesService } from './deadlines.service';
import { FeedLinkResponse, FeedsService } from './feeds.service';

const FEED_FILE = /^(cvl_[A-Za-z0-9_-]{1,100})\.ics$/;

@ApiTags('deadlines')
@ApiBearerAuth()
@Controller()
export class DeadlinesController {
  constructor(
    private readonly deadlines: DeadlinesService,
    private readonly feeds: FeedsService,
  ) {}

  @Get('deadlines')
  @ApiOperation({
    summary:
      'Dues of papers and tasks together, soonest first (unresolved and recurring last), with where each stands.',
  })
  async list(@CurrentPrincipal() principal: Principal, @Query() query: DeadlineQuery): Promise<Page<DeadlineResponse>> {
    return { ...(await this.deadlines.list(principal, query)), limit: query.limit, offset: query.offset };
  }

  @Post('feeds/people/:personId')
  @Roles('organizer')
  @ApiOperation({
    summary:
      'Make (or rotate) the person’s calendar feed link; the old link stops working. Shown once. Admins, and organizers of every conference and plan the feed shows.',
  })
  async issuePersonFeed(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('personId', new UuidParam('person')) id: string,
  ): Promise<FeedLinkResponse> {
    return this.feeds.issue(principal, actor, 'person', id);
  }

  @Post('feeds/units/:unitId')
  @Roles('organizer')
  @ApiOperation({ summary: 'Make (or rotate) the unit’s calendar feed link. Shown once.' })
  async issueUnitFeed(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('unitId', new UuidParam('unit')) id: string,
  ): Promise<FeedLinkResponse> {
    return this.feeds.issue(principal, actor, 'unit', id);
  }

  @Delete('feeds/people/:personId')
  @Roles('organizer')
  @HttpCode(204)
  async revokePersonFeed(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('personId', new UuidParam('person')) id: string,
  ): Promise<void> {
    await this.feeds.revoke(principal, actor, 'person', id);
  }

  @Delete('feeds/units/:unitId')
  @Roles('organizer')
  @HttpCode(204)
  async revokeUnitFeed(
    @CurrentPrincipal() principal: Principal,
    @CurrentActor() actor: Actor,
    @Param('unitId', new UuidParam('unit')) id: string,
  ): Promise<void> {
    await this.feeds.revoke(principal, actor, 'unit', id);
  }

  @Get('feeds/:file')
  @Public()
  @RateLimited('links')
  @ApiProduces('text/calendar')
  @Header('Cache-Control', 'private, max-age=0, must-revalidate')
  @ApiOperation({
    summary: 'The calendar feed behind a secret token (`<token>.ics`, `?lang=en`); answers If-None-Match with 304.',
  })
  async feed(
    @Param('file') file: string,
    @Query('lang') lang: unknown,
    @Req() req: Request,
    @Res() res: Response,
  ): Promise<void> {
    const token = FEED_FILE.exec(file)?.[1];
    if (!token) throw notFound('feed', 'token');
    const feed = await this.feeds.render(token, lang === 'en' ? 'en' : 'vi');
    res.setHeader('ETag', feed.etag);
    res.setHeader('Last-Modified', feed.lastModified.toUTCString());
    if (req.headers['if-none-match'] === feed.etag) {
      res.status(304).end();
      return;
    }
    res
      .status(200)
      .type('text/calendar; charset=utf-8')
      .setHeader('Content-Disposition', 'inline; filename="convene.ics"');
    res.send(feed.body);
  }
}
