import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A message the built-in mail catcher received, kept whole so it can be opened and downloaded. */
@Entity({ name: 'caught_message' })
export class CaughtMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'timestamptz' })
  receivedAt: Date;

  @Column({ type: 'text' })
  envelopeFrom: string;

  @Column({ type: 'text', array: true })
  envelopeTo: string[];

  @Column({ type: 'text' })
  subject: string;

  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  /** METHOD of the calendar part (REQUEST, CANCEL…), null when the message has none. */
  @Column({ type: 'text', nullable: true })
  calendarMethod: string | null;

  @Column({ type: 'int' })
  size: number;

  @Column({ type: 'bytea', select: false })
  raw: Buffer;
}
