import { simpleParser } from 'mailparser';
import { PREVIEW_SECRET } from '../src/invitations/invitation-letter-preview.service';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { deliver, invitationsPath, invitationWorld, invite, InvitationWorld, sendAll, to } from './support/invitations';

/**
 * GET /conferences/:id/invitation-letter/preview: the organizer sees the letter exactly as the
 * outbox then sends it — the same renderer, compared here with the mail the SMTP sink received,
 * once the per-letter secrets (answer link, reply tag) and the calendar's DTSTAMP are set aside.
 */
describe('the invitation letter preview', () => {
  let t: TestApp;
  let world: InvitationWorld;
  const previewPath = () => `/conferences/${world.conference.id}/invitation-letter/preview`;

  beforeAll(async () => {
    t = await createTestApp();
    world = await invitationWorld(t, [
      { key: 'a', name: 'Trần Văn Bình', at: 0 },
      { key: 'e', name: 'John Carter', at: 1, language: 'en' },
    ]);
  });
  afterAll(() => t.close());

  it('shows a sample invitee while nobody is invited', async () => {
    const res = await t.http().get(previewPath()).set(auth(world.token)).expect(200);
    expect(res.body).toMatchObject({ invitationId: null, sample: true, recipient: { name: 'Nguyễn Văn A' } });
    expect(res.body.subject).toContain(world.conference.title);
    expect(res.body.html).toContain('Nguyễn Văn A');
    expect(res.body.calendar.method).toBe('REQUEST');
    expect(res.body.calendar.content).toContain('BEGIN:VEVENT');
  });

  it('equals, secrets aside, the mail then sent to that invitee, in each language', async () => {
    const a = await invite(t, world, 'a', world.points[0].id);
    const e = await invite(t, world, 'e', world.points[1].id);
    const links = async () => (await t.dataSource.query(`SELECT count(*)::int AS n FROM secret_link`))[0].n;
    const linksBefore = await links();
    const previews = new Map<string, Record<string, any>>();
    for (const [key, invitation] of [
      ['a', a],
      ['e', e],
    ] as const) {
      const res = await t.http().get(`${previewPath()}?invitationId=${invitation.id}`).set(auth(world.token));
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ invitationId: invitation.id, sample: false });
      previews.set(world.people[key].email, res.body);
    }
    expect(await links()).toBe(linksBefore);
    expect(previews.get(world.people.e.email)!.subject).not.toBe(previews.get(world.people.a.email)!.subject);

    await sendAll(t, world);
    const delivered = await deliver(t);
    for (const [email, preview] of previews) {
      const [message] = to(delivered, email);
      const mail = await simpleParser(message.raw);
      const token = /\/invitations\/answer\/(cvl_[A-Za-z0-9_-]+)/.exec(mail.text ?? '')![1];
      const [{ reply_secret: replySecret }] = await t.dataSource.query(
        `SELECT i.reply_secret FROM invitation i WHERE i.id = $1`,
        [preview.invitationId],
      );
      const unsecret = (s: string) => s.split(token).join(PREVIEW_SECRET).split(replySecret).join(PREVIEW_SECRET);
      expect(mail.subject).toBe(preview.subject);
      expect(unsecret(mail.text ?? '').trimEnd()).toBe(preview.text.trimEnd());
      expect(unsecret(String(mail.html))).toBe(preview.html);
      const calendar = mail.attachments.find((x) => x.contentType === 'text/calendar');
      expect(calendar).toBeDefined();
      expect(unsecret(comparableCalendar(calendar!.content.toString('utf8')))).toBe(
        comparableCalendar(preview.calendar.content),
      );
    }
  });

  it('serves the HTML alone for the console frame, under its own sandboxing policy', async () => {
    const res = await t.http().get(`${previewPath()}.html`).set(auth(world.token)).expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/html/);
    expect(res.headers['content-security-policy']).toBe(
      "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-ancestors 'self'; sandbox",
    );
    expect(res.text).toContain('Trần Văn Bình');
  });

  it('answers 4xx, never a letter, for the wrong person, input or conference state', async () => {
    const bad = await t.http().get(`${previewPath()}?invitationId=nope`).set(auth(world.token)).expect(422);
    expect(bad.body.errors[0].field).toBe('invitationId');
    await t
      .http()
      .get(`${previewPath()}?invitationId=00000000-0000-4000-8000-000000000000`)
      .set(auth(world.token))
      .expect(404);
    const draft = await createConference(t, world.token);
    const res = await t
      .http()
      .get(`/conferences/${draft.id}/invitation-letter/preview`)
      .set(auth(world.token))
      .expect(409);
    expect(res.body.code).toBe('CONFERENCE_NOT_SCHEDULED');
    const observer = await apiUser(t, 'observer');
    // Refused as the letter's own fields are: not this observer's conference.
    const letter = await t
      .http()
      .get(`/conferences/${world.conference.id}/invitation-letter`)
      .set(auth(observer.token));
    expect(letter.status).toBeGreaterThanOrEqual(403);
    await t.http().get(previewPath()).set(auth(observer.token)).expect(letter.status);
    await t
      .http()
      .get(`${invitationsPath(world)}`)
      .set(auth(world.token))
      .expect(200);
  });
});

/** The calendar text unfolded and without DTSTAMP (the time it was built). */
function comparableCalendar(ics: string): string {
  return ics
    .replace(/\r\n[ \t]/g, '')
    .split(/\r\n/)
    .filter((line) => !line.startsWith('DTSTAMP'))
    .join('\n')
    .trim();
}
