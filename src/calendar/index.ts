/**
 * Calendar building (pure: no Nest, no database). Invitations: `prepareInvitation` once per event
 * version and method, `personalizeInvitation` per recipient, `invitationMailParts` for nodemailer.
 * Feeds and agenda downloads: `buildFeed`. See README, "Calendar files".
 */
export * from './calendar.types';
export {
  CRLF,
  MAX_LINE_OCTETS,
  escapeText,
  foldLine,
  formatDuration,
  formatUtc,
  joinLines,
  paramValue,
  parseContentLine,
  textList,
  unescapeText,
  unfold,
} from './content-line';
export type { ContentLine } from './content-line';
export { httpUrl, mailbox, personName } from './calendar-input';
export { DEFAULT_ALARM_MINUTES, personalizeInvitation, prepareInvitation } from './invitation';
export { INVITATION_FILENAME, invitationMailParts } from './invitation-mail';
export { FEED_REFRESH, buildFeed } from './feed';
export type { FeedOptions } from './feed';
export { PRODUCT_ID } from './vcalendar';
