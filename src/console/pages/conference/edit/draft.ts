import type { Conference } from '../../../api';
import { localDate } from '../../../format';
import { ConferenceDraft, draftParts } from '../../ConferenceFields';

/** What the form shows for a stored conference (dates as dd/mm/yyyy, one purpose a line). */
export const draftOf = (c: Conference): ConferenceDraft => ({
  title: c.title,
  kind: c.kind,
  format: c.format,
  planReference: c.plan.reference ?? '',
  planIssuedOn: c.plan.issuedOn ? localDate(c.plan.issuedOn) : '',
  chair: c.chair.text ?? '',
  purposes: c.purposes.join('\n'),
  timeZone: c.timeZone,
  windowFrom: c.window ? localDate(c.window.from) : '',
  windowTo: c.window ? localDate(c.window.to) : '',
});

/** The PATCH body's parts, each of which a control belongs to; a blank clears (null). */
function bodyParts(d: ConferenceDraft, stored: Conference): Record<string, unknown> {
  const { plan, chair, purposes, window } = draftParts(d);
  return {
    title: d.title,
    kind: d.kind,
    format: d.format,
    plan: { reference: plan.reference ?? null, issuedOn: plan.issuedOn ?? null },
    chair: { text: chair.text ?? null },
    purposes,
    timeZone: d.timeZone.trim(),
    // The window's note has no control here: it is kept as stored.
    window: window ? { ...window, note: stored.window?.note ?? undefined } : null,
  };
}

/**
 * Only what the user changed from the copy the form was loaded from, so that a PATCH never sends
 * back (and so never undoes) a field the user did not touch.
 */
export function changedBody(
  from: ConferenceDraft,
  draft: ConferenceDraft,
  stored: Conference,
): Record<string, unknown> {
  const before = bodyParts(from, stored);
  const after = bodyParts(draft, stored);
  return Object.fromEntries(
    Object.entries(after).filter(([key, value]) => JSON.stringify(value) !== JSON.stringify(before[key])),
  );
}

/** The controls whose text differs between two drafts. */
export const changedControls = (a: ConferenceDraft, b: ConferenceDraft): (keyof ConferenceDraft)[] =>
  (Object.keys(a) as (keyof ConferenceDraft)[]).filter((key) => a[key] !== b[key]);

/**
 * The user's edits carried onto what is stored now: every control the user changed keeps the
 * user's text, every other one shows the new stored value.
 */
export function reapply(from: ConferenceDraft, draft: ConferenceDraft, now: ConferenceDraft): ConferenceDraft {
  const merged = { ...now };
  for (const key of changedControls(from, draft)) merged[key] = draft[key];
  return merged;
}
