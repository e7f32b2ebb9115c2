import { simpleParser } from 'mailparser';
import * as os from 'node:os';
import * as path from 'node:path';
import { createTestApp, TestApp } from './support/app';
import { describeCalendar, expectInvitationMessage } from './support/calendar-checks';
import { auth } from './support/conference-fixtures';
import { createTestDatabase, TestDatabase } from './support/database';
import { freePort } from './support/free-port';
import { deliver, invitationsPath, invitationWorld, invite, InvitationWorld, sendAll } from './support/invitations';
import { dispatcher, outboxRows } from './support/outbox';
import { SmtpSink } from './support/smtp-sink';
import { spawnConvene } from './support/spawn';

const list = async (t: TestApp, world: InvitationWorld) =>
  (await t.http().get(invitationsPath(world)).set(auth(world.token)).expect(200)).body.items as any[];
const totals = async (t: TestApp, world: InvitationWorld) =>
  (
    await t
      .http()
      .get(`${invitationsPath(world)}/summary`)
      .set(auth(world.token))
      .expect(200)
  ).body.totals;

describe('mail on the shipped defaults (no SMTP_URL, no MAIL_FROM: the built-in catcher)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp({ unset: ['SMTP_URL', 'MAIL_FROM'] });
  });
  afterAll(() => t.close());

  it('generates, sends and delivers invitations the catcher keeps, parseable by mailparser and ical.js', async () => {
    expect(t.config.mail.smtpUrl).toBeUndefined();
    expect(t.config.mail.from).toBe('Convene <convene@convene.localhost>');
    const world = await invitationWorld(t, [
      { key: 'a', name: 'Nguyễn Văn An', at: 0 },
      { key: 'b', name: 'Trần Thị Bình', at: 1 },
    ]);
    await invite(t, world, 'a', world.points[0].id);
    await invite(t, world, 'b', world.points[1].id);
    await expect(sendAll(t, world)).resolves.toEqual({ queued: 2, withoutEmail: 0 });
    expect(await dispatcher(t).drain()).toMatchObject({ sent: 2, skipped: 0, failed: 0 });

    const admin = await t.adminToken();
    for (const person of [world.people.a, world.people.b]) {
      const caught = await t.http().get(`/outbox/messages?to=${person.email}`).set(auth(admin)).expect(200);
      expect(caught.body.items).toEqual([
        expect.objectContaining({ from: 'convene@convene.localhost', calendarMethod: 'REQUEST' }),
      ]);
      const eml = await t
        .http()
        .get(`/outbox/messages/${caught.body.items[0].id}/eml`)
        .set(auth(admin))
        .buffer(true)
        .parse((res, done) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('end', () => done(null, Buffer.concat(chunks)));
        })
        .expect(200);
      const raw = eml.body as Buffer;
      const parsed = await simpleParser(raw);
      expect(parsed.from?.value[0].address).toBe('convene@convene.localhost');
      expect(parsed.subject).toContain('Giấy mời');
      const checked = expectInvitationMessage(raw, { recipient: person.email });
      const event = describeCalendar(checked.calendar).events[0];
      // MAIL_ORGANIZER (here MAIL_FROM's address) tagged with the invitation's reply secret.
      expect(event.organizer?.email).toMatch(/^convene\+[0-9a-f]+@convene\.localhost$/);
      expect(event.attendees.map((a) => a.email)).toEqual([person.email]);
    }
    const items = await list(t, world);
    expect(items.map((i) => [i.sent, i.mail?.status])).toEqual([
      [true, 'sent'],
      [true, 'sent'],
    ]);
  });
});

