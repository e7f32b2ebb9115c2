import type { Caller, LinkCallerName, UserCallerName } from './world';

/**
 * Who may call each endpoint, by kind of access. Every route of the application must be listed:
 * the access matrix (test/access-matrix.e2e-spec.ts) fails for a route without a rule, and for a
 * rule whose route is gone.
 */
export type Access =
  | 'public' // anyone, no token
  | 'link' // a secret link in the path is the credential; no account needed
  | 'signedIn' // any account; answers are filtered to what the caller may see
  | 'writer' // admins and organizers (observer accounts read only)
  | 'self' // the caller's own thing (their API tokens)
  | 'admin'
  | 'directory.steward' // admins, and stewards of the unit (the world's owner); other organizers 403
  | 'feeds.manage' // admins, and organizers of every conference and plan the feed shows, issue and revoke it (anyone else: not found)
  | 'outbox.queue' // a message of a conference: admins, and its owners and organizers (anyone else: not found)
  | 'conference.read' // members of the conference (owners, organizers, observers) and admins
  | 'conference.manage' // owners and organizers of the conference, and admins
  | 'conference.owner' // owners of the conference and admins
  | 'conference.copy' // who may read the conference and create conferences (observer accounts 403)
  | 'plan.read'
  | 'plan.manage'
  | 'plan.owner';

/** What a caller must get: through (anything but 401/403/404 and 5xx), or refused with that status. */
export type Expect = 'through' | 401 | 403 | 404;

