import { UsersService } from '../src/auth/users.service';
import { createTestApp, ADMIN_EMAIL, ADMIN_PASSWORD, TestApp } from './support/app';
import { createScheduledConference } from './support/conference-fixtures';
import { createPerson, createUnit } from './support/directory';

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const PASSWORD = 'password-for-tests';

describe('Security review (issue 13): tokens, the last administrator, e-mail case, token expiry', () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const login = async (email: string, password = PASSWORD) => {
    const res = await t.http().post('/auth/login').send({ email, password }).expect(200);
    return res.body.accessToken as string;
  };
  const apiToken = async (token: string) => {
    const res = await t.http().post('/auth/tokens').set(auth(token)).send({ name: 'sync' }).expect(201);
    return res.body.token as string;
  };
  const patchUser = (id: string, body: Record<string, unknown>, token = admin) =>
    t.http().patch(`/users/${id}`).set(auth(token)).send(body);

  describe('tokens issued before a password change, a disable or a role change', () => {
    it('ends login and API tokens when the password changes, and a new login works', async () => {
      const user = await t.userToken('organizer');
      const api = await apiToken(user.token);
      await patchUser(user.userId, { password: 'a-new-password-1' }).expect(200);
      await t.http().get('/auth/me').set(auth(user.token)).expect(401);
      await t.http().get('/auth/me').set(auth(api)).expect(401);
      const email = (await t.http().get(`/users/${user.userId}`).set(auth(admin)).expect(200)).body.email as string;
      await t
        .http()
        .get('/auth/me')
        .set(auth(await login(email, 'a-new-password-1')))
        .expect(200);
    });

    it('keeps a token issued before a disable dead after the account is enabled again', async () => {
      const user = await t.userToken('organizer');
      const api = await apiToken(user.token);
      await patchUser(user.userId, { active: false }).expect(200);
      await patchUser(user.userId, { active: true }).expect(200);
      await t.http().get('/auth/me').set(auth(user.token)).expect(401);
      await t.http().get('/auth/me').set(auth(api)).expect(401);
    });

    it('ends every token when the role changes', async () => {
      const user = await t.userToken('observer');
      const api = await apiToken(user.token);
      await patchUser(user.userId, { role: 'organizer' }).expect(200);
      await t.http().get('/auth/me').set(auth(user.token)).expect(401);
      await t.http().get('/auth/me').set(auth(api)).expect(401);
    });

    it('shows the API tokens it ended as revoked to their owner', async () => {
      const user = await t.userToken('organizer');
      const email = (await t.http().get('/auth/me').set(auth(user.token)).expect(200)).body.email as string;
      await apiToken(user.token);
      await patchUser(user.userId, { password: 'a-new-password-2' }).expect(200);
      const list = await t
        .http()
        .get('/auth/tokens')
        .set(auth(await login(email, 'a-new-password-2')))
        .expect(200);
      expect(list.body.items).toEqual([expect.objectContaining({ revokedAt: t.clock.now().toISOString() })]);
    });

    it('keeps tokens when only the display name changes', async () => {
      const user = await t.userToken('organizer');
      const api = await apiToken(user.token);
      await patchUser(user.userId, {
        displayName: 'Renamed',
        role: 'organizer',
        active: true,
      }).expect(200);
      await t.http().get('/auth/me').set(auth(user.token)).expect(200);
      await t.http().get('/auth/me').set(auth(api)).expect(200);
    });
  });

  describe('API token expiry', () => {
    it('refuses an expiresAt in the past with 422 naming the field', async () => {
      const expiresAt = new Date(t.clock.now().getTime() - 1000).toISOString();
      const res = await t.http().post('/auth/tokens').set(auth(admin)).send({ name: 'late', expiresAt });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: 'VALIDATION_FAILED',
        errors: [expect.objectContaining({ field: 'expiresAt' })],
      });
    });

    it('refuses an expiresAt of exactly now, and takes one a second ahead', async () => {
      const now = t.clock.now().toISOString();
      await t.http().post('/auth/tokens').set(auth(admin)).send({ name: 'now', expiresAt: now }).expect(422);
      const later = new Date(t.clock.now().getTime() + 1000).toISOString();
      await t.http().post('/auth/tokens').set(auth(admin)).send({ name: 'soon', expiresAt: later }).expect(201);
    });
  });

  describe('e-mail case', () => {
    it('logs in whatever the case of the e-mail', async () => {
      await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
      await login('Admin@Convene.Test', ADMIN_PASSWORD);
    });

    it('keeps Admin@X and admin@x one account', async () => {
      await t
        .http()
        .post('/users')
        .set(auth(admin))
        .send({
          email: 'Case.User@Convene.Test',
          displayName: 'Case',
          password: PASSWORD,
          role: 'observer',
        })
        .expect(201);
      const again = await t.http().post('/users').set(auth(admin)).send({
        email: 'case.user@convene.test',
        displayName: 'Case',
        password: PASSWORD,
        role: 'observer',
      });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'DUPLICATE' });
      await login('CASE.user@convene.TEST');
    });
  });

  describe('the last active administrator', () => {
    it('cannot demote or disable itself when it is the only one (409), and stays an admin', async () => {
      const [{ id }] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM app_user WHERE email = $1`, [
        ADMIN_EMAIL,
      ]);
      for (const body of [{ role: 'organizer' }, { active: false }, { role: 'observer', active: false }]) {
        const res = await patchUser(id, body);
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: 'LAST_ADMIN' });
      }
      const [row] = await t.dataSource.query<{ role: string; active: boolean }[]>(
        `SELECT role, active FROM app_user WHERE id = $1`,
        [id],
      );
      expect(row).toEqual({ role: 'admin', active: true });
    });

    it('lets one of two admins be demoted, then refuses the other', async () => {
      const second = await t.userToken('admin');
      const [{ id }] = await t.dataSource.query<{ id: string }[]>(`SELECT id FROM app_user WHERE email = $1`, [
        ADMIN_EMAIL,
      ]);
      await patchUser(second.userId, { role: 'organizer' }).expect(200);
      expect((await patchUser(id, { active: false })).status).toBe(409);
    });

    it('leaves at least one when two admins demote each other at once', async () => {
      const a = await t.userToken('admin');
      const b = await t.userToken('admin');
      // Only a and b stay administrators, so the two demotions race for the last one.
      await t.dataSource.query(`UPDATE app_user SET role = 'organizer' WHERE role = 'admin' AND id NOT IN ($1, $2)`, [
        a.userId,
        b.userId,
      ]);
      // Each refuses the other's demotion: through HTTP the loser may also be stopped by the guard,
      // its own token having ended with its demotion, so the race is run on the service itself.
      const users = t.app.get(UsersService);
      const actor = (id: string) => ({ kind: 'user' as const, id, label: id });
      const results = await Promise.allSettled([
        users.update(actor(a.userId), b.userId, { role: 'observer' }),
        users.update(actor(b.userId), a.userId, { active: false }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
      const refused = results.find((r) => r.status === 'rejected') as PromiseRejectedResult;
      expect((refused.reason as { getResponse(): unknown }).getResponse()).toMatchObject({ code: 'LAST_ADMIN' });
      const [{ count }] = await t.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM app_user WHERE role = 'admin' AND active`,
      );
      expect(count).toBe(1);
      await t.dataSource.query(`UPDATE app_user SET role = 'admin', active = true WHERE email = $1`, [ADMIN_EMAIL]);
      admin = await t.adminToken();
    });
  });
});

