import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { OutboxClaims } from './outbox-claims';
import { OutboxDelivery } from './outbox-delivery';
import { OutboxDispatcher } from './outbox-dispatcher';
import { OutboxMessage } from './outbox-message.entity';
import { OutboxQueueService } from './outbox-queue.service';
import { OutboxRenderers } from './outbox-renderers';
import { OutboxController } from './outbox.controller';
import { OutboxService } from './outbox.service';
import { PLAIN_KIND, PlainRenderer } from './plain.renderer';
import { SendRateLimiter } from './send-rate-limiter';

describeConstraint('uq_outbox_message_dedupe_key', {
  field: 'dedupeKey',
  message: 'a message with this dedupe key is already in the outbox',
});
describeConstraint('ck_outbox_message_recipient', {
  field: 'recipientEmail',
  message: 'must be a lower-case e-mail address',
});
describeConstraint('ck_outbox_message_kind', {
  field: 'kind',
  message: 'must be a kind name (lower-case letters, digits, ".", "_", "-")',
});

/**
 * The outbox: other modules import this module and use OutboxService (enqueue, cancelPending) and
 * OutboxRenderers (register their kinds); OutboxDispatcher sends.
 */
@Module({
  imports: [TypeOrmModule.forFeature([OutboxMessage])],
  controllers: [OutboxController],
  providers: [
    OutboxService,
    OutboxQueueService,
    OutboxRenderers,
    OutboxClaims,
    OutboxDelivery,
    OutboxDispatcher,
    SendRateLimiter,
  ],
  exports: [OutboxService, OutboxRenderers, OutboxDispatcher],
})
export class OutboxModule implements OnModuleInit {
  constructor(private readonly renderers: OutboxRenderers) {}

  onModuleInit(): void {
    this.renderers.register(PLAIN_KIND, new PlainRenderer());
  }
}
