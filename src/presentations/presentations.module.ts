import { MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { describeConstraint } from '../common/database-errors';
import { AgendasModule } from '../agendas/agendas.module';
import { ChecksModule } from '../checks/checks.module';
import { ConferencesModule } from '../conferences/conferences.module';
import { DuesModule } from '../dues/dues.module';
import { PaperUploadInterceptor } from './paper-upload';
import { PresentationAccess } from './presentation-access';
import { PresentationChecks } from './presentation.checks';
import { PresentationReviewService } from './presentation-review.service';
import { Presentation, PresentationStatusChange, PresentationSubmission } from './presentation.entity';
import { PresentationViews } from './presentation-views';
import { PresentationsController } from './presentations.controller';
import { PresentationsService } from './presentations.service';
import { SpeakerLinkMiddleware } from './speaker-link.middleware';
import { PresentationsListener } from './presentations.listener';
import { SpeakerLinks } from './speaker-links.service';
import { SpeakerPageController } from './speaker-page.controller';
import { SpeakerPageService } from './speaker-page.service';
import { SubmissionsService } from './submissions.service';
import { TalkTimeRule } from './talk-time.rule';
import { UnitLinksController } from './unit-links.controller';
import { UnitLinks } from './unit-links.service';

describeConstraint('fk_presentation_unit', { field: 'unitId', message: 'names no unit of the directory' });
describeConstraint('fk_presentation_person', { field: 'personId', message: 'names no person of the directory' });
describeConstraint('fk_presentation_receiving_unit', {
  field: 'receivingUnitId',
  message: 'names no unit of the directory',
});
describeConstraint('ck_presentation_pages', { field: 'maxPages', message: 'must not be below minPages' });

/**
 * Presentation assignments and their papers: the organizers' API, the speaker's own page behind a
 * secret link, uploads checked by content, versions, reviews and downloads. Dues live in
 * `DuesModule`; files in `FileStorage`.
 */
@Module({
  imports: [
    TypeOrmModule.forFeature([Presentation, PresentationSubmission, PresentationStatusChange]),
    ConferencesModule,
    AgendasModule,
    ChecksModule,
    DuesModule,
  ],
  controllers: [PresentationsController, SpeakerPageController, UnitLinksController],
  providers: [
    PresentationAccess,
    PresentationViews,
    PresentationsService,
    PresentationReviewService,
    SubmissionsService,
    SpeakerLinks,
    PresentationsListener,
    SpeakerPageService,
    PaperUploadInterceptor,
    TalkTimeRule,
    PresentationChecks,
    UnitLinks,
  ],
  exports: [PresentationAccess],
})
export class PresentationsModule implements NestModule {
  configure(consumer: MiddlewareConsumer): void {
    consumer.apply(SpeakerLinkMiddleware).forRoutes(SpeakerPageController);
  }
}
