import { Module, OnModuleInit } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { CompositionModule } from '../composition/composition.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { DeadlinesModule } from '../deadlines/deadlines.module';
import { FeedSources } from '../deadlines/feed-sources';
import { OutboxModule } from '../outbox/outbox.module';
import { OutboxRenderers } from '../outbox/outbox-renderers';
import { AnswersController } from './answers.controller';
import { AnswersService } from './answers.service';
import { CoordinatorLinks } from './coordinator-links.service';
import { COORDINATOR_KIND, CoordinatorMailRenderer } from './coordinator-mail.renderer';
import { Invitation } from './invitation.entity';
import { InvitationFanout } from './invitation-fanout';
import { invitationFeedEntries } from './invitation-feed-source';
import { InvitationGeneration } from './invitation-generation.service';
import { InvitationLetter } from './invitation-letter.entity';
import { InvitationLetterPreview } from './invitation-letter-preview.service';
import { InvitationLetters } from './invitation-letters.service';
import { INVITATION_KIND, InvitationRenderer } from './invitation.renderer';
import { InvitationReports } from './invitation-reports.service';
import { InvitationSites } from './invitation-sites.service';
import { InvitationScopes } from './invitation-scope';
import { InvitationsController } from './invitations.controller';
import { InvitationsListener } from './invitations.listener';
import { InvitationsService } from './invitations.service';
import { SiteCoordinatorsController } from './site-coordinators.controller';
import { SiteCoordinators } from './site-coordinators.service';

describeConstraint('uq_invitation_person', {
  field: 'personId',
  message: 'this person is already invited to the conference',
});
describeConstraint('fk_invitation_person', { field: 'personId', message: 'names no person of the directory' });
describeConstraint('fk_invitation_cluster', { field: 'siteId', message: 'names no cluster of this conference' });
describeConstraint('uq_site_coordinator_site', { field: 'siteIds', message: 'names a site twice' });
describeConstraint('fk_invitation_letter_unit', { field: 'issuingUnitId', message: 'names no unit of the directory' });

/**
 * Invitations: who is invited where, the letter and its calendar part, answers and substitutes,
 * coordinator links for delegated sites, and updates and cancellations after sending. Who is still
 * expected is one SQL statement (invitation-audience.ts) the reminders run; adds the `invitations`
 * source to personal calendar feeds.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Invitation, InvitationLetter]),
    ConferencesModule,
    OutboxModule,
    CompositionModule,
    DeadlinesModule,
  ],
  controllers: [InvitationsController, AnswersController, SiteCoordinatorsController],
  providers: [
    InvitationScopes,
    InvitationFanout,
    InvitationsService,
    InvitationGeneration,
    InvitationReports,
    InvitationSites,
    InvitationLetters,
    InvitationLetterPreview,
    CoordinatorLinks,
    SiteCoordinators,
    AnswersService,
    InvitationRenderer,
    CoordinatorMailRenderer,
    InvitationsListener,
  ],
  exports: [AnswersService],
})
export class InvitationsModule implements OnModuleInit {
  constructor(
    private readonly renderers: OutboxRenderers,
    private readonly invitationRenderer: InvitationRenderer,
    private readonly coordinatorRenderer: CoordinatorMailRenderer,
    private readonly feedSources: FeedSources,
  ) {}

  onModuleInit(): void {
    this.renderers.register(INVITATION_KIND, this.invitationRenderer);
    this.renderers.register(COORDINATOR_KIND, this.coordinatorRenderer);
    // People's calendar feeds show the conferences they are invited to, at their own site.
    this.feedSources.register('invitations', invitationFeedEntries);
  }
}
