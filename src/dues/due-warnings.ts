import { startOfDay } from '../common/zoned-time';
import { earliestDay, parsePlanDate } from '../conferences/plan-date';
import { Due, DueWarning, dueWarnings } from './reader';

/**
 * The warnings of a stored due, computed when it is read rather than stored beside it: they
 * depend on the plan's date, which may change after the due was written, and on the instant a
 * relative due resolves to, which follows the conference. Reading them from the stored fields
 * keeps GET, GET /deadlines and the checks saying the same thing as the POST that wrote the due.
 */
export function storedDueWarnings(due: Due, reference: Date | undefined): DueWarning[] {
  return reference ? dueWarnings([due], { zone: due.zone, referenceDate: reference }) : [];
}

/**
 * The instant a plan's date starts, in its zone: what dues are compared with. A partial date
 * ("2023-03") counts from its first day for a task plan; a paper's reference (the conference's
 * plan date) needs the full day, as when the paper's due is written (`dueContext` in presentations).
 */
export function planReference(issuedOn: string | null, zone: string, partial: boolean): Date | undefined {
  const date = issuedOn ? parsePlanDate(issuedOn) : null;
  if (!date || (!partial && date.day === undefined)) return undefined;
  const [year, month, day] = earliestDay(date).split('-').map(Number);
  return startOfDay({ year, month, day }, zone);
}