describe('mail settings no invitation can carry', () => {
  it('refuses to send (409 MAIL_FROM_UNUSABLE) and queues nothing', async () => {
    const t = await createTestApp({ env: { MAIL_FROM: 'Convene <convene@localhost>' } });
    try {
      const world = await invitationWorld(t, [{ key: 'a', name: 'Nguyễn Văn An', at: 0 }]);
      await invite(t, world, 'a', world.points[0].id);
      const res = await t
        .http()
        .post(`${invitationsPath(world)}/send`)
        .set(auth(world.token))
        .send({})
        .expect(409);
      expect(res.body).toMatchObject({
        code: 'MAIL_FROM_UNUSABLE',
        variable: 'MAIL_FROM',
        address: 'convene@localhost',
      });
      expect(res.body.detail).toMatch(/^MAIL_FROM is not a usable e-mail address/);
      expect(await outboxRows(t.dataSource, `kind = 'invitation'`, [])).toEqual([]);
      expect((await list(t, world))[0]).toMatchObject({ sent: false, mail: null, sentSequence: null });
    } finally {
      await t.close();
    }
  });

  it('refuses to send (409 MAIL_ORGANIZER_UNUSABLE) when MAIL_ORGANIZER is the unusable one', async () => {
    const t = await createTestApp({ env: { MAIL_ORGANIZER: 'rsvp@localhost' } });
    try {
      const world = await invitationWorld(t, [{ key: 'a', name: 'Nguyễn Văn An', at: 0 }]);
      await invite(t, world, 'a', world.points[0].id);
      const res = await t
        .http()
        .post(`${invitationsPath(world)}/send`)
        .set(auth(world.token))
        .send({})
        .expect(409);
      expect(res.body).toMatchObject({ code: 'MAIL_ORGANIZER_UNUSABLE', variable: 'MAIL_ORGANIZER' });
      expect(await outboxRows(t.dataSource, `kind = 'invitation'`, [])).toEqual([]);
    } finally {
      await t.close();
    }
  });

  it('warns at start-up, at warn level, naming the variable', async () => {
    const db = await createTestDatabase({ template: false });
    const sink = await SmtpSink.start();
    const port = await freePort();
    const convene = spawnConvene({
      DATABASE_URL: db.url,
      SMTP_URL: sink.url,
      PORT: String(port),
      HOST: '127.0.0.1',
      ADMIN_PASSWORD: 'startup-test-password',
      LOG_LEVEL: 'info',
      DEMO_DATA: 'false',
      MAIL_FROM: 'Convene <convene@localhost>',
      STORAGE_DIR: path.join(os.tmpdir(), `convene-mail-startup-${port}`, 'files'),
    });
    try {
      await convene.waitFor(/Convene is listening/, 150_000);
      const warnings = convene
        .output()
        .split('\n')
        .filter((line) => line.startsWith('{'))
        .map((line) => JSON.parse(line) as { level: number; msg: string; variable?: string })
        .filter((entry) => entry.level === 40 && entry.variable === 'MAIL_FROM');
      expect(warnings).toEqual([
        expect.objectContaining({ msg: expect.stringMatching(/^MAIL_FROM is not a usable e-mail address/) }),
      ]);
    } finally {
      convene.child.kill('SIGTERM');
      await convene.exited();
      await sink.stop();
      await db.drop();
    }
  });
});

describe('what "sent" means: accepted by the relay', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('shows queued invitations as queued, not sent, until the relay accepts them', async () => {
    const world = await invitationWorld(t, [{ key: 'a', name: 'Nguyễn Văn An', at: 0 }]);
    await invite(t, world, 'a', world.points[0].id);
    await sendAll(t, world);
    expect((await list(t, world))[0]).toMatchObject({ sent: false, mail: { status: 'queued', reason: null } });
    expect(await totals(t, world)).toMatchObject({ invited: 1, sent: 0, queued: 1, failed: 0, skipped: 0 });
    const filtered = await t
      .http()
      .get(`${invitationsPath(world)}?sent=true`)
      .set(auth(world.token))
      .expect(200);
    expect(filtered.body.total).toBe(0);
    await deliver(t);
    expect((await list(t, world))[0]).toMatchObject({ sent: true, mail: { status: 'sent' } });
    expect(await totals(t, world)).toMatchObject({ invited: 1, sent: 1, queued: 0, failed: 0, skipped: 0 });
  });

  it('shows a refused message as failed with the server’s answer, and a second send queues it again', async () => {
    const world = await invitationWorld(t, [{ key: 'a', name: 'Nguyễn Văn An', at: 0 }]);
    await invite(t, world, 'a', world.points[0].id);
    t.sink.behaviour = { onRcptTo: () => ({ code: 550, message: '5.1.1 mailbox unavailable' }) };
    try {
      await sendAll(t, world);
      await deliver(t);
    } finally {
      t.sink.behaviour = {};
    }
    const [failed] = await list(t, world);
    expect(failed).toMatchObject({ sent: false, mail: { status: 'failed' } });
    expect(failed.mail.reason).toMatch(/550/);
    expect(await totals(t, world)).toMatchObject({ sent: 0, failed: 1 });

    await expect(sendAll(t, world)).resolves.toEqual({ queued: 1, withoutEmail: 0 });
    expect((await list(t, world))[0].mail).toMatchObject({
      status: 'queued',
      outboxMessageId: failed.mail.outboxMessageId,
    });
    const messages = await deliver(t);
    expect(messages.map((m) => m.to[0])).toEqual([world.people.a.email]);
    expect(await totals(t, world)).toMatchObject({ sent: 1, failed: 0 });
    await expect(sendAll(t, world)).resolves.toEqual({ queued: 0, withoutEmail: 0 });
  });
});

