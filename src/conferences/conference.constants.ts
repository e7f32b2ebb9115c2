/** technical_test: chạy thử kỹ thuật; rehearsal: tổng duyệt; ceremony: lễ (kỷ niệm, trao tặng, …). */
export const CONFERENCE_KINDS = [
  'conference',
  'roundtable',
  'meeting',
  'training',
  'other',
  'technical_test',
  'rehearsal',
  'ceremony',
] as const;
export type ConferenceKind = (typeof CONFERENCE_KINDS)[number];

export const CONFERENCE_FORMATS = ['online', 'in_person', 'hybrid'] as const;
export type ConferenceFormat = (typeof CONFERENCE_FORMATS)[number];

export const CONFERENCE_STATUSES = ['draft', 'scheduled', 'postponed', 'held', 'closed', 'cancelled'] as const;
export type ConferenceStatus = (typeof CONFERENCE_STATUSES)[number];

export const MEMBER_ROLES = ['owner', 'organizer', 'observer'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

/** Conferences in these states are finished: their content no longer changes. */
export const FINISHED_STATUSES: readonly ConferenceStatus[] = ['closed', 'cancelled'];