export const ACCESS_RULES: Record<string, Access> = {
  'DELETE /auth/session': 'signedIn',
  'DELETE /auth/tokens/:id': 'self',
  'DELETE /conferences/:conferenceId/agenda/slots/:slotId': 'conference.manage',
  'DELETE /conferences/:conferenceId/bridge-points/:pointId': 'conference.manage',
  'DELETE /conferences/:conferenceId/clusters/:clusterId/agenda/slots/:slotId': 'conference.manage',
  'DELETE /conferences/:conferenceId/composition/rules/:ruleId': 'conference.manage',
  'DELETE /conferences/:conferenceId/invitations/:invitationId': 'conference.manage',
  'DELETE /conferences/:conferenceId/invitations/coordinator-links/:siteId': 'conference.manage',
  'DELETE /conferences/:conferenceId/site-coordinators/:userId': 'conference.manage',
  'DELETE /conferences/:conferenceId/units/:unitId/speaker-link': 'conference.manage',
  'DELETE /conferences/:id/members/:userId': 'conference.owner',
  'DELETE /feeds/people/:personId': 'feeds.manage',
  'DELETE /feeds/units/:unitId': 'feeds.manage',
  'DELETE /people/:id': 'directory.steward',
  'DELETE /plans/:id': 'plan.manage',
  'DELETE /plans/:id/members/:userId': 'plan.owner',
  'DELETE /plans/:planId/tasks/:taskId': 'plan.manage',
  'DELETE /presentations/:id': 'conference.manage',
  'DELETE /presentations/:id/speaker-link': 'conference.manage',
  'DELETE /units/:id': 'directory.steward',
  'DELETE /units/:id/stewards/:userId': 'admin',
  'GET /audit': 'admin',
  'GET /auth/me': 'signedIn',
  'GET /auth/tokens': 'signedIn',
  'GET /calendar-replies': 'admin',
  'GET /conference-summaries': 'signedIn',
  'GET /conferences': 'signedIn',
  'GET /conferences/:conferenceId/agenda': 'conference.read',
  'GET /conferences/:conferenceId/agenda-template': 'conference.read',
  'GET /conferences/:conferenceId/agenda.html': 'conference.read',
  'GET /conferences/:conferenceId/agenda.ics': 'conference.read',
  'GET /conferences/:conferenceId/audit': 'conference.manage',
  'GET /conferences/:conferenceId/bridge-points': 'conference.read',
  'GET /conferences/:conferenceId/bridge-points/:pointId': 'conference.read',
  'GET /conferences/:conferenceId/bridge-points/summary': 'conference.read',
  'GET /conferences/:conferenceId/checks': 'conference.read',
  'GET /conferences/:conferenceId/clusters': 'conference.read',
  'GET /conferences/:conferenceId/clusters/:clusterId': 'conference.read',
  'GET /conferences/:conferenceId/clusters/:clusterId/agenda': 'conference.read',
  'GET /conferences/:conferenceId/clusters/:clusterId/agenda.html': 'conference.read',
  'GET /conferences/:conferenceId/clusters/:clusterId/agenda.ics': 'conference.read',
  'GET /conferences/:conferenceId/composition/preview': 'conference.read',
  'GET /conferences/:conferenceId/composition/rules': 'conference.read',
  'GET /conferences/:conferenceId/composition/rules/:ruleId': 'conference.read',
  'GET /conferences/:conferenceId/invitation-letter': 'conference.read',
  'GET /conferences/:conferenceId/invitation-letter/preview': 'conference.read',
  'GET /conferences/:conferenceId/invitation-letter/preview.html': 'conference.read',
  'GET /conferences/:conferenceId/invitations': 'conference.read',
  'GET /conferences/:conferenceId/invitations/cascade': 'conference.read',
  'GET /conferences/:conferenceId/invitations/export.csv': 'conference.read',
  'GET /conferences/:conferenceId/invitations/candidates': 'conference.read',
  'GET /conferences/:conferenceId/invitations/sites': 'conference.read',
  'GET /conferences/:conferenceId/invitations/summary': 'conference.read',
  'GET /conferences/:conferenceId/presentations': 'conference.read',
  'GET /conferences/:conferenceId/reminder-settings': 'conference.read',
  'GET /conferences/:conferenceId/reminders': 'conference.read',
  'GET /conferences/:conferenceId/site-coordinators': 'conference.read',
  'GET /conferences/:id': 'conference.read',
  'GET /conferences/:id/members': 'conference.read',
  'GET /conferences/:id/schedule-history': 'conference.read',
  'GET /coordination': 'signedIn',
  'GET /deadlines': 'signedIn',
  'GET /feeds/:file': 'link',
  'GET /health': 'public',
  'GET /invitations/answer/:token': 'link',
  'GET /outbox/messages': 'signedIn',
  'GET /outbox/messages/:id': 'signedIn',
  'GET /outbox/messages/:id/calendar': 'signedIn',
  'GET /outbox/messages/:id/eml': 'signedIn',
  'GET /outbox/queue': 'signedIn',
  'GET /outbox/queue/:id': 'outbox.queue',
  'GET /outbox/queue/summary': 'signedIn',
  'GET /people': 'signedIn',
  'GET /people/:id': 'signedIn',
  'GET /people/export.csv': 'signedIn',
  'GET /people/roles': 'signedIn',
  'GET /plans': 'signedIn',
  'GET /plans/:id': 'plan.read',
  'GET /plans/:id/members': 'plan.read',
  'GET /plans/:planId/checks': 'plan.read',
  'GET /plans/:planId/tasks': 'plan.read',
  'GET /plans/:planId/tasks/:taskId': 'plan.read',
  'GET /plans/:planId/tasks/:taskId/due-history': 'plan.read',
  'GET /plans/:planId/tasks/:taskId/progress': 'plan.read',
  'GET /presentations/:id': 'conference.read',
  'GET /presentations/:id/due-history': 'conference.read',
  'GET /presentations/:id/history': 'conference.read',
  'GET /presentations/:id/submissions': 'conference.read',
  'GET /presentations/:id/submissions/:submissionId/file': 'conference.manage',
  'GET /speaker/:token': 'link',
  'GET /speaker/:token/files/:submissionId': 'link',
  'GET /units': 'signedIn',
  'GET /units/:id': 'signedIn',
  'GET /units/:id/ancestors': 'signedIn',
  'GET /units/:id/children': 'signedIn',
  'GET /units/:id/descendants': 'signedIn',
  'GET /units/:id/stewards': 'admin',
  'GET /units/export.csv': 'signedIn',
  'GET /units/kinds': 'signedIn',
  'GET /users': 'admin',
  'GET /users/:id': 'admin',
  'PATCH /auth/me': 'signedIn',
  'PATCH /conferences/:conferenceId/agenda/slots/:slotId': 'conference.manage',
  'PATCH /conferences/:conferenceId/bridge-points/:pointId': 'conference.manage',
  'PATCH /conferences/:conferenceId/clusters/:clusterId': 'conference.manage',
  'PATCH /conferences/:conferenceId/clusters/:clusterId/agenda/slots/:slotId': 'conference.manage',
  'PATCH /conferences/:conferenceId/composition/rules/:ruleId': 'conference.manage',
  'PATCH /conferences/:id': 'conference.manage',
  'PATCH /people/:id': 'directory.steward',
  'PATCH /plans/:id': 'plan.manage',
  'PATCH /plans/:planId/tasks/:taskId': 'plan.manage',
  'PATCH /presentations/:id': 'conference.manage',
  'PATCH /units/:id': 'directory.steward',
  'PATCH /users/:id': 'admin',
  'POST /auth/login': 'public',
  'POST /auth/session': 'public',
  'POST /auth/tokens': 'self',
  'POST /conferences': 'writer',
  'POST /conferences/:conferenceId/agenda/apply-template': 'conference.manage',
  'POST /conferences/:conferenceId/agenda/shift': 'conference.manage',
  'POST /conferences/:conferenceId/agenda/slots': 'conference.manage',
  'POST /conferences/:conferenceId/bridge-points': 'conference.manage',
  'POST /conferences/:conferenceId/bridge-points/bulk': 'conference.manage',
  'POST /conferences/:conferenceId/clusters': 'conference.manage',
  'POST /conferences/:conferenceId/clusters/:clusterId/agenda/apply-template': 'conference.manage',
  'POST /conferences/:conferenceId/clusters/:clusterId/agenda/shift': 'conference.manage',
  'POST /conferences/:conferenceId/clusters/:clusterId/agenda/slots': 'conference.manage',
  'POST /conferences/:conferenceId/clusters/:clusterId/cancel': 'conference.manage',
  'POST /conferences/:conferenceId/clusters/:clusterId/schedule': 'conference.manage',
  'POST /conferences/:conferenceId/composition/rules': 'conference.manage',
  'POST /conferences/:conferenceId/composition/rules/copy': 'conference.manage',
  'POST /conferences/:conferenceId/invitations': 'conference.manage',
  'POST /conferences/:conferenceId/invitations/coordinator-links': 'conference.manage',
  'POST /conferences/:conferenceId/invitations/generate': 'conference.manage',
  'POST /conferences/:conferenceId/invitations/send': 'conference.manage',
  'POST /conferences/:conferenceId/invitations/:invitationId/resend': 'conference.manage',
  'POST /conferences/:conferenceId/presentations': 'conference.manage',
  'POST /conferences/:conferenceId/units/:unitId/speaker-link': 'conference.manage',
  'POST /conferences/:id/cancel': 'conference.manage',
  'POST /conferences/:id/cancel/preview': 'conference.manage',
  'POST /conferences/:id/close': 'conference.manage',
  'POST /conferences/:id/copy': 'conference.copy',
  'POST /conferences/:id/hold': 'conference.manage',
  'POST /conferences/:id/members': 'conference.owner',
  'POST /conferences/:id/postpone': 'conference.manage',
  'POST /conferences/:id/postpone/preview': 'conference.manage',
  'POST /conferences/:id/schedule': 'conference.manage',
  // Reads a text and stores nothing: any account, observers too.
  'POST /dues/preview': 'signedIn',
  'POST /conferences/:id/schedule/preview': 'conference.manage',
  'POST /feeds/people/:personId': 'feeds.manage',
  'POST /feeds/units/:unitId': 'feeds.manage',
  'POST /invitations/answer/:token': 'link',
  'POST /outbox/queue/:id/cancel': 'outbox.queue',
  'POST /outbox/queue/:id/retry': 'outbox.queue',
  'POST /outbox/test-message': 'admin',
  'POST /people': 'directory.steward',
  'POST /people/:id/positions': 'directory.steward',
  'POST /people/:id/positions/:positionId/end': 'directory.steward',
  'POST /people/import': 'admin',
  'POST /plans': 'writer',
  'POST /plans/:id/members': 'plan.owner',
  'POST /plans/:planId/tasks': 'plan.manage',
  'POST /plans/:planId/tasks/:taskId/progress': 'plan.manage',
  'POST /presentations/:id/accept': 'conference.manage',
  'POST /presentations/:id/close': 'conference.manage',
  'POST /presentations/:id/reopen': 'conference.manage',
  'POST /presentations/:id/return': 'conference.manage',
  'POST /presentations/:id/speaker-link': 'conference.manage',
  'POST /presentations/:id/submissions': 'conference.manage',
  'POST /speaker/:token': 'link',
  'POST /units': 'directory.steward',
  'POST /units/import': 'admin',
  'POST /users': 'admin',
  'PUT /conferences/:conferenceId/agenda-template': 'conference.manage',
  'PUT /conferences/:conferenceId/bridge-points/:pointId/readiness': 'conference.manage',
  'PUT /conferences/:conferenceId/invitation-letter': 'conference.manage',
  'PUT /conferences/:conferenceId/reminder-settings': 'conference.manage',
  'PUT /conferences/:conferenceId/site-coordinators/:userId': 'conference.manage',
  'PUT /units/:id/stewards/:userId': 'admin',
};

