import type { RouteObject } from 'react-router';
import { EditConferencePage } from './edit/EditConferencePage';
import { InvitationsSection } from './invitations/InvitationsSection';
import { OverviewSection } from './OverviewSection';
import { PointsSection } from './points/PointsSection';

/** The child routes of /conferences/:id, one per section (sections.ts gives their order and names), and the edit form. */
export const conferenceSectionRoutes: RouteObject[] = [
  { index: true, element: <OverviewSection /> },
  { path: 'points', element: <PointsSection /> },
  { path: 'edit', element: <EditConferencePage /> },
  { path: 'invitations', element: <InvitationsSection /> },
];
