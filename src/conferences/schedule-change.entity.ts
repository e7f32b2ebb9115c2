import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ConferenceStatus } from './conference.constants';

export const SCHEDULE_ACTIONS = ['schedule', 'postpone', 'cancel', 'hold', 'close'] as const;
export type ScheduleAction = (typeof SCHEDULE_ACTIONS)[number];

/** One entry of a conference's schedule history: who, when, from, to, why. */
@Entity({ name: 'conference_schedule_change' })
export class ScheduleChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  conferenceId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  action: ScheduleAction;

  @Column({ type: 'text' })
  fromStatus: ConferenceStatus;

  @Column({ type: 'text' })
  toStatus: ConferenceStatus;

  @Column({ type: 'timestamptz', nullable: true })
  previousStartsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  previousEndsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  startsAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endsAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text' })
  actorKind: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorLabel: string;
}
