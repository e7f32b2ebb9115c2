import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A console login: the browser holds the secret in an HttpOnly cookie and echoes the CSRF token
 * in a header; only the SHA-256 of each is stored. Ending it (logout) works at once.
 */
@Entity({ name: 'browser_session' })
export class BrowserSession {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  userId: string;

  @Column({ type: 'bytea', select: false })
  tokenHash: Buffer;

  @Column({ type: 'bytea', select: false })
  csrfHash: Buffer;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz' })
  expiresAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt: Date | null;
}
