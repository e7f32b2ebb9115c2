import { MAIL_TRANSPORT, MailTransport } from '../src/mail/mail-transport';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { dispatcher, enqueue, plainMessages } from './support/outbox';

const CALENDAR = [
  'BEGIN:VCALENDAR',
  'VERSION:2.0',
  'PRODID:-//Convene//test//VI',
  'METHOD:REQUEST',
  'BEGIN:VEVENT',
  'UID:catcher-test@convene.test',
  'DTSTAMP:20260301T000000Z',
  'DTSTART:20260306T010000Z',
  'DTEND:20260306T043000Z',
  'SUMMARY:Hội nghị trực tuyến',
  'END:VEVENT',
  'END:VCALENDAR',
  '',
].join('\r\n');

describe('the built-in mail catcher (SMTP_URL unset)', () => {
  let t: TestApp;
  let admin: string;
  let id: string;

  beforeAll(async () => {
    t = await createTestApp({ env: { SMTP_URL: '', MAIL_CATCHER_PORT: '0' } });
    admin = await t.adminToken();
    const transport = t.app.get<MailTransport>(MAIL_TRANSPORT);
    await transport.sendMail({
      from: 'Convene <convene@convene.test>',
      to: 'Nguyễn Văn An <an@quangnam.gov.vn>',
      subject: 'Giấy mời dự Hội nghị trực tuyến',
      text: 'Kính mời đồng chí dự Hội nghị.',
      html: '<p>Kính mời đồng chí dự Hội nghị.</p>',
      icalEvent: { method: 'REQUEST', content: CALENDAR },
    });
    const list = await t.http().get('/outbox/messages').set('Authorization', `Bearer ${admin}`);
    id = list.body.items[0]?.id;
  });
  afterAll(() => t.close());

  it('keeps the message it received over SMTP and lists it', async () => {
    const list = await t.http().get('/outbox/messages?to=an@quangnam.gov.vn').set('Authorization', `Bearer ${admin}`);
    expect(list.body.total).toBe(1);
    expect(list.body.items[0]).toMatchObject({
      to: ['an@quangnam.gov.vn'],
      subject: 'Giấy mời dự Hội nghị trực tuyến',
      calendarMethod: 'REQUEST',
    });
    expect(t.sink.messages).toHaveLength(0);
  });

  it('opens one message with its text, HTML and parts', async () => {
    const res = await t.http().get(`/outbox/messages/${id}`).set('Authorization', `Bearer ${admin}`);
    expect(res.status).toBe(200);
    expect(res.body.text.trim()).toBe('Kính mời đồng chí dự Hội nghị.');
    expect(res.body.html).toContain('<p>Kính mời đồng chí dự Hội nghị.</p>');
    expect(res.body.attachments).toEqual([
      expect.objectContaining({ contentType: 'text/calendar' }),
      expect.objectContaining({ contentType: 'application/ics', filename: 'invite.ics' }),
    ]);
  });

  it('downloads the .eml and the calendar part', async () => {
    const eml = await t.http().get(`/outbox/messages/${id}/eml`).set('Authorization', `Bearer ${admin}`);
    expect(eml.headers['content-type']).toBe('message/rfc822');
    expect(eml.headers['content-disposition']).toContain('.eml');
    const calendar = await t
      .http()
      .get(`/outbox/messages/${id}/calendar`)
      .set('Authorization', `Bearer ${admin}`)
      .buffer(true);
    expect(calendar.headers['content-type']).toMatch(/^text\/calendar/);
    expect(calendar.text.replace(/\r\n/g, '\n')).toBe(CALENDAR.replace(/\r\n/g, '\n'));
  });

  it('needs credentials and answers unknown ids with 404', async () => {
    await t.http().get('/outbox/messages').expect(401);
    await t
      .http()
      .get('/outbox/messages/00000000-0000-4000-8000-000000000000')
      .set('Authorization', `Bearer ${admin}`)
      .expect(404);
  });

  it('shows organizers the mail of their own conferences and mail to themselves, nothing else', async () => {
    const owner = await apiUser(t, 'organizer');
    const stranger = await apiUser(t, 'organizer');
    const mine = await createConference(t, owner.token);
    const theirs = await createConference(t, stranger.token);
    await enqueue(t, [
      ...plainMessages(`mine-${mine.id}`, 2, { conferenceId: mine.id }),
      ...plainMessages(`theirs-${theirs.id}`, 1, { conferenceId: theirs.id }),
    ]);
    await dispatcher(t).drain();
    const me = (await t.http().get('/auth/me').set(auth(owner.token))).body.email as string;
    await t.app
      .get<MailTransport>(MAIL_TRANSPORT)
      .sendMail({ from: 'convene@convene.test', to: me, subject: 'Cho chính mình', text: 'x' });

    const seen = await t.http().get('/outbox/messages?limit=100').set(auth(owner.token));
    expect(seen.status).toBe(200);
    expect(seen.body.items.map((m: { subject: string }) => m.subject).sort()).toEqual(
      ['Cho chính mình', `Thư mine-${mine.id} 0`, `Thư mine-${mine.id} 1`].sort(),
    );
    const all = await t.http().get('/outbox/messages?limit=100').set(auth(admin));
    const foreign = all.body.items.find((m: { subject: string }) => m.subject === `Thư theirs-${theirs.id} 0`);
    expect(foreign).toBeDefined();
    for (const suffix of ['', '/eml', '/calendar']) {
      await t.http().get(`/outbox/messages/${foreign.id}${suffix}`).set(auth(owner.token)).expect(404);
    }
    await t.http().get(`/outbox/messages/${seen.body.items[0].id}`).set(auth(owner.token)).expect(200);
    await t.http().get(`/outbox/messages/${id}`).set(auth(stranger.token)).expect(404);
  });
});
