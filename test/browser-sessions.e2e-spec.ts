import request from 'supertest';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import { HOUR } from './support/fake-clock';

/** Cookies of a response, by name: value and attributes as sent. */
function cookiesOf(res: request.Response): Record<string, { value: string; attributes: string[] }> {
  const header = res.headers['set-cookie'] as unknown as string[] | undefined;
  return Object.fromEntries(
    (header ?? []).map((line) => {
      const [pair, ...attributes] = line.split(';').map((p) => p.trim());
      const [name, value] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
      return [name, { value, attributes: attributes.map((a) => a.toLowerCase()) }];
    }),
  );
}

interface Session {
  cookie: string;
  csrf: string;
}

describe('Browser sessions (the console’s login)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ env: { SESSION_TTL_SECONDS: String(8 * 3600) } });
  });
  afterAll(() => t.close());

  async function logIn(email = ADMIN_EMAIL, password = ADMIN_PASSWORD): Promise<Session> {
    const res = await t.http().post('/auth/session').send({ email, password }).expect(200);
    const cookies = cookiesOf(res);
    return {
      cookie: `convene_session=${cookies.convene_session.value}; convene_csrf=${cookies.convene_csrf.value}`,
      csrf: decodeURIComponent(cookies.convene_csrf.value),
    };
  }

  const conference = { title: 'Hội nghị qua phiên trình duyệt', kind: 'conference', format: 'online' };

  it('sets an HttpOnly SameSite=Strict session cookie and a readable CSRF cookie, and answers the user', async () => {
    const res = await t.http().post('/auth/session').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
    expect(res.body.user).toMatchObject({ email: ADMIN_EMAIL, role: 'admin', language: 'vi' });
    expect(res.body).not.toHaveProperty('accessToken');
    const cookies = cookiesOf(res);
    expect(cookies.convene_session.value).toMatch(/^cvs_/);
    expect(cookies.convene_session.attributes).toEqual(
      expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']),
    );
    expect(cookies.convene_session.attributes).not.toContain('secure');
    expect(cookies.convene_csrf.attributes).toEqual(expect.arrayContaining(['samesite=strict', 'path=/']));
    expect(cookies.convene_csrf.attributes).not.toContain('httponly');
  });

  it('marks both cookies Secure when the request came over HTTPS through the local proxy', async () => {
    const res = await t
      .http()
      .post('/auth/session')
      .set('X-Forwarded-Proto', 'https')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD })
      .expect(200);
    const cookies = cookiesOf(res);
    expect(cookies.convene_session.attributes).toContain('secure');
    expect(cookies.convene_csrf.attributes).toContain('secure');
  });

  it('refuses a wrong password with the bearer login’s answer and sets no cookie', async () => {
    const res = await t.http().post('/auth/session').send({ email: ADMIN_EMAIL, password: 'wrong-password-here' });
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('INVALID_CREDENTIALS');
    expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('reads with the cookie alone', async () => {
    const session = await logIn();
    const me = await t.http().get('/auth/me').set('Cookie', session.cookie).expect(200);
    expect(me.body).toMatchObject({ email: ADMIN_EMAIL, language: 'vi' });
  });

  it('refuses a change made with the cookie but without the CSRF header: 403 problem+json', async () => {
    const session = await logIn();
    const res = await t.http().post('/conferences').set('Cookie', session.cookie).send(conference);
    expect(res.status).toBe(403);
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({ status: 403, code: 'CSRF_TOKEN_INVALID' });
    const count = await t.dataSource.query(`SELECT count(*)::int AS n FROM conference WHERE title = $1`, [
      conference.title,
    ]);
    expect(count[0].n).toBe(0);
  });

  it('refuses a CSRF header that is not the session’s own (another session’s token)', async () => {
    const mine = await logIn();
    const other = await logIn();
    const res = await t
      .http()
      .post('/conferences')
      .set('Cookie', mine.cookie)
      .set('X-CSRF-Token', other.csrf)
      .send(conference);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
  });

  it('accepts a change that echoes the CSRF cookie in X-CSRF-Token', async () => {
    const session = await logIn();
    const res = await t
      .http()
      .post('/conferences')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .send(conference);
    expect(res.status).toBe(201);
    expect(res.body.title).toBe(conference.title);
  });

  it('keeps bearer tokens working for API clients, with no CSRF header', async () => {
    const token = await t.adminToken();
    const res = await t.http().post('/conferences').set(auth(token)).send(conference);
    expect(res.status).toBe(201);
  });

  it('logs out: the session ends at once, its cookies are cleared and the old cookie no longer reads', async () => {
    const session = await logIn();
    const out = await t.http().delete('/auth/session').set('Cookie', session.cookie).set('X-CSRF-Token', session.csrf);
    expect(out.status).toBe(204);
    const cleared = cookiesOf(out);
    expect(cleared.convene_session.value).toBe('');
    expect(cleared.convene_csrf.value).toBe('');
    const after = await t.http().get('/auth/me').set('Cookie', session.cookie);
    expect(after.status).toBe(401);
    expect(after.body.code).toBe('SESSION_EXPIRED');
  });

  it('refuses a logout without the CSRF header', async () => {
    const session = await logIn();
    const res = await t.http().delete('/auth/session').set('Cookie', session.cookie);
    expect(res.status).toBe(403);
    expect(res.body.code).toBe('CSRF_TOKEN_INVALID');
    await t.http().get('/auth/me').set('Cookie', session.cookie).expect(200);
  });

  it('answers 400 NOT_A_SESSION to a logout with a bearer token', async () => {
    const res = await t
      .http()
      .delete('/auth/session')
      .set(auth(await t.adminToken()));
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('NOT_A_SESSION');
  });

  it('ends a session after SESSION_TTL_SECONDS: 401 SESSION_EXPIRED', async () => {
    const session = await logIn();
    await t.http().get('/auth/me').set('Cookie', session.cookie).expect(200);
    t.clock.advance(8 * HOUR + 1000);
    try {
      const res = await t.http().get('/auth/me').set('Cookie', session.cookie);
      expect(res.status).toBe(401);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
      expect(res.body.code).toBe('SESSION_EXPIRED');
    } finally {
      t.clock.advance(-(8 * HOUR + 1000));
    }
  });

  it('ends the console sessions of a user whose password an administrator changes', async () => {
    const address = `session-owner.${process.pid}@convene.test`;
    const { userId } = await t.userToken('organizer', address);
    const session = await logIn(address, 'password-for-tests');
    await t.http().get('/auth/me').set('Cookie', session.cookie).expect(200);
    const admin = await t.adminToken();
    await t.http().patch(`/users/${userId}`).set(auth(admin)).send({ password: 'a-new-password-now' }).expect(200);
    const res = await t.http().get('/auth/me').set('Cookie', session.cookie);
    expect(res.status).toBe(401);
    expect(res.body.code).toBe('SESSION_EXPIRED');
  });

  it('lets a browser holding a stale cookie log in again', async () => {
    const res = await t
      .http()
      .post('/auth/session')
      .set('Cookie', 'convene_session=cvs_stale; convene_csrf=cvc_stale')
      .send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD });
    expect(res.status).toBe(200);
  });

  it('remembers the console language per user (PATCH /auth/me)', async () => {
    const { userId } = await t.userToken('observer', `observer.lang.${process.pid}@convene.test`);
    const session = await logIn(`observer.lang.${process.pid}@convene.test`, 'password-for-tests');
    const res = await t
      .http()
      .patch('/auth/me')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .send({ language: 'en' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ id: userId, language: 'en' });
    const again = await logIn(`observer.lang.${process.pid}@convene.test`, 'password-for-tests');
    const me = await t.http().get('/auth/me').set('Cookie', again.cookie).expect(200);
    expect(me.body.language).toBe('en');
  });

  it('refuses a language other than vi or en at its field', async () => {
    const session = await logIn();
    const res = await t
      .http()
      .patch('/auth/me')
      .set('Cookie', session.cookie)
      .set('X-CSRF-Token', session.csrf)
      .send({ language: 'fr' });
    expect(res.status).toBe(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'language', rule: 'isIn' })]);
  });
});
