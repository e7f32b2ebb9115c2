import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { AuditService } from '../audit/audit.service';
import type { Actor, Principal } from '../identity/principal';
import { Clock } from '../common/clock';
import { FieldProblem, unprocessable } from '../common/problem';
import { queryRows } from '../common/sql';
import { ConferenceAccess } from '../conferences/conference-access.service';
import { DEFAULT_OFFSETS, validateOffsets } from './reminder-offsets';
import { ReminderPlanner } from './reminder-planner';
import { ReminderSettings } from './reminder-settings.entity';
import {
  ReminderListQuery,
  ReminderSettingsDto,
  ReminderSettingsResponse,
  ReminderSettingsValues,
  ReminderSlotRow,
  toReminderSettingsResponse,
} from './reminders.dto';

const DEFAULTS: ReminderSettingsValues = {
  conference: [...DEFAULT_OFFSETS.conference],
  readinessTest: [...DEFAULT_OFFSETS.readiness],
  deadlines: [...DEFAULT_OFFSETS.deadline],
  overdueNotice: true,
  dailyDigest: true,
};

const valuesOf = (s: ReminderSettings): ReminderSettingsValues => ({
  conference: s.conferenceOffsets,
  readinessTest: s.readinessOffsets,
  deadlines: s.deadlineOffsets,
  overdueNotice: s.overdueNotice,
  dailyDigest: s.dailyDigest,
});

/** A conference's reminder settings, and the list of its planned reminders with what became of them. */
@Injectable()
export class RemindersService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly access: ConferenceAccess,
    private readonly audit: AuditService,
    private readonly planner: ReminderPlanner,
    private readonly clock: Clock,
  ) {}

  async settings(principal: Principal, conferenceId: string): Promise<ReminderSettingsResponse> {
    await this.access.assertCanRead(principal, conferenceId);
    const stored = await this.dataSource.getRepository(ReminderSettings).findOneBy({ conferenceId });
    return toReminderSettingsResponse(conferenceId, stored ? valuesOf(stored) : DEFAULTS, stored?.updatedAt ?? null);
  }

  /** Replaces the settings (omitted fields take the defaults) and replans the conference's reminders at once. */
  async replaceSettings(
    principal: Principal,
    actor: Actor,
    conferenceId: string,
    dto: ReminderSettingsDto,
  ): Promise<ReminderSettingsResponse> {
    const values = validated(dto);
    return this.dataSource.transaction(async (manager) => {
      await this.access.lockForChange(manager, principal, conferenceId);
      const repository = manager.getRepository(ReminderSettings);
      const before = await repository.findOneBy({ conferenceId });
      const now = this.clock.now();
      const row = repository.create({
        conferenceId,
        conferenceOffsets: values.conference,
        readinessOffsets: values.readinessTest,
        deadlineOffsets: values.deadlines,
        overdueNotice: values.overdueNotice,
        dailyDigest: values.dailyDigest,
        updatedAt: now,
        updatedBy: actor.id,
      });
      await repository.save(row);
      await this.audit.record(manager, actor, {
        action: 'reminder_settings.update',
        entityType: 'reminder_settings',
        entityId: conferenceId,
        conferenceId,
        before: before ? valuesOf(before) : null,
        after: values,
      });
      await this.planner.reconcile(now, { conferenceId }, manager);
      return toReminderSettingsResponse(conferenceId, values, now);
    });
  }

  async slots(
    principal: Principal,
    conferenceId: string,
    query: ReminderListQuery,
  ): Promise<{ rows: ReminderSlotRow[]; total: number; zone: string }> {
    await this.access.assertCanRead(principal, conferenceId);
    const params: unknown[] = [conferenceId, query.status ?? null, query.kind ?? null];
    const where = `s.conference_id = $1 AND ($2::text IS NULL OR sl.status = $2) AND ($3::text IS NULL OR s.kind = $3)`;
    const [{ total }] = await queryRows<{ total: number }>(
      this.dataSource,
      `SELECT count(*)::int AS total FROM reminder_slot sl JOIN reminder_series s ON s.id = sl.series_id WHERE ${where}`,
      params,
    );
    const rows = await queryRows<ReminderSlotRow>(
      this.dataSource,
      `SELECT sl.id, s.kind, s.target_id, sl.offset_label, sl.version, s.version AS series_version, sl.fire_at, sl.anchor_at, sl.status,
              sl.status_reason, sl.queued, sl.processed_at
       FROM reminder_slot sl JOIN reminder_series s ON s.id = sl.series_id
       WHERE ${where}
       ORDER BY sl.fire_at, s.kind, sl.id
       LIMIT $4 OFFSET $5`,
      [...params, query.limit, query.offset],
    );
    const [conference] = await queryRows<{ time_zone: string }>(
      this.dataSource,
      `SELECT time_zone FROM conference WHERE id = $1`,
      [conferenceId],
    );
    return { rows, total, zone: conference.time_zone };
  }
}

/** The domain rules of offsets, each problem naming `field[i]` (types were checked by the DTO). */
function validated(dto: ReminderSettingsDto): ReminderSettingsValues {
  const problems: FieldProblem[] = [];
  const check = (field: 'conference' | 'readinessTest' | 'deadlines', daysOnly = false): string[] => {
    if (dto[field] === undefined) return DEFAULTS[field];
    const result = validateOffsets(dto[field], field, { daysOnly });
    if ('problems' in result) {
      problems.push(...result.problems);
      return [];
    }
    return result.offsets;
  };
  const values: ReminderSettingsValues = {
    conference: check('conference'),
    readinessTest: check('readinessTest'),
    deadlines: check('deadlines', true),
    overdueNotice: dto.overdueNotice ?? true,
    dailyDigest: dto.dailyDigest ?? true,
  };
  if (problems.length > 0) throw unprocessable(problems, problems.map((p) => p.message).join('; '));
  return values;
}
