/**
 * Plus addresses for calendar replies: each invitation's ORGANIZER is the organizer mailbox with the
 * invitation's secret as a tag (`giaymoi+<secret>@quangnam.gov.vn`), so a REPLY proves which
 * invitation it answers. Pure functions, shared by the invitation renderer and the SMTP listener.
 */

/** The secrets the database writes: 24 lower-case hex digits. */
export const REPLY_SECRET = /^[0-9a-f]{24}$/;

/** `giaymoi@x.vn` + secret → `giaymoi+<secret>@x.vn`. */
export function replyAddress(organizer: string, secret: string): string {
  const at = organizer.lastIndexOf('@');
  return `${organizer.slice(0, at)}+${secret}@${organizer.slice(at + 1)}`;
}

/**
 * An address the listener was given, split into the mailbox it names (lower-cased, without the tag)
 * and the tag after the last `+` of the local part (null when there is none).
 */
export function splitReplyAddress(address: string): { mailbox: string; tag: string | null } {
  const email = address.trim().toLowerCase();
  const at = email.lastIndexOf('@');
  const local = at < 0 ? email : email.slice(0, at);
  const plus = local.lastIndexOf('+');
  if (at < 0 || plus < 0) return { mailbox: email, tag: null };
  return { mailbox: `${local.slice(0, plus)}${email.slice(at)}`, tag: local.slice(plus + 1) };
}
