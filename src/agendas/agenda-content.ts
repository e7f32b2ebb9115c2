import type { EntityManager } from 'typeorm';
import { fieldProblem, FieldProblem, unprocessable } from '../common/problem';
import { optionalText } from '../conferences/text-input';
import type { Performer, SlotContent, SubItem } from './agenda-slot.entity';
import type { PerformerDto, SlotContentDto } from './agendas.dto';

/**
 * A slot's performers, sub-items and place as stored: trimmed and NFC, each performer saying
 * something, the units and people named checked against the directory (jsonb has no foreign key).
 */
const text = (value: string | null | undefined) => optionalText(value) ?? null;

function performerOf(dto: PerformerDto, field: string): Performer {
  const performer = { unitId: dto.unitId ?? null, personId: dto.personId ?? null, text: text(dto.text) };
  if (!performer.unitId && !performer.personId && !performer.text)
    throw unprocessable([fieldProblem(field, 'required', 'a performer needs unitId, personId or text')]);
  return performer;
}

const performersOf = (list: PerformerDto[], field: string): Performer[] =>
  list.map((p, i) => performerOf(p, `${field}[${i}]`));

/**
 * Copies the content fields a request carries onto a slot; undefined keeps, null clears. The single
 * `performer` of the first API is read as a list of one; sending it beside `performers` is refused.
 */
export function applySlotContent(slot: SlotContent, dto: SlotContentDto, prefix = ''): void {
  if (dto.performer !== undefined && dto.performers !== undefined)
    throw unprocessable([
      fieldProblem(`${prefix}performers`, 'oneOf', 'give performers (the list) or performer (one), not both'),
    ]);
  if (dto.performers !== undefined) slot.performers = performersOf(dto.performers, `${prefix}performers`);
  else if (dto.performer !== undefined)
    slot.performers = dto.performer === null ? [] : [performerOf(dto.performer, `${prefix}performer`)];
  if (dto.subItems !== undefined)
    slot.subItems = dto.subItems.map((item, i): SubItem => ({
      text: text(item.text) ?? '',
      performers: performersOf(item.performers ?? [], `${prefix}subItems[${i}].performers`),
    }));
  const blank = (slot.subItems ?? []).findIndex((item) => !item.text);
  if (blank >= 0)
    throw unprocessable([fieldProblem(`${prefix}subItems[${blank}].text`, 'required', 'a sub-item needs its text')]);
  if (dto.place !== undefined) slot.place = text(dto.place);
  slot.performers ??= [];
  slot.subItems ??= [];
  slot.place ??= null;
}

/** Every performer of a slot with the field that names it, the slot's own first. */
function namedPerformers(slot: SlotContent, prefix: string): { performer: Performer; field: string }[] {
  return [
    ...slot.performers.map((performer, i) => ({ performer, field: `${prefix}performers[${i}]` })),
    ...slot.subItems.flatMap((item, i) =>
      item.performers.map((performer, j) => ({ performer, field: `${prefix}subItems[${i}].performers[${j}]` })),
    ),
  ];
}

/** Refuses units and people that do not exist (422 REFERENCE_NOT_FOUND naming the field). */
export async function assertPerformersExist(
  manager: EntityManager,
  slots: { slot: SlotContent; prefix: string }[],
): Promise<void> {
  const named = slots.flatMap(({ slot, prefix }) => namedPerformers(slot, prefix));
  const { units, people } = await namesOf(
    manager,
    named.map((n) => n.performer),
  );
  const problems: FieldProblem[] = [];
  for (const { performer, field } of named) {
    if (performer.unitId && !units.has(performer.unitId))
      problems.push(fieldProblem(`${field}.unitId`, 'reference', 'names no unit'));
    if (performer.personId && !people.has(performer.personId))
      problems.push(fieldProblem(`${field}.personId`, 'reference', 'names no person'));
  }
  if (problems.length > 0) throw unprocessable(problems, undefined, 'REFERENCE_NOT_FOUND');
}

export interface Names {
  units: Map<string, string>;
  people: Map<string, string>;
}

/** The names of the units and people performers name, in two statements whatever their number. */
export async function namesOf(manager: EntityManager, performers: Performer[]): Promise<Names> {
  const ids = (pick: (p: Performer) => string | null) => [
    ...new Set(performers.map(pick).filter((id): id is string => !!id)),
  ];
  const unitIds = ids((p) => p.unitId);
  const personIds = ids((p) => p.personId);
  const units: { id: string; name: string }[] = unitIds.length
    ? await manager.query(`SELECT id, name FROM unit WHERE id = ANY($1::uuid[])`, [unitIds])
    : [];
  const people: { id: string; name: string }[] = personIds.length
    ? await manager.query(`SELECT id, full_name AS name FROM person WHERE id = ANY($1::uuid[])`, [personIds])
    : [];
  return { units: new Map(units.map((u) => [u.id, u.name])), people: new Map(people.map((p) => [p.id, p.name])) };
}

/** Every performer of a list of slots (and of their sub-items). */
export const allPerformers = (slots: Pick<SlotContent, 'performers' | 'subItems'>[]): Performer[] =>
  slots.flatMap((s) => [...s.performers, ...s.subItems.flatMap((i) => i.performers)]);
