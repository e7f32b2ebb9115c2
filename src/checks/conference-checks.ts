import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Check, CheckProvider, CheckSeverity } from './check.types';

const ORDER: Record<CheckSeverity, number> = { error: 0, warning: 1, info: 2 };

/**
 * The registry of check providers behind GET /conferences/:id/checks. This module registers the
 * scheduling checks; later modules (presentations, tasks) register theirs in onModuleInit.
 */
@Injectable()
export class ConferenceChecks {
  private readonly providers: CheckProvider[] = [];

  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  register(provider: CheckProvider): void {
    this.providers.push(provider);
  }

  /** Runs every provider on one consistent snapshot; errors first, then warnings, then notes. */
  async run(conferenceId: string): Promise<Check[]> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      await runner.query('SET TRANSACTION READ ONLY');
      const found: Check[] = [];
      for (const provider of this.providers) found.push(...(await provider(conferenceId, runner.manager)));
      await runner.commitTransaction();
      return found.sort((a, b) => ORDER[a.severity] - ORDER[b.severity] || a.code.localeCompare(b.code));
    } catch (error) {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      throw error;
    } finally {
      await runner.release();
    }
  }
}
