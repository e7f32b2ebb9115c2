import { RepliesService } from '../src/replies/replies.service';
import { INVITEES_AND_COORDINATORS } from '../src/reminders/reminder-audiences';
import { createTestApp, TestApp } from './support/app';
import { expectInvitationMessage } from './support/calendar-checks';
import { apiUser, auth, createConference } from './support/conference-fixtures';
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
  stillExpected,
} from './support/invitations';

/**
 * What invitations say and record about answers (issue 13): the version a change answers with,
 * the letter of a withdrawn invitation, answer notes where organizers read, and the deputy's letter.
 */
describe('invitation answers and letters', () => {
  let t: TestApp;
  const minute = 60_000;

  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const csvOf = async (world: InvitationWorld, lang = 'vi'): Promise<string[]> => {
    const res = await t
      .http()
      .get(`${invitationsPath(world)}/export.csv?lang=${lang}`)
      .set(auth(world.token))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on('data', (c: Buffer) => chunks.push(c));
        r.on('end', () => cb(null, Buffer.concat(chunks)));
      })
      .expect(200);
    return (res.body as Buffer).toString('utf8').slice(1).split('\r\n').filter(Boolean);
  };
  const listOf = async (world: InvitationWorld): Promise<Record<string, any>[]> =>
    (
      await t
        .http()
        .get(`${invitationsPath(world)}?limit=500&withdrawn=true`)
        .set(auth(world.token))
        .expect(200)
    ).body.items;
  const invitationOf = async (world: InvitationWorld, key: string) =>
    (await listOf(world)).find((i) => i.person.id === world.people[key].id && i.status === 'active')!;
  let replies = 0;
  /** A calendar app's METHOD:REPLY from this person, as a raw single-part message. */
  const reply = async (world: InvitationWorld, key: string, partstat: string, sequence: number, comment?: string) => {
    // Each invitation takes replies at its own address (MAIL_ORGANIZER tagged with its secret).
    const [{ secret }]: { secret: string }[] = await t.dataSource.query(
      `SELECT reply_secret AS secret FROM invitation WHERE person_id = $1 AND conference_id = $2 AND withdrawn_at IS NULL ORDER BY created_at DESC LIMIT 1`,
      [world.people[key].id, world.conference.id],
    );
    const calendar = [
      'BEGIN:VCALENDAR',
      'PRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN',
      'VERSION:2.0',
      'METHOD:REPLY',
      'BEGIN:VEVENT',
      `DTSTAMP:20260301T0${2 + replies}0000Z`,
      `UID:${world.conference.calendarUid}`,
      `ATTENDEE;PARTSTAT=${partstat};CN=Đại biểu:mailto:${world.people[key].email}`,
      `SEQUENCE:${sequence}`,
      ...(comment ? [`COMMENT:${comment}`] : []),
      'END:VEVENT',
      'END:VCALENDAR',
      '',
    ].join('\r\n');
    const raw = [
      `From: ${world.people[key].email}`,
      `To: convene+${secret}@convene.test`,
      `Message-ID: <answers-${++replies}.${process.pid}@mail.test>`,
      'Subject: Reply',
      'MIME-Version: 1.0',
      'Content-Type: text/calendar; method=REPLY; charset=utf-8',
      'Content-Transfer-Encoding: 8bit',
      '',
      calendar,
    ].join('\r\n');
    return t.app.get(RepliesService).receive(Buffer.from(raw, 'utf8'), world.people[key].email, secret);
  };

  describe('the position a letter names', () => {
    it('names the position the rule matched, not the oldest one, in the list, the CSV and the letter', async () => {
      const world = await invitationWorld(t, [
        { key: 'multi', name: 'Đinh Văn Thành', at: 0, title: 'Chủ tịch UBND huyện (kiêm nhiệm)' },
      ]);
      // A second, newer position at the host point's unit: the one the host point's rule asks for.
      await t.dataSource.query(
        `INSERT INTO person_position (person_id, unit_id, role, title, created_at) VALUES ($1, $2, 'deputy_head', 'Phó Chánh Văn phòng UBND tỉnh', now() + interval '1 minute')`,
        [world.people.multi.id, world.hostPoint.unitId],
      );
      const path = `/conferences/${world.conference.id}`;
      await t
        .http()
        .post(`${path}/composition/rules`)
        .set(auth(world.token))
        .send({
          site: { kind: 'bridge_point', id: world.hostPoint.id },
          label: 'Lãnh đạo Văn phòng UBND tỉnh',
          units: { ids: [world.hostPoint.unitId] },
          roles: ['deputy_head'],
        })
        .expect(201);
      const preview = await t
        .http()
        .get(`${path}/composition/preview`)
        .query({ siteKind: 'bridge_point', siteId: world.hostPoint.id })
        .set(auth(world.token))
        .expect(200);
      expect(preview.body.sites[0].invitees.map((i: any) => i.title)).toEqual(['Phó Chánh Văn phòng UBND tỉnh']);
      await t
        .http()
        .post(`${invitationsPath(world)}/generate`)
        .set(auth(world.token))
        .send({ siteId: world.hostPoint.id })
        .expect(201);
      const invitation = await invitationOf(world, 'multi');
      expect(invitation.person.position).toBe('Phó Chánh Văn phòng UBND tỉnh');
      expect((await csvOf(world)).find((l) => l.includes('Đinh Văn Thành'))).toContain('Phó Chánh Văn phòng UBND tỉnh');
      await sendAll(t, world);
      const letter = received(to(await deliver(t), world.people.multi.email)[0], world.people.multi.email);
      expect(letter.text).toContain('Kính gửi: Đinh Văn Thành — Phó Chánh Văn phòng UBND tỉnh');
      expect(letter.text).not.toContain('kiêm nhiệm');
    });
  });

  describe('the calendar SEQUENCE a schedule change answers', () => {
    it('answers the raised calendarSequence from POST …/schedule and POST …/cancel, as GET then reads it', async () => {
      const world = await invitationWorld(t, [{ key: 'a', name: 'Nguyễn Văn Ánh', at: 0 }]);
      await invite(t, world, 'a', world.points[0].id);
      await sendAll(t, world);
      await deliver(t);
      const path = `/conferences/${world.conference.id}`;
      t.clock.advance(minute);
      const moved = await t
        .http()
        .post(`${path}/schedule`)
        .set(auth(world.token))
        .send({ startsAt: '2026-04-09T14:00:00+07:00', endsAt: '2026-04-09T17:00:00+07:00' })
        .expect(200);
      const afterMove = await t.http().get(path).set(auth(world.token)).expect(200);
      expect(afterMove.body.calendarSequence).toBe(1);
      expect(moved.body.calendarSequence).toBe(1);
      const cancelled = await t
        .http()
        .post(`${path}/cancel`)
        .set(auth(world.token))
        .send({ reason: 'Theo chỉ đạo của UBND tỉnh' })
        .expect(200);
      const afterCancel = await t.http().get(path).set(auth(world.token)).expect(200);
      expect(afterCancel.body.calendarSequence).toBe(2);
      expect(cancelled.body.calendarSequence).toBe(2);
      const [message] = to(await deliver(t), world.people.a.email).slice(-1);
      expect(received(message, world.people.a.email).event.sequence).toBe(cancelled.body.calendarSequence);
    });

    it('answers the raised calendarSequence from a cluster’s schedule and cancel', async () => {
      const { token } = await apiUser(t, 'organizer');
      const roundtable = await createConference(t, token, {
        kind: 'roundtable',
        format: 'in_person',
        title: 'Tọa đàm Chỉ số PAR INDEX',
      });
      const path = `/conferences/${roundtable.id}/clusters`;
      const cluster = (
        await t
          .http()
          .post(path)
          .set(auth(token))
          .send({ number: 1, startsAt: '2026-04-05T13:30:00+07:00', endsAt: '2026-04-05T17:00:00+07:00' })
          .expect(201)
      ).body;
      const email = `cluster.${process.pid}@convene.test`;
      const person = await insertPersonAt(t, 'Trương Hồng Dự', email, null, '');
      // Invitations go out once the roundtable is scheduled; the cluster keeps its own time.
      await t
        .http()
        .post(`/conferences/${roundtable.id}/schedule`)
        .set(auth(token))
        .send({ startsAt: '2026-04-05T13:30:00+07:00', endsAt: '2026-04-07T17:00:00+07:00' })
        .expect(200);
      const invitations = `/conferences/${roundtable.id}/invitations`;
      await t.http().post(invitations).set(auth(token)).send({ personId: person, siteId: cluster.id }).expect(201);
      await t.http().post(`${invitations}/send`).set(auth(token)).send({ siteId: cluster.id }).expect(202);
      await deliver(t);
      t.clock.advance(minute);
      const moved = await t
        .http()
        .post(`${path}/${cluster.id}/schedule`)
        .set(auth(token))
        .send({ startsAt: '2026-04-06T13:30:00+07:00' })
        .expect(200);
      expect(moved.body.calendarSequence).toBe(1);
      const cancelled = await t
        .http()
        .post(`${path}/${cluster.id}/cancel`)
        .set(auth(token))
        .send({ reason: 'Không đủ thành phần' })
        .expect(200);
      expect(cancelled.body.calendarSequence).toBe(2);
      const read = await t.http().get(`${path}/${cluster.id}`).set(auth(token)).expect(200);
      expect(read.body.calendarSequence).toBe(2);
    });
  });

  describe('answers given for an earlier time', () => {
    let world: InvitationWorld;
    let tokens: Record<string, string>;
    const summary = async () =>
      (
        await t
          .http()
          .get(`${invitationsPath(world)}/summary`)
          .set(auth(world.token))
          .expect(200)
      ).body;
    beforeAll(async () => {
      world = await invitationWorld(t, [
        { key: 'a', name: 'Nguyễn Văn An', at: 0 },
        { key: 'b', name: 'Trần Thị Bình', at: 0 },
        { key: 'c', name: 'Lê Văn Cường', at: 1 },
        { key: 'd', name: 'Phạm Thị Dung', at: 1 },
      ]);
      for (const key of ['a', 'b', 'c', 'd']) await invite(t, world, key, world.points[key < 'c' ? 0 : 1].id);
      await sendAll(t, world);
      const letters = await deliver(t);
      tokens = Object.fromEntries(['a', 'b'].map((k) => [k, answerTokenOf(to(letters, world.people[k].email)[0])]));
      await t.http().post(`/invitations/answer/${tokens.a}`).type('form').send({ answer: 'accepted' }).expect(200);
      await t.http().post(`/invitations/answer/${tokens.b}`).type('form').send({ answer: 'declined' }).expect(200);
      await expect(reply(world, 'c', 'TENTATIVE', 0)).resolves.toMatchObject({ outcome: 'applied' });
    });

    it('records the SEQUENCE each answer answered, and counts them as answers before a change', async () => {
      await expect(invitationOf(world, 'a')).resolves.toMatchObject({
        answer: 'accepted',
        answerSequence: 0,
        answeredEarlierVersion: false,
      });
      await expect(invitationOf(world, 'c')).resolves.toMatchObject({ answer: 'tentative', answerSequence: 0 });
      expect((await summary()).totals).toMatchObject({
        accepted: 1,
        declined: 1,
        tentative: 1,
        noAnswer: 1,
        answeredEarlierVersion: 0,
      });
    });

    it('shows the answers given for the old time apart after a move, not as accepted, declined or tentative', async () => {
      t.clock.advance(minute);
      await t
        .http()
        .post(`/conferences/${world.conference.id}/schedule`)
        .set(auth(world.token))
        .send({ startsAt: '2026-04-09T14:00:00+07:00', endsAt: '2026-04-09T17:00:00+07:00' })
        .expect(200);
      await deliver(t);
      const { totals, sites } = await summary();
      expect(totals).toMatchObject({
        invited: 4,
        accepted: 0,
        declined: 0,
        tentative: 0,
        noAnswer: 1,
        answeredEarlierVersion: 3,
      });
      expect(sites.find((s: any) => s.siteId === world.points[0].id)).toMatchObject({
        accepted: 0,
        answeredEarlierVersion: 2,
      });
      await expect(invitationOf(world, 'a')).resolves.toMatchObject({
        answer: 'accepted',
        answerSequence: 0,
        sentSequence: 1,
        answeredEarlierVersion: true,
      });
      await expect(invitationOf(world, 'd')).resolves.toMatchObject({ answer: null, answeredEarlierVersion: false });
      const csv = await csvOf(world);
      expect(csv.find((l) => l.includes('Trần Thị Bình'))).toContain(
        'Không tham dự (trả lời cho thời gian trước khi thay đổi)',
      );
      expect((await csvOf(world, 'en')).find((l) => l.includes('Trần Thị Bình'))).toContain(
        'Not attending (answered for the time before the change)',
      );
    });

    it('reminds those who declined the old time too: they are still to confirm', async () => {
      const audience = await stillExpected(t, world.conference.id);
      expect(audience.map((r) => r.recipient_key).sort()).toEqual(
        ['a', 'b', 'c', 'd'].map((k) => world.people[k].id).sort(),
      );
      const ours: { recipient_key: string }[] = await t.dataSource.query(INVITEES_AND_COORDINATORS.sql, [
        world.conference.id,
        null,
      ]);
      expect(ours.map((r) => r.recipient_key)).toContain(world.people.b.id);
    });

    it('counts an answer for the new time again, from the page or a calendar reply of the new SEQUENCE', async () => {
      await t.http().post(`/invitations/answer/${tokens.a}`).type('form').send({ answer: 'accepted' }).expect(200);
      // The same answer as before, for the new version: applied, not "unchanged".
      await expect(reply(world, 'c', 'TENTATIVE', 1)).resolves.toMatchObject({ outcome: 'applied' });
      await expect(invitationOf(world, 'a')).resolves.toMatchObject({
        answerSequence: 1,
        answeredEarlierVersion: false,
      });
      await expect(invitationOf(world, 'c')).resolves.toMatchObject({
        answerSequence: 1,
        answeredEarlierVersion: false,
      });
      expect((await summary()).totals).toMatchObject({
        accepted: 1,
        declined: 0,
        tentative: 1,
        answeredEarlierVersion: 1,
      });
      const audience = await stillExpected(t, world.conference.id);
      expect(audience.map((r) => r.recipient_key)).toContain(world.people.b.id);
      await t.http().post(`/invitations/answer/${tokens.b}`).type('form').send({ answer: 'declined' }).expect(200);
      const after = await stillExpected(t, world.conference.id);
      expect(after.map((r) => r.recipient_key)).not.toContain(world.people.b.id);
    });
  });

  describe('a deputy (Cử người dự thay)', () => {
    let world: InvitationWorld;
    const deputy = { vi: `cuc.${process.pid}@convene.test`, en: `jane.${process.pid}@convene.test` };
    beforeAll(async () => {
      world = await invitationWorld(t, [
        { key: 'vi', name: 'Võ Minh Bảo', at: 0, title: 'Chủ tịch UBND huyện Núi Thành' },
        { key: 'en', name: 'John Smith', at: 1, language: 'en', title: 'Director' },
        { key: 'stays', name: 'Lê Hoàng Cường', at: 1 },
      ]);
      for (const key of ['vi', 'en', 'stays']) await invite(t, world, key, world.points[key === 'vi' ? 0 : 1].id);
      await sendAll(t, world);
      const letters = await deliver(t);
      const pass = (key: 'vi' | 'en', name: string, position: string) =>
        t
          .http()
          .post(`/invitations/answer/${answerTokenOf(to(letters, world.people[key].email)[0])}`)
          .type('form')
          .send({
            answer: 'substitute',
            substituteName: name,
            substitutePosition: position,
            substituteEmail: deputy[key],
          })
          .expect(200);
      await pass('vi', 'Huỳnh Thị Cúc', 'Phó Chủ tịch UBND huyện');
      await pass('en', 'Jane Doe', 'Deputy Director');
      await deliver(t);
    });

    it('tells the deputy, in Vietnamese, whom they replace', async () => {
      const letter = received(to(t.sink.messages, deputy.vi)[0], deputy.vi);
      for (const body of [letter.text, letter.html])
        expect(body).toContain('Đồng chí được cử dự thay đồng chí Võ Minh Bảo — Chủ tịch UBND huyện Núi Thành.');
      expect(letter.text).toContain('Kính gửi: Huỳnh Thị Cúc — Phó Chủ tịch UBND huyện');
    });

    it('tells the deputy, in English, whom they replace', async () => {
      const letter = received(to(t.sink.messages, deputy.en)[0], deputy.en);
      for (const body of [letter.text, letter.html])
        expect(body).toContain('You have been named to attend in place of John Smith — Director.');
    });

    it('sends a move to the deputy and, for their information, to the person who passed the invitation on', async () => {
      t.clock.advance(minute);
      await t
        .http()
        .post(`/conferences/${world.conference.id}/schedule`)
        .set(auth(world.token))
        .send({ startsAt: '2026-04-09T14:00:00+07:00', endsAt: '2026-04-09T17:00:00+07:00' })
        .expect(200);
      const messages = await deliver(t);
      expect(messages.map((m) => m.to[0]).sort()).toEqual(
        [deputy.vi, deputy.en, world.people.vi.email, world.people.en.email, world.people.stays.email].sort(),
      );
      expect(received(to(messages, deputy.vi)[0], deputy.vi).event.sequence).toBe(1);
      const passedOn = expectInvitationMessage(to(messages, world.people.vi.email)[0].raw, {
        recipient: world.people.vi.email,
        partstat: 'DELEGATED',
        htmlMentions: ['14 giờ 00 phút, Thứ Năm, ngày 09/4/2026'],
      });
      for (const body of [passedOn.text, passedOn.html]) {
        expect(body).toContain(
          'Đồng chí đã cử đồng chí Huỳnh Thị Cúc dự thay; thư này để đồng chí nắm thông tin, không cần trả lời.',
        );
        expect(body).not.toContain('/invitations/answer/');
      }
      const english = expectInvitationMessage(to(messages, world.people.en.email)[0].raw, {
        recipient: world.people.en.email,
        partstat: 'DELEGATED',
      });
      expect(english.text).toContain(
        'You have named Jane Doe to attend in your place; this is for your information, no answer is needed.',
      );
    });

    it('sends the cancellation to the deputy and to the person who passed the invitation on', async () => {
      t.clock.advance(minute);
      await t
        .http()
        .post(`/conferences/${world.conference.id}/cancel`)
        .set(auth(world.token))
        .send({ reason: 'Theo chỉ đạo của UBND tỉnh' })
        .expect(200);
      const messages = await deliver(t);
      expect(messages.map((m) => m.to[0]).sort()).toEqual(
        [deputy.vi, deputy.en, world.people.vi.email, world.people.en.email, world.people.stays.email].sort(),
      );
      for (const message of messages) {
        const cancel = received(message, message.to[0]);
        expect(cancel.method).toBe('CANCEL');
        expect(cancel.event.sequence).toBe(2);
      }
    });
  });

  describe('withdrawing one person', () => {
    let world: InvitationWorld;
    beforeAll(async () => {
      world = await invitationWorld(t, [
        { key: 'vi', name: 'Trần Thị Bích', at: 0 },
        { key: 'en', name: 'John Smith', at: 1, language: 'en' },
        { key: 'stays', name: 'Lê Hoàng Cường', at: 1 },
      ]);
      for (const key of ['vi', 'en', 'stays']) await invite(t, world, key, world.points[key === 'vi' ? 0 : 1].id);
      await sendAll(t, world);
      await deliver(t);
    });

    const withdraw = async (key: string) => {
      t.clock.advance(minute);
      const invitation = await invitationOf(world, key);
      await t
        .http()
        .delete(`${invitationsPath(world)}/${invitation.id}`)
        .set(auth(world.token))
        .expect(204);
      const messages = await deliver(t);
      expect(messages.map((m) => m.to[0])).toEqual([world.people[key].email]);
      return received(messages[0], world.people[key].email);
    };

    it('tells them in Vietnamese that their invitation is withdrawn and the meeting goes on, with a CANCEL for them', async () => {
      const letter = await withdraw('vi');
      expect(letter.method).toBe('CANCEL');
      expect(letter.event).toMatchObject({ uid: world.conference.calendarUid, status: 'CANCELLED' });
      expect(letter.event.attendees.map((a) => a.email)).toEqual([world.people.vi.email]);
      expect(letter.subject).toMatch(/^Thu hồi giấy mời: /);
      for (const body of [letter.text, letter.html]) {
        expect(body).toContain('THU HỒI GIẤY MỜI');
        expect(body).toContain('Giấy mời gửi đồng chí dự cuộc họp sau đây đã được thu hồi');
        expect(body).toContain('Cuộc họp vẫn diễn ra theo kế hoạch');
        expect(body).not.toContain('THÔNG BÁO HỦY');
        expect(body).not.toContain('không tổ chức nữa');
        expect(body).not.toContain('Cuộc họp đã bị hủy');
      }
    });

    it('tells them in English, too', async () => {
      const letter = await withdraw('en');
      expect(letter.method).toBe('CANCEL');
      expect(letter.subject).toMatch(/^Invitation withdrawn: /);
      for (const body of [letter.text, letter.html]) {
        expect(body).toContain('INVITATION WITHDRAWN');
        expect(body).toContain('Your invitation to the following meeting has been withdrawn');
        expect(body).toContain('The meeting itself goes ahead as planned');
        expect(body).not.toContain('has been cancelled');
        expect(body).not.toContain('will not take place');
      }
    });
  });

  describe('answer notes', () => {
    let world: InvitationWorld;
    let tokens: Record<string, string>;
    beforeAll(async () => {
      world = await invitationWorld(t, [
        { key: 'page', name: 'Phạm Thị Ánh', at: 0 },
        { key: 'mail', name: 'Võ Minh Bảo', at: 1 },
      ]);
      await invite(t, world, 'page', world.points[0].id);
      await invite(t, world, 'mail', world.points[1].id);
      await sendAll(t, world);
      const letters = await deliver(t);
      tokens = { page: answerTokenOf(to(letters, world.people.page.email)[0]) };
      await t
        .http()
        .post(`/invitations/answer/${tokens.page}`)
        .type('form')
        .send({ answer: 'declined', note: 'Trùng lịch tiếp dân, xin phép vắng.' })
        .expect(200);
      await expect(reply(world, 'mail', 'TENTATIVE', 0, 'Sẽ xác nhận sau khi họp giao ban.')).resolves.toMatchObject({
        outcome: 'applied',
      });
    });

    it('shows the answer page’s note and a calendar reply’s COMMENT in the invitation list', async () => {
      await expect(invitationOf(world, 'page')).resolves.toMatchObject({
        answer: 'declined',
        answerNote: 'Trùng lịch tiếp dân, xin phép vắng.',
      });
      await expect(invitationOf(world, 'mail')).resolves.toMatchObject({
        answer: 'tentative',
        answerNote: 'Sẽ xác nhận sau khi họp giao ban.',
      });
    });

    it('exports the notes in their own CSV column, in both languages', async () => {
      const vi = await csvOf(world);
      expect(vi[0].split(',')).toContain('Ghi chú');
      const notes = vi[0].split(',').indexOf('Ghi chú');
      const row = vi.find((l) => l.includes('Phạm Thị Ánh'))!;
      expect(row).toContain('Trùng lịch tiếp dân');
      expect(row.split(',')[notes]).toBe('"Trùng lịch tiếp dân');
      expect(vi.find((l) => l.includes('Võ Minh Bảo'))).toContain('Sẽ xác nhận sau khi họp giao ban.');
      expect((await csvOf(world, 'en'))[0].split(',')).toContain('Note');
    });

    it('keeps the note in the audit entry of the answer', async () => {
      const entries = await t.dataSource.query(
        `SELECT entity_id, actor_kind, after FROM audit_entry WHERE action = 'invitation.answer' AND conference_id = $1 ORDER BY id`,
        [world.conference.id],
      );
      const page = await invitationOf(world, 'page');
      const mail = await invitationOf(world, 'mail');
      expect(entries).toEqual([
        {
          entity_id: page.id,
          actor_kind: 'link',
          after: { answer: 'declined', note: 'Trùng lịch tiếp dân, xin phép vắng.', sequence: 0 },
        },
        {
          entity_id: mail.id,
          actor_kind: 'mail',
          after: { answer: 'tentative', note: 'Sẽ xác nhận sau khi họp giao ban.', sequence: 0 },
        },
      ]);
    });
  });
});
