import { createTestApp, TestApp } from './support/app';
import { auth } from './support/conference-fixtures';
import { invitationsPath, invitationWorld } from './support/invitations';

/**
 * The board's data at 100,000 invitations over 200 points, each with an invitation mail in the
 * outbox (a third sent, a third failed, a third queued) and a quarter answered: the summary and a
 * page of the list (plain, filtered by mail state, searched by name) timed over the API. Prints
 * the figures README "Invitations" quotes.
 */
describe('the invitations board at 100,000 invitations', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp();
  });
  afterAll(() => t.close());

  const timed = async (run: () => Promise<unknown>) => {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = process.hrtime.bigint();
      await run();
      times.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
    return times.sort((a, b) => a - b)[1];
  };

  it('answers the summary and a page of the list, with counts that add up', async () => {
    const world = await invitationWorld(t, [], { points: 200 });
    const count = 100_000;
    const tag = world.conference.id.slice(0, 8);
    await t.dataSource.query(
      `INSERT INTO person (full_name, email, search_key)
       SELECT 'Đại biểu số ' || n, 'board' || n || '.' || $2 || '@convene.test', 'dai bieu so ' || n FROM generate_series(1, $1) AS n`,
      [count, tag],
    );
    await t.dataSource.query(
      `WITH pts AS (SELECT id, row_number() OVER (ORDER BY name, id) - 1 AS k FROM bridge_point WHERE conference_id = $1 AND depth = 1),
            ppl AS (SELECT id, row_number() OVER (ORDER BY id) AS n FROM person WHERE email LIKE 'board%.' || $2 || '@convene.test')
       INSERT INTO invitation (conference_id, bridge_point_id, person_id, source, added_by_kind, added_by_label, sent_sequence, answer, answer_sequence)
       SELECT $1, pts.id, ppl.id, 'manual', 'system', 'scale test', 0,
              CASE WHEN ppl.n % 4 = 0 THEN 'accepted' END, CASE WHEN ppl.n % 4 = 0 THEN 0 END
         FROM ppl JOIN pts ON pts.k = ppl.n % 200`,
      [world.conference.id, tag],
    );
    await t.dataSource.query(
      `INSERT INTO outbox_message (dedupe_key, kind, recipient_email, recipient_name, conference_id, payload, status, sent_at)
       SELECT 'invitation:' || s.id || ':0:request', 'invitation', p.email, p.full_name, s.conference_id,
              jsonb_build_object('invitationId', s.id, 'sequence', 0, 'method', 'REQUEST', 'letter', 'invitation'),
              (ARRAY['sent', 'failed', 'queued'])[1 + s.k % 3], CASE WHEN s.k % 3 = 0 THEN now() END
         FROM (SELECT i.*, row_number() OVER (ORDER BY i.id)::int AS k FROM invitation i WHERE i.conference_id = $1) s JOIN person p ON p.id = s.person_id`,
      [world.conference.id],
    );
    await t.dataSource.query(`ANALYZE`);
    const get = (path: string) =>
      t
        .http()
        .get(`${invitationsPath(world)}${path}`)
        .set(auth(world.token))
        .expect(200);

    const summary = (await get('/summary')).body;
    expect(summary.sites).toHaveLength(201);
    expect(summary.totals).toMatchObject({
      invited: count,
      accepted: count / 4,
      noAnswer: (count * 3) / 4,
      toSend: 33_334,
    });
    expect(summary.totals.lastSent + summary.totals.failed + summary.totals.queued).toBe(count);
    // k % 3 = 1 failed: what a send queues again (k from 1 to 100,000).
    expect(summary.totals.failed).toBe(summary.totals.toSend);
    const failedPage = (await get('?mail=failed&limit=25')).body;
    expect(failedPage.total).toBe(summary.totals.failed);
    const found = (await get('?q=dai%20bieu%20so%2042424&limit=25')).body;
    expect(found.items.map((i: { person: { fullName: string } }) => i.person.fullName)).toEqual(['Đại biểu số 42424']);

    const summaryMs = await timed(() => get('/summary'));
    const pageMs = await timed(() => get('?limit=25'));
    const lastPageMs = await timed(() => get(`?limit=25&offset=${count - 25}`));
    const mailMs = await timed(() => get('?mail=failed&limit=25'));
    const searchMs = await timed(() => get('?q=dai%20bieu%20so%2042424&limit=25'));
    console.log(
      `board at ${count} invitations (median of 3): summary ${summaryMs.toFixed(0)} ms; first page ${pageMs.toFixed(0)} ms; last page ${lastPageMs.toFixed(0)} ms; mail=failed ${mailMs.toFixed(0)} ms; q search ${searchMs.toFixed(0)} ms`,
    );
  }, 300_000);
});
