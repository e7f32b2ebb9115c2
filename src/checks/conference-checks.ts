import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Check, CheckProvider } from './check.types';
import { runOnSnapshot } from './read-snapshot';

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
    return runOnSnapshot(
      this.dataSource,
      this.providers.map((provider) => (manager) => provider(conferenceId, manager)),
    );
  }
}
