/**
 * The life of a paper: pending → submitted (on time or late) → accepted, or returned with a
 * comment → resubmitted → accepted or returned again. Uploading again before a review keeps the
 * status and adds a version. Accepted is final; a closed assignment (or one of a finished
 * conference) takes no uploads.
 */
export const PRESENTATION_STATUSES = ['pending', 'submitted', 'returned', 'resubmitted', 'accepted'] as const;
export type PresentationStatus = (typeof PRESENTATION_STATUSES)[number];

export type PresentationAction = 'upload' | 'accept' | 'return';

const TRANSITIONS: Record<PresentationAction, Partial<Record<PresentationStatus, PresentationStatus>>> = {
  upload: { pending: 'submitted', submitted: 'submitted', returned: 'resubmitted', resubmitted: 'resubmitted' },
  accept: { submitted: 'accepted', resubmitted: 'accepted' },
  return: { submitted: 'returned', resubmitted: 'returned' },
};

export function nextPresentationStatus(
  current: PresentationStatus,
  action: PresentationAction,
): PresentationStatus | null {
  return TRANSITIONS[action][current] ?? null;
}

/** What the organizer and the speaker may do now. */
export function allowedPresentationActions(
  current: PresentationStatus,
  closed: boolean,
): (PresentationAction | 'close' | 'reopen')[] {
  const actions: (PresentationAction | 'close' | 'reopen')[] = [];
  if (!closed && nextPresentationStatus(current, 'upload')) actions.push('upload');
  if (nextPresentationStatus(current, 'accept')) actions.push('accept');
  if (!closed && nextPresentationStatus(current, 'return')) actions.push('return');
  if (current !== 'accepted') actions.push(closed ? 'reopen' : 'close');
  return actions;
}
