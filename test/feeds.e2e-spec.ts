import { describeCalendar, expectCalendarResponse, expectFeed } from './support/calendar-checks';
import { createTestApp, TestApp } from './support/app';
import {
  apiUser,
  auth,
  createConference,
  insertPerson,
  insertSeedDirectory,
  insertUnit,
} from './support/conference-fixtures';
import { makePdf } from './support/presentations';
import { FeedSources } from '../src/deadlines/feed-sources';

/** Personal calendar feeds (/feeds/<token>.ics): deadlines with alarms, conferences at the reader's own bridge point. */
describe('Calendar feeds', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: Record<string, string>;
  let speakerId: string;
  let conference: Record<string, any>;
  let paperId: string;
  let compiledId: string;

  const post = (url: string, body: object = {}, token = organizer.token) =>
    t.http().post(url).set(auth(token)).send(body);
  const feedPath = (url: string) => {
    const parsed = new URL(url);
    return parsed.pathname + parsed.search;
  };
  const fetchFeed = async (url: string, headers: Record<string, string> = {}) => {
    const res = await t
      .http()
      .get(feedPath(url))
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

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2023-02-14T02:00:00Z');
    organizer = await apiUser(t, 'organizer');
    units = await insertSeedDirectory(t);
    speakerId = await insertPerson(t, 'Trần Thị Tham Luận', 'tran.thamluan@tuphap.quangnam.gov.vn');
    conference = await createConference(t, organizer.token, {
      title: 'Hội nghị trực tuyến tổng kết CCHC năm 2022',
      window: { from: '2023-03-06', to: '2023-03-10' },
    });
    await post(`/conferences/${conference.id}/schedule`, {
      startsAt: '2023-03-08T07:30:00+07:00',
      endsAt: '2023-03-08T11:30:00+07:00',
    }).expect(200);
    await post(`/conferences/${conference.id}/bridge-points`, {
      role: 'host',
      name: 'Điểm cầu tỉnh',
      unitId: units['QNA.VP'],
      room: 'Hội trường số 2',
    }).expect(201);
    await post(`/conferences/${conference.id}/bridge-points`, {
      name: 'Điểm cầu Sở Tư pháp',
      unitId: units['QNA.S.STP'],
      room: 'Phòng họp trực tuyến, tầng 3',
    }).expect(201);
    const paper = await post(`/conferences/${conference.id}/presentations`, {
      unitId: units['QNA.S.STP'],
      personId: speakerId,
      topic: 'Cải cách thể chế, những kết quả đạt được',
      minPages: 4,
      maxPages: 6,
      due: 'chậm nhất ngày 24/02/2023',
    });
    paperId = paper.body.id;
    const compiled = await post(`/conferences/${conference.id}/presentations`, {
      unitId: units['QNA.S.SNV'],
      topic: 'Tổng hợp tài liệu, báo cáo phục vụ Hội nghị',
      due: 'trước 03 ngày diễn ra Hội nghị',
    });
    compiledId = compiled.body.id;
    await post('/plans', {
      title: 'Tuyên truyền CCHC',
      year: 2023,
      tasks: [
        {
          number: '1',
          content: 'Báo cáo định kỳ',
          leadUnitIds: [units['QNA.S.SNV']],
          due: 'trước ngày 30 tháng 6 đối với báo cáo 6 tháng và trước ngày 10 tháng 12 đối với báo cáo năm',
        },
      ],
    }).expect(201);
  });
  afterAll(() => t.close());

  it("serves a person's feed: valid RFC 5545 by the calendar.md checks, their paper's deadline with alarms, their conference at their own bridge point", async () => {
    const issued = await post(`/feeds/people/${speakerId}`);
    expect(issued.status).toBe(201);
    expect(issued.body).toMatchObject({ subject: { kind: 'person', id: speakerId, name: 'Trần Thị Tham Luận' } });
    expect(issued.body.url).toMatch(/^http:\/\/convene\.test\/feeds\/cvl_[A-Za-z0-9_-]+\.ics$/);
    const { res, text } = await fetchFeed(issued.body.url);
    expect(res.status).toBe(200);
    expectCalendarResponse(res, { etag: true });
    const feed = expectFeed(text, { name: 'Lịch Convene — Trần Thị Tham Luận', notUids: [conference.calendarUid] });
    expect(feed.events.map((e) => e.uid).sort()).toEqual(
      [`deadline-${await dueIdOf(paperId)}@convene`, `feed-conference-${conference.id}@convene`].sort(),
    );
    const deadline = feed.events.find((e) => e.uid.startsWith('deadline-'))!;
    // Due by the end of 24/02 (Vietnam): shown at 23:59 that day, with alarms 3 days and 1 day before.
    expect(deadline.start!.toISOString()).toBe('2023-02-24T16:59:00.000Z');
    expect(deadline.end).toBeNull();
    expect(deadline.summary).toBe('Hạn nộp tham luận: Cải cách thể chế, những kết quả đạt được');
    expect(deadline.alarms.map((a) => a.trigger)).toEqual(['-P3D', '-P1D']);
    expect(deadline.description).toContain('hết ngày 24/02/2023');
    const meeting = feed.events.find((e) => e.uid.startsWith('feed-conference-'))!;
    expect(meeting).toMatchObject({
      summary: 'Hội nghị trực tuyến tổng kết CCHC năm 2022',
      location: 'Điểm cầu Sở Tư pháp, Phòng họp trực tuyến, tầng 3',
      status: 'CONFIRMED',
    });
    expect(meeting.start!.toISOString()).toBe('2023-03-08T00:30:00.000Z');
    expect(text).not.toMatch(/^TZID|VTIMEZONE/m);
  });

  it("serves a unit's feed in English on request, with recurring reports as one event per occurrence", async () => {
    const issued = await post(`/feeds/units/${units['QNA.S.SNV']}`);
    const { text } = await fetchFeed(`${issued.body.url}?lang=en`);
    const feed = expectFeed(text, {
      name: 'Convene calendar — Sở Nội vụ tỉnh Quảng Nam',
      notUids: [conference.calendarUid],
    });
    const summaries = feed.events.map((e) => e.summary);
    expect(summaries).toContain('Paper due: Tổng hợp tài liệu, báo cáo phục vụ Hội nghị');
    const reports = feed.events.filter((e) => e.summary === 'Task due: 1. Báo cáo định kỳ');
    // Every year, listed from a quarter back (14/02/2023) to a year ahead.
    expect(reports.map((e) => e.start!.toISOString()).sort()).toEqual([
      '2022-12-09T16:59:00.000Z',
      '2023-06-29T16:59:00.000Z',
      '2023-12-09T16:59:00.000Z',
    ]);
    expect(new Set(reports.map((e) => e.uid)).size).toBe(3);
    // The compiled materials: 3 days before 08/03 → by the end of 05/03.
    const compiled = feed.events.find((e) => e.summary?.startsWith('Paper due: Tổng hợp'))!;
    expect(compiled.start!.toISOString()).toBe('2023-03-05T16:59:00.000Z');
  });

  it('answers polls with 304 while nothing changed, keeps UIDs across refreshes and shows an update on the next one', async () => {
    const issued = await post(`/feeds/units/${units['QNA.S.SNV']}`);
    const first = await fetchFeed(issued.body.url);
    const again = await fetchFeed(issued.body.url);
    expect(again.text).toBe(first.text);
    const etag = String(first.res.headers.etag);
    const notModified = await t.http().get(feedPath(issued.body.url)).set('If-None-Match', etag);
    expect(notModified.status).toBe(304);

    await post(`/conferences/${conference.id}/schedule`, {
      startsAt: '2023-03-10T07:30:00+07:00',
      endsAt: '2023-03-10T11:30:00+07:00',
      reason: 'Trùng lịch',
    }).expect(200);
    const moved = await fetchFeed(issued.body.url, { 'If-None-Match': etag });
    expect(moved.res.status).toBe(200);
    expect(moved.res.headers.etag).not.toBe(etag);
    const before = describeCalendar(first.text).events;
    const after = describeCalendar(moved.text).events;
    expect(after.map((e) => e.uid).sort()).toEqual(before.map((e) => e.uid).sort());
    const compiledUid = `deadline-${await dueIdOf(compiledId)}@convene`;
    expect(before.find((e) => e.uid === compiledUid)!.start!.toISOString()).toBe('2023-03-05T16:59:00.000Z');
    const updated = after.find((e) => e.uid === compiledUid)!;
    expect(updated.start!.toISOString()).toBe('2023-03-07T16:59:00.000Z');
    // DTSTAMP is the latest change (whole seconds): never earlier than before the move.
    expect(updated.dtstamp!.getTime()).toBeGreaterThanOrEqual(
      before.find((e) => e.uid === compiledUid)!.dtstamp!.getTime(),
    );
  });

  it('marks a submitted paper as met (no more alarms) and a cancelled conference as CANCELLED', async () => {
    const issued = await post(`/feeds/people/${speakerId}`);
    await t
      .http()
      .post(`/presentations/${paperId}/submissions`)
      .set(auth(organizer.token))
      .attach('file', await makePdf(5), 'p.pdf')
      .expect(201);
    const other = await createConference(t, organizer.token, { title: 'Hội nghị sẽ hủy' });
    await post(`/conferences/${other.id}/schedule`, {
      startsAt: '2023-04-01T07:30:00+07:00',
      endsAt: '2023-04-01T09:30:00+07:00',
    }).expect(200);
    await post(`/conferences/${other.id}/presentations`, {
      unitId: units['QNA.S.STP'],
      personId: speakerId,
      topic: 'Tham luận khác',
      due: 'trước 03 ngày diễn ra Hội nghị',
    }).expect(201);
    await post(`/conferences/${other.id}/cancel`, { reason: 'Không tổ chức' }).expect(200);
    const feed = expectFeed((await fetchFeed(issued.body.url)).text);
    const paper = feed.events.find((e) => e.summary?.includes('Cải cách thể chế'))!;
    expect(paper.summary!.startsWith('✓ ')).toBe(true);
    expect(paper.alarms).toEqual([]);
    const cancelled = feed.events.find((e) => e.uid === `feed-conference-${other.id}@convene`)!;
    expect(cancelled).toMatchObject({ status: 'CANCELLED', alarms: [] });
  });

  it('takes events from sources other modules register (the invitations module plugs in here)', async () => {
    const sources = t.app.get(FeedSources);
    sources.register('test-invitations', async (subject) =>
      subject.kind === 'person' && subject.id === speakerId
        ? [
            {
              event: {
                uid: 'feed-invitation-test@convene',
                sequence: 0,
                start: new Date('2023-05-01T01:00:00Z'),
                end: new Date('2023-05-01T03:00:00Z'),
                summary: 'Hội nghị được mời',
                location: 'Điểm cầu huyện',
              },
              changedAt: new Date('2023-02-01T00:00:00Z'),
              owner: { conferenceId: conference.id as string },
            },
          ]
        : [],
    );
    const issued = await post(`/feeds/people/${speakerId}`);
    const feed = expectFeed((await fetchFeed(issued.body.url)).text);
    expect(feed.events.find((e) => e.uid === 'feed-invitation-test@convene')).toMatchObject({
      summary: 'Hội nghị được mời',
      location: 'Điểm cầu huyện',
    });
    sources.register('test-invitations', async () => []);
  });

  it('rotates and revokes links: the old address stops at once', async () => {
    const first = await post(`/feeds/people/${speakerId}`);
    const second = await post(`/feeds/people/${speakerId}`);
    expect((await fetchFeed(first.body.url)).res.status).toBe(404);
    expect((await fetchFeed(second.body.url)).res.status).toBe(200);
    await t.http().delete(`/feeds/people/${speakerId}`).set(auth(organizer.token)).expect(204);
    expect((await fetchFeed(second.body.url)).res.status).toBe(404);
    await t.http().delete(`/feeds/people/${speakerId}`).set(auth(organizer.token)).expect(404);
  });

  it('lets only admins and the organizers of every conference and plan a feed shows make or revoke it; others get 404', async () => {
    const other = await apiUser(t, 'organizer');
    await createConference(t, other.token, { title: 'Hội nghị của đơn vị khác' });
    const stp = await insertUnit(t, { name: 'Phòng Văn hóa và Thông tin', kind: 'department' });
    await post(`/conferences/${conference.id}/bridge-points`, { name: 'Điểm cầu Phòng Văn hóa', unitId: stp }).expect(
      201,
    );
    const snv = units['QNA.S.SNV']; // a paper of that conference and a task of the organizer's plan
    const issued = await post(`/feeds/people/${speakerId}`).expect(201);
    for (const path of [`/feeds/people/${speakerId}`, `/feeds/units/${stp}`, `/feeds/units/${snv}`]) {
      const minted = await post(path, {}, other.token);
      expect(minted.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
      expect(minted.body.token).toBeUndefined();
      await t.http().delete(path).set(auth(other.token)).expect(404);
    }
    // Refused before anything changed: the organizer's link still serves the feed.
    expect((await fetchFeed(issued.body.url)).res.status).toBe(200);
    // An observer of the conference sees it but does not manage it.
    await post(`/conferences/${conference.id}/members`, { userId: other.userId, role: 'observer' }).expect(201);
    await post(`/feeds/people/${speakerId}`, {}, other.token).expect(404);
    // An organizer of the conference but not of the plan: the conference's point, not the unit with a task.
    await post(`/conferences/${conference.id}/members`, { userId: other.userId, role: 'organizer' }).expect(201);
    await post(`/feeds/units/${stp}`, {}, other.token).expect(201);
    await post(`/feeds/units/${snv}`, {}, other.token).expect(404);
    await post(`/feeds/units/${snv}`, {}, await t.adminToken()).expect(201);
    // Someone in no conference or plan yet: any organizer may make their feed.
    const newcomer = await insertPerson(t, 'Ngô Văn Mới', 'ngo.moi@quangnam.gov.vn');
    await post(`/feeds/people/${newcomer}`, {}, other.token).expect(201);
  });

  it('refuses what is not allowed or not there', async () => {
    const observer = await t.userToken('observer');
    await post(`/feeds/people/${speakerId}`, {}, observer.token).expect(403);
    await post('/feeds/people/00000000-0000-4000-8000-000000000000').expect(404);
    await post('/feeds/units/not-a-uuid').expect(404);
    await t.http().post(`/feeds/people/${speakerId}`).expect(401);
    await t.http().get('/feeds/cvl_unknown.ics').expect(404);
    await t.http().get('/feeds/whatever').expect(404);
    // A speaker link is not a feed token.
    const paper = await post(`/conferences/${conference.id}/presentations`, {
      unitId: units['QNA.S.SKHDT'],
      topic: 'x',
      due: 'chậm nhất ngày 24/02/2023',
    });
    await t.http().get(`/feeds/${paper.body.speakerLink.token}.ics`).expect(404);
  });

  async function dueIdOf(presentationId: string): Promise<string> {
    const [row] = await t.dataSource.query(`SELECT id FROM due_entry WHERE presentation_id = $1`, [presentationId]);
    return row.id;
  }
});
