import { describeCalendar, expectCalendarResponse, expectFeed } from './support/calendar-checks';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { conferenceFeedEntries } from '../src/deadlines/conference-feed-source';
import { invitationFeedEntries } from '../src/invitations/invitation-feed-source';
import {
  answerTokenOf,
  deliver,
  insertPersonAt,
  invitationsPath,
  invitationWorld,
  invite,
  InvitationWorld,
  sendAll,
  to,
} from './support/invitations';

/**
 * Personal feeds show the conferences people are invited to (the `invitations` feed source), at
 * their own site, following every change: moves, rooms, answers, substitutes, withdrawal and
 * cancellation. Feeds are fetched over HTTP and parsed with ical.js (calendar.md "Feeds" checks).
 */
describe('invitations in personal calendar feeds', () => {
  let t: TestApp;
  let world: InvitationWorld;
  const minute = 60_000;
  const link = 'https://meet.example.gov.vn/cchc-huyen-1';

  const post = (url: string, body: object = {}) => t.http().post(url).set(auth(world.token)).send(body);
  const conferenceUid = () => `feed-conference-${world.conference.id}@convene`;
  const feedUrl = async (personId: string): Promise<string> => {
    const issued = await post(`/feeds/people/${personId}`).expect(201);
    return new URL(issued.body.url).pathname;
  };
  const fetchFeed = async (path: string, headers: Record<string, string> = {}) => {
    const res = await t
      .http()
      .get(path)
      .set(headers)
      .buffer(true)
      .parse((r, cb) => {
        let text = '';
        r.setEncoding('utf8');
        r.on('data', (c: string) => (text += c));
        r.on('end', () => cb(null, text));
      });
    return { res, text: res.body as string };
  };
  /** The feed checked by calendar.md (never an invitation's UID), as ical.js reads it. */
  const feedOf = async (path: string) => {
    const { res, text } = await fetchFeed(path);
    expect(res.status).toBe(200);
    expectCalendarResponse(res, { etag: true });
    return expectFeed(text, { notUids: [world.conference.calendarUid] });
  };
  const invitationOf = async (personId: string) => {
    const list = await t.http().get(invitationsPath(world)).set(auth(world.token)).expect(200);
    return list.body.items.find((i: any) => i.person.id === personId);
  };

  beforeAll(async () => {
    t = await createTestApp();
    world = await invitationWorld(t, [
      { key: 'ann', name: 'Nguyễn Văn Ánh', at: 0 },
      { key: 'bao', name: 'Võ Minh Bảo', at: 1 },
      { key: 'cuong', name: 'Lê Hoàng Cường', at: 1 },
      { key: 'dung', name: 'Phạm Thị Dung', at: 2 },
      { key: 'late', name: 'Phan Văn Đức', at: 2 },
    ]);
    await t
      .http()
      .patch(`/conferences/${world.conference.id}/bridge-points/${world.points[0].id}`)
      .set(auth(world.token))
      .send({ room: 'Phòng họp trực tuyến, tầng 3', meetingLink: link })
      .expect(200);
    for (const key of ['ann', 'bao', 'cuong']) await invite(t, world, key, world.points[key === 'ann' ? 0 : 1].id);
    await sendAll(t, world);
    await deliver(t);
    // Invited but not sent yet: still the organizers' draft, not in the person's feed.
    await invite(t, world, 'late', world.points[2].id);
  });
  afterAll(() => t.close());

  it('shows the conference at the person’s own remote point (room, meeting link) with the feed’s own UID, and nothing unsent', async () => {
    const feed = await feedOf(await feedUrl(world.people.ann.id));
    expect(feed.events.map((e) => e.uid)).toEqual([conferenceUid()]);
    expect(feed.events[0]).toMatchObject({
      summary: world.conference.title,
      status: 'CONFIRMED',
      location: `${world.points[0].name}, Phòng họp trực tuyến, tầng 3`,
      start: new Date('2026-04-08T00:30:00Z'),
      end: new Date('2026-04-08T04:30:00Z'),
    });
    expect(feed.events[0].alarms.length).toBeGreaterThan(0);
    const { text } = await fetchFeed(await feedUrl(world.people.ann.id));
    expect(text).toMatch(new RegExp(`^URL:${link.replace(/[.]/g, '\\.')}\\r?$`, 'm'));
    // Another point's people see their own point; the unsent invitation shows nothing.
    expect((await feedOf(await feedUrl(world.people.bao.id))).events[0].location).toBe(world.points[1].name);
    expect((await feedOf(await feedUrl(world.people.late.id))).events).toEqual([]);
  });

  it('follows a move on refresh: same UID, new time, new ETag', async () => {
    const path = await feedUrl(world.people.ann.id);
    const before = await fetchFeed(path);
    t.clock.advance(minute);
    await post(`/conferences/${world.conference.id}/schedule`, {
      startsAt: '2026-04-09T14:00:00+07:00',
      endsAt: '2026-04-09T17:00:00+07:00',
      reason: 'Trùng lịch',
    }).expect(200);
    const after = await fetchFeed(path, { 'If-None-Match': String(before.res.headers.etag) });
    expect(after.res.status).toBe(200);
    expect(after.res.headers.etag).not.toBe(before.res.headers.etag);
    const [event] = expectFeed(after.text, { notUids: [world.conference.calendarUid] }).events;
    expect(event).toMatchObject({
      uid: conferenceUid(),
      start: new Date('2026-04-09T07:00:00Z'),
      end: new Date('2026-04-09T10:00:00Z'),
    });
    // DTSTAMP is the latest change, in whole seconds: never earlier than before the move.
    expect(event.dtstamp!.getTime()).toBeGreaterThanOrEqual(describeCalendar(before.text).events[0].dtstamp!.getTime());
    // Nothing else changed: the next poll is a 304.
    expect((await t.http().get(path).set('If-None-Match', String(after.res.headers.etag))).status).toBe(304);
  });

  it('shows the new room of the person’s point, and leaves the others alone', async () => {
    t.clock.advance(minute);
    await t
      .http()
      .patch(`/conferences/${world.conference.id}/bridge-points/${world.points[0].id}`)
      .set(auth(world.token))
      .send({ room: 'Phòng họp số 5, tầng 2' })
      .expect(200);
    expect((await feedOf(await feedUrl(world.people.ann.id))).events[0]).toMatchObject({
      uid: conferenceUid(),
      location: `${world.points[0].name}, Phòng họp số 5, tầng 2`,
    });
    expect((await feedOf(await feedUrl(world.people.bao.id))).events[0].location).toBe(world.points[1].name);
  });

  it('drops a declined invitation, and shows it again when the answer changes back', async () => {
    const path = await feedUrl(world.people.cuong.id);
    expect((await feedOf(path)).events.map((e) => e.uid)).toEqual([conferenceUid()]);
    const token = answerTokenOf(to(t.sink.messages, world.people.cuong.email)[0]);
    await t.http().post(`/invitations/answer/${token}`).type('form').send({ answer: 'declined' }).expect(200);
    expect((await feedOf(path)).events).toEqual([]);
    await t.http().post(`/invitations/answer/${token}`).type('form').send({ answer: 'tentative' }).expect(200);
    expect((await feedOf(path)).events.map((e) => e.uid)).toEqual([conferenceUid()]);
  });

  it('moves the event to the substitute’s feed when the invited person passes it on', async () => {
    const token = answerTokenOf(to(t.sink.messages, world.people.bao.email)[0]);
    const email = `thay.bao.${process.pid}@convene.test`;
    await t
      .http()
      .post(`/invitations/answer/${token}`)
      .type('form')
      .send({
        answer: 'substitute',
        substituteName: 'Huỳnh Thị Cúc',
        substitutePosition: 'Phó Chủ tịch UBND huyện',
        substituteEmail: email,
      })
      .expect(200);
    expect((await feedOf(await feedUrl(world.people.bao.id))).events).toEqual([]);
    const [substitute] = await t.dataSource.query(`SELECT id FROM person WHERE email = $1`, [email]);
    const feed = await feedOf(await feedUrl(substitute.id));
    expect(feed.events).toHaveLength(1);
    expect(feed.events[0]).toMatchObject({ uid: conferenceUid(), location: world.points[1].name, status: 'CONFIRMED' });
  });

  it('drops a withdrawn invitation', async () => {
    await invite(t, world, 'dung', world.points[2].id);
    await sendAll(t, world);
    const path = await feedUrl(world.people.dung.id);
    expect((await feedOf(path)).events).toHaveLength(1);
    await t
      .http()
      .delete(`${invitationsPath(world)}/${(await invitationOf(world.people.dung.id)).id}`)
      .set(auth(world.token))
      .expect(204);
    expect((await feedOf(path)).events).toEqual([]);
  });

  it('shows a conference a person both presents at and is invited to once', async () => {
    const speaker = await insertPersonAt(
      t,
      'Trần Thị Tham Luận',
      `thamluan.${process.pid}@convene.test`,
      world.points[2].unitId,
      'Chánh Văn phòng',
    );
    await post(`/conferences/${world.conference.id}/presentations`, {
      unitId: world.points[2].unitId,
      personId: speaker,
      topic: 'Kết quả cải cách thủ tục hành chính',
      due: 'trước 03 ngày diễn ra Hội nghị',
    }).expect(201);
    await post(invitationsPath(world), { personId: speaker, siteId: world.points[2].id }).expect(201);
    await sendAll(t, world);
    // Both sources know it (the conference source: the speaker presents there), with the same UID.
    const invited = await invitationFeedEntries({ kind: 'person', id: speaker, language: 'vi' }, t.dataSource.manager);
    const presenting = await conferenceFeedEntries(
      { kind: 'person', id: speaker, language: 'vi' },
      t.dataSource.manager,
    );
    expect(invited.map((e) => e.event.uid)).toEqual([conferenceUid()]);
    expect(presenting.map((e) => e.event.uid)).toEqual([conferenceUid()]);
    const meetings = (await feedOf(await feedUrl(speaker))).events.filter((e) => e.uid.startsWith('feed-conference-'));
    expect(meetings.map((e) => e.uid)).toEqual([conferenceUid()]);
    expect(meetings[0].location).toBe(world.points[2].name);
  });

  it('marks the event CANCELLED when the conference is cancelled, as the conference source does', async () => {
    const path = await feedUrl(world.people.ann.id);
    t.clock.advance(minute);
    await post(`/conferences/${world.conference.id}/cancel`, { reason: 'Không tổ chức' }).expect(200);
    const [event] = (await feedOf(path)).events;
    expect(event).toMatchObject({ uid: conferenceUid(), status: 'CANCELLED', alarms: [] });
  });
});

