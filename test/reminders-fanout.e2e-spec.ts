import { performance } from 'node:perf_hooks';
import { FANOUT_CHUNK, ReminderFanout } from '../src/reminders/reminder-fanout';
import { ReminderPlanner } from '../src/reminders/reminder-planner';
import { createTestApp, TestApp } from './support/app';
import { apiUser, createScheduledConference } from './support/conference-fixtures';
import { FakeClock } from './support/fake-clock';

/** Invitees made with SQL (as a national fan-out would find them), sent and unanswered. */
async function insertInvitees(t: TestApp, conferenceId: string, pointId: string, count: number): Promise<void> {
  await t.dataSource.query(
    `WITH people AS (
       INSERT INTO person (full_name, email, search_key)
       SELECT 'Đại biểu ' || n, 'daibieu' || n || '.' || $3 || '@convene.test', 'dai bieu ' || n FROM generate_series(1, $2) AS n
       RETURNING id
     )
     INSERT INTO invitation (conference_id, bridge_point_id, person_id, source, added_by_kind, added_by_label, sent_sequence, first_sent_at, last_sent_at)
     SELECT $1, $4, id, 'manual', 'system', 'test', 0, now(), now() FROM people`,
    [conferenceId, count, conferenceId.slice(0, 8), pointId],
  );
}

describe('Reminder fan-out: bounded work per step, INSERT … SELECT from the audience', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await createTestApp({ clock: new FakeClock('2026-03-20T00:30:00Z') });
  });
  afterAll(() => t.close());

  it(`queues ${FANOUT_CHUNK} recipients per step, continuing from the cursor, and each recipient once`, async () => {
    const { token } = await apiUser(t, 'organizer');
    const c = await createScheduledConference(t, token, { points: 1 });
    const total = 2 * FANOUT_CHUNK + 1234;
    await insertInvitees(t, c.conference.id, c.points[0].id, total);
    await t.app.get(ReminderPlanner).reconcile(t.clock.now());
    t.clock.set('2026-04-05T00:30:00Z');
    const fanout = t.app.get(ReminderFanout);
    const started = performance.now();
    const steps = [
      await fanout.fireDue(t.clock.now(), 1),
      await fanout.fireDue(t.clock.now(), 1),
      await fanout.fireDue(t.clock.now(), 1),
    ];
    const seconds = (performance.now() - started) / 1000;
    expect(steps).toEqual([
      { fired: 0, skipped: 0, queued: FANOUT_CHUNK },
      { fired: 0, skipped: 0, queued: FANOUT_CHUNK },
      { fired: 1, skipped: 0, queued: 1234 },
    ]);
    // Nothing more is due; a rerun queues nothing.
    await expect(fanout.fireDue(t.clock.now(), 5)).resolves.toEqual({ fired: 0, skipped: 0, queued: 0 });
    const [{ rows, keys, people }] = await t.dataSource.query(
      `SELECT count(*)::int AS rows, count(DISTINCT dedupe_key)::int AS keys, count(DISTINCT recipient_email)::int AS people
       FROM outbox_message WHERE kind = 'reminder.conference' AND conference_id = $1`,
      [c.conference.id],
    );
    expect({ rows, keys, people }).toEqual({ rows: total, keys: total, people: total });
    expect(seconds).toBeLessThan(60);
    process.stdout.write(
      `reminder fan-out: ${total} recipients in ${seconds.toFixed(2)} s (${Math.round(total / seconds)} rows/s)\n`,
    );
  }, 120_000);
});
