import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';

export const TASK_STATUSES = ['not_started', 'in_progress', 'done'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];
/** What views show: `overdue` is derived (not done, and a one-off due has passed unmet). */
export type TaskDisplayStatus = TaskStatus | 'overdue';

/** One numbered task of a plan (1, 4.1, 2.đ): content, units, deliverable, dues, status. */
@Entity({ name: 'task' })
export class Task {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  planId: string;

  @Column({ type: 'text' })
  number: string;

  /** Derived from the number: 4.1's parent is 4. */
  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'text' })
  sortKey: string;

  @Column({ type: 'text' })
  content: string;

  /** The lead as the plan writes it, when it is not (only) units of the directory: "Các phòng nghiên cứu". */
  @Column({ type: 'text', nullable: true })
  leadText: string | null;

  @Column({ type: 'text', nullable: true })
  coordinatingText: string | null;

  @Column({ type: 'text', nullable: true })
  deliverable: string | null;

  @Column({ type: 'text', nullable: true })
  notes: string | null;

  @Column({ type: 'text', default: 'not_started' })
  status: TaskStatus;

  @Column({ type: 'timestamptz', nullable: true })
  completedAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;

  /**
   * The resource's ETag. The row's BEFORE UPDATE trigger is what moves it (raw SQL writes count
   * too); declared a version column so that TypeORM reads the new value back after a save.
   */
  @VersionColumn()
  version: number;
}

export type TaskUnitRole = 'lead' | 'coordinating';

/** The units of a task: the lead units (chủ trì) and the coordinating ones (phối hợp), in order. */
@Entity({ name: 'task_unit' })
export class TaskUnit {
  @PrimaryColumn({ type: 'uuid' })
  taskId: string;

  @PrimaryColumn({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'text' })
  role: TaskUnitRole;

  @Column({ type: 'int' })
  position: number;
}

/** A dated progress report on a task; it may name one of the task's dues it meets. */
@Entity({ name: 'task_progress' })
export class TaskProgress {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  taskId: string;

  /** When it was filed: decides which occurrence of a recurring due it answers. */
  @Column({ type: 'timestamptz' })
  reportedAt: Date;

  /** The date the report speaks for, as the reporter gives it. */
  @Column({ type: 'date' })
  reportedOn: string;

  @Column({ type: 'text' })
  text: string;

  @Column({ type: 'int', nullable: true })
  percent: number | null;

  @Column({ type: 'text', nullable: true })
  status: TaskStatus | null;

  @Column({ type: 'uuid', nullable: true })
  dueId: string | null;

  @Column({ type: 'boolean', default: false })
  dueMet: boolean;

  @Column({ type: 'text' })
  actorKind: string;

  @Column({ type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text' })
  actorLabel: string;
}
