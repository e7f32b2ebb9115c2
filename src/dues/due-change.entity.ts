import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Due } from './reader';

export const DUE_CHANGE_CAUSES = [
  'created',
  'edited',
  'conference_scheduled',
  'conference_postponed',
  'cluster_scheduled',
  'plan_conference_changed',
] as const;
export type DueChangeCause = (typeof DUE_CHANGE_CAUSES)[number];

/** The history of a due: who or what changed it, when, from what to what, and why. */
@Entity({ name: 'due_change' })
export class DueChange {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ type: 'uuid' })
  dueId: string;

  @Column({ type: 'timestamptz' })
  at: Date;

  @Column({ type: 'text' })
  cause: DueChangeCause;

  @Column({ type: 'jsonb', nullable: true })
  fromDue: Due | null;

  @Column({ type: 'jsonb' })
  toDue: Due;

  @Column({ type: 'timestamptz', nullable: true })
  fromResolvesAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  toResolvesAt: Date | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'text' })
  actorKind: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorLabel: string;
}
