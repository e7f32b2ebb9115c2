import type { RouteObject } from 'react-router';
import { AgendaSection } from './AgendaSection';
import { AuditSection } from './AuditSection';
import { CompositionSection } from './CompositionSection';
import { InvitationsSection } from './InvitationsSection';
import { MailSection } from './MailSection';
import { OverviewSection } from './OverviewSection';
import { PointsSection } from './PointsSection';
import { PresentationsSection } from './PresentationsSection';

/** The child routes of /conferences/:id, one per section (sections.ts gives their order and names). */
export const conferenceSectionRoutes: RouteObject[] = [
  { index: true, element: <OverviewSection /> },
  { path: 'points/*', element: <PointsSection /> },
  { path: 'composition/*', element: <CompositionSection /> },
  { path: 'agenda/*', element: <AgendaSection /> },
  { path: 'presentations/*', element: <PresentationsSection /> },
  { path: 'invitations/*', element: <InvitationsSection /> },
  { path: 'mail/*', element: <MailSection /> },
  { path: 'audit/*', element: <AuditSection /> },
];
