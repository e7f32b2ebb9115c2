/**
 * The sections of one conference, in the order an organizer works (issue 15). Each has its own
 * file and its own messages in locales/sections/; the layout draws the tabs from this list.
 */
export const CONFERENCE_SECTIONS = [
  { path: '', key: 'overview' },
  { path: 'points', key: 'points' },
  { path: 'composition', key: 'composition' },
  { path: 'agenda', key: 'agenda' },
  { path: 'presentations', key: 'presentations' },
  { path: 'invitations', key: 'invitations' },
  { path: 'mail', key: 'mail' },
  { path: 'audit', key: 'audit' },
] as const;

export type ConferenceSectionKey = (typeof CONFERENCE_SECTIONS)[number]['key'];
