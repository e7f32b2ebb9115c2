import { createTestApp, TestApp } from './support/app';
import { expectSendSeries } from './support/calendar-checks';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { outboxRows } from './support/outbox';
import {
  answerTokenOf,
  deliver,
  insertPersonAt,
  invitationsPath,
  invitationWorld,
  invite,
  InvitationWorld,
  received,
  sendAll,
  to,
} from './support/invitations';

/**
 * Changes after sending: each reaches exactly the people it concerns, once, as an update of the
 * same calendar entry (same UID, SEQUENCE + 1) or as its cancellation, and old answer links show
 * the current state.
 */
describe('invitations after a change', () => {
  let t: TestApp;
  let world: InvitationWorld;
  const minute = 60_000;

  beforeAll(async () => {
    t = await createTestApp();
    world = await invitationWorld(t, [
      { key: 'a1', name: 'Nguyễn Văn Ánh', at: 0 },
      { key: 'a2', name: 'Trần Thị Bích', at: 0 },
      { key: 'b1', name: 'Lê Hoàng Cường', at: 1 },
      { key: 'h1', name: 'Hồ Quang Bửu', at: 'host' },
      { key: 'late', name: 'Phan Văn Đức', at: 2 },
    ]);
    for (const [key, site] of [
      ['a1', world.points[0].id],
      ['a2', world.points[0].id],
      ['b1', world.points[1].id],
      ['h1', world.hostPoint.id],
    ])
      await invite(t, world, key, site);
    await sendAll(t, world);
    await deliver(t);
    // Someone invited but not sent yet: changes are not sent to them (their first message will carry the current state).
    await invite(t, world, 'late', world.points[2].id);
  });
  afterAll(() => t.close());

  const conferencePath = () => `/conferences/${world.conference.id}`;
  const sentTo = (key: string) => to(t.sink.messages, world.people[key].email);

  it('sends a move as exactly one update per person invited, SEQUENCE 1, same UID, with the new time', async () => {
    t.clock.advance(minute);
    await t
      .http()
      .post(`${conferencePath()}/schedule`)
      .set(auth(world.token))
      .send({ startsAt: '2026-04-09T14:00:00+07:00', endsAt: '2026-04-09T17:00:00+07:00', reason: 'Trùng lịch' })
      .expect(200);
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0]).sort()).toEqual(
      ['a1', 'a2', 'b1', 'h1'].map((k) => world.people[k].email).sort(),
    );
    for (const key of ['a1', 'a2', 'b1', 'h1']) {
      const update = received(to(messages, world.people[key].email)[0], world.people[key].email, [
        '14 giờ 00 phút, Thứ Năm, ngày 09/4/2026',
      ]);
      expect(update.event).toMatchObject({
        uid: world.conference.calendarUid,
        sequence: 1,
        start: new Date('2026-04-09T07:00:00Z'),
        end: new Date('2026-04-09T10:00:00Z'),
      });
      expect(update.subject).toMatch(/^Thay đổi thông tin — Giấy mời: /);
      expect(update.text).toContain('GIẤY MỜI (THAY ĐỔI)');
    }
    expectSendSeries(sentTo('a1').map((m) => received(m, world.people.a1.email).calendar));
    // Asking for the same time again changes and sends nothing.
    await t
      .http()
      .post(`${conferencePath()}/schedule`)
      .set(auth(world.token))
      .send({ startsAt: '2026-04-09T14:00:00+07:00', endsAt: '2026-04-09T17:00:00+07:00' })
      .expect(200);
    expect(await deliver(t)).toHaveLength(0);
  });

  it('sends one point’s new room to that point’s people only', async () => {
    t.clock.advance(minute);
    await t
      .http()
      .patch(`${conferencePath()}/bridge-points/${world.points[0].id}`)
      .set(auth(world.token))
      .send({ room: 'Phòng họp số 5, tầng 2' })
      .expect(200);
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0]).sort()).toEqual([world.people.a1.email, world.people.a2.email].sort());
    const update = received(to(messages, world.people.a1.email)[0], world.people.a1.email, ['Phòng họp số 5, tầng 2']);
    expect(update.event.sequence).toBe(2);
    expect(update.event.location).toBe(`${world.points[0].name} — Phòng họp số 5, tầng 2`);
    // A change that is not about the place (the coordinator) sends nothing.
    const coordinator = await insertPersonAt(t, 'Điều phối viên', `dpv.${process.pid}@convene.test`, null, '');
    await t
      .http()
      .patch(`${conferencePath()}/bridge-points/${world.points[0].id}`)
      .set(auth(world.token))
      .send({ coordinatorPersonId: coordinator })
      .expect(200);
    expect(await deliver(t)).toHaveLength(0);
  });

  it('sends a new title to everyone who was sent the invitation', async () => {
    t.clock.advance(minute);
    await t
      .http()
      .patch(conferencePath())
      .set(auth(world.token))
      .send({ title: 'Hội nghị trực tuyến sơ kết cải cách hành chính quý I' })
      .expect(200);
    const messages = await deliver(t);
    expect(messages).toHaveLength(4);
    const update = received(to(messages, world.people.b1.email)[0], world.people.b1.email);
    expect(update.event).toMatchObject({
      sequence: 3,
      summary: 'Hội nghị trực tuyến sơ kết cải cách hành chính quý I',
    });
    expect(update.subject).toBe('Thay đổi thông tin — Giấy mời: Hội nghị trực tuyến sơ kết cải cách hành chính quý I');
    expectSendSeries(sentTo('b1').map((m) => received(m, world.people.b1.email).calendar));
  });

  it('sends CANCEL to that person only when one invitation is withdrawn', async () => {
    t.clock.advance(minute);
    const list = await t.http().get(invitationsPath(world)).set(auth(world.token)).expect(200);
    const a2 = list.body.items.find((i: any) => i.person.id === world.people.a2.id);
    await t
      .http()
      .delete(`${invitationsPath(world)}/${a2.id}`)
      .set(auth(world.token))
      .expect(204);
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0])).toEqual([world.people.a2.email]);
    const cancel = received(messages[0], world.people.a2.email);
    expect(cancel.method).toBe('CANCEL');
    expect(cancel.event).toMatchObject({ uid: world.conference.calendarUid, sequence: 4, status: 'CANCELLED' });
    const series = sentTo('a2').map((m) => received(m, world.people.a2.email).calendar);
    expectSendSeries(series);
    const page = await t
      .http()
      .get(`/invitations/answer/${answerTokenOf(sentTo('a2')[0])}`)
      .expect(200);
    expect(page.text).toContain('Giấy mời này đã được thu hồi.');
    await t
      .http()
      .delete(`${invitationsPath(world)}/${a2.id}`)
      .set(auth(world.token))
      .expect(404);
  });

  it('sends a person invited again after a CANCEL a REQUEST with a higher SEQUENCE', async () => {
    t.clock.advance(minute);
    await invite(t, world, 'a2', world.points[0].id);
    await sendAll(t, world, { siteId: world.points[0].id });
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0])).toEqual([world.people.a2.email]);
    expect(received(messages[0], world.people.a2.email).event).toMatchObject({
      sequence: 5,
      uid: world.conference.calendarUid,
    });
    expectSendSeries(sentTo('a2').map((m) => received(m, world.people.a2.email).calendar));
    const list = await t.http().get(invitationsPath(world)).set(auth(world.token)).expect(200);
    await t
      .http()
      .delete(`${invitationsPath(world)}/${list.body.items.find((i: any) => i.person.id === world.people.a2.id).id}`)
      .set(auth(world.token))
      .expect(204);
    expect(received((await deliver(t))[0], world.people.a2.email).event).toMatchObject({
      sequence: 6,
      status: 'CANCELLED',
    });
  });

  it('shows the current time and place on the first answer link', async () => {
    const page = await t
      .http()
      .get(`/invitations/answer/${answerTokenOf(sentTo('a1')[0])}`)
      .expect(200);
    expect(page.text).toContain('14 giờ 00 phút, Thứ Năm, ngày 09/4/2026');
    expect(page.text).toContain('Phòng họp số 5, tầng 2');
    expect(page.text).toContain('Hội nghị trực tuyến sơ kết cải cách hành chính quý I');
  });

  it('sends CANCEL with the same UID to everyone still invited when the conference is cancelled', async () => {
    t.clock.advance(minute);
    await t
      .http()
      .post(`${conferencePath()}/cancel`)
      .set(auth(world.token))
      .send({ reason: 'Theo chỉ đạo của UBND tỉnh' })
      .expect(200);
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0]).sort()).toEqual(['a1', 'b1', 'h1'].map((k) => world.people[k].email).sort());
    for (const message of messages) {
      const cancel = received(message, message.to[0]);
      expect(cancel.method).toBe('CANCEL');
      expect(cancel.event).toMatchObject({
        uid: world.conference.calendarUid,
        sequence: 7,
        status: 'CANCELLED',
        alarms: [],
      });
      expect(cancel.text).toContain('Lý do: Theo chỉ đạo của UBND tỉnh');
    }
    expect(to(t.sink.messages, world.people.late.email)).toHaveLength(0);
    const page = await t
      .http()
      .get(`/invitations/answer/${answerTokenOf(sentTo('a1')[0])}`)
      .expect(200);
    expect(page.text).toContain('Cuộc họp đã bị hủy.');
    expect(page.text).not.toContain('<form');
    const res = await t
      .http()
      .post(`/invitations/answer/${answerTokenOf(sentTo('a1')[0])}`)
      .type('form')
      .send({ answer: 'accepted' })
      .expect(409);
    expect(res.body.code).toBe('CONFERENCE_CANCELLED');
    const send = await t
      .http()
      .post(`${invitationsPath(world)}/send`)
      .set(auth(world.token))
      .send({})
      .expect(409);
    expect(send.body.code).toBe('CONFERENCE_FINISHED');
  });

  it('skips a queued invitation that a later change replaced before it was sent', async () => {
    const other = await invitationWorld(t, [{ key: 'x', name: 'Mai Thị Xuân', at: 0 }]);
    await invite(t, other, 'x', other.points[0].id);
    await sendAll(t, other);
    t.clock.advance(minute);
    await t
      .http()
      .post(`/conferences/${other.conference.id}/schedule`)
      .set(auth(other.token))
      .send({ startsAt: '2026-05-04T08:00:00+07:00', endsAt: '2026-05-04T11:00:00+07:00' })
      .expect(200);
    const messages = await deliver(t);
    expect(messages).toHaveLength(1);
    expect(received(messages[0], other.people.x.email, ['08 giờ 00 phút']).event.sequence).toBe(1);
    const rows = await outboxRows(t.dataSource, `conference_id = $1`, [other.conference.id]);
    expect(rows.map((r) => [r.status, r.status_reason])).toEqual([
      ['skipped', 'replaced by version 1'],
      ['sent', null],
    ]);
  });

  it('withdraws the invitations of a removed point, with a CANCEL to those who were sent one', async () => {
    const other = await invitationWorld(t, [
      { key: 'y', name: 'Đoàn Văn Yên', at: 1 },
      { key: 'z', name: 'Tô Thị Zin', at: 2 },
    ]);
    await invite(t, other, 'y', other.points[1].id);
    await invite(t, other, 'z', other.points[1].id);
    await sendAll(t, other);
    await deliver(t);
    t.clock.advance(minute);
    await t
      .http()
      .delete(`/conferences/${other.conference.id}/bridge-points/${other.points[1].id}`)
      .set(auth(other.token))
      .expect(204);
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0]).sort()).toEqual([other.people.y.email, other.people.z.email].sort());
    expect(messages.map((m) => received(m, m.to[0]).method)).toEqual(['CANCEL', 'CANCEL']);
    // The meeting goes on without the point: the letter withdraws the invitation, it does not cancel the meeting.
    expect(messages.map((m) => m.parsed.subject)).toEqual([
      `Thu hồi giấy mời: ${other.conference.title}`,
      `Thu hồi giấy mời: ${other.conference.title}`,
    ]);
    const list = await t
      .http()
      .get(`${invitationsPath(other)}?withdrawn=true`)
      .set(auth(other.token))
      .expect(200);
    expect(list.body.items.map((i: any) => i.status)).toEqual(['withdrawn', 'withdrawn']);
  });
});

