import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { outboxRows } from './support/outbox';
import {
  answerTokenOf,
  deliver,
  invitationsPath,
  invitationWorld,
  invite,
  InvitationWorld,
  received,
  sendAll,
  to,
} from './support/invitations';

/**
 * Invitations end to end: added through the API, sent through the outbox and dispatcher to the
 * real SMTP sink, each message parsed and its calendar part checked against calendar.md.
 */
describe('invitations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  describe('sending', () => {
    let world: InvitationWorld;
    beforeAll(async () => {
      world = await invitationWorld(t, [
        { key: 'tuyet', name: 'Nguyễn Thị Ánh Tuyết', at: 0, title: 'Chủ tịch UBND huyện Núi Thành' },
        { key: 'john', name: 'John Smith', at: 1, language: 'en', title: 'Adviser' },
        { key: 'host', name: 'Hồ Quang Bửu', at: 'host', title: 'Phó Chủ tịch UBND tỉnh' },
      ]);
      await t
        .http()
        .put(`/conferences/${world.conference.id}/invitation-letter`)
        .set(auth(world.token))
        .send({ reference: '45/GM-UBND', contactName: 'Ông Nguyễn Hoàng Nhân', contactPhone: '0932.868.447' })
        .expect(200);
      await t
        .http()
        .patch(`/conferences/${world.conference.id}/bridge-points/${world.points[0].id}`)
        .set(auth(world.token))
        .send({ room: 'Phòng họp trực tuyến, tầng 3', meetingLink: 'https://meet.convene.test/qn-690' })
        .expect(200);
      await invite(t, world, 'tuyet', world.points[0].id);
      await invite(t, world, 'john', world.points[1].id);
      await invite(t, world, 'host', world.hostPoint.id);
    });

    it('queues one message per person and records the version queued, in one request (sent once the relay takes it)', async () => {
      await expect(sendAll(t, world)).resolves.toEqual({ queued: 3, withoutEmail: 0 });
      const list = await t.http().get(invitationsPath(world)).set(auth(world.token)).expect(200);
      expect(list.body.items.map((i: any) => [i.person.fullName, i.sent, i.mail.status, i.sentSequence])).toEqual(
        expect.arrayContaining([
          ['Nguyễn Thị Ánh Tuyết', false, 'queued', 0],
          ['John Smith', false, 'queued', 0],
          ['Hồ Quang Bửu', false, 'queued', 0],
        ]),
      );
      await expect(sendAll(t, world)).resolves.toEqual({ queued: 0, withoutEmail: 0 });
    });

    it('delivers a letter and a REQUEST each recipient’s calendar accepts, with their own site as the place', async () => {
      const messages = await deliver(t);
      expect(messages).toHaveLength(3);
      const tuyet = received(to(messages, world.people.tuyet.email)[0], world.people.tuyet.email, [
        '07 giờ 30 phút, Thứ Tư, ngày 08/4/2026',
        world.points[0].name,
      ]);
      expect(tuyet.subject).toBe('Giấy mời: Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022');
      expect(tuyet.method).toBe('REQUEST');
      expect(tuyet.event).toMatchObject({
        uid: world.conference.calendarUid,
        sequence: 0,
        summary: 'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022',
        location: `${world.points[0].name} — Phòng họp trực tuyến, tầng 3 — https://meet.convene.test/qn-690`,
        start: new Date('2026-04-08T00:30:00Z'),
        end: new Date('2026-04-08T04:30:00Z'),
      });
      expect(tuyet.event.attendees).toEqual([
        { email: world.people.tuyet.email, cn: 'Nguyễn Thị Ánh Tuyết', rsvp: 'TRUE', partstat: 'NEEDS-ACTION' },
      ]);
      // The organizer mailbox tagged with this invitation's reply secret (issue 13: was the plain mailbox).
      expect(tuyet.event.organizer?.email).toMatch(/^convene\+[0-9a-f]{24}@convene\.test$/);
      expect(tuyet.event.alarms).toHaveLength(1);
      expect(tuyet.event.url).toMatch(/^http:\/\/convene\.test\/invitations\/answer\/cvl_/);
      for (const body of [tuyet.text, tuyet.html]) {
        for (const part of [
          '45/GM-UBND',
          'Kính gửi: Nguyễn Thị Ánh Tuyết',
          'Chủ tịch UBND huyện Núi Thành',
          '0932.868.447',
          'Ông Nguyễn Hoàng Nhân',
        ])
          expect(body).toContain(part);
      }
      const host = received(to(messages, world.people.host.email)[0], world.people.host.email, ['Điểm cầu tỉnh']);
      expect(host.event.location).toBe('Điểm cầu tỉnh — Hội trường số 2');
    });

    it('writes English to an English reader, with the time of the conference’s zone', async () => {
      const [message] = to(t.sink.messages, world.people.john.email);
      const john = received(message, world.people.john.email, ['07:30, Wednesday 8 April 2026']);
      expect(john.subject).toBe('Invitation: Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022');
      expect(john.text).toContain('Venue: ' + world.points[1].name);
    });

    it('keeps Vietnamese diacritics intact in the subject, the body and the folded calendar', async () => {
      const [message] = to(t.sink.messages, world.people.tuyet.email);
      expect(message.parsed.subject).toContain('cải cách hành chính');
      expect(message.parsed.text).toContain('Nguyễn Thị Ánh Tuyết');
      const { event, calendar } = received(message, world.people.tuyet.email);
      expect(event.summary).toBe('Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022');
      expect(event.attendees[0].cn).toBe('Nguyễn Thị Ánh Tuyết');
      expect(calendar.split('\r\n').some((line) => line.startsWith(' '))).toBe(true);
    });
  });

  describe('refusals', () => {
    it('answers 409 CONFERENCE_NOT_SCHEDULED when the conference has no confirmed time', async () => {
      const { token } = await apiUser(t, 'organizer');
      const draft = await createConference(t, token);
      const res = await t
        .http()
        .post(`/conferences/${draft.id}/invitations/send`)
        .set(auth(token))
        .send({})
        .expect(409);
      expect(res.body).toMatchObject({ code: 'CONFERENCE_NOT_SCHEDULED', currentStatus: 'draft' });
      expect(res.body.detail).toMatch(/no confirmed time/);
    });

    it('answers 409 CONFERENCE_NOT_SCHEDULED for a cluster of a draft roundtable, as for the whole roundtable', async () => {
      const { token } = await apiUser(t, 'organizer');
      const roundtable = await createConference(t, token, { kind: 'roundtable', format: 'in_person' });
      const cluster = (
        await t
          .http()
          .post(`/conferences/${roundtable.id}/clusters`)
          .set(auth(token))
          .send({ number: 1, startsAt: '2026-04-05T13:30:00+07:00', endsAt: '2026-04-05T17:00:00+07:00' })
          .expect(201)
      ).body;
      for (const body of [{}, { siteId: cluster.id }]) {
        const res = await t
          .http()
          .post(`/conferences/${roundtable.id}/invitations/send`)
          .set(auth(token))
          .send(body)
          .expect(409);
        expect(res.body).toMatchObject({ code: 'CONFERENCE_NOT_SCHEDULED', currentStatus: 'draft' });
      }
    });

    it('invites a person once per conference', async () => {
      const world = await invitationWorld(t, [{ key: 'a', name: 'Lê Văn An', at: 0 }]);
      await invite(t, world, 'a', world.points[0].id);
      const res = await t
        .http()
        .post(invitationsPath(world))
        .set(auth(world.token))
        .send({ personId: world.people.a.id, siteId: world.points[1].id })
        .expect(409);
      expect(res.body.code).toBe('ALREADY_INVITED');
    });

    it('names the field and the rule of every bad input', async () => {
      const world = await invitationWorld(t, [{ key: 'a', name: 'Lê Văn An', at: 0 }]);
      const path = invitationsPath(world);
      const bad = async (req: Promise<any>, status: number, field?: string) => {
        const res = await req;
        expect(res.status).toBe(status);
        expect(res.headers['content-type']).toMatch(/application\/problem\+json/);
        if (field) expect(res.body.errors.map((e: any) => e.field)).toContain(field);
      };
      await bad(
        t.http().post(path).set(auth(world.token)).send({ personId: 'nope', siteId: world.points[0].id }),
        422,
        'personId',
      );
      await bad(t.http().post(path).set(auth(world.token)).send({ personId: world.people.a.id }), 422, 'siteId');
      await bad(
        t
          .http()
          .post(path)
          .set(auth(world.token))
          .send({ personId: world.people.a.id, siteId: world.points[0].id, extra: 1 }),
        422,
        'extra',
      );
      await bad(
        t
          .http()
          .post(path)
          .set(auth(world.token))
          .send({ personId: '00000000-0000-4000-8000-000000000000', siteId: world.points[0].id }),
        422,
        'personId',
      );
      await bad(
        t
          .http()
          .post(path)
          .set(auth(world.token))
          .send({ personId: world.people.a.id, siteId: '00000000-0000-4000-8000-000000000000' }),
        404,
      );
      await bad(
        t.http().post(path).set(auth(world.token)).set('content-type', 'application/json').send('{"personId":'),
        400,
      );
      await bad(t.http().get(`${path}?answer=maybe`).set(auth(world.token)), 422, 'answer');
      await bad(t.http().get(`${path}?limit=0`).set(auth(world.token)), 422, 'limit');
      await bad(t.http().get(`${path}?sent=perhaps`).set(auth(world.token)), 422, 'sent');
      await bad(t.http().get(`${path}?mail=lost`).set(auth(world.token)), 422, 'mail');
      await bad(
        t
          .http()
          .get(`${path}?q=${'x'.repeat(101)}`)
          .set(auth(world.token)),
        422,
        'q',
      );
      await bad(t.http().post(`${path}/send`).set(auth(world.token)).send({ siteId: 'x' }), 422, 'siteId');
      await bad(
        t.http().post(`${path}/send`).set(auth(world.token)).send({ includeBelow: 'yes' }),
        422,
        'includeBelow',
      );
      await bad(t.http().post(`${path}/generate`).set(auth(world.token)).send({ siteId: 5 }), 422, 'siteId');
      await bad(t.http().get(`${path}/export.csv?lang=fr`).set(auth(world.token)), 422, 'lang');
      await bad(t.http().delete(`${path}/not-a-uuid`).set(auth(world.token)), 404);
      await bad(t.http().delete(`${path}/00000000-0000-4000-8000-000000000000`).set(auth(world.token)), 404);
      await bad(t.http().post(`${path}/coordinator-links`).set(auth(world.token)).send({}), 422, 'siteId');
      await bad(
        t
          .http()
          .post(`${path}/coordinator-links`)
          .set(auth(world.token))
          .send({ siteId: world.points[0].id, mail: 'no' }),
        422,
        'mail',
      );
      await bad(
        t
          .http()
          .put(`/conferences/${world.conference.id}/invitation-letter`)
          .set(auth(world.token))
          .send({ reference: 7 }),
        422,
        'reference',
      );
      await bad(
        t
          .http()
          .put(`/conferences/${world.conference.id}/invitation-letter`)
          .set(auth(world.token))
          .send({ issuingUnitId: '00000000-0000-4000-8000-000000000000' }),
        422,
        'issuingUnitId',
      );
      await bad(t.http().delete(`${path}/coordinator-links/not-a-uuid`).set(auth(world.token)), 404);
      await bad(
        t.http().delete(`${path}/coordinator-links/00000000-0000-4000-8000-000000000000`).set(auth(world.token)),
        404,
      );
      await bad(t.http().get('/conferences/not-a-uuid/invitations').set(auth(world.token)), 404);
      await bad(t.http().get(path), 401);
      const stranger = await apiUser(t, 'organizer');
      await bad(t.http().get(path).set(auth(stranger.token)), 404);
      const list = await t.http().get(path).set(auth(world.token)).expect(200);
      expect(list.body.total).toBe(0);
    });
  });

  it('counts, and does not send to, people without an e-mail address', async () => {
    const world = await invitationWorld(t, [{ key: 'a', name: 'Lê Văn An', at: 0 }]);
    const [row] = await t.dataSource.query(
      `INSERT INTO person (full_name, search_key) VALUES ('Người không thư', 'nguoi khong thu') RETURNING id`,
    );
    await t
      .http()
      .post(invitationsPath(world))
      .set(auth(world.token))
      .send({ personId: row.id, siteId: world.points[0].id })
      .expect(201);
    await invite(t, world, 'a', world.points[0].id);
    await expect(sendAll(t, world)).resolves.toEqual({ queued: 1, withoutEmail: 1 });
    await deliver(t);
    const list = await t
      .http()
      .get(`${invitationsPath(world)}?sent=false`)
      .set(auth(world.token))
      .expect(200);
    expect(list.body.items.map((i: any) => i.person.fullName)).toEqual(['Người không thư']);
    const names = async (filter: string) => {
      const page = await t
        .http()
        .get(`${invitationsPath(world)}?${filter}`)
        .set(auth(world.token))
        .expect(200);
      expect(page.body.total).toBe(page.body.items.length);
      return page.body.items.map((i: any) => i.person.fullName);
    };
    // The board's filters: never queued, sent, and searched by name without accents or by e-mail.
    await expect(names('mail=none')).resolves.toEqual(['Người không thư']);
    await expect(names('mail=sent')).resolves.toEqual(['Lê Văn An']);
    await expect(names('mail=undeliverable')).resolves.toEqual([]);
    await expect(names('q=khong%20NGUOI')).resolves.toEqual(['Người không thư']);
    await expect(names(`q=${encodeURIComponent(world.people.a.email.slice(0, 8))}`)).resolves.toEqual(['Lê Văn An']);
    await expect(names('q=%25')).resolves.toEqual([]);
  });

  describe('two concurrent send requests', () => {
    it('queue each message once', async () => {
      const specs = Array.from({ length: 12 }, (_, i) => ({ key: `p${i}`, name: `Trần Văn Đại ${i}`, at: i % 3 }));
      const world = await invitationWorld(t, specs);
      for (const spec of specs) await invite(t, world, spec.key, world.points[spec.at].id);
      const [a, b] = await Promise.all([sendAll(t, world), sendAll(t, world)]);
      expect(a.queued + b.queued).toBe(12);
      expect([a.queued, b.queued].sort()).toEqual([0, 12]);
      const rows = await outboxRows(t.dataSource, `conference_id = $1`, [world.conference.id]);
      expect(rows).toHaveLength(12);
      expect(new Set(rows.map((r) => r.recipient_email)).size).toBe(12);
    });
  });

  describe('answers', () => {
    let world: InvitationWorld;
    let messages: Awaited<ReturnType<typeof deliver>>;
    beforeAll(async () => {
      world = await invitationWorld(t, [
        { key: 'a', name: 'Phạm Thị Ánh', at: 0 },
        { key: 'b', name: 'Võ Minh Bảo', at: 0 },
        { key: 'd', name: 'Đặng Quốc Dũng', at: 1 },
      ]);
      for (const key of ['a', 'b', 'd']) await invite(t, world, key, world.points[key === 'd' ? 1 : 0].id);
      await sendAll(t, world);
      messages = await deliver(t);
    });

    it('shows the invitation on a plain page and records accept, decline and tentative, changeable', async () => {
      const token = answerTokenOf(to(messages, world.people.a.email)[0]);
      const page = await t.http().get(`/invitations/answer/${token}`).expect(200);
      expect(page.headers['content-type']).toMatch(/text\/html/);
      expect(page.text).toContain(world.points[0].name);
      expect(page.text).toContain('07 giờ 30 phút');
      expect(page.text).not.toContain('<script');
      await t.http().post(`/invitations/answer/${token}`).type('form').send({ answer: 'tentative' }).expect(200);
      const saved = await t
        .http()
        .post(`/invitations/answer/${token}`)
        .type('form')
        .send({ answer: 'accepted', lang: 'en' })
        .expect(200);
      expect(saved.text).toContain('Your answer has been recorded.');
      expect(saved.text).toContain('data-answer="accepted"');
      const token2 = answerTokenOf(to(messages, world.people.d.email)[0]);
      await t.http().post(`/invitations/answer/${token2}`).type('form').send({ answer: 'declined' }).expect(200);
      const summary = await t
        .http()
        .get(`${invitationsPath(world)}/summary`)
        .set(auth(world.token))
        .expect(200);
      expect(summary.body.totals).toEqual({
        invited: 3,
        sent: 3,
        queued: 0,
        failed: 0,
        skipped: 0,
        lastSent: 3,
        cancelled: 0,
        notQueued: 0,
        accepted: 1,
        declined: 1,
        tentative: 0,
        substituted: 0,
        noAnswer: 1,
        answeredEarlierVersion: 0,
        toSend: 0,
        withoutEmail: 0,
      });
      const site0 = summary.body.sites.find((s: any) => s.siteId === world.points[0].id);
      expect(site0).toMatchObject({ invited: 2, accepted: 1, noAnswer: 1 });
    });

    it('refuses a bad answer with 422 naming the field, and an unknown link with 404', async () => {
      const token = answerTokenOf(to(messages, world.people.b.email)[0]);
      const res = await t
        .http()
        .post(`/invitations/answer/${token}`)
        .type('form')
        .send({ answer: 'maybe' })
        .expect(422);
      expect(res.body.errors[0].field).toBe('answer');
      const sub = await t
        .http()
        .post(`/invitations/answer/${token}`)
        .type('form')
        .send({ answer: 'substitute', substituteName: 'X' })
        .expect(422);
      expect(sub.body.errors.map((e: any) => e.field)).toEqual(['substituteEmail']);
      const mail = await t
        .http()
        .post(`/invitations/answer/${token}`)
        .type('form')
        .send({ answer: 'substitute', substituteName: 'X', substituteEmail: 'not-mail' })
        .expect(422);
      expect(mail.body.errors[0].field).toBe('substituteEmail');
      await t.http().get(`/invitations/answer/${token}?lang=fr`).expect(422);
      await t.http().get('/invitations/answer/cvl_unknown').expect(404);
      await t.http().post('/invitations/answer/cvl_unknown').type('form').send({ answer: 'accepted' }).expect(404);
    });

    it('follows a substitute chain A → B → C: C is invited once, for the same site, and A and B are delegated', async () => {
      const tokenB = answerTokenOf(to(messages, world.people.b.email)[0]);
      await t
        .http()
        .post(`/invitations/answer/${tokenB}`)
        .type('form')
        .send({
          answer: 'substitute',
          substituteName: 'Huỳnh Thị Cúc',
          substitutePosition: 'Phó Chủ tịch UBND huyện',
          substituteEmail: `cuc.${process.pid}@convene.test`,
        })
        .expect(200);
      const forC = to(await deliver(t), `cuc.${process.pid}@convene.test`);
      expect(forC).toHaveLength(1);
      const c = received(forC[0], `cuc.${process.pid}@convene.test`, [world.points[0].name]);
      expect(c.event.uid).toBe(world.conference.calendarUid);
      expect(c.text).toContain('Phó Chủ tịch UBND huyện');
      const tokenC = answerTokenOf(forC[0]);
      await t
        .http()
        .post(`/invitations/answer/${tokenC}`)
        .type('form')
        .send({ answer: 'substitute', substituteName: 'Lý Văn Em', substituteEmail: `em.${process.pid}@convene.test` })
        .expect(200);
      const forE = to(await deliver(t), `em.${process.pid}@convene.test`);
      expect(forE).toHaveLength(1);
      // B named C again (an old link): C is not invited twice.
      await t
        .http()
        .post(`/invitations/answer/${tokenB}`)
        .type('form')
        .send({
          answer: 'substitute',
          substituteName: 'Huỳnh Thị Cúc',
          substituteEmail: `cuc.${process.pid}@convene.test`,
        })
        .expect(409);
      const list = await t
        .http()
        .get(`${invitationsPath(world)}?siteId=${world.points[0].id}`)
        .set(auth(world.token))
        .expect(200);
      const byName = Object.fromEntries(list.body.items.map((i: any) => [i.person.fullName, i]));
      expect(list.body.items.filter((i: any) => i.person.fullName === 'Huỳnh Thị Cúc')).toHaveLength(1);
      expect(byName['Võ Minh Bảo'].answer).toBe('delegated');
      expect(byName['Huỳnh Thị Cúc']).toMatchObject({
        answer: 'delegated',
        source: 'substitute',
        substituteForId: byName['Võ Minh Bảo'].id,
        site: { id: world.points[0].id },
      });
      expect(byName['Lý Văn Em']).toMatchObject({
        answer: null,
        source: 'substitute',
        substituteForId: byName['Huỳnh Thị Cúc'].id,
      });
      const page = await t.http().get(`/invitations/answer/${tokenB}`).expect(200);
      expect(page.text).toContain('Đồng chí đã cử Huỳnh Thị Cúc dự thay.');
      const summary = await t
        .http()
        .get(`${invitationsPath(world)}/summary`)
        .set(auth(world.token))
        .expect(200);
      expect(summary.body.totals.substituted).toBe(2);
    });

    it('exports the list as CSV that Excel reads: BOM, CRLF, Vietnamese, formula cells neutralised', async () => {
      await t.dataSource.query(`UPDATE person SET full_name = '=HYPERLINK("x")' WHERE id = $1`, [world.people.d.id]);
      const res = await t
        .http()
        .get(`${invitationsPath(world)}/export.csv`)
        .set(auth(world.token))
        .buffer(true)
        .parse((r, cb) => {
          const chunks: Buffer[] = [];
          r.on('data', (c: Buffer) => chunks.push(c));
          r.on('end', () => cb(null, Buffer.concat(chunks)));
        })
        .expect(200);
      expect(res.headers['content-type']).toMatch(/text\/csv; charset=utf-8/);
      const text = (res.body as Buffer).toString('utf8');
      expect(text.startsWith('\uFEFF')).toBe(true);
      const lines = text.slice(1).split('\r\n');
      expect(lines[0]).toBe(
        'Điểm cầu,Họ và tên,Chức vụ,Thư điện tử,Đã gửi,Trả lời,Thời điểm trả lời,Dự thay cho,Nguồn,Ghi chú',
      );
      expect(text).toContain('Phạm Thị Ánh');
      expect(text).toContain(`"'=HYPERLINK(""x"")"`);
      expect(text).toContain('Cử người dự thay');
      expect(lines.filter(Boolean)).toHaveLength(1 + 5);
    });

    it('closes answers once the conference has started', async () => {
      const token = answerTokenOf(to(messages, world.people.a.email)[0]);
      const now = t.clock.now();
      t.clock.set('2026-04-08T00:31:00Z');
      try {
        const res = await t
          .http()
          .post(`/invitations/answer/${token}`)
          .type('form')
          .send({ answer: 'declined' })
          .expect(409);
        expect(res.body.code).toBe('ANSWERS_CLOSED');
        const browser = await t
          .http()
          .post(`/invitations/answer/${token}`)
          .set('Accept', 'text/html,application/xhtml+xml')
          .type('form')
          .send({ answer: 'declined', lang: 'en' })
          .expect(409);
        expect(browser.headers['content-type']).toMatch(/text\/html/);
        expect(browser.text).toContain('answers can no longer be changed');
        expect(browser.text).toContain(`href="/invitations/answer/${token}?lang=en"`);
        const page = await t.http().get(`/invitations/answer/${token}`).expect(200);
        expect(page.text).not.toContain('<form');
      } finally {
        t.clock.set(now);
      }
    });
  });
});
