import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Per-conference offsets of reminders; without a row the defaults apply. */
@Entity({ name: 'reminder_settings' })
export class ReminderSettings {
  @PrimaryColumn('uuid')
  conferenceId: string;

  @Column({ type: 'text', array: true })
  conferenceOffsets: string[];

  @Column({ type: 'text', array: true })
  readinessOffsets: string[];

  @Column({ type: 'text', array: true })
  deadlineOffsets: string[];

  @Column({ type: 'boolean', default: true })
  overdueNotice: boolean;

  @Column({ type: 'boolean', default: true })
  dailyDigest: boolean;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  updatedBy: string | null;
}
