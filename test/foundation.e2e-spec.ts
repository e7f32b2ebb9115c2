import { createTestApp, ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/app';

describe('Foundation: health, docs, auth and the error shape', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const auth = (token: string) => ({ Authorization: `Bearer ${token}` });

  function expectProblem(
    res: { status: number; headers: Record<string, string>; body: Record<string, unknown> },
    status: number,
    code: string,
  ) {
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status, code, type: expect.stringMatching(/^urn:convene:problem:/) });
    expect(typeof res.body.title).toBe('string');
    expect(typeof res.body.detail).toBe('string');
  }

  describe('health and docs', () => {
    it('reports the database and the mail transport up, without credentials', async () => {
      const res = await t.http().get('/health');
      expect(res.status).toBe(200);
      expect(res.body.info).toEqual({ database: { status: 'up' }, mail: { status: 'up' } });
    });

    it('serves the OpenAPI page and its JSON', async () => {
      const page = await t.http().get('/docs/');
      expect(page.status).toBe(200);
      expect(page.text).toContain('swagger');
      const json = await t.http().get('/docs-json');
      expect(json.status).toBe(200);
      expect(Object.keys(json.body.paths)).toEqual(
        expect.arrayContaining(['/auth/login', '/health', '/outbox/messages']),
      );
    });
  });

  describe('login', () => {
    it('gives a bearer token for the right password', async () => {
      const res = await t.http().post('/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ tokenType: 'Bearer', expiresIn: 900 });
      const me = await t.http().get('/auth/me').set(auth(res.body.accessToken));
      expect(me.body).toMatchObject({ email: ADMIN_EMAIL, role: 'admin' });
    });

    it('answers a wrong password and an unknown user identically', async () => {
      const wrong = await t.http().post('/auth/login').send({ email: ADMIN_EMAIL, password: 'nope-nope-nope' });
      const unknown = await t
        .http()
        .post('/auth/login')
        .send({ email: 'nobody@convene.test', password: 'nope-nope-nope' });
      expectProblem(wrong, 401, 'INVALID_CREDENTIALS');
      expectProblem(unknown, 401, 'INVALID_CREDENTIALS');
      expect(wrong.body.detail).toBe(unknown.body.detail);
    });

    it('locks an account after repeated failures, even against the right password, and frees it later', async () => {
      const { userId } = await t.userToken('organizer', 'locked@convene.test');
      for (let i = 0; i < 5; i += 1) {
        await t
          .http()
          .post('/auth/login')
          .send({ email: 'locked@convene.test', password: 'wrong-password' })
          .expect(401);
      }
      const blocked = await t
        .http()
        .post('/auth/login')
        .send({ email: 'locked@convene.test', password: 'password-for-tests' });
      expectProblem(blocked, 401, 'INVALID_CREDENTIALS');
      const [row] = await t.dataSource.query('SELECT failed_logins, locked_until FROM app_user WHERE id = $1', [
        userId,
      ]);
      expect(row.failed_logins).toBe(5);
      expect(new Date(row.locked_until).getTime() - t.clock.now().getTime()).toBe(30_000);
      t.clock.advance(31_000);
      await t
        .http()
        .post('/auth/login')
        .send({ email: 'locked@convene.test', password: 'password-for-tests' })
        .expect(200);
    });

    it('lets a login token expire', async () => {
      const res = await t.http().post('/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
      t.clock.advance(901_000);
      expectProblem(await t.http().get('/auth/me').set(auth(res.body.accessToken)), 401, 'UNAUTHENTICATED');
      admin = await t.adminToken();
    });
  });

  describe('closed by default', () => {
    it('refuses a protected endpoint without a token', async () => {
      expectProblem(await t.http().get('/users'), 401, 'UNAUTHENTICATED');
    });

    it('refuses a forged or malformed token', async () => {
      expectProblem(await t.http().get('/users').set(auth('not.a.jwt')), 401, 'UNAUTHENTICATED');
      expectProblem(await t.http().get('/users').set({ Authorization: 'Basic abc' }), 401, 'UNAUTHENTICATED');
    });

    it('keeps admin endpoints from organizers and writes from observers', async () => {
      const organizer = await t.userToken('organizer');
      expectProblem(await t.http().get('/users').set(auth(organizer.token)), 403, 'FORBIDDEN');
      const observer = await t.userToken('observer');
      expectProblem(
        await t.http().post('/conferences').set(auth(observer.token)).send({ title: 'x' }),
        403,
        'FORBIDDEN',
      );
    });

    it('lets observers keep API tokens of their own, which stay read-only', async () => {
      const observer = await t.userToken('observer');
      const created = await t.http().post('/auth/tokens').set(auth(observer.token)).send({ name: 'bảng theo dõi' });
      expect(created.status).toBe(201);
      await t.http().get('/conferences').set(auth(created.body.token)).expect(200);
      expectProblem(
        await t.http().post('/conferences').set(auth(created.body.token)).send({ title: 'x' }),
        403,
        'FORBIDDEN',
      );
      await t.http().delete(`/auth/tokens/${created.body.id}`).set(auth(observer.token)).expect(200);
      expectProblem(await t.http().get('/conferences').set(auth(created.body.token)), 401, 'UNAUTHENTICATED');
    });

    it('stops a deactivated user at once, whatever token they hold', async () => {
      const organizer = await t.userToken('organizer');
      await t.http().get('/auth/me').set(auth(organizer.token)).expect(200);
      await t.http().patch(`/users/${organizer.userId}`).set(auth(admin)).send({ active: false }).expect(200);
      expectProblem(await t.http().get('/auth/me').set(auth(organizer.token)), 401, 'UNAUTHENTICATED');
    });
  });

  describe('API tokens', () => {
    it('are shown once, work as bearer tokens, are listed without the secret, and stop when revoked', async () => {
      const created = await t.http().post('/auth/tokens').set(auth(admin)).send({ name: 'HR sync' });
      expect(created.status).toBe(201);
      expect(created.body.token).toMatch(/^cvt_[A-Za-z0-9_-]{43}$/);
      const token = created.body.token as string;
      await t.http().get('/auth/me').set(auth(token)).expect(200);

      const list = await t.http().get('/auth/tokens').set(auth(admin));
      expect(list.body.items).toEqual([
        expect.objectContaining({ id: created.body.id, name: 'HR sync', hint: token.slice(0, 10) }),
      ]);
      expect(JSON.stringify(list.body)).not.toContain(token);

      await t.http().delete(`/auth/tokens/${created.body.id}`).set(auth(admin)).expect(200);
      expectProblem(await t.http().get('/auth/me').set(auth(token)), 401, 'UNAUTHENTICATED');
    });

    it('hides one user’s tokens from another', async () => {
      const created = await t.http().post('/auth/tokens').set(auth(admin)).send({ name: 'mine' });
      const other = await t.userToken('organizer');
      expectProblem(await t.http().delete(`/auth/tokens/${created.body.id}`).set(auth(other.token)), 404, 'NOT_FOUND');
    });

    it('stop working after their expiry', async () => {
      const expiresAt = new Date(t.clock.now().getTime() + 60_000).toISOString();
      const created = await t.http().post('/auth/tokens').set(auth(admin)).send({ name: 'short', expiresAt });
      await t.http().get('/auth/me').set(auth(created.body.token)).expect(200);
      t.clock.advance(61_000);
      expectProblem(await t.http().get('/auth/me').set(auth(created.body.token)), 401, 'UNAUTHENTICATED');
      admin = await t.adminToken();
    });
  });

  describe('bad input', () => {
    it('answers malformed JSON with 400 MALFORMED_JSON', async () => {
      const res = await t
        .http()
        .post('/users')
        .set(auth(admin))
        .set('Content-Type', 'application/json')
        .send('{"email": ');
      expectProblem(res, 400, 'MALFORMED_JSON');
    });

    it('names the field and the rule for a wrong type', async () => {
      const res = await t
        .http()
        .post('/users')
        .set(auth(admin))
        .send({ email: 'a@b.vn', displayName: 42, password: 'long-enough-pw', role: 'organizer' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'displayName', rule: 'isString' })]);
    });

    it('refuses unknown fields by name', async () => {
      const res = await t
        .http()
        .post('/users')
        .set(auth(admin))
        .send({ email: 'a@b.vn', displayName: 'A', password: 'long-enough-pw', role: 'organizer', isAdmin: true });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors).toEqual([
        { field: 'isAdmin', rule: 'unknownProperty', message: 'isAdmin is not a known property' },
      ]);
    });

    it('refuses too-long strings and values outside a list', async () => {
      const res = await t
        .http()
        .post('/users')
        .set(auth(admin))
        .send({ email: 'a@b.vn', displayName: 'x'.repeat(201), password: 'long-enough-pw', role: 'king' });
      expectProblem(res, 422, 'VALIDATION_FAILED');
      expect(res.body.errors.map((e: { field: string; rule: string }) => `${e.field}:${e.rule}`).sort()).toEqual([
        'displayName:maxLength',
        'role:isIn',
      ]);
    });

    it('answers a non-UUID id as not found', async () => {
      expectProblem(await t.http().get('/users/12345').set(auth(admin)), 404, 'NOT_FOUND');
      expectProblem(
        await t.http().get('/users/00000000-0000-4000-8000-000000000000').set(auth(admin)),
        404,
        'NOT_FOUND',
      );
    });

    it('answers a duplicate e-mail with 409 naming the field, not 500', async () => {
      const body = { email: 'twice@convene.test', displayName: 'Twice', password: 'long-enough-pw', role: 'organizer' };
      await t.http().post('/users').set(auth(admin)).send(body).expect(201);
      const res = await t.http().post('/users').set(auth(admin)).send(body);
      expectProblem(res, 409, 'DUPLICATE');
      expect(res.body.errors).toEqual([expect.objectContaining({ field: 'email', rule: 'unique' })]);
    });

    it('refuses a body over the size limit with 413', async () => {
      const res = await t
        .http()
        .post('/users')
        .set(auth(admin))
        .send({ email: 'a@b.vn', displayName: 'x'.repeat(3 * 1024 * 1024) });
      expectProblem(res, 413, 'PAYLOAD_TOO_LARGE');
    });

    it('answers an unknown route with a problem too', async () => {
      expectProblem(await t.http().get('/no-such-thing').set(auth(admin)), 404, 'NOT_FOUND');
    });
  });

  describe('audit log', () => {
    it('records user changes with before and after, readable by admins only', async () => {
      const created = await t.http().post('/users').set(auth(admin)).send({
        email: 'audited@convene.test',
        displayName: 'Trần Thị Bình',
        password: 'long-enough-pw',
        role: 'organizer',
      });
      await t.http().patch(`/users/${created.body.id}`).set(auth(admin)).send({ role: 'observer' }).expect(200);
      const log = await t.http().get(`/audit?entityType=user&entityId=${created.body.id}`).set(auth(admin));
      expect(log.body.items.map((e: { action: string }) => e.action)).toEqual(['user.update', 'user.create']);
      expect(log.body.items[0]).toMatchObject({
        before: { role: 'organizer' },
        after: { role: 'observer' },
        actor: { kind: 'user', label: ADMIN_EMAIL },
      });
      expect(JSON.stringify(log.body)).not.toContain('password');
      const organizer = await t.userToken('organizer');
      await t.http().get('/audit').set(auth(organizer.token)).expect(403);
    });
  });
});
