import { createTestApp, TestApp } from './support/app';
import { auth, createConference } from './support/conference-fixtures';
import { answerTokenOf, deliver, invitationWorld, invite, InvitationWorld, sendAll, to } from './support/invitations';

/**
 * The previews of schedule (a move), postpone and cancel: the same DTO and checks as the command,
 * counts equal to what the command then does (outbox rows, mails in the sink, reminder slots,
 * dues), and nothing written (read back).
 */
describe('conference action previews', () => {
  let t: TestApp;
  let world: InvitationWorld;
  let paperId: string;
  const path = () => `/conferences/${world.conference.id}`;
  const move = { startsAt: '2026-04-10T08:00:00+07:00', endsAt: '2026-04-10T11:00:00+07:00', reason: 'Trùng lịch' };

  /** Everything a preview must leave as it was. */
  const fingerprint = async () => {
    const id = world.conference.id;
    const q = (sql: string) => t.dataSource.query(sql, [id]);
    return {
      conference: await q(`SELECT status, starts_at, ends_at, calendar_sequence FROM conference WHERE id = $1`),
      history: await q(`SELECT count(*)::int AS n FROM conference_schedule_change WHERE conference_id = $1`),
      audit: await q(`SELECT count(*)::int AS n FROM audit_entry WHERE conference_id = $1`),
      outbox: await q(`SELECT id, status FROM outbox_message WHERE conference_id = $1 ORDER BY id`),
      invitations: await q(
        `SELECT id, sent_sequence, last_sent_at FROM invitation WHERE conference_id = $1 ORDER BY id`,
      ),
      slots: await q(
        `SELECT r.id, r.status FROM reminder_slot r JOIN reminder_series s ON s.id = r.series_id WHERE s.conference_id = $1 ORDER BY r.id`,
      ),
      dues: await q(
        `SELECT e.id, e.resolves_at, (SELECT count(*)::int FROM due_change d WHERE d.due_id = e.id) AS changes
           FROM due_entry e JOIN presentation p ON p.id = e.presentation_id WHERE p.conference_id = $1`,
      ),
    };
  };

  const slots = async () =>
    new Map<string, string>(
      (
        await t.dataSource.query(
          `SELECT r.id, r.status FROM reminder_slot r JOIN reminder_series s ON s.id = r.series_id WHERE s.conference_id = $1`,
          [world.conference.id],
        )
      ).map((r: { id: string; status: string }) => [r.id, r.status]),
    );

  beforeAll(async () => {
    t = await createTestApp();
    world = await invitationWorld(t, [
      { key: 'a1', name: 'Nguyễn Văn Ánh', at: 0 },
      { key: 'a2', name: 'Trần Thị Bích', at: 0 },
      { key: 'b1', name: 'Lê Hoàng Cường', at: 1 },
      { key: 'gone', name: 'Đặng Minh Khoa', at: 2 },
      { key: 'late', name: 'Phan Văn Đức', at: 2 },
    ]);
    // Someone with no e-mail address at point 1: never sent (nothing could be), so no change reaches them.
    const [noMail] = await t.dataSource.query(
      `INSERT INTO person (full_name, email, language, search_key) VALUES ('Võ Thị Hoa', NULL, 'vi', 'vo thi hoa') RETURNING id`,
    );
    await t.dataSource.query(
      `INSERT INTO person_position (person_id, unit_id, role, title) VALUES ($1, $2, 'head', 'Chủ tịch')`,
      [noMail.id, world.points[1].unitId],
    );
    for (const [key, site] of [
      ['a1', world.points[0].id],
      ['a2', world.points[0].id],
      ['b1', world.points[1].id],
      ['gone', world.points[2].id],
    ])
      await invite(t, world, key, site);
    await t
      .http()
      .post(`${path()}/invitations`)
      .set(auth(world.token))
      .send({ personId: noMail.id, siteId: world.points[1].id })
      .expect(201);
    await sendAll(t, world);
    const letters = await deliver(t);
    const a1Letter = to(letters, world.people.a1.email)[0];
    await t
      .http()
      .post(`/invitations/answer/${answerTokenOf(a1Letter)}`)
      .type('form')
      .send({ answer: 'accepted' })
      .expect(200);
    const b1Letter = to(letters, world.people.b1.email)[0];
    await t
      .http()
      .post(`/invitations/answer/${answerTokenOf(b1Letter)}`)
      .type('form')
      .send({ answer: 'declined' })
      .expect(200);
    // Sent, then their address left the directory: every change reaches them and can mail nothing.
    await t.dataSource.query(`UPDATE person SET email = NULL WHERE id = $1`, [world.people.gone.id]);
    // Invited but never sent: a change tells them nothing.
    await invite(t, world, 'late', world.points[2].id);
    const paper = await t
      .http()
      .post(`${path()}/presentations`)
      .set(auth(world.token))
      .send({
        unitId: world.points[0].unitId,
        topic: 'Tổng hợp tài liệu phục vụ Hội nghị',
        receivingUnitId: world.provinceUnitId,
        due: 'trước 03 ngày diễn ra Hội nghị',
      })
      .expect(201);
    paperId = paper.body.id;
  });
  afterAll(() => t.close());

  it('previews a move: letters by mail state and answer, reminders, dues — and writes nothing', async () => {
    const before = await fingerprint();
    const res = await t.http().post(`${path()}/schedule/preview`).set(auth(world.token)).send(move).expect(200);
    expect(res.body).toMatchObject({
      action: 'schedule',
      changes: true,
      status: { from: 'scheduled', to: 'scheduled' },
      time: {
        from: { startsAt: '2026-04-08T07:30:00+07:00', endsAt: '2026-04-08T11:30:00+07:00' },
        to: { startsAt: move.startsAt, endsAt: move.endsAt },
      },
      invitations: {
        updates: 3,
        cancellations: 0,
        withoutEmail: 1,
        answerAgain: 2,
        byAnswer: { accepted: 1, declined: 1, tentative: 0, delegated: 0, none: 1 },
      },
      dues: { papers: 1, tasks: 0 },
      clustersCancelled: 0,
    });
    expect(await fingerprint()).toEqual(before);

    // The real move does what the preview said.
    const slotsBefore = await slots();
    await t.http().post(`${path()}/schedule`).set(auth(world.token)).send(move).expect(200);
    const queued = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM outbox_message WHERE conference_id = $1 AND kind = 'invitation' AND payload->>'letter' = 'update'`,
      [world.conference.id],
    );
    expect(queued[0].n).toBe(res.body.invitations.updates);
    const mails = await deliver(t);
    const updates = mails.filter((m) => /^Thay đổi thông tin/.test(m.parsed.subject ?? ''));
    expect(updates).toHaveLength(res.body.invitations.updates);
    const slotsAfter = await slots();
    const planned = [...slotsAfter].filter(([id, s]) => !slotsBefore.has(id) && s === 'pending').length;
    const withdrawn = [...slotsAfter].filter(
      ([id, s]) => slotsBefore.get(id) === 'pending' && s === 'cancelled',
    ).length;
    expect(res.body.reminders).toEqual({ planned, withdrawn });
    expect(planned).toBeGreaterThan(0);
    // Those who had answered are asked again: their answer is now for an earlier version.
    const listed = await t.http().get(`${path()}/invitations?limit=100`).set(auth(world.token)).expect(200);
    const again = listed.body.items.filter((i: { answeredEarlierVersion: boolean }) => i.answeredEarlierVersion);
    expect(again).toHaveLength(res.body.invitations.answerAgain);
    const history = await t.http().get(`/presentations/${paperId}/due-history`).set(auth(world.token)).expect(200);
    expect(history.body.items.at(-1)).toMatchObject({ cause: 'conference_scheduled' });
  });

  it('previews a first schedule of a draft: it becomes scheduled and nothing was sent to update', async () => {
    const draft = await createConference(t, world.token, { title: 'Hội nghị chưa chốt lịch' });
    const res = await t.http().post(`/conferences/${draft.id}/schedule/preview`).set(auth(world.token)).send(move);
    expect(res.body).toMatchObject({
      changes: true,
      status: { from: 'draft', to: 'scheduled' },
      time: { from: null, to: { startsAt: move.startsAt, endsAt: move.endsAt } },
      invitations: { updates: 0, cancellations: 0 },
    });
    const read = await t.http().get(`/conferences/${draft.id}`).set(auth(world.token)).expect(200);
    expect(read.body).toMatchObject({ status: 'draft', startsAt: null });
  });

  it('previews the same time asked again as no change', async () => {
    const res = await t.http().post(`${path()}/schedule/preview`).set(auth(world.token)).send(move).expect(200);
    expect(res.body).toMatchObject({ changes: false, invitations: { updates: 0, withoutEmail: 0 } });
  });

  it('checks a preview as the command: same DTO, 422 naming the field, 409 for a status that forbids it', async () => {
    const before = await fingerprint();
    const backwards = await t
      .http()
      .post(`${path()}/schedule/preview`)
      .set(auth(world.token))
      .send({ startsAt: '2026-04-10T11:00:00+07:00', endsAt: '2026-04-10T08:00:00+07:00' })
      .expect(422);
    expect(backwards.body.errors).toEqual([expect.objectContaining({ field: 'endsAt', rule: 'afterStart' })]);
    const noStart = await t
      .http()
      .post(`${path()}/schedule/preview`)
      .set(auth(world.token))
      .send({ endsAt: '2026-04-10T08:00:00+07:00' })
      .expect(422);
    expect(noStart.body.errors.map((e: { field: string }) => e.field)).toContain('startsAt');
    const noReason = await t.http().post(`${path()}/cancel/preview`).set(auth(world.token)).send({}).expect(422);
    expect(noReason.body.errors.map((e: { field: string }) => e.field)).toContain('reason');
    const window = await t
      .http()
      .post(`${path()}/postpone/preview`)
      .set(auth(world.token))
      .send({ reason: 'Chờ ý kiến', window: { from: '2026-05-10', to: '2026-05-01' } })
      .expect(422);
    expect(window.body.errors).toEqual([expect.objectContaining({ field: 'window.to' })]);
    expect(await fingerprint()).toEqual(before);
  });

  it('previews a postponement: dues lose their date, no letters', async () => {
    const before = await fingerprint();
    const res = await t
      .http()
      .post(`${path()}/postpone/preview`)
      .set(auth(world.token))
      .send({ reason: 'Chờ ý kiến lãnh đạo' })
      .expect(200);
    expect(res.body).toMatchObject({
      action: 'postpone',
      changes: true,
      status: { from: 'scheduled', to: 'postponed' },
      invitations: { updates: 0, cancellations: 0 },
      dues: { papers: 1, tasks: 0 },
    });
    expect(await fingerprint()).toEqual(before);
  });

  it('previews a cancellation and the cancellation does what it said', async () => {
    const before = await fingerprint();
    const body = { reason: 'Theo chỉ đạo của UBND tỉnh' };
    const res = await t.http().post(`${path()}/cancel/preview`).set(auth(world.token)).send(body).expect(200);
    expect(res.body).toMatchObject({
      action: 'cancel',
      status: { from: 'scheduled', to: 'cancelled' },
      invitations: {
        updates: 0,
        cancellations: 3,
        withoutEmail: 1,
        answerAgain: 0,
        byAnswer: { accepted: 1, declined: 1, none: 1 },
      },
    });
    expect(await fingerprint()).toEqual(before);
    const slotsBefore = await slots();
    await t.http().post(`${path()}/cancel`).set(auth(world.token)).send(body).expect(200);
    const mails = await deliver(t);
    expect(mails.filter((m) => m.raw.includes('METHOD:CANCEL'))).toHaveLength(res.body.invitations.cancellations);
    const slotsAfter = await slots();
    const withdrawn = [...slotsAfter].filter(
      ([id, s]) => slotsBefore.get(id) === 'pending' && s === 'cancelled',
    ).length;
    expect(res.body.reminders.withdrawn).toBe(withdrawn);
    // Cancelled: a preview answers as the command would, 409.
    const again = await t.http().post(`${path()}/cancel/preview`).set(auth(world.token)).send(body).expect(409);
    expect(again.body).toMatchObject({ code: 'INVALID_STATUS_TRANSITION' });
  });
});
