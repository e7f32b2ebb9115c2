import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { PersonRole } from './directory.constants';
import { VIETNAMESE } from '../common/collation';

/**
 * A position a person holds (or held) in a unit: "Giám đốc Sở Nội vụ" is role `head` in the unit
 * Sở Nội vụ. A person may hold several at once and over time; current ones have no end date.
 */
@Entity({ name: 'person_position' })
export class Position {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'uuid' })
  personId: string;

  @Column({ type: 'uuid' })
  unitId: string;

  @Column({ type: 'text' })
  role: PersonRole;

  /** The title as written: "Chánh Văn phòng", "Phó Chủ tịch UBND huyện". */
  @Column({ type: 'text', collation: VIETNAMESE })
  title: string;

  @Column({ type: 'date', nullable: true })
  startedOn: string | null;

  @Column({ type: 'date', nullable: true })
  endedOn: string | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt: Date;
}
