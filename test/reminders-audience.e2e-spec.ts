import { INVITEES_AND_COORDINATORS } from '../src/reminders/reminder-audiences';
import { ReminderTicks } from '../src/reminders/reminder-ticks';
import { RENDER_SKIPS } from '../src/reminders/reminder.reasons';
import { createTestApp, TestApp } from './support/app';
import { FakeClock } from './support/fake-clock';
import {
  answerTokenOf,
  deliver,
  invitationWorld,
  InvitationWorld,
  invite,
  sendAll,
  stillExpected,
  to,
} from './support/invitations';
import { dispatcher, outboxRows } from './support/outbox';

describe('Reminders to the invited (the invitations module plugged in)', () => {
  let t: TestApp;
  let world: InvitationWorld;
  let tokens: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-03-20T00:30:00Z') });
    world = await invitationWorld(t, [
      { key: 'a', name: 'Nguyễn Văn An', at: 0 },
      { key: 'b', name: 'Trần Thị Bình', language: 'en', at: 1 },
      { key: 'c', name: 'Lê Văn Cường', at: 2 },
      { key: 'd', name: 'Phạm Thị Dung', at: 2 },
    ]);
    for (const [key, point] of [
      ['a', 0],
      ['b', 1],
      ['c', 2],
      ['d', 2],
    ] as const)
      await invite(t, world, key, world.points[point].id);
    await sendAll(t, world);
    const letters = await deliver(t);
    tokens = Object.fromEntries(
      Object.entries(world.people).map(([key, p]) => [key, answerTokenOf(to(letters, p.email)[0])]),
    );
    await t.http().post(`/invitations/answer/${tokens.d}`).type('form').send({ answer: 'declined' }).expect(200);
  });
  afterAll(() => t.close());

  const reminders = () => t.sink.messages.filter((m) => /^(Nhắc lịch|Reminder):/.test(m.parsed.subject ?? ''));

  async function tickAt(at: string): Promise<void> {
    t.clock.set(at);
    await t.app.get(ReminderTicks).run(t.clock.now());
    await dispatcher(t).drain();
  }

  it('asks the people the invitations module still expects, one SQL statement for the fan-out', async () => {
    const expected = await stillExpected(t, world.conference.id);
    const ours: { recipient_key: string }[] = await t.dataSource.query(INVITEES_AND_COORDINATORS.sql, [
      world.conference.id,
      null,
    ]);
    expect(ours.map((r) => r.recipient_key).sort()).toEqual(expected.map((r) => r.recipient_key).sort());
    expect(expected.map((r) => r.recipient_key)).not.toContain(world.people.d.id);
  });

  it('reminds everyone invited who has not declined, in their language, with their own bridge point', async () => {
    await tickAt('2026-04-05T00:30:00Z');
    const got = reminders();
    expect(got.map((m) => m.to[0]).sort()).toEqual(
      [world.people.a.email, world.people.b.email, world.people.c.email].sort(),
    );
    const forB = got.find((m) => m.to.includes(world.people.b.email))!;
    expect(forB.parsed.subject).toBe(`Reminder: ${world.conference.title} — 07:30, Wednesday 8 April 2026`);
    expect(forB.parsed.text).toContain(`Dear Trần Thị Bình,`);
    expect(forB.parsed.text).toContain(`Your bridge point: ${world.points[1].name}.`);
    const forA = got.find((m) => m.to.includes(world.people.a.email))!;
    expect(forA.parsed.text).toContain(`Điểm cầu của Quý vị: ${world.points[0].name}.`);
  });

  it('leaves out who declined since, and skips a queued reminder whose recipient declined before it went out', async () => {
    t.sink.clear();
    await t.http().post(`/invitations/answer/${tokens.b}`).type('form').send({ answer: 'declined' }).expect(200);
    t.clock.set('2026-04-07T00:30:00Z');
    await t.app.get(ReminderTicks).run(t.clock.now());
    // Queued for a and c; c declines before the dispatcher gets to it.
    await t.http().post(`/invitations/answer/${tokens.c}`).type('form').send({ answer: 'declined' }).expect(200);
    await dispatcher(t).drain();
    expect(reminders().map((m) => m.to[0])).toEqual([world.people.a.email]);
    const [forC] = await outboxRows(
      t.dataSource,
      `kind = 'reminder.conference' AND recipient_email = $1 AND dedupe_key LIKE '%:P1D:%'`,
      [world.people.c.email],
    );
    expect(forC).toMatchObject({ status: 'skipped', status_reason: RENDER_SKIPS.notRecipient });
  });
});
