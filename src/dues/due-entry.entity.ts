import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Due, DueKind, DuePrecision } from './reader';

/**
 * One due of a presentation (exactly one) or of a task (a list, in the plan's order): the
 * structured model as the due module builds it, and beside it the instant it resolves to (null
 * while unresolved) and its precision, so that deadline views sort and filter in SQL.
 */
@Entity({ name: 'due_entry' })
export class DueEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid', nullable: true })
  presentationId: string | null;

  @Column({ type: 'uuid', nullable: true })
  taskId: string | null;

  @Column({ type: 'int', default: 0 })
  position: number;

  @Column({ type: 'jsonb' })
  due: Due;

  @Column({ type: 'text' })
  kind: DueKind;

  @Column({ type: 'text' })
  precision: DuePrecision;

  @Column({ type: 'timestamptz', nullable: true })
  resolvesAt: Date | null;

  /** A one-off due of a task reported as met before the task itself is done. */
  @Column({ type: 'timestamptz', nullable: true })
  metAt: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ type: 'timestamptz' })
  updatedAt: Date;
}