describe('cluster invitations in personal calendar feeds', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows the invited cluster at its venue, with its own time, following its venue and its cancellation', async () => {
    const { token } = await apiUser(t, 'organizer');
    const roundtable = await createConference(t, token, {
      kind: 'roundtable',
      format: 'in_person',
      title: 'Tọa đàm Chỉ số PAR INDEX, SIPAS, PAPI',
    });
    const clusters = `/conferences/${roundtable.id}/clusters`;
    const cluster = (
      await t
        .http()
        .post(clusters)
        .set(auth(token))
        .send({
          number: 1,
          name: 'Cụm 1',
          startsAt: '2026-04-05T13:30:00+07:00',
          endsAt: '2026-04-05T17:00:00+07:00',
          venue: 'Hội trường UBND huyện Đại Lộc',
        })
        .expect(201)
    ).body;
    const person = await insertPersonAt(t, 'Trương Hồng Dự', `du.${process.pid}@convene.test`, null, '');
    await t
      .http()
      .post(`/conferences/${roundtable.id}/invitations`)
      .set(auth(token))
      .send({ personId: person, siteId: cluster.id })
      .expect(201);
    // The roundtable is scheduled (sending needs it); the cluster's invitations are sent by site, with its own time.
    await t
      .http()
      .post(`/conferences/${roundtable.id}/schedule`)
      .set(auth(token))
      .send({ startsAt: '2026-04-05T13:30:00+07:00', endsAt: '2026-04-05T17:00:00+07:00' })
      .expect(200);
    await t
      .http()
      .post(`/conferences/${roundtable.id}/invitations/send`)
      .set(auth(token))
      .send({ siteId: cluster.id })
      .expect(202);
    const issued = await t.http().post(`/feeds/people/${person}`).set(auth(token)).expect(201);
    const path = new URL(issued.body.url).pathname;
    const read = async () =>
      expectFeed((await t.http().get(path).expect(200)).text, {
        notUids: [cluster.calendarUid, roundtable.calendarUid],
      }).events;

    expect(await read()).toEqual([
      expect.objectContaining({
        uid: `feed-cluster-${cluster.id}@convene`,
        summary: 'Tọa đàm Chỉ số PAR INDEX, SIPAS, PAPI — Cụm 1',
        location: 'Hội trường UBND huyện Đại Lộc',
        start: new Date('2026-04-05T06:30:00Z'),
        status: 'CONFIRMED',
      }),
    ]);
    t.clock.advance(60_000);
    await t
      .http()
      .patch(`${clusters}/${cluster.id}`)
      .set(auth(token))
      .send({ venue: 'Hội trường UBND huyện Duy Xuyên' })
      .expect(200);
    expect((await read())[0]).toMatchObject({
      uid: `feed-cluster-${cluster.id}@convene`,
      location: 'Hội trường UBND huyện Duy Xuyên',
    });
    await t
      .http()
      .post(`${clusters}/${cluster.id}/cancel`)
      .set(auth(token))
      .send({ reason: 'Không tổ chức' })
      .expect(200);
    expect((await read())[0]).toMatchObject({
      uid: `feed-cluster-${cluster.id}@convene`,
      status: 'CANCELLED',
      alarms: [],
    });
  });
});