describe('Client addresses behind proxies (TRUST_PROXY)', () => {
  const attempt = (t: TestApp, ip: string, n: number) =>
    t
      .http()
      .post('/auth/login')
      .set('X-Forwarded-For', ip)
      .send({ email: `nobody${n}@convene.test`, password: 'whatever-it-is' });

  it('ignores X-Forwarded-For by default, so rotating it does not dodge the login limit', async () => {
    const t = await createTestApp({
      env: { TRUST_PROXY: '', RATE_LIMIT_LOGIN_PER_MINUTE: '3' },
    });
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 4; n += 1) statuses.push((await attempt(t, `203.0.113.${n + 1}`, n)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });

  it('takes the client address from X-Forwarded-For when the request comes from a trusted proxy', async () => {
    const t = await createTestApp({
      env: { TRUST_PROXY: '127.0.0.1,::1', RATE_LIMIT_LOGIN_PER_MINUTE: '3' },
    });
    try {
      for (let n = 0; n < 3; n += 1) expect((await attempt(t, '203.0.113.50', n)).status).toBe(401);
      expect((await attempt(t, '203.0.113.50', 3)).status).toBe(429);
      // A spoofed hop in front of the real client's address does not change whose budget it is.
      expect((await attempt(t, '10.9.9.9, 203.0.113.50', 4)).status).toBe(429);
      expect((await attempt(t, '203.0.113.51', 5)).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});

describe('Stewards of the directory', () => {
  let t: TestApp;
  let admin: string;
  let steward: { token: string; userId: string };
  let other: { token: string; userId: string };
  let province: string;
  let district: string;
  let outside: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
    steward = await t.userToken('organizer');
    other = await t.userToken('organizer');
    province = (
      await createUnit(t, admin, {
        name: 'UBND tỉnh Quảng Nam',
        kind: 'provincial_committee',
      })
    ).id;
    district = (
      await createUnit(t, admin, {
        name: 'UBND huyện Duy Xuyên',
        kind: 'district_committee',
        parentId: province,
      })
    ).id;
    outside = (
      await createUnit(t, admin, {
        name: 'UBND tỉnh Quảng Ngãi',
        kind: 'provincial_committee',
      })
    ).id;
    await t.http().put(`/units/${province}/stewards/${steward.userId}`).set(auth(admin)).expect(200);
  });
  afterAll(() => t.close());

  const personAt = (unitId: string, email: string) =>
    createPerson(t, admin, {
      fullName: 'Trần Văn Bình',
      email,
      positions: [{ unitId, role: 'head' }],
    });

  it('lets a steward change the units and people under the unit it stewards', async () => {
    await t.http().patch(`/units/${district}`).set(auth(steward.token)).send({ shortName: 'Duy Xuyên' }).expect(200);
    const child = await createUnit(t, steward.token, {
      name: 'Xã Duy Phước',
      kind: 'commune_committee',
      parentId: district,
    });
    const person = await personAt(child.id, 'binh.steward@convene.test');
    await t.http().patch(`/people/${person.id}`).set(auth(steward.token)).send({ phone: '0235 1234' }).expect(200);
    await t
      .http()
      .post(`/people/${person.id}/positions`)
      .set(auth(steward.token))
      .send({ unitId: district, role: 'member' })
      .expect(201);
  });

  it('refuses an organizer who is no steward with 403 NOT_A_STEWARD, and changes nothing', async () => {
    const person = await personAt(district, 'binh.other@convene.test');
    const before = await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`);
    const answers = [
      await t.http().patch(`/units/${district}`).set(auth(other.token)).send({ name: 'Đổi' }),
      await t.http().delete(`/units/${district}`).set(auth(other.token)),
      await t
        .http()
        .post('/units')
        .set(auth(other.token))
        .send({ name: 'Xã X', kind: 'commune_committee', parentId: district }),
      await t.http().patch(`/people/${person.id}`).set(auth(other.token)).send({ email: 'thief@attacker.test' }),
      await t.http().delete(`/people/${person.id}`).set(auth(other.token)),
      await t
        .http()
        .post('/people')
        .set(auth(other.token))
        .send({
          fullName: 'Người Lạ',
          positions: [{ unitId: district, role: 'member' }],
        }),
      await t
        .http()
        .post(`/people/${person.id}/positions`)
        .set(auth(other.token))
        .send({ unitId: district, role: 'deputy_head' }),
      await t.http().patch(`/units/${outside}`).set(auth(steward.token)).send({ name: 'Đổi' }),
    ];
    for (const res of answers) {
      expect([res.status, res.body.code]).toEqual([403, 'NOT_A_STEWARD']);
      expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    }
    expect(await t.dataSource.query(`SELECT count(*)::int AS n FROM audit_entry`)).toEqual(before);
    const [row] = await t.dataSource.query(`SELECT email FROM person WHERE id = $1`, [person.id]);
    expect(row.email).toBe('binh.other@convene.test');
  });

  it('refuses moving a stewarded unit under a unit the steward does not hold', async () => {
    const res = await t.http().patch(`/units/${district}`).set(auth(steward.token)).send({ parentId: outside });
    expect([res.status, res.body.code]).toEqual([403, 'NOT_A_STEWARD']);
  });

  it('makes an organizer the steward of a unit it creates at the top of the tree', async () => {
    const root = await createUnit(t, other.token, {
      name: 'Sở Nội vụ tỉnh Quảng Nam',
      kind: 'department',
    });
    const child = await createUnit(t, other.token, {
      name: 'Phòng Tổ chức',
      kind: 'other',
      parentId: root.id,
    });
    await t.http().delete(`/units/${child.id}`).set(auth(other.token)).expect(200);
    const stewards = await t.http().get(`/units/${root.id}/stewards`).set(auth(admin)).expect(200);
    expect(stewards.body).toEqual([expect.objectContaining({ userId: other.userId })]);
    await t.http().patch(`/units/${root.id}`).set(auth(steward.token)).send({ name: 'Đổi' }).expect(403);
  });

  it('lets admins grant, list and revoke stewardship; revoking ends the reach at once', async () => {
    const third = await t.userToken('organizer');
    await t.http().patch(`/units/${district}`).set(auth(third.token)).send({ shortName: 'DX' }).expect(403);
    const granted = await t.http().put(`/units/${district}/stewards/${third.userId}`).set(auth(admin));
    expect(granted.status).toBe(200);
    expect(granted.body).toMatchObject({
      unitId: district,
      userId: third.userId,
      grantedAt: expect.any(String),
    });
    await t.http().put(`/units/${district}/stewards/${third.userId}`).set(auth(admin)).expect(200);
    await t.http().patch(`/units/${district}`).set(auth(third.token)).send({ shortName: 'DX' }).expect(200);
    const list = await t.http().get(`/units/${district}/stewards`).set(auth(admin)).expect(200);
    expect(list.body.map((s: { userId: string }) => s.userId)).toEqual([third.userId]);
    await t.http().delete(`/units/${district}/stewards/${third.userId}`).set(auth(admin)).expect(204);
    await t.http().patch(`/units/${district}`).set(auth(third.token)).send({ shortName: 'D' }).expect(403);
    await t.http().delete(`/units/${district}/stewards/${third.userId}`).set(auth(admin)).expect(404);
  });

  it('refuses stewardship for a non-organizer (422 on userId), an unknown unit or user (404), and to non-admins (403)', async () => {
    const observer = await t.userToken('observer');
    const refused = await t.http().put(`/units/${district}/stewards/${observer.userId}`).set(auth(admin));
    expect(refused.status).toBe(422);
    expect(refused.body.errors).toEqual([expect.objectContaining({ field: 'userId', rule: 'isOrganizer' })]);
    const nobody = '00000000-0000-4000-8000-000000000000';
    await t.http().put(`/units/${nobody}/stewards/${steward.userId}`).set(auth(admin)).expect(404);
    await t.http().put(`/units/${district}/stewards/${nobody}`).set(auth(admin)).expect(404);
    const self = await t.http().put(`/units/${district}/stewards/${steward.userId}`).set(auth(steward.token));
    expect([self.status, self.body.code]).toEqual([403, 'FORBIDDEN']);
  });

  it('keeps CSV imports to administrators', async () => {
    for (const path of ['/units/import', '/people/import']) {
      const res = await t
        .http()
        .post(path)
        .set(auth(steward.token))
        .set('Content-Type', 'text/csv')
        .send(Buffer.from('external_code,name,kind\r\nX.1,Sở X,department\r\n'));
      expect([res.status, res.body.code]).toEqual([403, 'FORBIDDEN']);
    }
  });

  describe('a change of e-mail of someone invited elsewhere', () => {
    let personId: string;
    let conferenceId: string;
    let invitationId: string;
    let organizer: { token: string; userId: string };

    beforeAll(async () => {
      organizer = await t.userToken('organizer');
      const scheduled = await createScheduledConference(t, organizer.token, {
        points: 1,
      });
      conferenceId = scheduled.conference.id as string;
      personId = (await personAt(district, 'invited@convene.test')).id;
      const invitation = await t
        .http()
        .post(`/conferences/${conferenceId}/invitations`)
        .set(auth(organizer.token))
        .send({ personId, siteId: scheduled.points[0].id });
      expect(invitation.status).toBe(201);
      invitationId = invitation.body.id as string;
    });

    it('is refused to a steward who does not organize that conference (409 PERSON_INVITED_ELSEWHERE)', async () => {
      const res = await t
        .http()
        .patch(`/people/${personId}`)
        .set(auth(steward.token))
        .send({ email: 'new@convene.test' });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({
        code: 'PERSON_INVITED_ELSEWHERE',
        field: 'email',
      });
      const [row] = await t.dataSource.query(`SELECT email FROM person WHERE id = $1`, [personId]);
      expect(row.email).toBe('invited@convene.test');
      // Anything but the address stays the steward's to change.
      await t.http().patch(`/people/${personId}`).set(auth(steward.token)).send({ phone: '0235 999' }).expect(200);
    });

    it('is allowed to a steward who organizes every conference the person is invited to, and to admins', async () => {
      await t
        .http()
        .post(`/conferences/${conferenceId}/members`)
        .set(auth(organizer.token))
        .send({ userId: steward.userId, role: 'organizer' })
        .expect(201);
      await t
        .http()
        .patch(`/people/${personId}`)
        .set(auth(steward.token))
        .send({ email: 'new@convene.test' })
        .expect(200);
      await t.http().patch(`/people/${personId}`).set(auth(admin)).send({ email: 'newer@convene.test' }).expect(200);
      await t
        .http()
        .delete(`/conferences/${conferenceId}/members/${steward.userId}`)
        .set(auth(organizer.token))
        .expect(204);
    });

    it('is allowed once the invitation is withdrawn', async () => {
      await t
        .http()
        .patch(`/people/${personId}`)
        .set(auth(steward.token))
        .send({ email: 'x@convene.test' })
        .expect(409);
      await t
        .http()
        .delete(`/conferences/${conferenceId}/invitations/${invitationId}`)
        .set(auth(organizer.token))
        .expect(204);
      await t
        .http()
        .patch(`/people/${personId}`)
        .set(auth(steward.token))
        .send({ email: 'x@convene.test' })
        .expect(200);
    });
  });
});
