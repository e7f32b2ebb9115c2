/** The console's only way to the API: same origin, session cookie, CSRF header on every change. */

export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly errors: FieldProblem[],
    /** The resource's ETag as the server has it now, on a 412 STALE (someone else changed it). */
    readonly currentETag: string | null = null,
  ) {
    super(detail || code);
  }
}

/** An answer with the ETag it came with (GET and PATCH of a versioned resource send one). */
export interface Tagged<T> {
  data: T;
  etag: string | null;
}

/** `ifMatch`: the ETag the change was made from; the server answers 412 STALE if it moved on since. */
export interface RequestOptions {
  ifMatch?: string | null;
}

export type Language = 'vi' | 'en';

export interface User {
  id: string;
  email: string;
  displayName: string;
  role: 'admin' | 'organizer' | 'observer';
  language: Language;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

export type ConferenceStatus = 'draft' | 'scheduled' | 'postponed' | 'held' | 'closed' | 'cancelled';
export const CONFERENCE_STATUSES: ConferenceStatus[] = [
  'draft',
  'scheduled',
  'postponed',
  'held',
  'closed',
  'cancelled',
];
export const CONFERENCE_KINDS = [
  'conference',
  'roundtable',
  'meeting',
  'training',
  'technical_test',
  'rehearsal',
  'ceremony',
  'other',
] as const;
export const CONFERENCE_FORMATS = ['online', 'in_person', 'hybrid'] as const;

export interface ConferenceSummary {
  id: string;
  title: string;
  kind: string;
  format: string;
  status: ConferenceStatus;
  timeZone: string;
  plan: { reference: string | null; issuedOn: string | null };
  window: { from: string; to: string } | null;
  startsAt: string | null;
  endsAt: string | null;
  counts: { bridgePoints: number; invitees: number; answers: number };
}

export interface Conference {
  id: string;
  title: string;
  kind: string;
  format: string;
  status: ConferenceStatus;
  chair: { personId: string | null; text: string | null };
  purposes: string[];
  contentItems: string[];
  fundingSource: string | null;
  plan: { reference: string | null; issuedOn: string | null; issuingUnitId: string | null };
  timeZone: string;
  window: { from: string; to: string; note: string | null } | null;
  startsAt: string | null;
  endsAt: string | null;
  version: number;
}

export type Answer = 'accepted' | 'declined' | 'tentative' | 'delegated';

export interface SitePlace {
  id: string;
  kind: 'bridge_point' | 'cluster';
  name: string;
  parentId: string | null;
  depth: number;
  own: boolean;
  room: string | null;
  address: string | null;
  meetingLink: string | null;
  startsAt: string | null;
  endsAt: string | null;
  composition: string[];
}

export interface InvitationSites {
  conference: {
    id: string;
    title: string;
    status: ConferenceStatus;
    timeZone: string;
    startsAt: string | null;
    endsAt: string | null;
  };
  sites: SitePlace[];
}

export interface Candidate {
  personId: string;
  fullName: string;
  position: string;
  unitName: string;
  hasEmail: boolean;
}

export interface Invitation {
  id: string;
  site: { kind: string; id: string; name: string | null };
  person: { id: string; fullName: string; email: string | null; position: string | null };
  source: 'composition' | 'manual' | 'coordinator' | 'substitute';
  answer: Answer | null;
  answeredEarlierVersion: boolean;
  /** Accepted by the mail relay (not merely queued). */
  sent: boolean;
  /** The latest invitation mail's state; null before any was queued. */
  mail: { status: 'queued' | 'sent' | 'failed' | 'skipped' | 'cancelled'; reason: string | null } | null;
}

/** What the page says of an invitation: its answer once the letter went out, else where the letter is. */
export function invitationState(i: Invitation): string {
  if (i.sent || i.answer) return i.answer ?? 'none';
  if (i.mail?.status === 'queued') return 'sending';
  if (i.mail?.status === 'failed' || i.mail?.status === 'skipped') return 'sendFailed';
  return 'notSent';
}

/** Not yet on its way: never queued, or the relay refused it (a new send queues it again). */
export const awaitsSending = (i: Invitation): boolean =>
  !i.sent && Boolean(i.person.email) && ['notSent', 'sendFailed'].includes(invitationState(i));

const CSRF_COOKIE = 'convene_csrf';
const READS = new Set(['GET', 'HEAD']);

function csrfToken(): string | undefined {
  const pair = document.cookie.split('; ').find((c) => c.startsWith(`${CSRF_COOKIE}=`));
  return pair ? decodeURIComponent(pair.slice(CSRF_COOKIE.length + 1)) : undefined;
}

type Listener = () => void;
const sessionEndedListeners = new Set<Listener>();

/** Called when a signed-in request answers 401: the shell then asks to log in again, over the page. */
export function onSessionEnded(listener: Listener): () => void {
  sessionEndedListeners.add(listener);
  return () => sessionEndedListeners.delete(listener);
}

export async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
  return (await taggedApi<T>(method, path, body)).data;
}

/** As `api`, with the answer's ETag, sending `If-Match` when the change was made from a known version. */
export async function taggedApi<T>(
  method: string,
  path: string,
  body?: unknown,
  options: RequestOptions = {},
): Promise<Tagged<T>> {
  const headers: Record<string, string> = {};
  const csrf = READS.has(method) ? undefined : csrfToken();
  if (csrf) headers['x-csrf-token'] = csrf;
  if (options.ifMatch) headers['if-match'] = options.ifMatch;
  return request<T>(method, path, body, headers, 'same-origin', () => {
    if (path !== '/auth/session') sessionEndedListeners.forEach((l) => l());
  });
}

/**
 * A secret link used as a bearer token (the site coordinator's page): no cookie goes with it, so
 * an organizer's session in the same browser neither helps nor hinders, and no CSRF token is needed.
 */
export async function linkApi<T>(secret: string, method: string, path: string, body?: unknown): Promise<T> {
  return (await request<T>(method, path, body, { authorization: `Bearer ${secret}` }, 'omit')).data;
}

async function request<T>(
  method: string,
  path: string,
  body: unknown,
  extra: Record<string, string>,
  credentials: RequestCredentials,
  onUnauthenticated?: () => void,
): Promise<Tagged<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...extra };
  if (body !== undefined) headers['content-type'] = 'application/json';
  const response = await fetch(path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
    credentials,
  });
  const etag = response.headers.get('etag');
  if (response.status === 204) return { data: undefined as T, etag };
  const data: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const problem = (data ?? {}) as {
      code?: string;
      detail?: string;
      errors?: FieldProblem[];
      currentETag?: string;
    };
    const error = new ApiError(
      response.status,
      problem.code ?? 'HTTP_ERROR',
      problem.detail ?? '',
      problem.errors ?? [],
      problem.currentETag ?? null,
    );
    if (response.status === 401) onUnauthenticated?.();
    throw error;
  }
  return { data: data as T, etag };
}

/** Lists answer `{items,total,limit,offset}`; an endpoint still answering a bare array reads as one page. */
export function asPage<T>(data: Page<T> | T[]): Page<T> {
  return Array.isArray(data) ? { items: data, total: data.length, limit: data.length, offset: 0 } : data;
}

export const query = (params: Record<string, string | number | undefined>) => {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
};
