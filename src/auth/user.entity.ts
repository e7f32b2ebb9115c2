import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { UserLanguage, UserRole } from '../identity/principal';
import { VIETNAMESE } from '../common/collation';

@Entity({ name: 'app_user' })
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-case; unique. */
  @Column({ type: 'text' })
  email: string;

  @Column({ type: 'text', collation: VIETNAMESE })
  displayName: string;

  @Column({ type: 'text' })
  passwordHash: string;

  @Column({ type: 'text' })
  role: UserRole;

  @Column({ type: 'boolean', default: true })
  active: boolean;

  @Column({ type: 'int', default: 0 })
  failedLogins: number;

  @Column({ type: 'timestamptz', nullable: true })
  lockedUntil: Date | null;

  /** Carried by login tokens; a password change, a disable or a role change moves it on (ends them). */
  @Column({ type: 'int', default: 0 })
  tokenVersion: number;

  /** The console's language for this user. */
  @Column({ type: 'text', default: 'vi' })
  language: UserLanguage;

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
