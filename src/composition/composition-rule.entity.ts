import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { PersonRole, UnitKind } from '../directory/directory.constants';
import type { SiteKind } from './composition.types';
import { VIETNAMESE } from '../common/collation';

export const DELEGATE_MODES = ['unit', 'site_host', 'site_units'] as const;
export type DelegateMode = (typeof DELEGATE_MODES)[number];

/**
 * One line of a plan's "Thành phần tham dự": which units, which roles in them, at most how many
 * per unit, at which site; or a line that a unit fills itself (delegated).
 */
@Entity({ name: 'composition_rule' })
export class CompositionRule {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  conferenceId: string;

  @Column({ type: 'text' })
  siteKind: SiteKind;

  @Column({ type: 'uuid', nullable: true })
  bridgePointId: string | null;

  @Column({ type: 'uuid', nullable: true })
  clusterId: string | null;

  /** Order within the site: the first rule that matches a person is the one they are invited by. */
  @Column({ type: 'int' })
  position: number;

  /** The plan's words: "Thủ trưởng các Sở, Ban, ngành thuộc Ủy ban nhân dân tỉnh". */
  @Column({ type: 'text', collation: VIETNAMESE })
  label: string;

  @Column({ type: 'text', array: true, nullable: true })
  unitKinds: UnitKind[] | null;

  @Column({ type: 'uuid', array: true, nullable: true })
  unitIds: string[] | null;

  @Column({ type: 'uuid', nullable: true })
  childrenOfUnitId: string | null;

  @Column({ type: 'uuid', nullable: true })
  withinUnitId: string | null;

  /** null: everyone who holds a current position in the unit. */
  @Column({ type: 'text', array: true, nullable: true })
  roles: PersonRole[] | null;

  @Column({ type: 'int', nullable: true })
  maxPerUnit: number | null;

  @Column({ type: 'text', nullable: true })
  delegateMode: DelegateMode | null;

  @Column({ type: 'uuid', nullable: true })
  delegateUnitId: string | null;

  @Column({ type: 'text', nullable: true })
  note: string | null;

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