/** What a caller that holds a resource's scope gets (`own`), and one scoped to another resource of the same kind (`other`). */
interface Reach {
  own: Expect;
  other: Expect;
}
const THROUGH: Reach = { own: 'through', other: 'through' };
const ORGANIZERS_ONLY: Reach = { own: 403, other: 403 };
const OWN_ONLY: Reach = { own: 'through', other: 404 };

/**
 * Where site coordinators reach — by link or by account, scoped to the first remote point (`own`,
 * where the world's invitation is) or to the second (`other`). Lists and counts answer each its
 * own sites; writes with the matrix's empty body stop at validation; the organizer's views answer 403.
 * Everywhere else a coordinator link is no credential (401) and a coordinator account is a
 * stranger to the conference (404).
 */
export const COORDINATOR_REACH: Record<string, Reach> = {
  'GET /conferences/:conferenceId/invitations': THROUGH,
  'POST /conferences/:conferenceId/invitations': THROUGH,
  'POST /conferences/:conferenceId/invitations/generate': THROUGH,
  'POST /conferences/:conferenceId/invitations/send': THROUGH,
  'GET /conferences/:conferenceId/invitations/summary': THROUGH,
  'GET /conferences/:conferenceId/invitations/sites': THROUGH,
  'GET /conferences/:conferenceId/invitations/candidates': THROUGH,
  'GET /conferences/:conferenceId/invitations/export.csv': THROUGH,
  'POST /conferences/:conferenceId/invitations/coordinator-links': THROUGH,
  'DELETE /conferences/:conferenceId/invitations/:invitationId': OWN_ONLY,
  'POST /conferences/:conferenceId/invitations/:invitationId/resend': OWN_ONLY,
  'GET /conferences/:conferenceId/invitations/cascade': ORGANIZERS_ONLY,
  'GET /conferences/:conferenceId/invitation-letter': ORGANIZERS_ONLY,
  'GET /conferences/:conferenceId/invitation-letter/preview': ORGANIZERS_ONLY,
  'GET /conferences/:conferenceId/invitation-letter/preview.html': ORGANIZERS_ONLY,
  'PUT /conferences/:conferenceId/invitation-letter': ORGANIZERS_ONLY,
  'DELETE /conferences/:conferenceId/invitations/coordinator-links/:siteId': ORGANIZERS_ONLY,
};

