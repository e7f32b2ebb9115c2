import { fieldProblem, unprocessable } from '../common/problem';
import type { WindowDto } from './conferences.dto';
import { optionalText } from './text-input';

/**
 * A tentative window ("dự kiến cuối tháng 10-2018", "01 buổi, 06–10/3/2023") as stored: the first
 * and last possible day in the event's zone and the plan's words. One model for a conference and
 * for a cluster of a roundtable; the time is confirmed later by each one's schedule action.
 */
export interface WindowColumns {
  windowFrom: string | null;
  windowTo: string | null;
  windowNote: string | null;
}

export interface WindowResponse {
  from: string;
  to: string;
  note: string | null;
}

/** The columns of a window from a request (null clears); refuses a last day before the first. */
export function windowColumns(window: WindowDto | null, field = 'window'): WindowColumns {
  if (window && window.to < window.from)
    throw unprocessable([fieldProblem(`${field}.to`, 'notBeforeFrom', `${field}.to must not be before ${field}.from`)]);
  return {
    windowFrom: window?.from ?? null,
    windowTo: window?.to ?? null,
    windowNote: window ? (optionalText(window.note) ?? null) : null,
  };
}

export const windowResponse = (row: WindowColumns): WindowResponse | null =>
  row.windowFrom && row.windowTo ? { from: row.windowFrom, to: row.windowTo, note: row.windowNote } : null;
