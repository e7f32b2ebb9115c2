import { Column, Entity, PrimaryColumn } from 'typeorm';

/** Values every instance must share (e.g. the JWT signing key when none is configured). */
@Entity({ name: 'system_setting' })
export class SystemSetting {
  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ type: 'text' })
  value: string;
}