/**
 * Where a speaker link reaches: its own presentation (`own`); the link of another presentation
 * gets 404 there. A unit's link reaches the same endpoints for every presentation of its unit.
 */
export const SPEAKER_REACH: Record<string, Reach> = {
  'GET /presentations/:id': OWN_ONLY,
  'GET /presentations/:id/submissions': OWN_ONLY,
  'POST /presentations/:id/submissions': OWN_ONLY,
  'GET /presentations/:id/submissions/:submissionId/file': OWN_ONLY,
};

const LINK_SCOPES: Record<LinkCallerName, { reach: Record<string, Reach>; side: keyof Reach } | null> = {
  coordinatorLink: { reach: COORDINATOR_REACH, side: 'own' },
  otherCoordinatorLink: { reach: COORDINATOR_REACH, side: 'other' },
  speakerLink: { reach: SPEAKER_REACH, side: 'own' },
  otherSpeakerLink: { reach: SPEAKER_REACH, side: 'other' },
  unitLink: { reach: SPEAKER_REACH, side: 'own' },
  otherUnitLink: { reach: SPEAKER_REACH, side: 'other' },
  // A delegate's answer link opens its answer page (a 'link' route) and nothing else.
  answerLink: null,
};

/**
 * The expected answer of each caller for each kind of access, on the world's resources (owned by
 * `owner`; `observerMember` observes them; `stranger` owns something else; `observerAccount` is a
 * read-only account that is not a member). Someone else's conference or plan answers 404, not 403:
 * a 403 would tell them it exists.
 */
