import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn, VersionColumn } from 'typeorm';
import type { UnitKind } from './directory.constants';
import { VIETNAMESE } from '../common/collation';

/** An organisation in the directory: a department, a district committee, a commune, a council… */
@Entity({ name: 'unit' })
export class Unit {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text', collation: VIETNAMESE })
  name: string;

  @Column({ type: 'text', collation: VIETNAMESE, nullable: true })
  shortName: string | null;

  @Column({ type: 'text' })
  kind: UnitKind;

  @Column({ type: 'uuid', nullable: true })
  parentId: string | null;

  /** The code of the unit in the caller's own systems; import upserts by it. */
  @Column({ type: 'text', nullable: true })
  externalCode: string | null;

  /** Name and short name folded to plain lower-case letters, for search with or without diacritics. */
  @Column({ type: 'text', select: false })
  searchKey: string;

  @Column({ type: 'boolean', default: true })
  active: boolean;

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
