import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import { VIETNAMESE } from '../common/collation';

export const BRIDGE_POINT_ROLES = ['host', 'remote'] as const;
export type BridgePointRole = (typeof BRIDGE_POINT_ROLES)[number];

export const READINESS_STATES = ['untested', 'test_scheduled', 'passed', 'failed'] as const;
export type Readiness = (typeof READINESS_STATES)[number];

/**
 * One site of an online conference (điểm cầu). Points nest: the host point, provincial points
 * below it, commune points below those; `depth` is 0 at the top.
 */
@Entity({ name: 'bridge_point' })
export class BridgePoint {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conferenceId: string;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  @Column({ type: 'text' })
  role: BridgePointRole;

  @Column({ type: 'int' })
  depth: number;

  @Column({ type: 'text', collation: VIETNAMESE })
  name: string;

  /** The unit that hosts the point (and invites its own people). */
  @Column({ type: 'uuid', nullable: true })
  unitId: string | null;

  @Column({ type: 'text', nullable: true })
  room: string | null;

  @Column({ type: 'text', nullable: true })
  address: string | null;

  @Column({ type: 'int', nullable: true })
  capacity: number | null;

  @Column({ type: 'text', nullable: true })
  meetingLink: string | null;

  @Column({ type: 'text', nullable: true })
  meetingRoomId: string | null;

  @Column({ type: 'uuid', nullable: true })
  coordinatorPersonId: string | null;

  /** How many people the plan expects at the point ("khoảng 296 đại biểu"); approximate: "khoảng". */
  @Column({ type: 'int', nullable: true })
  expectedAttendance: number | null;

  @Column({ type: 'boolean', default: false })
  expectedAttendanceApproximate: boolean;

  /** Who chairs at the point (chủ trì tại điểm cầu), not who runs its equipment (the coordinator). */
  @Column({ type: 'uuid', nullable: true })
  chairPersonId: string | null;

  /** The point's chair as the plan writes it: "Đồng chí Chủ tịch UBND huyện". */
  @Column({ type: 'text', nullable: true })
  chairText: string | null;

  /** The connection test: untested, scheduled at readinessTestAt, passed, or failed (with a note). */
  @Column({ type: 'text', default: 'untested' })
  readiness: Readiness;

  @Column({ type: 'timestamptz', nullable: true })
  readinessTestAt: Date | null;

  @Column({ type: 'text', nullable: true })
  readinessNote: string | null;

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
