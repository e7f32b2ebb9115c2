/** Why a planned reminder was not sent, as organizers read it in the reminder list and the outbox. */
export const SLOT_REASONS = {
  pastWhenPlanned: 'its time had already passed when it was planned',
  noLongerScheduled: 'the event no longer has this time (postponed, cancelled, done or met)',
  rescheduled: 'the time changed; reminders follow the new time',
  anchorPassed: 'the event had started (or the due had passed) when the reminder came due: catch-up skipped it',
  superseded: 'a later reminder of the same series was also due (catch-up sends only the latest)',
  offsetRemoved: 'the offset was removed from the reminder settings',
  sentLate: 'sent late (catch-up after the scheduler was not running)',
};

/** Why the renderer skips a queued reminder at sending time (the data changed since it was queued). */
export const RENDER_SKIPS = {
  conferenceGone: 'the conference no longer exists',
  notScheduled: (status: string) => `the conference is ${status}`,
  moved: 'the conference moved; this reminder was for its old time',
  started: 'the conference has started',
  notRecipient: 'the recipient is no longer in the audience (declined, withdrawn or replaced)',
  testChanged: 'the connection test is no longer scheduled at this time',
  dueChanged: 'the due changed, was met or no longer applies',
  badPayload: 'the payload does not name a reminder',
};
