import { randomUUID } from 'node:crypto';
import { createTestApp, TestApp } from './support/app';
import { apiUser, createConference } from './support/conference-fixtures';
import { dispatcher, enqueue, plainMessages } from './support/outbox';

describe('Outbox: the /outbox endpoints', () => {
  let t: TestApp;
  let admin: string;
  const conference = randomUUID();
  const otherConference = randomUUID();

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
    // A small history: 3 sent and 1 failed for one conference, 2 queued for another, 1 without.
    t.sink.behaviour.onRcptTo = (address) =>
      address === 'api-sent-3@convene.test' ? { code: 550, message: '5.1.1 No such user here' } : undefined;
    await enqueue(t, plainMessages('api-sent', 4, { conferenceId: conference }));
    await dispatcher(t).drain();
    t.sink.behaviour = {};
    await enqueue(t, [
      ...plainMessages('api-queued', 2, { conferenceId: otherConference }),
      ...plainMessages('api-loose', 1),
    ]);
  });
  afterAll(() => t.close());

  const get = (url: string, token = admin) => t.http().get(url).set('Authorization', `Bearer ${token}`);
  const post = (url: string, body?: object, token = admin) =>
    t.http().post(url).set('Authorization', `Bearer ${token}`).send(body);
  const idOf = async (dedupeKey: string) =>
    (await t.dataSource.query(`SELECT id FROM outbox_message WHERE dedupe_key = $1`, [dedupeKey]))[0].id as string;

  function expectProblem(
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
    code: string,
    field?: string,
  ) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code });
    if (field) expect(res.body.errors).toEqual(expect.arrayContaining([expect.objectContaining({ field })]));
  }

  describe('GET /outbox/queue', () => {
    it('lists messages newest first, with status, attempts and the server’s answers', async () => {
      const res = await get('/outbox/queue?limit=500');
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ total: 7, limit: 500, offset: 0 });
      const failed = res.body.items.find((m: { dedupeKey: string }) => m.dedupeKey === 'api-sent:3');
      expect(failed).toMatchObject({
        kind: 'plain',
        conferenceId: conference,
        recipient: { email: 'api-sent-3@convene.test', name: 'Người nhận 3' },
        status: 'failed',
        attempts: 1,
        nextAttemptAt: null,
        lastError: '550 5.1.1 No such user here',
        messageId: `<${failed.id}@convene.test>`,
      });
      const sent = res.body.items.find((m: { dedupeKey: string }) => m.dedupeKey === 'api-sent:0');
      expect(sent).toMatchObject({
        status: 'sent',
        sentAt: t.clock.now().toISOString(),
        lastResponse: expect.stringMatching(/^250 /),
      });
      expect(Object.keys(sent)).not.toContain('payload');
    });

    it('filters by status, kind, conference and recipient, and pages', async () => {
      expect(
        (await get('/outbox/queue?status=failed')).body.items.map((m: { dedupeKey: string }) => m.dedupeKey),
      ).toEqual(['api-sent:3']);
      expect((await get(`/outbox/queue?conferenceId=${otherConference}`)).body.total).toBe(2);
      expect((await get('/outbox/queue?recipient=API-LOOSE-0@convene.test')).body.items).toHaveLength(1);
      expect((await get('/outbox/queue?kind=plain&status=sent')).body.total).toBe(3);
      const page = await get('/outbox/queue?limit=2&offset=2');
      expect(page.body).toMatchObject({ total: 7, limit: 2, offset: 2 });
      expect(page.body.items).toHaveLength(2);
    });

    it.each([
      ['status=lost', 'status'],
      ['kind=Not A Kind', 'kind'],
      ['conferenceId=42', 'conferenceId'],
      ['recipient=nobody', 'recipient'],
      ['limit=0', 'limit'],
      ['limit=501', 'limit'],
      ['offset=-1', 'offset'],
      ['sort=status', 'sort'],
    ])('refuses ?%s naming the field', async (query, field) => {
      expectProblem(await get(`/outbox/queue?${query}`), 422, 'VALIDATION_FAILED', field);
    });
  });

  describe('GET /outbox/queue/summary', () => {
    it('counts messages by status, with every status present', async () => {
      const res = await get('/outbox/queue/summary');
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        total: 7,
        byStatus: { queued: 3, sending: 0, sent: 3, retrying: 0, failed: 1, cancelled: 0, skipped: 0 },
        nextDueAt: t.clock.now().toISOString(),
      });
    });

    it('counts one conference, or each conference', async () => {
      expect((await get(`/outbox/queue/summary?conferenceId=${conference}`)).body).toMatchObject({
        total: 4,
        byStatus: { sent: 3, failed: 1 },
        nextDueAt: null,
      });
      const per = await get('/outbox/queue/summary?perConference=true');
      expect(per.body.conferences).toEqual(
        expect.arrayContaining([
          { conferenceId: conference, total: 4, byStatus: expect.objectContaining({ sent: 3, failed: 1, queued: 0 }) },
          { conferenceId: otherConference, total: 2, byStatus: expect.objectContaining({ queued: 2 }) },
        ]),
      );
      expect(per.body.conferences).toHaveLength(2);
    });

    it('refuses a bad conference id or flag', async () => {
      expectProblem(await get('/outbox/queue/summary?conferenceId=x'), 422, 'VALIDATION_FAILED', 'conferenceId');
      expectProblem(await get('/outbox/queue/summary?perConference=maybe'), 422, 'VALIDATION_FAILED', 'perConference');
    });
  });

  describe('GET /outbox/queue/:id', () => {
    it('shows one message', async () => {
      const id = await idOf('api-queued:0');
      const res = await get(`/outbox/queue/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({
        id,
        status: 'queued',
        attempts: 0,
        nextAttemptAt: t.clock.now().toISOString(),
        conferenceId: otherConference,
      });
    });

    it('answers 404 for an unknown id and for one that is not a UUID', async () => {
      expectProblem(await get(`/outbox/queue/${randomUUID()}`), 404, 'NOT_FOUND');
      expectProblem(await get('/outbox/queue/42'), 404, 'NOT_FOUND');
    });
  });

  describe('POST /outbox/queue/:id/retry and /cancel', () => {
    it('queues a failed message again, records who did it, and sends it', async () => {
      const id = await idOf('api-sent:3');
      const res = await post(`/outbox/queue/${id}/retry`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, status: 'queued', attempts: 0, lastError: '550 5.1.1 No such user here' });
      const [audit] = await t.dataSource.query(
        `SELECT action, actor_label, before, after FROM audit_entry WHERE entity_id = $1`,
        [id],
      );
      expect(audit).toMatchObject({
        action: 'outbox.retry',
        actor_label: 'admin@convene.test',
        before: { status: 'failed', attempts: 1 },
        after: { status: 'queued', attempts: 0 },
      });
      t.sink.clear();
      await dispatcher(t).drain();
      expect(t.sink.to('api-sent-3@convene.test')).toHaveLength(1);
    });

    it('cancels a queued message, then lets it be retried', async () => {
      const {
        ids: [id],
      } = await enqueue(t, plainMessages('api-cancel', 1));
      const cancelled = await post(`/outbox/queue/${id}/cancel`);
      expect(cancelled.status).toBe(200);
      expect(cancelled.body).toMatchObject({ status: 'cancelled', statusReason: 'cancelled by admin@convene.test' });
      expect((await post(`/outbox/queue/${id}/retry`)).body).toMatchObject({ status: 'queued', statusReason: null });
    });

    it('answers 409 naming the status when the message cannot make that move', async () => {
      const sent = await idOf('api-sent:0');
      const retry = await post(`/outbox/queue/${sent}/retry`);
      expectProblem(retry, 409, 'OUTBOX_MESSAGE_NOT_RETRYABLE');
      expect(retry.body).toMatchObject({
        status: 409,
        detail: 'The message is sent; only a message that is failed, cancelled or skipped can be retried.',
      });
      const cancel = await post(`/outbox/queue/${sent}/cancel`);
      expectProblem(cancel, 409, 'OUTBOX_MESSAGE_NOT_CANCELLABLE');
      expect(cancel.body.detail).toBe(
        'The message is sent; only a message that is queued or retrying can be cancelled.',
      );
    });

    it('answers 404 for an unknown or malformed id', async () => {
      expectProblem(await post(`/outbox/queue/${randomUUID()}/retry`), 404, 'NOT_FOUND');
      expectProblem(await post('/outbox/queue/nope/cancel'), 404, 'NOT_FOUND');
    });
  });

  describe('POST /outbox/test-message', () => {
    it('queues a Vietnamese test message that the dispatcher then sends', async () => {
      const res = await post('/outbox/test-message', { to: 'IT@QuangNam.gov.vn', name: 'Phòng CNTT' });
      expect(res.status).toBe(202);
      expect(res.body).toMatchObject({
        kind: 'plain',
        status: 'queued',
        recipient: { email: 'it@quangnam.gov.vn', name: 'Phòng CNTT' },
      });
      t.sink.clear();
      await dispatcher(t).drain();
      const [mail] = t.sink.to('it@quangnam.gov.vn');
      expect(mail.parsed.subject).toBe('Convene: thư kiểm tra gửi thư');
      expect(mail.parsed.text).toContain('Người yêu cầu: admin@convene.test');
      expect(mail.parsed.messageId).toBe(res.body.messageId);
      expect(mail.parsed.from?.value).toEqual([{ name: 'Convene', address: 'convene@convene.test' }]);
    });

    it('writes English on request', async () => {
      await post('/outbox/test-message', { to: 'en@convene.test', language: 'en' }).expect(202);
      t.sink.clear();
      await dispatcher(t).drain();
      expect(t.sink.to('en@convene.test')[0].parsed.subject).toBe('Convene: test message');
    });

    it.each([
      [{}, 'to'],
      [{ to: 'not-an-address' }, 'to'],
      [{ to: 'a@b.vn', language: 'fr' }, 'language'],
      [{ to: 'a@b.vn', name: 7 }, 'name'],
      [{ to: 'a@b.vn', subject: 'mine' }, 'subject'],
    ])('refuses %j naming the field', async (body, field) => {
      expectProblem(await post('/outbox/test-message', body), 422, 'VALIDATION_FAILED', field);
    });

    it('refuses malformed JSON', async () => {
      const res = await t
        .http()
        .post('/outbox/test-message')
        .set('Authorization', `Bearer ${admin}`)
        .set('content-type', 'application/json')
        .send('{"to":');
      expectProblem(res, 400, 'MALFORMED_JSON');
    });
  });

  describe('who may use the queue', () => {
    it('answers 401 without a token', async () => {
      expectProblem(await t.http().get('/outbox/queue'), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http().post('/outbox/test-message').send({ to: 'a@b.vn' }), 401, 'UNAUTHENTICATED');
    });

    it('shows organizers the queue of the conferences they run, and only that', async () => {
      const owner = await apiUser(t, 'organizer');
      const stranger = await apiUser(t, 'organizer');
      const mine = await createConference(t, owner.token);
      t.sink.behaviour.onRcptTo = (address) =>
        address === 'own-1@convene.test' ? { code: 550, message: '5.1.1 No such user here' } : undefined;
      await enqueue(t, plainMessages('own', 2, { conferenceId: mine.id }));
      await dispatcher(t).drain();
      t.sink.behaviour = {};

      const list = await get('/outbox/queue?limit=500', owner.token);
      expect(list.status).toBe(200);
      expect(list.body.items.map((m: { dedupeKey: string }) => m.dedupeKey).sort()).toEqual(['own:0', 'own:1']);
      const failed = list.body.items.find((m: { dedupeKey: string }) => m.dedupeKey === 'own:1');
      expect(failed).toMatchObject({ status: 'failed', lastError: expect.stringContaining('550') });
      const summary = await get('/outbox/queue/summary', owner.token);
      expect(summary.body).toMatchObject({ total: 2, byStatus: expect.objectContaining({ sent: 1, failed: 1 }) });
      await get(`/outbox/queue/${failed.id}`, owner.token).expect(200);
      await post(`/outbox/queue/${failed.id}/retry`, {}, owner.token).expect(200);

      // Someone else's conference, a message of no conference, and the test message stay theirs.
      expectProblem(await get(`/outbox/queue/${failed.id}`, stranger.token), 404, 'NOT_FOUND');
      expectProblem(await post(`/outbox/queue/${failed.id}/cancel`, {}, stranger.token), 404, 'NOT_FOUND');
      expectProblem(await get(`/outbox/queue/${await idOf('api-loose:0')}`, owner.token), 404, 'NOT_FOUND');
      expect((await get('/outbox/queue', stranger.token)).body).toMatchObject({ total: 0, items: [] });
      expectProblem(await post('/outbox/test-message', { to: 'a@b.vn' }, owner.token), 403, 'FORBIDDEN');
      const observer = await t.userToken('observer');
      expect((await get('/outbox/queue', observer.token)).body).toMatchObject({ total: 0 });
      expectProblem(await post(`/outbox/queue/${failed.id}/cancel`, {}, observer.token), 403, 'FORBIDDEN');
    });
  });
});