describe('invitations skipped while MAIL_FROM was unusable', () => {
  let db: TestDatabase;
  let good: TestApp;
  let broken: TestApp;
  beforeAll(async () => {
    db = await createTestDatabase();
    good = await createTestApp({ database: db });
    // A second instance on the same database, still running with the old, unusable MAIL_FROM.
    broken = await createTestApp({ database: db, env: { MAIL_FROM: 'Convene <convene@localhost>' } });
  });
  afterAll(async () => {
    await broken.close();
    await good.close();
    await db.drop();
  });

  it('lists them as skipped with the reason, and queues them again by the outbox retry or a second send', async () => {
    const world = await invitationWorld(good, [
      { key: 'a', name: 'Nguyễn Văn An', at: 0 },
      { key: 'b', name: 'Trần Thị Bình', at: 1 },
    ]);
    await invite(good, world, 'a', world.points[0].id);
    await invite(good, world, 'b', world.points[1].id);
    await sendAll(good, world);
    expect(await dispatcher(broken).drain()).toMatchObject({ skipped: 2, sent: 0 });

    const items = await list(good, world);
    for (const item of items) {
      expect(item).toMatchObject({ sent: false, mail: { status: 'skipped' } });
      expect(item.mail.reason).toMatch(/not a usable e-mail address: "convene@localhost"/);
    }
    expect(await totals(good, world)).toMatchObject({ invited: 2, sent: 0, skipped: 2 });
    const queue = await good
      .http()
      .get(`/outbox/queue?status=skipped&conferenceId=${world.conference.id}`)
      .set(auth(world.token))
      .expect(200);
    expect(queue.body.total).toBe(2);

    const a = items.find((i) => i.person.id === world.people.a.id)!;
    const retried = await good
      .http()
      .post(`/outbox/queue/${a.mail.outboxMessageId}/retry`)
      .set(auth(world.token))
      .expect(200);
    expect(retried.body).toMatchObject({ status: 'queued', attempts: 0 });
    expect(await dispatcher(good).drain()).toMatchObject({ sent: 1, skipped: 0 });

    await expect(sendAll(good, world)).resolves.toEqual({ queued: 1, withoutEmail: 0 });
    expect(await dispatcher(good).drain()).toMatchObject({ sent: 1, skipped: 0 });
    expect(good.sink.messages.map((m) => m.to[0]).sort()).toEqual([world.people.a.email, world.people.b.email].sort());
    expect(await totals(good, world)).toMatchObject({ invited: 2, sent: 2, queued: 0, skipped: 0 });
  });

  it('refuses a resend on the instance whose MAIL_FROM is unusable', async () => {
    const world = await invitationWorld(good, [{ key: 'a', name: 'Nguyễn Văn An', at: 0 }]);
    const { id } = await invite(good, world, 'a', world.points[0].id);
    await sendAll(good, world);
    await dispatcher(good).drain();
    const res = await broken
      .http()
      .post(`${invitationsPath(world)}/${id}/resend`)
      .set(auth(world.token))
      .send({})
      .expect(409);
    expect(res.body).toMatchObject({ code: 'MAIL_FROM_UNUSABLE', variable: 'MAIL_FROM' });
  });
});
