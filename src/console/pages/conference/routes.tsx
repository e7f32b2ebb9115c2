import type { RouteObject } from 'react-router';
import { InvitationsSection } from './invitations/InvitationsSection';
import { OverviewSection } from './OverviewSection';

/** The child routes of /conferences/:id, one per section (sections.ts gives their order and names). */
export const conferenceSectionRoutes: RouteObject[] = [
  { index: true, element: <OverviewSection /> },
  { path: 'invitations', element: <InvitationsSection /> },
];