export function expected(access: Access, caller: Caller['name'], method: string, route: string): Expect {
  if (access === 'public' || access === 'link') return 'through';
  if (caller === 'anonymous') return 401;
  if (isLinkCaller(caller)) {
    const scope = LINK_SCOPES[caller];
    return scope?.reach[route]?.[scope.side] ?? 401;
  }
  if (caller === 'coordinatorAccount' && COORDINATOR_REACH[route]) return COORDINATOR_REACH[route].own;
  const write = method !== 'GET';
  const table: Record<Exclude<Access, 'public' | 'link'>, Record<UserCallerName, Expect>> = {
    signedIn: {
      admin: 'through',
      owner: 'through',
      observerMember: 'through',
      stranger: 'through',
      observerAccount: 'through',
      coordinatorAccount: 'through',
    },
    writer: {
      admin: 'through',
      owner: 'through',
      observerMember: 'through',
      stranger: 'through',
      observerAccount: 403,
      coordinatorAccount: 'through',
    },
    self: {
      admin: 404,
      owner: 'through',
      observerMember: 404,
      stranger: 404,
      observerAccount: 404,
      coordinatorAccount: 404,
    },
    admin: {
      admin: 'through',
      owner: 403,
      observerMember: 403,
      stranger: 403,
      observerAccount: 403,
      coordinatorAccount: 403,
    },
    'directory.steward': {
      admin: 'through',
      owner: 'through',
      observerMember: 403,
      stranger: 403,
      observerAccount: 403,
      coordinatorAccount: 403,
    },
    'feeds.manage': {
      admin: 'through',
      owner: 'through',
      observerMember: 404,
      stranger: 404,
      observerAccount: 403,
      coordinatorAccount: 404,
    },
    'outbox.queue': {
      admin: 'through',
      owner: 'through',
      observerMember: 404,
      stranger: 404,
      observerAccount: write ? 403 : 404,
      coordinatorAccount: 404,
    },
    'conference.read': {
      admin: 'through',
      owner: 'through',
      observerMember: 'through',
      stranger: 404,
      observerAccount: 404,
      coordinatorAccount: 404,
    },
    'conference.manage': {
      admin: 'through',
      owner: 'through',
      observerMember: 403,
      stranger: 404,
      observerAccount: write ? 403 : 404,
      coordinatorAccount: 404,
    },
    'conference.copy': {
      admin: 'through',
      owner: 'through',
      observerMember: 'through',
      stranger: 404,
      observerAccount: 403,
      coordinatorAccount: 404,
    },
    'conference.owner': {
      admin: 'through',
      owner: 'through',
      observerMember: 403,
      stranger: 404,
      observerAccount: write ? 403 : 404,
      coordinatorAccount: 404,
    },
    'plan.read': {
      admin: 'through',
      owner: 'through',
      observerMember: 'through',
      stranger: 404,
      observerAccount: 404,
      coordinatorAccount: 404,
    },
    'plan.manage': {
      admin: 'through',
      owner: 'through',
      observerMember: 403,
      stranger: 404,
      observerAccount: write ? 403 : 404,
      coordinatorAccount: 404,
    },
    'plan.owner': {
      admin: 'through',
      owner: 'through',
      observerMember: 403,
      stranger: 404,
      observerAccount: write ? 403 : 404,
      coordinatorAccount: 404,
    },
  };
  return table[access][caller];
}

const isLinkCaller = (caller: Caller['name']): caller is LinkCallerName => caller in LINK_SCOPES;
