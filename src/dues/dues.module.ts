import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DueChange } from './due-change.entity';
import { DueEntry } from './due-entry.entity';
import { DueStore } from './due-store';
import { DuesController } from './dues.controller';
import { DuesListener } from './dues.listener';

/**
 * Dues: the reader of due expressions as plans write them (`reader/`, pure), the preview of a
 * reading over HTTP (`POST /dues/preview`), and the stored dues with their history that papers and
 * tasks share — `DueStore` writes them, and relative dues follow the conference and cluster
 * schedules (the dues listener, in the transaction of the change). The views over them (`GET
 * /deadlines`, feeds) are in DeadlinesModule.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DueEntry, DueChange])],
  controllers: [DuesController],
  providers: [DueStore, DuesListener],
  exports: [DueStore],
})
export class DuesModule {}
