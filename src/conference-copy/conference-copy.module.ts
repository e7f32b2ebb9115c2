import { Module } from '@nestjs/common';
import { ConferencesModule } from '../conferences/conferences.module';
import { DuesModule } from '../dues/dues.module';
import { ConferenceCopyController } from './conference-copy.controller';
import { ConferenceCopyService } from './conference-copy.service';

/** POST /conferences/:id/copy: this year's conference from last year's (issue 15). */
@Module({
  imports: [ConferencesModule, DuesModule],
  controllers: [ConferenceCopyController],
  providers: [ConferenceCopyService],
})
export class ConferenceCopyModule {}
