import type { EntityManager } from 'typeorm';
import { fieldProblem, FieldProblem, unprocessable } from '../common/problem';
import type { ConferenceFormat } from './conference.constants';
import { Addressee, AddresseeDto, Chair, CitedDocument, CitedDocumentDto, Venue, VenueDto } from './plan-facts.dto';
import { optionalText } from './text-input';

const text = (value: string | null | undefined) => optionalText(value) ?? null;

/** Trimmed and NFC; a citation that says nothing but its relation is refused. */
export function citedDocuments(list: CitedDocumentDto[], field = 'citedDocuments'): CitedDocument[] {
  const documents = list.map((d) => ({
    relation: d.relation,
    documentType: text(d.documentType),
    number: text(d.number),
    issuedOn: d.issuedOn ?? null,
    issuer: text(d.issuer),
    title: text(d.title),
  }));
  const empty = documents.findIndex((d) => !d.number && !d.title && !d.documentType);
  if (empty >= 0)
    throw unprocessable([
      fieldProblem(`${field}[${empty}]`, 'required', 'a cited document needs its number, type or title'),
    ]);
  return documents;
}

/** Each addressee is a unit, its text, or both (the plan's words for the unit). */
export function addressees(list: AddresseeDto[], field = 'addressees'): Addressee[] {
  const out = list.map((a) => ({ unitId: a.unitId ?? null, text: text(a.text) }));
  const empty = out.findIndex((a) => !a.unitId && !a.text);
  if (empty >= 0)
    throw unprocessable([fieldProblem(`${field}[${empty}]`, 'required', 'an addressee needs unitId or text')]);
  return out;
}

/** Units named in a jsonb list cannot carry a foreign key: the service checks them here. */
export async function assertUnitsExist(manager: EntityManager, list: Addressee[], field = 'addressees'): Promise<void> {
  const ids = [...new Set(list.map((a) => a.unitId).filter((id): id is string => !!id))];
  if (ids.length === 0) return;
  const rows: { id: string }[] = await manager.query(`SELECT id FROM unit WHERE id = ANY($1::uuid[])`, [ids]);
  const known = new Set(rows.map((r) => r.id));
  const problems: FieldProblem[] = list
    .map((a, i) =>
      a.unitId && !known.has(a.unitId) ? fieldProblem(`${field}[${i}].unitId`, 'reference', 'names no unit') : null,
    )
    .filter((p): p is FieldProblem => p !== null);
  if (problems.length) throw unprocessable(problems, undefined, 'REFERENCE_NOT_FOUND');
}

/** Trimmed and NFC; a hall whose name is only spaces is refused like an empty one. */
export function venue(dto: VenueDto | null): Venue | null {
  if (dto === null) return null;
  const name = text(dto.name);
  if (!name) throw unprocessable([fieldProblem('venue.name', 'required', 'the hall needs a name')]);
  return { name, address: text(dto.address), room: text(dto.room) };
}

/**
 * An online meeting is held at its bridge points (the host point names its own hall): a venue
 * there would be a second, contradicting place, so it is refused rather than silently ignored.
 */
export function assertVenueFits(format: ConferenceFormat, place: Venue | null): void {
  if (place && format === 'online')
    throw unprocessable([
      fieldProblem('venue', 'format', 'an online meeting has no venue; set format in_person or hybrid, or venue null'),
    ]);
}

/** Co-chairs (đồng chủ trì): each names a person, the plan's words, or both. */
export function coChairs(list: { personId?: string | null; text?: string | null }[], field = 'coChairs'): Chair[] {
  const out = list.map((c) => ({ personId: c.personId ?? null, text: text(c.text) }));
  const empty = out.findIndex((c) => !c.personId && !c.text);
  if (empty >= 0)
    throw unprocessable([fieldProblem(`${field}[${empty}]`, 'required', 'a co-chair needs personId or text')]);
  return out;
}

/** People named in a jsonb list cannot carry a foreign key either. */
export async function assertPeopleExist(manager: EntityManager, list: Chair[], field = 'coChairs'): Promise<void> {
  const ids = [...new Set(list.map((c) => c.personId).filter((id): id is string => !!id))];
  if (ids.length === 0) return;
  const rows: { id: string }[] = await manager.query(`SELECT id FROM person WHERE id = ANY($1::uuid[])`, [ids]);
  const known = new Set(rows.map((r) => r.id));
  const problems: FieldProblem[] = list
    .map((c, i) =>
      c.personId && !known.has(c.personId)
        ? fieldProblem(`${field}[${i}].personId`, 'reference', 'names no person of the directory')
        : null,
    )
    .filter((p): p is FieldProblem => p !== null);
  if (problems.length) throw unprocessable(problems, undefined, 'REFERENCE_NOT_FOUND');
}
