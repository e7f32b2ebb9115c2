import { Module } from '@nestjs/common';
import { DeadlinesController } from './deadlines.controller';
import { DuesModule } from '../dues/dues.module';
import { DeadlinesService } from './deadlines.service';
import { FeedSources } from './feed-sources';
import { FeedsService } from './feeds.service';

/**
 * Views over the dues of papers and tasks: `GET /deadlines`, and personal calendar feeds
 * (`/feeds/<token>.ics`) built from `FeedSources` — import this module and register a source to
 * add events to every feed (the invitations module does, for the conferences people are invited to).
 */
@Module({
  imports: [DuesModule],
  controllers: [DeadlinesController],
  providers: [DeadlinesService, FeedSources, FeedsService],
  exports: [FeedSources, DeadlinesService],
})
export class DeadlinesModule {}
