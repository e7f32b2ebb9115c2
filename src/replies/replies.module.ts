import { Module } from '@nestjs/common';
import { InvitationsModule } from '../invitations/invitations.module';
import { CalendarReplyLog } from './calendar-reply-log';
import { InboundSmtpService } from './inbound-smtp.service';
import { RepliesController } from './replies.controller';
import { RepliesService } from './replies.service';

/**
 * Answers from calendar apps: the SMTP listener for the organizer mailbox (INBOUND_SMTP_PORT),
 * METHOD:REPLY matched to invitations and answered through the answer page's own logic, and the
 * record of every message received (`GET /calendar-replies`).
 */
@Module({
  imports: [InvitationsModule],
  controllers: [RepliesController],
  providers: [RepliesService, InboundSmtpService, CalendarReplyLog],
  exports: [InboundSmtpService],
})
export class RepliesModule {}
