import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A secret link: the only credential of delegates, site coordinators and speakers. The token is
 * shown once (in the e-mail or to the organizer); only its SHA-256 is kept.
 */
@Entity({ name: 'secret_link' })
export class SecretLink {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** What the link opens, e.g. `invitation`, `site-coordinator`, `speaker`, `feed`. */
  @Column({ type: 'text' })
  purpose: string;

  /** The record the link is scoped to (an invitation, a bridge point, an assignment…). */
  @Column({ type: 'uuid' })
  subjectId: string;

  @Column({ type: 'uuid', nullable: true })
  conferenceId: string | null;

  @Column({ type: 'bytea', select: false })
  tokenHash: Buffer;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;

  @Column({ type: 'timestamptz', nullable: true })
  expiresAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  firstUsedAt: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;
}
