export const USER_ROLES = ['admin', 'organizer', 'observer'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const USER_LANGUAGES = ['vi', 'en'] as const;
export type UserLanguage = (typeof USER_LANGUAGES)[number];

/** Someone signed in with a password (JWT) or an API token. */
export interface UserPrincipal {
  kind: 'user';
  userId: string;
  email: string;
  role: UserRole;
  /** Set when the request came with an API token rather than a login token. */
  apiTokenId?: string;
  /** Set when the request came with a console session cookie. */
  browserSessionId?: string;
}

/** Someone holding a secret link (a delegate, a site coordinator, a speaker), scoped to its subject. */
export interface LinkPrincipal {
  kind: 'link';
  linkId: string;
  purpose: string;
  subjectId: string;
  conferenceId: string | null;
}

export type Principal = UserPrincipal | LinkPrincipal;

/** Who did something, as recorded in histories and the audit log. */
export interface Actor {
  /** `mail`: a delegate answering from their calendar app (an iMIP REPLY, src/replies). */
  kind: 'user' | 'link' | 'system' | 'mail';
  id: string | null;
  label: string;
}

export function actorOf(principal: Principal | undefined): Actor {
  if (!principal) return SYSTEM_ACTOR;
  if (principal.kind === 'user') return { kind: 'user', id: principal.userId, label: principal.email };
  return { kind: 'link', id: principal.linkId, label: `${principal.purpose} link` };
}

export const SYSTEM_ACTOR: Actor = { kind: 'system', id: null, label: 'system' };
