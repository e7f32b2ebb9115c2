import { api, Page, query } from '../../../api';

/** The board's view of the invitations API (README "## Invitations"). */
export type Answer = 'accepted' | 'declined' | 'tentative' | 'delegated';
export const ANSWER_FILTERS = ['none', 'accepted', 'declined', 'tentative', 'delegated'] as const;
export type MailState = 'queued' | 'sent' | 'failed' | 'skipped' | 'cancelled';
export const MAIL_FILTERS = ['queued', 'sent', 'failed', 'skipped', 'cancelled', 'none', 'undeliverable'] as const;

export interface BoardInvitation {
  id: string;
  site: { kind: 'bridge_point' | 'cluster'; id: string; name: string | null };
  person: { id: string; fullName: string; email: string | null; position: string | null };
  source: 'composition' | 'manual' | 'coordinator' | 'substitute';
  substituteForName: string | null;
  substitutedByName: string | null;
  answer: Answer | null;
  answerNote: string | null;
  answeredEarlierVersion: boolean;
  sent: boolean;
  mail: { status: MailState; reason: string | null } | null;
}

export interface Counts {
  invited: number;
  sent: number;
  queued: number;
  failed: number;
  skipped: number;
  lastSent: number;
  cancelled: number;
  notQueued: number;
  accepted: number;
  declined: number;
  tentative: number;
  substituted: number;
  noAnswer: number;
  answeredEarlierVersion: number;
  toSend: number;
  withoutEmail: number;
}

export interface SiteCounts extends Counts {
  siteId: string;
  siteKind: string;
  name: string;
  depth: number;
}

export interface Summary {
  totals: Counts;
  sites: SiteCounts[];
}

export interface LetterPreview {
  invitationId: string | null;
  sample: boolean;
  recipient: { name: string; email: string };
  subject: string;
  text: string;
  html: string;
  calendar: { method: string; content: string } | null;
}

export interface BoardFilter {
  q: string;
  answer: string;
  mail: string;
  siteId: string;
  offset: number;
}

export const BOARD_PAGE = 25;

const base = (conferenceId: string) => `/conferences/${encodeURIComponent(conferenceId)}`;

export const boardKeys = {
  all: (conferenceId: string) => ['invitations', conferenceId] as const,
  list: (conferenceId: string, filter: BoardFilter) => ['invitations', conferenceId, 'list', filter] as const,
  summary: (conferenceId: string) => ['invitations', conferenceId, 'summary'] as const,
  preview: (conferenceId: string, invitationId: string | null) =>
    ['invitations', conferenceId, 'preview', invitationId] as const,
};

export const listInvitations = (conferenceId: string, f: BoardFilter) =>
  api<Page<BoardInvitation>>(
    'GET',
    `${base(conferenceId)}/invitations${query({ q: f.q, answer: f.answer, mail: f.mail, siteId: f.siteId, limit: BOARD_PAGE, offset: f.offset })}`,
  );

export const invitationSummary = (conferenceId: string) =>
  api<Summary>('GET', `${base(conferenceId)}/invitations/summary`);

export const generateInvitations = (conferenceId: string) =>
  api<{ created: number; existing: number }>('POST', `${base(conferenceId)}/invitations/generate`, {});

export const sendInvitations = (conferenceId: string) =>
  api<{ queued: number; withoutEmail: number }>('POST', `${base(conferenceId)}/invitations/send`, {});

export const resendInvitation = (conferenceId: string, id: string) =>
  api<{ queued: number }>('POST', `${base(conferenceId)}/invitations/${encodeURIComponent(id)}/resend`, {});

export const withdrawInvitation = (conferenceId: string, id: string) =>
  api<void>('DELETE', `${base(conferenceId)}/invitations/${encodeURIComponent(id)}`);

export const letterPreview = (conferenceId: string, invitationId: string | null) =>
  api<LetterPreview>(
    'GET',
    `${base(conferenceId)}/invitation-letter/preview${query({ invitationId: invitationId ?? undefined })}`,
  );

export const previewHtmlUrl = (conferenceId: string, invitationId: string | null) =>
  `${base(conferenceId)}/invitation-letter/preview.html${query({ invitationId: invitationId ?? undefined })}`;

export const exportCsvUrl = (conferenceId: string, language: string) =>
  `${base(conferenceId)}/invitations/export.csv${query({ lang: language === 'en' ? 'en' : 'vi' })}`;
