import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { isoInZone } from '../common/zoned-time';
import {
  Bilingual,
  Due,
  DueKind,
  DuePrecision,
  DueSpec,
  DueWarning,
  formatDeadline,
  formatDue,
  specOf,
} from './reader';
import { storedDueWarnings } from './due-warnings';
import { DueChange } from './due-change.entity';
import { DueEntry } from './due-entry.entity';

/** A stored due as the API shows it: the model, its words in both languages, and when it is missed. */
export class DueResponse {
  @ApiProperty() id: string;
  @ApiProperty({ description: 'Position in the owner’s list of dues (0 for a presentation).' }) position: number;
  @ApiProperty() kind: DueKind;
  @ApiProperty({ description: 'The words it was read from, or the Vietnamese wording of a structured due.' })
  text: string;
  @ApiPropertyOptional({ description: 'Words around the due in the same clause of the plan.' }) note?: string;
  @ApiProperty({ description: 'The structure (what the API accepts back).' }) spec: DueSpec;
  @ApiProperty() precision: DuePrecision;
  @ApiProperty({
    nullable: true,
    description: 'The first instant at which the due is missed, in the due’s zone; null while unresolved.',
  })
  resolvesAt: string | null;
  @ApiProperty({ nullable: true }) period: { start: string; end: string } | null;
  @ApiProperty() zone: string;
  @ApiProperty({ description: 'The due in words: "chậm nhất ngày 24/02/2023" / "by 24 February 2023".' })
  formatted: Bilingual;
  @ApiProperty({ description: 'When it must be met: "hết ngày 24/02/2023", or why that is not known yet.' })
  deadline: Bilingual;
  @ApiProperty({ description: 'A relative due whose conference has no date, an event-bound or recurring due.' })
  unresolved: boolean;
  @ApiProperty({ nullable: true }) metAt: string | null;
  @ApiProperty({
    description:
      'What the reader warns about this due, e.g. DUE_BEFORE_REFERENCE (due before the plan’s date): code, fragment, message.',
  })
  warnings: DueWarning[];
}

/** `reference`: the start of the plan's date, when it has one (see `planReference`). */
export function toDueResponse(entry: DueEntry, reference?: Date): DueResponse {
  const due: Due = entry.due;
  return {
    id: entry.id,
    position: entry.position,
    kind: due.kind,
    text: due.text,
    ...(due.note ? { note: due.note } : {}),
    spec: specOf(due),
    precision: due.precision,
    resolvesAt: due.resolvesAt,
    period: due.period,
    zone: due.zone,
    formatted: { vi: formatDue(due, 'vi'), en: formatDue(due, 'en') },
    deadline: { vi: formatDeadline(due, 'vi'), en: formatDeadline(due, 'en') },
    unresolved: due.resolvesAt === null,
    metAt: entry.metAt ? isoInZone(entry.metAt, due.zone) : null,
    warnings: storedDueWarnings(due, reference),
  };
}

export interface DueChangeResponse {
  id: string;
  dueId: string;
  at: string;
  cause: string;
  from: { text: string; resolvesAt: string | null } | null;
  to: { text: string; resolvesAt: string | null };
  reason: string | null;
  actor: { kind: string; id: string | null; label: string };
}

export const toDueChangeResponse = (h: DueChange): DueChangeResponse => ({
  id: String(h.id),
  dueId: h.dueId,
  at: h.at.toISOString(),
  cause: h.cause,
  from: h.fromDue ? { text: h.fromDue.text, resolvesAt: h.fromDue.resolvesAt } : null,
  to: { text: h.toDue.text, resolvesAt: h.toDue.resolvesAt },
  reason: h.reason,
  actor: { kind: h.actorKind, id: h.actorId, label: h.actorLabel },
});
