import { Body, Controller, Get, HttpCode, HttpStatus, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentActor, CurrentUser, Roles } from '../identity/identity.decorators';
import type { Actor, UserPrincipal } from '../identity/principal';
import { Page, pageOf } from '../common/pagination';
import { UuidParam } from '../common/uuid-param.pipe';
import { OutboxQueueService } from './outbox-queue.service';
import {
  OutboxMessageResponse,
  OutboxQueueQuery,
  OutboxSummaryQuery,
  OutboxSummaryResponse,
  TestMessageDto,
  toOutboxMessageResponse,
} from './outbox.dto';

const byId = new UuidParam('outbox message');

/**
 * The outbox queue. Administrators see every message, organizers their own conferences' (failures
 * with the server's answer, retry and cancel). `/outbox/messages` is the mail catcher's.
 */
@ApiTags('outbox')
@ApiBearerAuth()
@Controller('outbox')
export class OutboxController {
  constructor(private readonly queue: OutboxQueueService) {}

  @Get('queue')
  @ApiOperation({
    summary: 'Messages in the outbox, newest first, with their status, attempts and the server’s last answer.',
  })
  async list(
    @CurrentUser() user: UserPrincipal,
    @Query() query: OutboxQueueQuery,
  ): Promise<Page<OutboxMessageResponse>> {
    const [items, total] = await this.queue.list(query, await this.queue.scopeFor(user));
    return pageOf(items, total, query, toOutboxMessageResponse);
  }

  @Get('queue/summary')
  @ApiOperation({
    summary: 'How many messages are in each status, overall or for one conference, optionally per conference.',
  })
  async summary(
    @CurrentUser() user: UserPrincipal,
    @Query() query: OutboxSummaryQuery,
  ): Promise<OutboxSummaryResponse> {
    return this.queue.summary(query, await this.queue.scopeFor(user));
  }

  @Get('queue/:id')
  @ApiOperation({ summary: 'One message of the outbox.' })
  async get(@CurrentUser() user: UserPrincipal, @Param('id', byId) id: string): Promise<OutboxMessageResponse> {
    return toOutboxMessageResponse(await this.queue.get(id, await this.queue.scopeFor(user)));
  }

  @Post('queue/:id/retry')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Queue a failed, cancelled or skipped message again (409 in any other status).' })
  async retry(
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: Actor,
    @Param('id', byId) id: string,
  ): Promise<OutboxMessageResponse> {
    return toOutboxMessageResponse(await this.queue.retry(actor, id, await this.queue.scopeFor(user)));
  }

  @Post('queue/:id/cancel')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Cancel a queued or retrying message (409 in any other status).' })
  async cancel(
    @CurrentUser() user: UserPrincipal,
    @CurrentActor() actor: Actor,
    @Param('id', byId) id: string,
  ): Promise<OutboxMessageResponse> {
    return toOutboxMessageResponse(await this.queue.cancel(actor, id, await this.queue.scopeFor(user)));
  }

  @Post('test-message')
  @Roles('admin')
  @HttpCode(HttpStatus.ACCEPTED)
  @ApiOperation({ summary: 'Queue a test e-mail to an address, to check the mail settings (admins).' })
  async testMessage(@CurrentActor() actor: Actor, @Body() dto: TestMessageDto): Promise<OutboxMessageResponse> {
    return toOutboxMessageResponse(await this.queue.sendTestMessage(actor, dto));
  }
}
