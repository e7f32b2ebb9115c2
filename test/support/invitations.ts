import { foldVietnamese } from '../../src/common/text';
import { STILL_EXPECTED_INVITEES_SQL } from '../../src/invitations/invitation-audience';
import type { TestApp } from './app';
import { describeCalendar, EventSummary, expectInvitationMessage, InvitationMessage } from './calendar-checks';
import { apiUser, auth, createScheduledConference, ScheduledConference } from './conference-fixtures';
import { dispatcher } from './outbox';
import type { CapturedMessage } from './smtp-sink';

/**
 * Helpers for the invitation specs: a scheduled conference with people at its points, invitations
 * through the API, delivery through the real dispatcher and SMTP sink, and the received messages
 * parsed (MIME tree, ical.js) and checked against calendar.md.
 */
export interface InvitationWorld extends ScheduledConference {
  token: string;
  /** People by key, each with a position at the unit of their point. */
  people: Record<string, { id: string; email: string; name: string }>;
}

export interface PersonSpec {
  key: string;
  name: string;
  language?: 'vi' | 'en';
  title?: string;
  /** Index in `points` (remote), or 'host'. */
  at: number | 'host';
}

export async function insertPersonAt(
  t: TestApp,
  name: string,
  email: string,
  unitId: string | null,
  title: string,
  language: 'vi' | 'en' = 'vi',
): Promise<string> {
  const [row] = await t.dataSource.query(
    `INSERT INTO person (full_name, email, language, search_key) VALUES ($1, $2, $3, $4) RETURNING id`,
    [name, email, language, foldVietnamese(name)],
  );
  if (unitId)
    await t.dataSource.query(
      `INSERT INTO person_position (person_id, unit_id, role, title) VALUES ($1, $2, 'head', $3)`,
      [row.id, unitId, title],
    );
  return row.id;
}

let worldCounter = 0;

export async function invitationWorld(
  t: TestApp,
  people: PersonSpec[],
  options: { points?: number; title?: string } = {},
): Promise<InvitationWorld> {
  worldCounter += 1;
  const { token } = await apiUser(t, 'organizer');
  const world = await createScheduledConference(t, token, {
    points: options.points ?? 3,
    title: options.title ?? 'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022',
  });
  const result: InvitationWorld['people'] = {};
  for (const spec of people) {
    const point = spec.at === 'host' ? world.hostPoint : world.points[spec.at];
    const email = `${spec.key}.${worldCounter}.${process.pid}@convene.test`;
    const id = await insertPersonAt(
      t,
      spec.name,
      email,
      point.unitId,
      spec.title ?? `Chủ tịch ${point.name}`,
      spec.language ?? 'vi',
    );
    result[spec.key] = { id, email, name: spec.name };
  }
  return { ...world, token, people: result };
}

export const invitationsPath = (world: { conference: Record<string, any> }) =>
  `/conferences/${world.conference.id}/invitations`;

export async function invite(
  t: TestApp,
  world: InvitationWorld,
  key: string,
  siteId: string,
  token = world.token,
): Promise<Record<string, any>> {
  const res = await t
    .http()
    .post(invitationsPath(world))
    .set(auth(token))
    .send({ personId: world.people[key].id, siteId });
  if (res.status !== 201) throw new Error(`could not invite ${key}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

export async function sendAll(
  t: TestApp,
  world: InvitationWorld,
  body: Record<string, unknown> = {},
  token = world.token,
): Promise<Record<string, any>> {
  const res = await t
    .http()
    .post(`${invitationsPath(world)}/send`)
    .set(auth(token))
    .send(body);
  if (res.status !== 202) throw new Error(`could not send: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Delivers everything due and answers the messages that arrived meanwhile. */
export async function deliver(t: TestApp): Promise<CapturedMessage[]> {
  const before = t.sink.messages.length;
  await dispatcher(t).drain();
  return t.sink.messages.slice(before);
}

export const to = (messages: CapturedMessage[], email: string) => messages.filter((m) => m.to.includes(email));

export interface ReceivedInvitation extends InvitationMessage {
  event: EventSummary;
  subject: string;
}

/** The message checked against every rule of calendar.md, with its event as ical.js reads it. */
export function received(message: CapturedMessage, recipient: string, htmlMentions: string[] = []): ReceivedInvitation {
  const checked = expectInvitationMessage(message.raw, { recipient, htmlMentions });
  return { ...checked, event: describeCalendar(checked.calendar).events[0], subject: message.parsed.subject ?? '' };
}

/** The answer link in a letter's plain text. */
export function answerTokenOf(message: CapturedMessage): string {
  const match = /\/invitations\/answer\/(cvl_[A-Za-z0-9_-]+)/.exec(message.parsed.text ?? '');
  if (!match) throw new Error('no answer link in the message');
  return match[1];
}

export interface ExpectedInvitee {
  recipient_key: string;
  invitation_id: string;
  email: string;
  name: string;
  language: 'vi' | 'en';
  site_id: string;
  site_label: string;
  answer: string | null;
}

/** Who the invitations module still expects at the conference (the statement the reminders run). */
export async function stillExpected(t: TestApp, conferenceId: string): Promise<ExpectedInvitee[]> {
  return t.dataSource.query(STILL_EXPECTED_INVITEES_SQL, [conferenceId, null]);
}
