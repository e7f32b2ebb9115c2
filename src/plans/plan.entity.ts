import {
  Column,
  CreateDateColumn,
  Entity,
  PrimaryColumn,
  PrimaryGeneratedColumn,
  UpdateDateColumn,
  VersionColumn,
} from 'typeorm';
import type { MemberRole } from '../conferences/conference.constants';
import { VIETNAMESE } from '../common/collation';

/**
 * A task plan (kế hoạch): reference number, title, year, issuing unit, and the conference it
 * organizes when it has one (plan 690/KH-UBND organizes seed 000's conference; its tasks can then
 * be due relative to that conference).
 */
@Entity({ name: 'plan' })
export class Plan {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** "5484/KH-UBND"; "/KH-VP" while the plan has no number. */
  @Column({ type: 'text', nullable: true })
  reference: string | null;

  @Column({ type: 'text', collation: VIETNAMESE })
  title: string;

  /** The year the plan is for: "Quý I", "trong năm" in its dues take it. */
  @Column({ type: 'int' })
  year: number;

  @Column({ type: 'uuid', nullable: true })
  issuingUnitId: string | null;

  /** As written, possibly partial: YYYY-MM-DD, YYYY-MM or YYYY (see conferences/plan-date.ts). */
  @Column({ type: 'text', nullable: true })
  issuedOn: string | null;

  @Column({ type: 'text' })
  timeZone: string;

  @Column({ type: 'uuid', nullable: true })
  conferenceId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

  @Column({ type: 'uuid', nullable: true })
  createdBy: string | null;

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

/** Who works on a plan: owners manage its members, organizers change it, observers read it. */
@Entity({ name: 'plan_member' })
export class PlanMember {
  @PrimaryColumn({ type: 'uuid' })
  planId: string;

  @PrimaryColumn({ type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  role: MemberRole;

  @Column({ type: 'timestamptz' })
  addedAt: Date;

  @Column({ type: 'uuid', nullable: true })
  addedBy: string | null;
}
