import { OutboxService } from '../src/outbox/outbox.service';
import { ReminderTicks } from '../src/reminders/reminder-ticks';
import { SLOT_REASONS, RENDER_SKIPS } from '../src/reminders/reminder.reasons';
import { createTestApp, TestApp } from './support/app';
import { expectNoCalendarPart } from './support/calendar-checks';
import {
  apiUser,
  auth,
  createScheduledConference,
  insertPerson,
  ScheduledConference,
} from './support/conference-fixtures';
import { DAY, FakeClock, HOUR } from './support/fake-clock';
import { dispatcher, outboxRows } from './support/outbox';

/** A message as the sink got it, with the fake time of the tick that sent it. */
interface Received {
  at: string;
  to: string;
  subject: string;
  text: string;
}

describe('Reminders (scheduler on the outbox, fake clock)', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let received: Received[];

  beforeEach(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-03-20T00:30:00Z') });
    organizer = await apiUser(t, 'organizer');
    received = [];
  });
  afterEach(() => t.close());

  const ticks = () => t.app.get(ReminderTicks);

  /** One scheduler tick at the fake clock's time, then everything due is sent. */
  async function tick(): Promise<void> {
    await ticks().run(t.clock.now());
    await dispatcher(t).drain();
    for (const m of t.sink.messages.splice(0)) {
      received.push({
        at: t.clock.now().toISOString(),
        to: m.to[0],
        subject: m.parsed.subject ?? '',
        text: m.parsed.text ?? '',
      });
    }
  }

  /** Advances hour by hour up to `until`, ticking at each hour (the :30 grid of the fixtures). */
  async function runUntil(until: string, step = HOUR): Promise<void> {
    while (t.clock.now() < new Date(until)) {
      t.clock.advance(step);
      await tick();
    }
  }

  /** A scheduled conference whose points have coordinators; the first coordinator reads English. */
  async function conferenceWithCoordinators(
    options: { startsAt?: string; endsAt?: string; timeZone?: string; points?: number } = {},
  ): Promise<ScheduledConference & { emails: string[] }> {
    const c = await createScheduledConference(t, organizer.token, {
      startsAt: '2026-04-08T07:30:00+07:00',
      endsAt: '2026-04-08T11:30:00+07:00',
      points: 2,
      ...options,
    });
    const emails: string[] = [];
    for (const [i, point] of c.points.entries()) {
      const email = `dieuphoi${i}.${c.conference.id.slice(0, 8)}@quangnam.gov.vn`;
      const person = await insertPerson(t, `Điều phối viên ${i}`, email);
      if (i === 0) await t.dataSource.query(`UPDATE person SET language = 'en' WHERE id = $1`, [person]);
      await t
        .http()
        .patch(`/conferences/${c.conference.id}/bridge-points/${point.id}`)
        .set(auth(organizer.token))
        .send({ coordinatorPersonId: person })
        .expect(200);
      emails.push(email);
    }
    return { ...c, emails };
  }

  const schedule = (id: string, startsAt: string, endsAt: string) =>
    t
      .http()
      .post(`/conferences/${id}/schedule`)
      .set(auth(organizer.token))
      .send({ startsAt, endsAt, reason: 'Dời lịch' })
      .expect(200);
  const slots = async (id: string, query = '') =>
    (await t.http().get(`/conferences/${id}/reminders?limit=500${query}`).set(auth(organizer.token)).expect(200)).body;

  it('runs a month of reminders: each coordinator gets 3 days, 1 day and 2 hours before, in their language and the conference’s zone', async () => {
    const c = await conferenceWithCoordinators();
    const started = Date.now();
    await runUntil('2026-04-09T00:30:00Z');
    const elapsed = Date.now() - started;
    const [en, vi] = c.emails;
    expect(received.filter((m) => m.to === vi).map((m) => m.at)).toEqual([
      '2026-04-05T00:30:00.000Z',
      '2026-04-07T00:30:00.000Z',
      '2026-04-07T22:30:00.000Z',
    ]);
    expect(received.filter((m) => m.to === en).map((m) => m.at)).toEqual([
      '2026-04-05T00:30:00.000Z',
      '2026-04-07T00:30:00.000Z',
      '2026-04-07T22:30:00.000Z',
    ]);
    expect(received).toHaveLength(6);
    const viMail = received.find((m) => m.to === vi)!;
    expect(viMail.subject).toBe('Nhắc lịch: Hội nghị thử nghiệm — 07 giờ 30 phút, Thứ Tư, ngày 08/4/2026');
    expect(viMail.text).toContain('trước 3 ngày');
    expect(viMail.text).toContain(`Điểm cầu của Quý vị: ${c.points[1].name}.`);
    const enMail = received.filter((m) => m.to === en)[2];
    expect(enMail.subject).toBe('Reminder: Hội nghị thử nghiệm — 07:30, Wednesday 8 April 2026');
    expect(enMail.text).toContain('2 hours ahead');
    expect(enMail.text).toContain(`Your bridge point: ${c.points[0].name}.`);
    // 480 hourly ticks, each planning, fanning out and draining, in seconds of real time.
    expect(elapsed).toBeLessThan(60_000);
    const list = await slots(c.conference.id, '&kind=conference');
    expect(
      list.items.map((s: { offset: string; status: string; queued: number; fireAt: string }) => [
        s.offset,
        s.status,
        s.queued,
        s.fireAt,
      ]),
    ).toEqual([
      ['P3D', 'done', 2, '2026-04-05T07:30:00+07:00'],
      ['P1D', 'done', 2, '2026-04-07T07:30:00+07:00'],
      ['PT2H', 'done', 2, '2026-04-08T05:30:00+07:00'],
    ]);
  }, 120_000);

  it('counts days in the conference’s own zone, across a daylight-saving change', async () => {
    // Berlin moves to summer time on 29 March 2026: 10:00 on 30 March is 08:00Z, 10:00 on 27 March is 09:00Z.
    t.clock.set('2026-03-20T00:00:00Z');
    const c = await conferenceWithCoordinators({
      startsAt: '2026-03-30T10:00:00+02:00',
      endsAt: '2026-03-30T12:00:00+02:00',
      timeZone: 'Europe/Berlin',
      points: 1,
    });
    await runUntil('2026-03-30T09:00:00Z');
    expect(received.map((m) => m.at)).toEqual([
      '2026-03-27T09:00:00.000Z',
      '2026-03-29T08:00:00.000Z',
      '2026-03-30T06:00:00.000Z',
    ]);
    expect(received[0].subject).toBe('Reminder: Hội nghị thử nghiệm — 10:00, Monday 30 March 2026 (Europe/Berlin)');
    expect(c.emails).toHaveLength(1);
  }, 120_000);

  it('sends nothing on a cancelled conference, and withdraws what was queued but not yet sent', async () => {
    const c = await conferenceWithCoordinators();
    await runUntil('2026-04-05T00:30:00Z');
    expect(received).toHaveLength(2);
    // The 1-day reminders are queued by a tick, then the conference is cancelled before they go out.
    t.clock.set('2026-04-07T00:30:00Z');
    await ticks().run(t.clock.now());
    await expect(outboxRows(t.dataSource, `kind = 'reminder.conference' AND status = 'queued'`)).resolves.toHaveLength(
      2,
    );
    await t
      .http()
      .post(`/conferences/${c.conference.id}/cancel`)
      .set(auth(organizer.token))
      .send({ reason: 'Thay đổi kế hoạch' })
      .expect(200);
    await tick();
    await runUntil('2026-04-09T00:30:00Z');
    expect(received).toHaveLength(2);
    const withdrawn = await outboxRows(t.dataSource, `kind = 'reminder.conference' AND status = 'cancelled'`);
    expect(withdrawn).toHaveLength(2);
    expect(withdrawn[0].status_reason).toBe(SLOT_REASONS.noLongerScheduled);
    const list = await slots(c.conference.id, '&kind=conference');
    expect(list.items.map((s: { offset: string; status: string }) => [s.offset, s.status])).toEqual([
      ['P3D', 'done'],
      ['P1D', 'done'],
      ['PT2H', 'cancelled'],
    ]);
  }, 120_000);

  it('sends nothing twice after a reschedule: the old time’s reminders stop, the new time’s follow', async () => {
    const c = await conferenceWithCoordinators({ points: 1 });
    await runUntil('2026-04-06T00:30:00Z');
    expect(received.map((m) => m.at)).toEqual(['2026-04-05T00:30:00.000Z']);
    await schedule(c.conference.id, '2026-04-15T07:30:00+07:00', '2026-04-15T11:30:00+07:00');
    await runUntil('2026-04-16T00:30:00Z');
    expect(received.map((m) => m.at)).toEqual([
      '2026-04-05T00:30:00.000Z',
      '2026-04-12T00:30:00.000Z',
      '2026-04-14T00:30:00.000Z',
      '2026-04-14T22:30:00.000Z',
    ]);
    expect(received[1].subject).toBe('Reminder: Hội nghị thử nghiệm — 07:30, Wednesday 15 April 2026');
    expect(received[1].text).not.toContain('8 April');
    const keys = (await outboxRows(t.dataSource, `kind = 'reminder.conference'`)).map((r) => r.dedupe_key);
    expect(new Set(keys).size).toBe(keys.length);
    const list = await slots(c.conference.id, '&kind=conference');
    expect(
      list.items.map((s: { offset: string; version: number; status: string; current: boolean }) => [
        s.version,
        s.offset,
        s.status,
        s.current,
      ]),
    ).toEqual([
      [1, 'P3D', 'done', false],
      [1, 'P1D', 'cancelled', false],
      [1, 'PT2H', 'cancelled', false],
      [2, 'P3D', 'done', true],
      [2, 'P1D', 'done', true],
      [2, 'PT2H', 'done', true],
    ]);
  }, 120_000);

  it('lets the renderer skip a reminder of the old time that is still queued when it goes out', async () => {
    const c = await conferenceWithCoordinators({ points: 1 });
    const [row] = await t.dataSource.query(
      `SELECT id, version, anchor_at FROM reminder_series WHERE kind = 'conference' AND target_id = $1`,
      [c.conference.id],
    );
    const [coordinator] = await t.dataSource.query(
      `SELECT coordinator_person_id AS id FROM bridge_point WHERE id = $1`,
      [c.points[0].id],
    );
    await schedule(c.conference.id, '2026-04-15T07:30:00+07:00', '2026-04-15T11:30:00+07:00');
    // As if an instance had queued the old version's reminder while the move committed.
    const outbox = t.app.get(OutboxService);
    await t.dataSource.transaction((m) =>
      outbox.enqueue(m, [
        {
          dedupeKey: `test:stale:${c.conference.id}`,
          kind: 'reminder.conference',
          recipientEmail: c.emails[0],
          conferenceId: c.conference.id,
          payload: {
            seriesId: row.id,
            targetId: c.conference.id,
            version: row.version,
            label: 'P1D',
            anchorAt: new Date(row.anchor_at).toISOString(),
            recipientKey: coordinator.id,
          },
        },
      ]),
    );
    await tick();
    expect(received).toHaveLength(0);
    const [stale] = await outboxRows(t.dataSource, `dedupe_key = $1`, [`test:stale:${c.conference.id}`]);
    expect(stale).toMatchObject({ status: 'skipped', status_reason: RENDER_SKIPS.moved });
  });

  it('catches up after downtime: sends what still makes sense (late, the latest only) and skips the rest with the reason', async () => {
    const c = await conferenceWithCoordinators({ points: 1 });
    await tick();
    // Down from 20 March to 7 April 12:00Z: the 3-day and 1-day reminders passed meanwhile.
    t.clock.set('2026-04-07T12:00:00Z');
    await tick();
    expect(received.map((m) => m.subject)).toEqual(['Reminder: Hội nghị thử nghiệm — 07:30, Wednesday 8 April 2026']);
    expect(received[0].text).toContain('1 day ahead');
    // Down again until after the start: the 2-hour reminder no longer makes sense.
    t.clock.set('2026-04-08T02:00:00Z');
    await tick();
    expect(received).toHaveLength(1);
    const list = await slots(c.conference.id, '&kind=conference');
    expect(
      list.items.map((s: { offset: string; status: string; reason: string | null }) => [s.offset, s.status, s.reason]),
    ).toEqual([
      ['P3D', 'skipped', SLOT_REASONS.superseded],
      ['P1D', 'done', SLOT_REASONS.sentLate],
      ['PT2H', 'skipped', SLOT_REASONS.anchorPassed],
    ]);
  });

  it('queues nothing twice when two ticks run at once, on one instance or two', async () => {
    const c = await conferenceWithCoordinators({ points: 3 });
    const second = await createTestApp({ database: t.db, clock: t.clock, sink: t.sink });
    try {
      const other = second.app.get(ReminderTicks);
      t.clock.set('2026-04-05T00:30:00Z');
      const reports = await Promise.all([
        ticks().run(t.clock.now()),
        ticks().run(t.clock.now()),
        other.run(t.clock.now()),
      ]);
      expect(reports.reduce((n, r) => n + r.queued, 0)).toBe(3);
      await Promise.all([ticks().run(t.clock.now()), other.run(t.clock.now())]);
      await tick();
      expect(received.map((m) => m.to).sort()).toEqual([...c.emails].sort());
      await expect(outboxRows(t.dataSource, `kind = 'reminder.conference'`)).resolves.toHaveLength(3);
    } finally {
      await second.close();
    }
  });

  it('ticks by itself with SCHEDULER_ENABLED: an instance starting after downtime sends what is due', async () => {
    const c = await conferenceWithCoordinators({ points: 1 });
    await ticks().run(t.clock.now());
    t.clock.set('2026-04-05T00:31:00Z');
    const instance = await createTestApp({
      database: t.db,
      clock: t.clock,
      sink: t.sink,
      env: { SCHEDULER_ENABLED: 'true', OUTBOX_POLL_INTERVAL_MS: '200' },
    });
    try {
      for (let i = 0; i < 100 && t.sink.messages.length === 0; i += 1)
        await new Promise((resolve) => setTimeout(resolve, 100));
      expect(t.sink.messages.map((m) => m.to[0])).toEqual(c.emails);
    } finally {
      await instance.close();
    }
  });

  it('sends reminders without a calendar part', async () => {
    await conferenceWithCoordinators({ points: 1 });
    t.clock.set('2026-04-05T00:30:00Z');
    await ticks().run(t.clock.now());
    await dispatcher(t).drain();
    expect(t.sink.messages).toHaveLength(1);
    expectNoCalendarPart(t.sink.messages[0].raw.toString('utf8'));
  });

  it('reminds coordinators of their connection test, and stops when the test is done', async () => {
    const c = await conferenceWithCoordinators({ points: 2 });
    const readiness = (point: string, body: object) =>
      t
        .http()
        .put(`/conferences/${c.conference.id}/bridge-points/${point}/readiness`)
        .set(auth(organizer.token))
        .send(body)
        .expect(200);
    await readiness(c.points[0].id, { status: 'test_scheduled', testAt: '2026-04-06T09:00:00+07:00' });
    await readiness(c.points[1].id, { status: 'test_scheduled', testAt: '2026-04-06T14:00:00+07:00' });
    await runUntil('2026-04-06T02:00:00Z', HOUR / 2);
    // The second test passes early, before its 1-hour reminder.
    await readiness(c.points[1].id, { status: 'passed' });
    await runUntil('2026-04-06T08:00:00Z', HOUR / 2);
    const tests = received.filter((m) => /Connection test|Kiểm tra kết nối/.test(m.subject));
    expect(tests.map((m) => [m.to, m.at])).toEqual([
      [c.emails[0], '2026-04-05T02:00:00.000Z'],
      [c.emails[1], '2026-04-05T07:00:00.000Z'],
      [c.emails[0], '2026-04-06T01:00:00.000Z'],
    ]);
    expect(tests[0].subject).toBe(`Connection test: ${c.points[0].name} — 09:00, Monday 6 April 2026`);
    expect(tests[1].text).toContain('còn 1 ngày');
    const list = await slots(c.conference.id, '&kind=readiness&status=cancelled');
    expect(list.items).toEqual([
      expect.objectContaining({ targetId: c.points[1].id, offset: 'PT1H', reason: SLOT_REASONS.noLongerScheduled }),
    ]);
  }, 120_000);

  describe('settings', () => {
    const settingsOf = (id: string) => `/conferences/${id}/reminder-settings`;

    it('answers the defaults, replaces them, and replans at once', async () => {
      const c = await conferenceWithCoordinators({ points: 1 });
      const initial = await t.http().get(settingsOf(c.conference.id)).set(auth(organizer.token)).expect(200);
      expect(initial.body).toEqual({
        conferenceId: c.conference.id,
        conference: ['P3D', 'P1D', 'PT2H'],
        readinessTest: ['P1D', 'PT1H'],
        deadlines: ['P3D', 'P1D'],
        overdueNotice: true,
        dailyDigest: true,
        isDefault: true,
        updatedAt: null,
      });
      const put = await t
        .http()
        .put(settingsOf(c.conference.id))
        .set(auth(organizer.token))
        .send({ conference: ['PT30M', 'P7D'], dailyDigest: false })
        .expect(200);
      expect(put.body).toMatchObject({
        conference: ['P7D', 'PT30M'],
        readinessTest: ['P1D', 'PT1H'],
        dailyDigest: false,
        isDefault: false,
      });
      const list = await slots(c.conference.id, '&kind=conference');
      expect(
        list.items.map((s: { offset: string; status: string; fireAt: string }) => [s.offset, s.status, s.fireAt]),
      ).toEqual([
        ['P7D', 'pending', '2026-04-01T07:30:00+07:00'],
        ['P3D', 'cancelled', '2026-04-05T07:30:00+07:00'],
        ['P1D', 'cancelled', '2026-04-07T07:30:00+07:00'],
        ['PT2H', 'cancelled', '2026-04-08T05:30:00+07:00'],
        ['PT30M', 'pending', '2026-04-08T07:00:00+07:00'],
      ]);
      await runUntil('2026-04-09T00:30:00Z', HOUR / 2);
      expect(received.map((m) => m.at)).toEqual(['2026-04-01T00:30:00.000Z', '2026-04-08T00:00:00.000Z']);
      const audit = await t.dataSource.query(
        `SELECT action FROM audit_entry WHERE entity_id = $1 AND action = 'reminder_settings.update'`,
        [c.conference.id],
      );
      expect(audit).toHaveLength(1);
    }, 120_000);

    it('refuses bad offsets naming the field and rule, and changes nothing', async () => {
      const c = await conferenceWithCoordinators({ points: 1 });
      const bad = await t
        .http()
        .put(settingsOf(c.conference.id))
        .set(auth(organizer.token))
        .send({ conference: ['P3D', '3 days', 'P40D'], deadlines: ['PT2H'] });
      expect(bad.status).toBe(422);
      expect(bad.body).toMatchObject({ code: 'VALIDATION_FAILED' });
      expect(bad.body.errors.map((e: { field: string; rule: string }) => [e.field, e.rule])).toEqual([
        ['conference[1]', 'duration'],
        ['conference[2]', 'max'],
        ['deadlines[0]', 'wholeDays'],
      ]);
      const types = await t
        .http()
        .put(settingsOf(c.conference.id))
        .set(auth(organizer.token))
        .send({ conference: 'P3D', overdueNotice: 'yes', extra: 1 });
      expect(types.status).toBe(422);
      expect(types.body.errors.map((e: { field: string }) => e.field).sort()).toEqual([
        'conference',
        'extra',
        'overdueNotice',
      ]);
      const tooMany = await t
        .http()
        .put(settingsOf(c.conference.id))
        .set(auth(organizer.token))
        .send({ readinessTest: ['PT1H', 'PT2H', 'PT3H', 'PT4H', 'PT5H', 'PT6H', 'PT7H'] });
      expect(tooMany.body).toMatchObject({ status: 422, errors: [{ field: 'readinessTest', rule: 'arrayMaxSize' }] });
      const dup = await t
        .http()
        .put(settingsOf(c.conference.id))
        .set(auth(organizer.token))
        .send({ conference: ['P1D', 'PT24H', 'P1D'] });
      expect(dup.body).toMatchObject({ status: 422, errors: [{ field: 'conference[2]', rule: 'unique' }] });
      const after = await t.http().get(settingsOf(c.conference.id)).set(auth(organizer.token)).expect(200);
      expect(after.body.isDefault).toBe(true);
      await expect(
        t.dataSource.query(`SELECT 1 FROM audit_entry WHERE action = 'reminder_settings.update'`),
      ).resolves.toHaveLength(0);
    });

    it('answers 404 for an unknown, malformed or someone else’s conference, 403 for an observer, 409 once finished', async () => {
      const c = await conferenceWithCoordinators({ points: 1 });
      const stranger = await apiUser(t, 'organizer');
      await t.http().get(settingsOf(c.conference.id)).set(auth(stranger.token)).expect(404);
      await t.http().put(settingsOf(c.conference.id)).set(auth(stranger.token)).send({}).expect(404);
      await t.http().get(`/conferences/${c.conference.id}/reminders`).set(auth(stranger.token)).expect(404);
      await t.http().get(settingsOf('00000000-0000-4000-8000-000000000000')).set(auth(organizer.token)).expect(404);
      await t.http().get(settingsOf('not-a-uuid')).set(auth(organizer.token)).expect(404);
      const observer = await t.userToken('observer');
      await t
        .http()
        .post(`/conferences/${c.conference.id}/members`)
        .set(auth(organizer.token))
        .send({ userId: observer.userId, role: 'observer' })
        .expect(201);
      await t.http().get(settingsOf(c.conference.id)).set(auth(observer.token)).expect(200);
      const refused = await t.http().put(settingsOf(c.conference.id)).set(auth(observer.token)).send({});
      expect(refused.body).toMatchObject({ status: 403, code: 'FORBIDDEN' });
      const query = await t
        .http()
        .get(`/conferences/${c.conference.id}/reminders?status=sent&kind=x&limit=0`)
        .set(auth(organizer.token));
      expect(query.status).toBe(422);
      expect(query.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['kind', 'limit', 'status']);
      await t
        .http()
        .post(`/conferences/${c.conference.id}/cancel`)
        .set(auth(organizer.token))
        .send({ reason: 'Hủy' })
        .expect(200);
      const finished = await t.http().put(settingsOf(c.conference.id)).set(auth(organizer.token)).send({});
      expect(finished.body).toMatchObject({ status: 409, code: 'CONFERENCE_FINISHED' });
    });
  });

  it('keeps a month of ticks cheap when nothing changes: a tick plans nothing and reads only pending slots', async () => {
    await conferenceWithCoordinators({ points: 2 });
    const first = await ticks().run(t.clock.now());
    const second = await ticks().run(t.clock.now());
    expect(first.planned + second.planned).toBe(0);
    t.clock.advance(DAY);
    await expect(ticks().run(t.clock.now())).resolves.toEqual({
      planned: 0,
      fired: 0,
      skipped: 0,
      queued: 0,
      digests: 0,
    });
  });
});
