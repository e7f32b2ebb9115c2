import { UsersService } from "../src/auth/users.service";
import {
  createTestApp,
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  TestApp,
} from "./support/app";

const auth = (token: string) => ({ Authorization: `Bearer ${token}` });
const PASSWORD = "password-for-tests";

describe("Security review (issue 13): tokens, the last administrator, e-mail case, token expiry", () => {
  let t: TestApp;
  let admin: string;

  beforeAll(async () => {
    t = await createTestApp();
    admin = await t.adminToken();
  });
  afterAll(() => t.close());

  const login = async (email: string, password = PASSWORD) => {
    const res = await t
      .http()
      .post("/auth/login")
      .send({ email, password })
      .expect(200);
    return res.body.accessToken as string;
  };
  const apiToken = async (token: string) => {
    const res = await t
      .http()
      .post("/auth/tokens")
      .set(auth(token))
      .send({ name: "sync" })
      .expect(201);
    return res.body.token as string;
  };
  const patchUser = (
    id: string,
    body: Record<string, unknown>,
    token = admin,
  ) => t.http().patch(`/users/${id}`).set(auth(token)).send(body);

  describe("tokens issued before a password change, a disable or a role change", () => {
    it("ends login and API tokens when the password changes, and a new login works", async () => {
      const user = await t.userToken("organizer");
      const api = await apiToken(user.token);
      await patchUser(user.userId, { password: "a-new-password-1" }).expect(
        200,
      );
      await t.http().get("/auth/me").set(auth(user.token)).expect(401);
      await t.http().get("/auth/me").set(auth(api)).expect(401);
      const email = (
        await t.http().get(`/users/${user.userId}`).set(auth(admin)).expect(200)
      ).body.email as string;
      await t
        .http()
        .get("/auth/me")
        .set(auth(await login(email, "a-new-password-1")))
        .expect(200);
    });

    it("keeps a token issued before a disable dead after the account is enabled again", async () => {
      const user = await t.userToken("organizer");
      const api = await apiToken(user.token);
      await patchUser(user.userId, { active: false }).expect(200);
      await patchUser(user.userId, { active: true }).expect(200);
      await t.http().get("/auth/me").set(auth(user.token)).expect(401);
      await t.http().get("/auth/me").set(auth(api)).expect(401);
    });

    it("ends every token when the role changes", async () => {
      const user = await t.userToken("observer");
      const api = await apiToken(user.token);
      await patchUser(user.userId, { role: "organizer" }).expect(200);
      await t.http().get("/auth/me").set(auth(user.token)).expect(401);
      await t.http().get("/auth/me").set(auth(api)).expect(401);
    });

    it("shows the API tokens it ended as revoked to their owner", async () => {
      const user = await t.userToken("organizer");
      const email = (
        await t.http().get("/auth/me").set(auth(user.token)).expect(200)
      ).body.email as string;
      await apiToken(user.token);
      await patchUser(user.userId, { password: "a-new-password-2" }).expect(
        200,
      );
      const list = await t
        .http()
        .get("/auth/tokens")
        .set(auth(await login(email, "a-new-password-2")))
        .expect(200);
      expect(list.body).toEqual([
        expect.objectContaining({ revokedAt: t.clock.now().toISOString() }),
      ]);
    });

    it("keeps tokens when only the display name changes", async () => {
      const user = await t.userToken("organizer");
      const api = await apiToken(user.token);
      await patchUser(user.userId, {
        displayName: "Renamed",
        role: "organizer",
        active: true,
      }).expect(200);
      await t.http().get("/auth/me").set(auth(user.token)).expect(200);
      await t.http().get("/auth/me").set(auth(api)).expect(200);
    });
  });

  describe("API token expiry", () => {
    it("refuses an expiresAt in the past with 422 naming the field", async () => {
      const expiresAt = new Date(t.clock.now().getTime() - 1000).toISOString();
      const res = await t
        .http()
        .post("/auth/tokens")
        .set(auth(admin))
        .send({ name: "late", expiresAt });
      expect(res.status).toBe(422);
      expect(res.body).toMatchObject({
        code: "VALIDATION_FAILED",
        errors: [expect.objectContaining({ field: "expiresAt" })],
      });
    });

    it("refuses an expiresAt of exactly now, and takes one a second ahead", async () => {
      const now = t.clock.now().toISOString();
      await t
        .http()
        .post("/auth/tokens")
        .set(auth(admin))
        .send({ name: "now", expiresAt: now })
        .expect(422);
      const later = new Date(t.clock.now().getTime() + 1000).toISOString();
      await t
        .http()
        .post("/auth/tokens")
        .set(auth(admin))
        .send({ name: "soon", expiresAt: later })
        .expect(201);
    });
  });

  describe("e-mail case", () => {
    it("logs in whatever the case of the e-mail", async () => {
      await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
      await login("Admin@Convene.Test", ADMIN_PASSWORD);
    });

    it("keeps Admin@X and admin@x one account", async () => {
      await t
        .http()
        .post("/users")
        .set(auth(admin))
        .send({
          email: "Case.User@Convene.Test",
          displayName: "Case",
          password: PASSWORD,
          role: "observer",
        })
        .expect(201);
      const again = await t
        .http()
        .post("/users")
        .set(auth(admin))
        .send({
          email: "case.user@convene.test",
          displayName: "Case",
          password: PASSWORD,
          role: "observer",
        });
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: "DUPLICATE" });
      await login("CASE.user@convene.TEST");
    });
  });

  describe("the last active administrator", () => {
    it("cannot demote or disable itself when it is the only one (409), and stays an admin", async () => {
      const [{ id }] = await t.dataSource.query<{ id: string }[]>(
        `SELECT id FROM app_user WHERE email = $1`,
        [ADMIN_EMAIL],
      );
      for (const body of [
        { role: "organizer" },
        { active: false },
        { role: "observer", active: false },
      ]) {
        const res = await patchUser(id, body);
        expect(res.status).toBe(409);
        expect(res.body).toMatchObject({ code: "LAST_ADMIN" });
      }
      const [row] = await t.dataSource.query<
        { role: string; active: boolean }[]
      >(`SELECT role, active FROM app_user WHERE id = $1`, [id]);
      expect(row).toEqual({ role: "admin", active: true });
    });

    it("lets one of two admins be demoted, then refuses the other", async () => {
      const second = await t.userToken("admin");
      const [{ id }] = await t.dataSource.query<{ id: string }[]>(
        `SELECT id FROM app_user WHERE email = $1`,
        [ADMIN_EMAIL],
      );
      await patchUser(second.userId, { role: "organizer" }).expect(200);
      expect((await patchUser(id, { active: false })).status).toBe(409);
    });

    it("leaves at least one when two admins demote each other at once", async () => {
      const a = await t.userToken("admin");
      const b = await t.userToken("admin");
      // Only a and b stay administrators, so the two demotions race for the last one.
      await t.dataSource.query(
        `UPDATE app_user SET role = 'organizer' WHERE role = 'admin' AND id NOT IN ($1, $2)`,
        [a.userId, b.userId],
      );
      // Each refuses the other's demotion: through HTTP the loser may also be stopped by the guard,
      // its own token having ended with its demotion, so the race is run on the service itself.
      const users = t.app.get(UsersService);
      const actor = (id: string) => ({ kind: "user" as const, id, label: id });
      const results = await Promise.allSettled([
        users.update(actor(a.userId), b.userId, { role: "observer" }),
        users.update(actor(b.userId), a.userId, { active: false }),
      ]);
      expect(results.map((r) => r.status).sort()).toEqual([
        "fulfilled",
        "rejected",
      ]);
      const refused = results.find(
        (r) => r.status === "rejected",
      ) as PromiseRejectedResult;
      expect(
        (refused.reason as { getResponse(): unknown }).getResponse(),
      ).toMatchObject({ code: "LAST_ADMIN" });
      const [{ count }] = await t.dataSource.query<{ count: number }[]>(
        `SELECT count(*)::int AS count FROM app_user WHERE role = 'admin' AND active`,
      );
      expect(count).toBe(1);
      await t.dataSource.query(
        `UPDATE app_user SET role = 'admin', active = true WHERE email = $1`,
        [ADMIN_EMAIL],
      );
      admin = await t.adminToken();
    });
  });
});
describe("Client addresses behind proxies (TRUST_PROXY)", () => {
  const attempt = (t: TestApp, ip: string, n: number) =>
    t
      .http()
      .post("/auth/login")
      .set("X-Forwarded-For", ip)
      .send({ email: `nobody${n}@convene.test`, password: "whatever-it-is" });

  it("ignores X-Forwarded-For by default, so rotating it does not dodge the login limit", async () => {
    const t = await createTestApp({
      env: { TRUST_PROXY: "", RATE_LIMIT_LOGIN_PER_MINUTE: "3" },
    });
    try {
      const statuses: number[] = [];
      for (let n = 0; n < 4; n += 1)
        statuses.push((await attempt(t, `203.0.113.${n + 1}`, n)).status);
      expect(statuses).toEqual([401, 401, 401, 429]);
    } finally {
      await t.close();
    }
  });

  it("takes the client address from X-Forwarded-For when the request comes from a trusted proxy", async () => {
    const t = await createTestApp({
      env: { TRUST_PROXY: "127.0.0.1,::1", RATE_LIMIT_LOGIN_PER_MINUTE: "3" },
    });
    try {
      for (let n = 0; n < 3; n += 1)
        expect((await attempt(t, "203.0.113.50", n)).status).toBe(401);
      expect((await attempt(t, "203.0.113.50", 3)).status).toBe(429);
      // A spoofed hop in front of the real client's address does not change whose budget it is.
      expect((await attempt(t, "10.9.9.9, 203.0.113.50", 4)).status).toBe(429);
      expect((await attempt(t, "203.0.113.51", 5)).status).toBe(401);
    } finally {
      await t.close();
    }
  });
});
