import { Module } from '@nestjs/common';
import { DuesController } from './dues.controller';

/**
 * The due reader over HTTP: `POST /dues/preview`. The reader itself (src/plans/due) is pure and is
 * imported directly by plans, deadlines and presentations.
 */
@Module({ controllers: [DuesController] })
export class DuesModule {}
