import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DueChange } from './due-change.entity';
import { DueEntry } from './due-entry.entity';
import { DueStore } from './due-store';
import { DeadlinesListener } from './deadlines.listener';

/**
 * Stored dues and their history, shared by presentations and tasks: `DueStore` writes them, and
 * relative dues follow the conference and cluster schedules (domain events, in the transaction of
 * the change). The views over them live in `DeadlinesModule`.
 */
@Module({
  imports: [TypeOrmModule.forFeature([DueEntry, DueChange])],
  providers: [DueStore, DeadlinesListener],
  exports: [DueStore],
})
export class DeadlinesCoreModule {}
