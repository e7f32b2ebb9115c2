import { InvitationRenderer } from '../src/invitations/invitation.renderer';
import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import { invitationsPath, invitationWorld } from './support/invitations';

/**
 * A big conference: 20,000 invitations over 200 points sent in one request (one INSERT … SELECT
 * into the outbox), queued once even when asked twice, and rendered a batch at a time with the
 * calendar's invariant part built once per event version. Prints the figures it measures.
 */
describe('invitations at scale', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  it('sends 20,000 invitations in one request, once, and renders them in batches', async () => {
    const world = await invitationWorld(t, [], { points: 200 });
    const count = 20_000;
    await t.dataSource.query(
      `INSERT INTO person (full_name, email, search_key)
       SELECT 'Đại biểu số ' || n, 'daibieu' || n || '.' || $2 || '@convene.test', 'dai bieu so ' || n FROM generate_series(1, $1) AS n`,
      [count, world.conference.id.slice(0, 8)],
    );
    await t.dataSource.query(
      `WITH pts AS (SELECT id, row_number() OVER (ORDER BY name, id) - 1 AS k FROM bridge_point WHERE conference_id = $1 AND depth = 1),
            ppl AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM person WHERE email LIKE 'daibieu%.' || $2 || '@convene.test')
       INSERT INTO invitation (conference_id, bridge_point_id, person_id, source, added_by_kind, added_by_label)
       SELECT $1, pts.id, ppl.id, 'manual', 'system', 'scale test' FROM ppl JOIN pts ON pts.k = ppl.n % 200`,
      [world.conference.id, world.conference.id.slice(0, 8)],
    );
    const started = process.hrtime.bigint();
    const [first, second] = await Promise.all([
      t
        .http()
        .post(`${invitationsPath(world)}/send`)
        .set(auth(world.token))
        .send({}),
      t
        .http()
        .post(`${invitationsPath(world)}/send`)
        .set(auth(world.token))
        .send({}),
    ]);
    const sendMs = Number(process.hrtime.bigint() - started) / 1e6;
    expect([first.status, second.status]).toEqual([202, 202]);
    expect(first.body.queued + second.body.queued).toBe(count);
    const [{ n }] = await t.dataSource.query(
      `SELECT count(DISTINCT recipient_email)::int AS n FROM outbox_message WHERE conference_id = $1`,
      [world.conference.id],
    );
    expect(n).toBe(count);

    const rows = await t.dataSource.query(
      `SELECT id, dedupe_key AS "dedupeKey", kind, conference_id AS "conferenceId", recipient_email AS "recipientEmail", recipient_name AS "recipientName", payload, 1 AS attempt, '' AS "messageId", created_at AS "createdAt"
         FROM outbox_message WHERE conference_id = $1 ORDER BY dedupe_key LIMIT 1000`,
      [world.conference.id],
    );
    const renderer = t.app.get(InvitationRenderer);
    const renderStarted = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += 100) {
      const outcomes = await renderer.render(rows.slice(i, i + 100), {
        now: t.clock.now(),
        from: 'convene@convene.test',
        publicUrl: 'http://convene.test',
      });
      expect(outcomes.every((o) => 'mail' in o)).toBe(true);
    }
    const renderMs = Number(process.hrtime.bigint() - renderStarted) / 1e6;
    // The figures README "Invitations" quotes.
    console.log(
      `invitations: send of ${count} (two concurrent requests) ${sendMs.toFixed(0)} ms = ${Math.round(count / (sendMs / 1000))}/s; render ${rows.length} in batches of 100 (answer links minted) ${renderMs.toFixed(0)} ms = ${Math.round(rows.length / (renderMs / 1000))}/s`,
    );
  }, 180_000);
});