describe('invitations to a roundtable cluster', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('uses the cluster’s own UID and time, and sends a cluster’s move to its people only', async () => {
    const { token } = await apiUser(t, 'organizer');
    const roundtable = await createConference(t, token, {
      kind: 'roundtable',
      format: 'in_person',
      title: 'Tọa đàm Chỉ số PAR INDEX, SIPAS, PAPI',
    });
    const cluster = async (number: number, day: string) =>
      (
        await t
          .http()
          .post(`/conferences/${roundtable.id}/clusters`)
          .set(auth(token))
          .send({
            number,
            name: `Cụm ${number}`,
            startsAt: `2026-04-0${day}T13:30:00+07:00`,
            endsAt: `2026-04-0${day}T17:00:00+07:00`,
            venue: `Hội trường UBND huyện ${number}`,
          })
          .expect(201)
      ).body;
    const [one, two] = [await cluster(1, '5'), await cluster(2, '7')];
    // Invitations go out once the roundtable is scheduled; each cluster keeps its own time.
    await t
      .http()
      .post(`/conferences/${roundtable.id}/schedule`)
      .set(auth(token))
      .send({ startsAt: '2026-04-05T13:30:00+07:00', endsAt: '2026-04-07T17:00:00+07:00' })
      .expect(200);
    const p1 = await insertPersonAt(t, 'Trương Hồng Dự', `du.${process.pid}@convene.test`, null, '');
    const p2 = await insertPersonAt(t, 'Nguyễn Hoàng Nhân', `nhan.${process.pid}@convene.test`, null, '');
    const path = `/conferences/${roundtable.id}/invitations`;
    await t.http().post(path).set(auth(token)).send({ personId: p1, siteId: one.id }).expect(201);
    await t.http().post(path).set(auth(token)).send({ personId: p2, siteId: two.id }).expect(201);
    await t.http().post(`${path}/send`).set(auth(token)).send({ siteId: one.id }).expect(202);
    await t.http().post(`${path}/send`).set(auth(token)).send({ siteId: two.id }).expect(202);
    const first = await deliver(t);
    const inOne = received(to(first, `du.${process.pid}@convene.test`)[0], `du.${process.pid}@convene.test`, [
      '13 giờ 30 phút, Chủ nhật, ngày 05/4/2026',
      'Hội trường UBND huyện 1',
    ]);
    expect(inOne.event).toMatchObject({
      uid: one.calendarUid,
      sequence: 0,
      summary: 'Tọa đàm Chỉ số PAR INDEX, SIPAS, PAPI — Cụm 1',
    });
    t.clock.advance(60_000);
    await t
      .http()
      .post(`/conferences/${roundtable.id}/clusters/${one.id}/schedule`)
      .set(auth(token))
      .send({ startsAt: '2026-04-06T13:30:00+07:00' })
      .expect(200);
    const moved = await deliver(t);
    expect(moved.map((m) => m.to[0])).toEqual([`du.${process.pid}@convene.test`]);
    expect(received(moved[0], `du.${process.pid}@convene.test`).event).toMatchObject({
      uid: one.calendarUid,
      sequence: 1,
      start: new Date('2026-04-06T06:30:00Z'),
    });

    // The cluster's coordinator sends the cluster's invitations, with the cluster's own time.
    const link = await t.http().post(`${path}/coordinator-links`).set(auth(token)).send({ siteId: two.id }).expect(201);
    expect(link.body.mailedTo).toBeNull();
    const p3 = await insertPersonAt(t, 'Lâm Thị Hạnh', `hanh.${process.pid}@convene.test`, null, '');
    await t.http().post(path).set(auth(link.body.token)).send({ personId: p3, siteId: two.id }).expect(201);
    await t.http().post(path).set(auth(link.body.token)).send({ personId: p3, siteId: one.id }).expect(404);
    const sent = await t.http().post(`${path}/send`).set(auth(link.body.token)).send({}).expect(202);
    expect(sent.body).toEqual({ queued: 1, withoutEmail: 0 });
    expect(
      received(to(await deliver(t), `hanh.${process.pid}@convene.test`)[0], `hanh.${process.pid}@convene.test`).event
        .uid,
    ).toBe(two.calendarUid);
  });
});
