import { DomainEvents } from '../src/events/domain-events';
import { recordPublished } from './support/events';
import type { DomainEvent } from '../src/events/domain-events';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertPerson, insertUnit } from './support/conference-fixtures';
import { HOUR } from './support/fake-clock';

describe('Conferences', () => {
  let t: TestApp;
  let admin: string;
  let organizer: { token: string; userId: string };
  const events: DomainEvent[] = [];

  beforeAll(async () => {
    t = await createTestApp();
    admin = (await apiUser(t, 'admin')).token;
    organizer = await apiUser(t, 'organizer');
    const bus = t.app.get(DomainEvents);
    const recorded = new Set<string>();
    recordPublished(bus, recorded, events);
    for (const type of [
      'conference.scheduled',
      'conference.postponed',
      'conference.cancelled',
      'conference.updated',
      'conference.held',
      'conference.closed',
    ]) {
      recorded.add(type);
    }
  });
  afterAll(() => t.close());
  beforeEach(() => {
    events.length = 0;
  });

  const expectProblem = (res: { status: number; body: Record<string, any> }, status: number, code: string) => {
    expect({ status: res.status, code: res.body.code }).toEqual({ status, code });
  };

  describe('create, read, list and edit', () => {
    it('stores every field and answers it back, the creator being the owner', async () => {
      const unit = await insertUnit(t, { name: 'UBND tỉnh Quảng Nam', kind: 'provincial_committee' });
      const chair = await insertPerson(t, 'Lê Trí Thanh');
      const res = await t
        .http()
        .post('/conferences')
        .set(auth(organizer.token))
        .send({
          title: 'Hội nghị trực tuyến tổng kết CCHC'.normalize('NFD'),
          kind: 'conference',
          format: 'hybrid',
          organizingUnitId: unit,
          chair: { personId: chair, text: 'Chủ tịch Ủy ban nhân dân tỉnh' },
          purposes: ['Mục đích 1', '  '],
          contentItems: ['Nội dung 1', 'Nội dung 2'],
          fundingSource: 'Ngân sách Sở Nội vụ năm 2023',
          plan: { reference: '690/KH-UBND', issuedOn: '2023-02-13', issuingUnitId: unit },
          window: { from: '2023-03-06', to: '2023-03-10', note: 'Dự kiến 01 buổi' },
        });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        title: 'Hội nghị trực tuyến tổng kết CCHC'.normalize('NFC'),
        kind: 'conference',
        format: 'hybrid',
        status: 'draft',
        allowedActions: ['schedule', 'cancel'],
        organizingUnitId: unit,
        chair: { personId: chair, text: 'Chủ tịch Ủy ban nhân dân tỉnh' },
        purposes: ['Mục đích 1'],
        contentItems: ['Nội dung 1', 'Nội dung 2'],
        fundingSource: 'Ngân sách Sở Nội vụ năm 2023',
        plan: { reference: '690/KH-UBND', issuedOn: '2023-02-13', issuingUnitId: unit },
        timeZone: 'Asia/Ho_Chi_Minh',
        window: { from: '2023-03-06', to: '2023-03-10', note: 'Dự kiến 01 buổi' },
        startsAt: null,
        endsAt: null,
        calendarSequence: 0,
      });
      expect(res.body.calendarUid).toMatch(/^[0-9a-f-]{36}@convene$/);
      const got = await t.http().get(`/conferences/${res.body.id}`).set(auth(organizer.token));
      expect(got.body).toEqual(res.body);
      const members = await t.http().get(`/conferences/${res.body.id}/members`).set(auth(organizer.token));
      expect(members.body.items).toEqual([expect.objectContaining({ userId: organizer.userId, role: 'owner' })]);
    });

    it('keeps a month-only plan date', async () => {
      const c = await createConference(t, organizer.token, {
        kind: 'roundtable',
        format: 'in_person',
        plan: { reference: '/KH-SNV', issuedOn: '2023-03' },
      });
      expect(c.plan).toEqual({ reference: '/KH-SNV', issuedOn: '2023-03', issuingUnitId: null });
    });

    it('refuses bad input naming the field and the rule', async () => {
      const cases: [Record<string, unknown>, string, string][] = [
        [{ kind: 'party' }, 'kind', 'isIn'],
        [{ format: 'radio' }, 'format', 'isIn'],
        [{ title: '' }, 'title', 'minLength'],
        [{ timeZone: 'UTC+7' }, 'timeZone', 'isTimeZone'],
        [{ plan: { issuedOn: '2023-02-30' } }, 'plan.issuedOn', 'isPlanDate'],
        [{ window: { from: '2023-03-06' } }, 'window.to', 'isLocalDate'],
        [{ organizingUnitId: 'abc' }, 'organizingUnitId', 'isUuid'],
        [{ chair: { text: 42 } }, 'chair.text', 'isString'],
        [{ secret: true }, 'secret', 'unknownProperty'],
      ];
      for (const [patch, field, rule] of cases) {
        const res = await t
          .http()
          .post('/conferences')
          .set(auth(organizer.token))
          .send({ title: 'x', kind: 'conference', format: 'online', ...patch });
        expectProblem(res, 422, 'VALIDATION_FAILED');
        expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field, rule })]));
      }
    });

    it('refuses a window that ends before it starts and a unit that does not exist, writing nothing', async () => {
      const before = await t.dataSource.query('SELECT count(*)::int AS n FROM conference');
      const window = await t
        .http()
        .post('/conferences')
        .set(auth(organizer.token))
        .send({ title: 'x', kind: 'conference', format: 'online', window: { from: '2023-03-10', to: '2023-03-06' } });
      expectProblem(window, 422, 'VALIDATION_FAILED');
      expect(window.body.errors[0]).toMatchObject({ field: 'window.to', rule: 'notBeforeFrom' });
      const unit = await t.http().post('/conferences').set(auth(organizer.token)).send({
        title: 'x',
        kind: 'conference',
        format: 'online',
        organizingUnitId: '00000000-0000-4000-8000-000000000000',
      });
      expectProblem(unit, 422, 'REFERENCE_NOT_FOUND');
      expect(unit.body.errors[0]).toMatchObject({ field: 'organizingUnitId' });
      expect(await t.dataSource.query('SELECT count(*)::int AS n FROM conference')).toEqual(before);
    });

    it('edits details, announces the changed fields, and ignores an edit that changes nothing', async () => {
      const c = await createConference(t, organizer.token);
      const res = await t
        .http()
        .patch(`/conferences/${c.id}`)
        .set(auth(organizer.token))
        .send({ title: 'Tên mới', window: { from: '2023-03-06', to: '2023-03-10' } });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        title: 'Tên mới',
        window: { from: '2023-03-06', to: '2023-03-10', note: null },
      });
      expect(events).toEqual([
        expect.objectContaining({
          type: 'conference.updated',
          conferenceId: c.id,
          changes: [
            { field: 'title', before: 'Hội nghị thử nghiệm', after: 'Tên mới' },
            { field: 'windowFrom', before: null, after: '2023-03-06' },
            { field: 'windowTo', before: null, after: '2023-03-10' },
          ],
        }),
      ]);
      events.length = 0;
      await t.http().patch(`/conferences/${c.id}`).set(auth(organizer.token)).send({ title: 'Tên mới' }).expect(200);
      expect(events).toEqual([]);
    });

    it('does not take the time through PATCH', async () => {
      const c = await createConference(t, organizer.token);
      const res = await t
        .http()
        .patch(`/conferences/${c.id}`)
        .set(auth(organizer.token))
        .send({ startsAt: '2026-04-08T07:30:00+07:00' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors[0]).toMatchObject({ field: 'startsAt', rule: 'unknownProperty' });
    });

    it('lists only the conferences the caller may see, filtered by status', async () => {
      const mine = await createConference(t, organizer.token, { title: 'Của tôi' });
      const other = await apiUser(t, 'organizer');
      const theirs = await createConference(t, other.token, { title: 'Của người khác' });
      const list = await t.http().get('/conferences?limit=500').set(auth(organizer.token));
      const ids = list.body.items.map((c: { id: string }) => c.id);
      expect(ids).toContain(mine.id);
      expect(ids).not.toContain(theirs.id);
      const all = await t.http().get('/conferences?limit=500').set(auth(admin));
      expect(all.body.items.map((c: { id: string }) => c.id)).toEqual(expect.arrayContaining([mine.id, theirs.id]));
      const drafts = await t.http().get('/conferences?status=scheduled').set(auth(organizer.token));
      expect(drafts.body.items.every((c: { status: string }) => c.status === 'scheduled')).toBe(true);
      expectProblem(
        await t.http().get('/conferences?status=done').set(auth(organizer.token)),
        422,
        'VALIDATION_FAILED',
      );
    });
  });

  describe('tentative, then confirmed', () => {
    it('confirms a time, keeps it in the history and announces it with no previous time', async () => {
      const c = await createConference(t, organizer.token, {
        window: { from: '2023-03-06', to: '2023-03-10', note: 'Dự kiến 01 buổi' },
      });
      const res = await t
        .http()
        .post(`/conferences/${c.id}/schedule`)
        .set(auth(organizer.token))
        .send({ startsAt: '2023-03-08T07:30:00+07:00', endsAt: '2023-03-08T04:30:00Z', reason: 'Lịch của Chủ tịch' });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        status: 'scheduled',
        startsAt: '2023-03-08T07:30:00+07:00',
        endsAt: '2023-03-08T11:30:00+07:00',
        allowedActions: ['schedule', 'postpone', 'cancel', 'hold'],
      });
      expect(events).toEqual([
        expect.objectContaining({
          type: 'conference.scheduled',
          conferenceId: c.id,
          timeZone: 'Asia/Ho_Chi_Minh',
          previous: null,
          current: { startsAt: new Date('2023-03-08T00:30:00Z'), endsAt: new Date('2023-03-08T04:30:00Z') },
          previousStatus: 'draft',
          reason: 'Lịch của Chủ tịch',
          actor: expect.objectContaining({ kind: 'user', id: organizer.userId }),
        }),
      ]);
    });

    it('moves a scheduled conference, postpones it, reschedules it, with the whole history', async () => {
      const c = await createConference(t, organizer.token);
      const path = `/conferences/${c.id}`;
      await t
        .http()
        .post(`${path}/schedule`)
        .set(auth(organizer.token))
        .send({ startsAt: '2023-03-08T07:30:00+07:00', endsAt: '2023-03-08T11:30:00+07:00' })
        .expect(200);
      t.clock.advance(HOUR);
      await t
        .http()
        .post(`${path}/schedule`)
        .set(auth(organizer.token))
        .send({ startsAt: '2023-03-09T07:30:00+07:00', endsAt: '2023-03-09T11:30:00+07:00', reason: 'Trùng lịch' })
        .expect(200);
      const postponed = await t
        .http()
        .post(`${path}/postpone`)
        .set(auth(organizer.token))
        .send({ reason: 'Chờ ý kiến', window: { from: '2023-03-13', to: '2023-03-17' } });
      expect(postponed.body).toMatchObject({ status: 'postponed', window: { from: '2023-03-13', to: '2023-03-17' } });
      await t
        .http()
        .post(`${path}/schedule`)
        .set(auth(organizer.token))
        .send({ startsAt: '2023-03-14T14:00:00+07:00', endsAt: '2023-03-14T17:00:00+07:00' })
        .expect(200);
      expect(events.map((e) => e.type)).toEqual([
        'conference.scheduled',
        'conference.scheduled',
        'conference.postponed',
        'conference.scheduled',
      ]);
      expect(events[1]).toMatchObject({
        previous: { startsAt: new Date('2023-03-08T00:30:00Z') },
        current: { startsAt: new Date('2023-03-09T00:30:00Z') },
        reason: 'Trùng lịch',
      });
      expect(events[3]).toMatchObject({
        previousStatus: 'postponed',
        previous: { startsAt: new Date('2023-03-09T00:30:00Z') },
      });

      const history = await t.http().get(`${path}/schedule-history`).set(auth(organizer.token));
      expect(history.body.items.map((h: Record<string, unknown>) => [h.action, h.fromStatus, h.toStatus])).toEqual([
        ['schedule', 'draft', 'scheduled'],
        ['schedule', 'scheduled', 'scheduled'],
        ['postpone', 'scheduled', 'postponed'],
        ['schedule', 'postponed', 'scheduled'],
      ]);
      expect(history.body.items[1]).toMatchObject({
        from: { startsAt: '2023-03-08T07:30:00+07:00', endsAt: '2023-03-08T11:30:00+07:00' },
        to: { startsAt: '2023-03-09T07:30:00+07:00', endsAt: '2023-03-09T11:30:00+07:00' },
        reason: 'Trùng lịch',
        actor: { kind: 'user', id: organizer.userId },
        at: t.clock.now().toISOString(),
      });
    });

    it('changes and announces nothing when asked for the time it already has', async () => {
      const c = await createConference(t, organizer.token);
      const body = { startsAt: '2023-03-08T07:30:00+07:00', endsAt: '2023-03-08T11:30:00+07:00' };
      await t.http().post(`/conferences/${c.id}/schedule`).set(auth(organizer.token)).send(body).expect(200);
      await t.http().post(`/conferences/${c.id}/schedule`).set(auth(organizer.token)).send(body).expect(200);
      expect(events).toHaveLength(1);
      const history = await t.http().get(`/conferences/${c.id}/schedule-history`).set(auth(organizer.token));
      expect(history.body.items).toHaveLength(1);
    });

    it('refuses times without a zone, and an end before the start', async () => {
      const c = await createConference(t, organizer.token);
      const floating = await t
        .http()
        .post(`/conferences/${c.id}/schedule`)
        .set(auth(organizer.token))
        .send({ startsAt: '2023-03-08T07:30:00', endsAt: '2023-03-08T11:30:00+07:00' });
      expectProblem(floating, 422, 'VALIDATION_FAILED');
      expect(floating.body.errors[0]).toMatchObject({ field: 'startsAt', rule: 'isZonedInstant' });
      const backwards = await t
        .http()
        .post(`/conferences/${c.id}/schedule`)
        .set(auth(organizer.token))
        .send({ startsAt: '2023-03-08T11:30:00+07:00', endsAt: '2023-03-08T07:30:00+07:00' });
      expectProblem(backwards, 422, 'VALIDATION_FAILED');
      expect(backwards.body.errors[0]).toMatchObject({ field: 'endsAt', rule: 'afterStart' });
      expect((await t.http().get(`/conferences/${c.id}`).set(auth(organizer.token))).body.status).toBe('draft');
    });

    it('follows the status rules: a wrong change is a 409 naming the current status', async () => {
      const c = await createConference(t, organizer.token);
      const path = `/conferences/${c.id}`;
      const early = await t.http().post(`${path}/postpone`).set(auth(organizer.token)).send({ reason: 'x' });
      expectProblem(early, 409, 'INVALID_STATUS_TRANSITION');
      expect(early.body).toMatchObject({ currentStatus: 'draft', action: 'postpone' });
      expect(early.body.detail).toContain('draft');
      expectProblem(await t.http().post(`${path}/close`).set(auth(organizer.token)), 409, 'INVALID_STATUS_TRANSITION');
      expectProblem(await t.http().post(`${path}/hold`).set(auth(organizer.token)), 409, 'INVALID_STATUS_TRANSITION');

      const start = new Date(t.clock.now().getTime() + 2 * HOUR);
      await t
        .http()
        .post(`${path}/schedule`)
        .set(auth(organizer.token))
        .send({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + HOUR).toISOString() })
        .expect(200);
      expectProblem(await t.http().post(`${path}/hold`).set(auth(organizer.token)), 409, 'CONFERENCE_NOT_STARTED');
      t.clock.advance(2 * HOUR);
      expect((await t.http().post(`${path}/hold`).set(auth(organizer.token))).body.status).toBe('held');
      expectProblem(
        await t.http().post(`${path}/cancel`).set(auth(organizer.token)).send({ reason: 'x' }),
        409,
        'INVALID_STATUS_TRANSITION',
      );
      expect((await t.http().post(`${path}/close`).set(auth(organizer.token))).body).toMatchObject({
        status: 'closed',
        allowedActions: [],
      });
      const closed = await t
        .http()
        .post(`${path}/schedule`)
        .set(auth(organizer.token))
        .send({ startsAt: start.toISOString(), endsAt: new Date(start.getTime() + 2 * HOUR).toISOString() });
      expect(closed.body).toMatchObject({ status: 409, code: 'INVALID_STATUS_TRANSITION', currentStatus: 'closed' });
      expectProblem(
        await t.http().patch(path).set(auth(organizer.token)).send({ title: 'y' }),
        409,
        'CONFERENCE_FINISHED',
      );
      expect(events.map((e) => e.type)).toEqual(['conference.scheduled', 'conference.held', 'conference.closed']);
    });

    it('cancels with a reason, announced with the time it had', async () => {
      const c = await createConference(t, organizer.token);
      await t
        .http()
        .post(`/conferences/${c.id}/schedule`)
        .set(auth(organizer.token))
        .send({ startsAt: '2023-03-08T07:30:00+07:00', endsAt: '2023-03-08T11:30:00+07:00' })
        .expect(200);
      expectProblem(
        await t.http().post(`/conferences/${c.id}/cancel`).set(auth(organizer.token)).send({}),
        422,
        'VALIDATION_FAILED',
      );
      const res = await t
        .http()
        .post(`/conferences/${c.id}/cancel`)
        .set(auth(organizer.token))
        .send({ reason: 'Thay đổi kế hoạch' });
      expect(res.body.status).toBe('cancelled');
      expect(events.at(-1)).toMatchObject({
        type: 'conference.cancelled',
        previousStatus: 'scheduled',
        previous: { startsAt: new Date('2023-03-08T00:30:00Z') },
        reason: 'Thay đổi kế hoạch',
      });
    });
  });

  describe('members and access', () => {
    it('hides a conference from strangers (404) and keeps observers read-only (403)', async () => {
      const c = await createConference(t, organizer.token);
      const stranger = await apiUser(t, 'organizer');
      expectProblem(await t.http().get(`/conferences/${c.id}`).set(auth(stranger.token)), 404, 'NOT_FOUND');
      expectProblem(
        await t.http().patch(`/conferences/${c.id}`).set(auth(stranger.token)).send({ title: 'x' }),
        404,
        'NOT_FOUND',
      );
      const watcher = await apiUser(t, 'organizer');
      await t
        .http()
        .post(`/conferences/${c.id}/members`)
        .set(auth(organizer.token))
        .send({ userId: watcher.userId, role: 'observer' })
        .expect(201);
      await t.http().get(`/conferences/${c.id}`).set(auth(watcher.token)).expect(200);
      expectProblem(
        await t.http().patch(`/conferences/${c.id}`).set(auth(watcher.token)).send({ title: 'x' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(
        await t
          .http()
          .post(`/conferences/${c.id}/schedule`)
          .set(auth(watcher.token))
          .send({ startsAt: '2023-03-08T07:30:00+07:00', endsAt: '2023-03-08T11:30:00+07:00' }),
        403,
        'FORBIDDEN',
      );
      expectProblem(await t.http().get('/conferences/not-a-uuid').set(auth(organizer.token)), 404, 'NOT_FOUND');
    });

    it('lets owners add co-organizers, who may edit but not manage members', async () => {
      const c = await createConference(t, organizer.token);
      const co = await apiUser(t, 'organizer');
      const added = await t
        .http()
        .post(`/conferences/${c.id}/members`)
        .set(auth(organizer.token))
        .send({ userId: co.userId, role: 'organizer' });
      expect(added.status).toBe(201);
      expect(added.body).toMatchObject({ userId: co.userId, role: 'organizer' });
      await t.http().patch(`/conferences/${c.id}`).set(auth(co.token)).send({ title: 'Đồng tổ chức sửa' }).expect(200);
      expectProblem(
        await t
          .http()
          .post(`/conferences/${c.id}/members`)
          .set(auth(co.token))
          .send({ userId: co.userId, role: 'owner' }),
        403,
        'FORBIDDEN',
      );
      await t.http().delete(`/conferences/${c.id}/members/${co.userId}`).set(auth(organizer.token)).expect(204);
      expectProblem(await t.http().get(`/conferences/${c.id}`).set(auth(co.token)), 404, 'NOT_FOUND');
    });

    it('never removes or demotes the last owner, and refuses unknown users and observer accounts as organizers', async () => {
      const c = await createConference(t, organizer.token);
      expectProblem(
        await t.http().delete(`/conferences/${c.id}/members/${organizer.userId}`).set(auth(organizer.token)),
        409,
        'LAST_OWNER',
      );
      expectProblem(
        await t
          .http()
          .post(`/conferences/${c.id}/members`)
          .set(auth(organizer.token))
          .send({ userId: organizer.userId, role: 'organizer' }),
        409,
        'LAST_OWNER',
      );
      const unknown = await t
        .http()
        .post(`/conferences/${c.id}/members`)
        .set(auth(organizer.token))
        .send({ userId: '00000000-0000-4000-8000-000000000000', role: 'organizer' });
      expectProblem(unknown, 422, 'REFERENCE_NOT_FOUND');
      const observer = await t.userToken('observer');
      const refused = await t
        .http()
        .post(`/conferences/${c.id}/members`)
        .set(auth(organizer.token))
        .send({ userId: observer.userId, role: 'organizer' });
      expectProblem(refused, 422, 'VALIDATION_FAILED');
      expect(refused.body.errors[0]).toMatchObject({ field: 'role', rule: 'observerAccount' });
      const second = await apiUser(t, 'organizer');
      await t
        .http()
        .post(`/conferences/${c.id}/members`)
        .set(auth(organizer.token))
        .send({ userId: second.userId, role: 'owner' })
        .expect(201);
      await t.http().delete(`/conferences/${c.id}/members/${organizer.userId}`).set(auth(second.token)).expect(204);
      expectProblem(
        await t.http().delete(`/conferences/${c.id}/members/${organizer.userId}`).set(auth(second.token)),
        404,
        'NOT_FOUND',
      );
    });

    it('shows the conference audit log to its organizers, not to observers or strangers', async () => {
      const c = await createConference(t, organizer.token);
      await t
        .http()
        .patch(`/conferences/${c.id}`)
        .set(auth(organizer.token))
        .send({ title: 'Hội nghị đã sửa tên' })
        .expect(200);
      const log = await t.http().get(`/conferences/${c.id}/audit?entityType=conference`).set(auth(organizer.token));
      expect(log.status).toBe(200);
      expect(log.body.items[0]).toMatchObject({
        action: 'conference.update',
        conferenceId: c.id,
        after: expect.objectContaining({ title: 'Hội nghị đã sửa tên' }),
      });
      expect(log.body.items.map((e: { action: string }) => e.action)).toContain('conference.create');
      expect(log.body.items.every((e: { conferenceId: string }) => e.conferenceId === c.id)).toBe(true);
      const watcher = await apiUser(t, 'organizer');
      await t
        .http()
        .post(`/conferences/${c.id}/members`)
        .set(auth(organizer.token))
        .send({ userId: watcher.userId, role: 'observer' })
        .expect(201);
      expectProblem(await t.http().get(`/conferences/${c.id}/audit`).set(auth(watcher.token)), 403, 'FORBIDDEN');
      const stranger = await apiUser(t, 'organizer');
      expectProblem(await t.http().get(`/conferences/${c.id}/audit`).set(auth(stranger.token)), 404, 'NOT_FOUND');
      expectProblem(
        await t.http().get(`/conferences/${c.id}/audit?entityId=nope`).set(auth(organizer.token)),
        422,
        'VALIDATION_FAILED',
      );
      await t.http().get(`/conferences/${c.id}/audit`).set(auth(admin)).expect(200);
    });

    it('lets admins see and manage every conference', async () => {
      const c = await createConference(t, organizer.token);
      await t
        .http()
        .patch(`/conferences/${c.id}`)
        .set(auth(admin))
        .send({ fundingSource: 'Ngân sách tỉnh' })
        .expect(200);
      const log = await t.http().get(`/audit?conferenceId=${c.id}`).set(auth(admin));
      expect(log.body.items.map((e: { action: string }) => e.action)).toEqual([
        'conference.update',
        'conference.create',
      ]);
    });
  });
});
