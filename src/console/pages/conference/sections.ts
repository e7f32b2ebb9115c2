/**
 * The sections of one conference, in the order an organizer works (issue 15: overview, bridge
 * points, composition, agenda, presentations, invitations, mail, audit). Each has its own file and
 * its own messages in locales/sections/; the layout draws the tabs from this list and routes.tsx
 * mounts them. Built so far: the overview, the bridge points and the invitations.
 */
export const CONFERENCE_SECTIONS = [
  { path: '', key: 'overview' },
  { path: 'points', key: 'points' },
  { path: 'invitations', key: 'invitations' },
] as const;

export type ConferenceSectionKey = (typeof CONFERENCE_SECTIONS)[number]['key'];
