import { ReminderTicks } from '../src/reminders/reminder-ticks';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createScheduledConference, insertPerson, insertUnit } from './support/conference-fixtures';
import { FakeClock, HOUR } from './support/fake-clock';
import { dispatcher } from './support/outbox';
import { makePdf } from './support/presentations';

interface Received {
  at: string;
  to: string;
  subject: string;
  text: string;
}

describe('Deadline reminders, overdue notices and the daily digest', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let organizerEmail: string;
  const received: Received[] = [];
  const people: Record<string, string> = {};
  const papers: Record<string, string> = {};
  let conferenceId: string;

  async function tick(): Promise<void> {
    await t.app.get(ReminderTicks).run(t.clock.now());
    await dispatcher(t).drain();
    for (const m of t.sink.messages.splice(0))
      received.push({
        at: t.clock.now().toISOString(),
        to: m.to[0],
        subject: m.parsed.subject ?? '',
        text: m.parsed.text ?? '',
      });
  }

  async function runUntil(until: string): Promise<void> {
    while (t.clock.now() < new Date(until)) {
      t.clock.advance(HOUR);
      await tick();
    }
  }

  /** A unit with one person in `role` (and a head, who is reminded only when no contact or chief of office exists). */
  async function unitWith(
    key: string,
    role: 'contact' | 'chief_of_office' | 'head',
    language: 'vi' | 'en' = 'vi',
  ): Promise<string> {
    const unit = await insertUnit(t, { name: `Sở thử nghiệm ${key}`, kind: 'department' });
    const email = `${key}.${process.pid}@quangnam.gov.vn`;
    const person = await insertPerson(t, `Người phụ trách ${key}`, email);
    await t.dataSource.query(`UPDATE person SET language = $2 WHERE id = $1`, [person, language]);
    await t.dataSource.query(`INSERT INTO person_position (person_id, unit_id, role, title) VALUES ($1, $2, $3, 'x')`, [
      person,
      unit,
      role,
    ]);
    if (role !== 'head') {
      const head = await insertPerson(t, `Giám đốc ${key}`, `head.${key}.${process.pid}@quangnam.gov.vn`);
      await t.dataSource.query(
        `INSERT INTO person_position (person_id, unit_id, role, title) VALUES ($1, $2, 'head', 'Giám đốc')`,
        [head, unit],
      );
    }
    people[key] = email;
    return unit;
  }

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-03-01T01:00:00Z') });
    organizer = await apiUser(t, 'organizer');
    [{ email: organizerEmail }] = await t.dataSource.query(`SELECT email FROM app_user WHERE id = $1`, [
      organizer.userId,
    ]);
    const c = await createScheduledConference(t, organizer.token, {
      points: 0,
      startsAt: '2026-04-08T07:30:00+07:00',
      endsAt: '2026-04-08T11:30:00+07:00',
    });
    conferenceId = c.conference.id;
    const create = async (key: string, unitId: string, due: string) => {
      const res = await t
        .http()
        .post(`/conferences/${conferenceId}/presentations`)
        .set(auth(organizer.token))
        .send({ unitId, topic: `Tham luận ${key}`, due });
      if (res.status !== 201) throw new Error(JSON.stringify(res.body));
      papers[key] = res.body.id;
    };
    await create('a', await unitWith('a', 'contact', 'en'), 'chậm nhất ngày 20/03/2026');
    await create('b', await unitWith('b', 'chief_of_office'), 'chậm nhất ngày 20/03/2026');
    await create('c', await unitWith('c', 'head'), 'trước 03 ngày diễn ra Hội nghị');
  });
  afterAll(() => t.close());

  const of = (email: string, pattern: RegExp) =>
    received.filter((m) => m.to === email && pattern.test(m.subject)).map((m) => m.at);

  it('reminds the responsible unit’s contact 3 days and 1 day before the last day, at 08:00, and sends the overdue notice the day after', async () => {
    await runUntil('2026-03-18T03:00:00Z');
    // Unit b sends its paper in on 18 March, 10:00.
    await t
      .http()
      .post(`/presentations/${papers.b}/submissions`)
      .set(auth(organizer.token))
      .attach('file', await makePdf(5), 'b.pdf')
      .expect(201);
    await runUntil('2026-03-23T01:00:00Z');
    expect(of(people.a, /^(Due by|Overdue)/)).toEqual([
      '2026-03-17T01:00:00.000Z',
      '2026-03-19T01:00:00.000Z',
      '2026-03-21T01:00:00.000Z',
    ]);
    expect(of(people.b, /^(Hạn|Quá hạn)/)).toEqual(['2026-03-17T01:00:00.000Z']);
    const [threeDays, , overdue] = received.filter((m) => m.to === people.a);
    expect(threeDays.subject).toBe('Due by 20 March 2026: Tham luận a');
    expect(threeDays.text).toContain('(in 3 days)');
    expect(overdue.subject).toBe('Overdue: Tham luận a');
    // The contact, or else the chief of office, is the one reminded: the heads of units a and b get nothing.
    expect(received.filter((m) => m.to.startsWith('head.'))).toEqual([]);
  }, 120_000);

  it('sends the organizer a daily digest at 08:00 of what is overdue and what came in, and nothing on quiet days', async () => {
    const digests = received.filter((m) => m.to === organizerEmail);
    expect(digests.map((m) => m.at)).toEqual([
      '2026-03-19T01:00:00.000Z',
      '2026-03-21T01:00:00.000Z',
      '2026-03-22T01:00:00.000Z',
      '2026-03-23T01:00:00.000Z',
    ]);
    expect(digests[0].subject).toBe('Tổng hợp ngày 19/03/2026: Hội nghị thử nghiệm');
    expect(digests[0].text).toContain('Đã nhận từ lần tổng hợp trước (1):\n- Tham luận b (Sở thử nghiệm b), 18/3/2026');
    expect(digests[0].text).toContain('Quá hạn (0):');
    expect(digests[1].text).toContain('Quá hạn (1):\n- Tham luận a (Sở thử nghiệm a), 20/3/2026');
  });

  it('reminds the lead unit of a task of a plan, and stops when the task is done', async () => {
    const plan = await t
      .http()
      .post('/plans')
      .set(auth(organizer.token))
      .send({ title: 'Kế hoạch thử nghiệm', year: 2026 })
      .expect(201);
    const task = await t
      .http()
      .post(`/plans/${plan.body.id}/tasks`)
      .set(auth(organizer.token))
      .send({
        number: '1',
        content: 'Báo cáo kết quả tự đánh giá',
        leadUnitIds: [await unitWith('t', 'contact')],
        due: 'Trước ngày 01/4/2026',
      })
      .expect(201);
    await runUntil('2026-03-29T03:00:00Z');
    await t
      .http()
      .patch(`/plans/${plan.body.id}/tasks/${task.body.id}`)
      .set(auth(organizer.token))
      .send({ status: 'done' })
      .expect(200);
    await runUntil('2026-04-01T01:00:00Z');
    // Last day on time 31/3: the 3-day reminder on 28/3 went out; the 1-day one and the notice did not.
    expect(of(people.t, /^(Hạn|Quá hạn)/)).toEqual(['2026-03-28T01:00:00.000Z']);
    expect(received.find((m) => m.to === people.t)!.subject).toBe('Hạn 31/3/2026: Báo cáo kết quả tự đánh giá');
  }, 120_000);

  it('follows a due relative to the conference when the conference moves, reminding the unit’s head when it has no contact', async () => {
    await runUntil('2026-04-01T01:00:00Z');
    await t
      .http()
      .post(`/conferences/${conferenceId}/schedule`)
      .set(auth(organizer.token))
      .send({ startsAt: '2026-04-15T07:30:00+07:00', endsAt: '2026-04-15T11:30:00+07:00' })
      .expect(200);
    await runUntil('2026-04-14T01:00:00Z');
    // Due by the end of 12/4 (3 days before 15/4), not of 05/4: reminders on 9/4 and 11/4, the notice on 13/4.
    expect(of(people.c, /^(Hạn|Quá hạn)/)).toEqual([
      '2026-04-09T01:00:00.000Z',
      '2026-04-11T01:00:00.000Z',
      '2026-04-13T01:00:00.000Z',
    ]);
  }, 120_000);
});
