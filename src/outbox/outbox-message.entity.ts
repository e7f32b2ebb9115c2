import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { OutboxStatus } from './outbox.types';

/**
 * One e-mail in the outbox (table `outbox_message`, see migrations/1763856300000-Outbox.ts).
 * Read through TypeORM; every write is hand-written SQL in OutboxService / OutboxClaims.
 */
@Entity({ name: 'outbox_message' })
export class OutboxMessage {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  dedupeKey: string;

  @Column({ type: 'text' })
  kind: string;

  @Column({ type: 'uuid', nullable: true })
  conferenceId: string | null;

  @Column({ type: 'text' })
  recipientEmail: string;

  @Column({ type: 'text' })
  recipientName: string;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'text' })
  status: OutboxStatus;

  @Column({ type: 'int' })
  attempts: number;

  /** When the next attempt is due; for a `sending` row, when its lease runs out. */
  @Column({ type: 'timestamptz' })
  nextAttemptAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  /** Null until the first claim for rows inserted in bulk; then fixed for every attempt. */
  @Column({ type: 'text', nullable: true })
  messageId: string | null;

  @Column({ type: 'text', nullable: true })
  claimedBy: string | null;

  @Column({ type: 'uuid', nullable: true, select: false })
  claimToken: string | null;

  /** The last failure (the SMTP server's answer), kept after a later success. */
  @Column({ type: 'text', nullable: true })
  lastError: string | null;

  /** The server's answer to the accepted message ("250 2.0.0 Ok: queued as …"). */
  @Column({ type: 'text', nullable: true })
  lastResponse: string | null;

  /** Why it was skipped or cancelled. */
  @Column({ type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  updatedAt: Date;
}
