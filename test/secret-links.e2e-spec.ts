import { randomUUID } from 'node:crypto';
import { SecretLinksService } from '../src/secret-links/secret-links.service';
import { createTestApp, TestApp } from './support/app';
import { auth, createScheduledConference } from './support/conference-fixtures';
import { DAY } from './support/fake-clock';

describe(SecretLinksService.name, () => {
  let t: TestApp;
  let links: SecretLinksService;

  beforeAll(async () => {
    t = await createTestApp();
    links = t.app.get(SecretLinksService);
  });
  afterAll(() => t.close());

  it('issues links whose secret is never stored, and resolves them by the secret', async () => {
    const subjectId = randomUUID();
    const { link, token } = await t.dataSource.transaction((m) => links.issue(m, { purpose: 'invitation', subjectId }));
    expect(token).toMatch(/^cvl_[A-Za-z0-9_-]{43}$/);
    const [row] = await t.dataSource.query('SELECT encode(token_hash, $2) AS hash FROM secret_link WHERE id = $1', [
      link.id,
      'hex',
    ]);
    expect(row.hash).toHaveLength(64);
    expect(JSON.stringify(await t.dataSource.query('SELECT * FROM secret_link'))).not.toContain(token.slice(4));
    await expect(links.resolve(token)).resolves.toMatchObject({ id: link.id, subjectId });
    await expect(links.resolve(token, ['site-coordinator'])).resolves.toBeNull();
    await expect(links.resolve(`${token.slice(0, -1)}x`)).resolves.toBeNull();
  });

  it('issues many in one statement, each with its own secret, in the order asked', async () => {
    const subjects = [randomUUID(), randomUUID(), randomUUID()];
    const issued = await t.dataSource.transaction((m) =>
      links.issueMany(
        m,
        subjects.map((subjectId) => ({ purpose: 'invitation', subjectId })),
      ),
    );
    expect(issued.map((i) => i.link.subjectId)).toEqual(subjects);
    expect(new Set(issued.map((i) => i.token)).size).toBe(3);
    for (const { token, link } of issued) await expect(links.resolve(token)).resolves.toMatchObject({ id: link.id });
  });

  it('records the first and last use', async () => {
    const { token, link } = await t.dataSource.transaction((m) =>
      links.issue(m, { purpose: 'invitation', subjectId: randomUUID() }),
    );
    const first = t.clock.now();
    await links.resolve(token);
    t.clock.advance(60_000);
    await links.resolve(token);
    const [row] = await t.dataSource.query('SELECT first_used_at, last_used_at FROM secret_link WHERE id = $1', [
      link.id,
    ]);
    expect(new Date(row.first_used_at)).toEqual(first);
    expect(new Date(row.last_used_at)).toEqual(t.clock.now());
  });

  it('stops a link after its expiry, when revoked, and when rotated', async () => {
    const subjectId = randomUUID();
    const expiring = await t.dataSource.transaction((m) =>
      links.issue(m, { purpose: 'speaker', subjectId, expiresAt: new Date(t.clock.now().getTime() + DAY) }),
    );
    await expect(links.resolve(expiring.token)).resolves.not.toBeNull();
    t.clock.advance(DAY);
    await expect(links.resolve(expiring.token)).resolves.toBeNull();

    const rotated = await t.dataSource.transaction((m) => links.rotate(m, 'speaker', subjectId, {}));
    await expect(links.resolve(rotated.token)).resolves.toMatchObject({ id: rotated.link.id });
    const again = await t.dataSource.transaction((m) => links.rotate(m, 'speaker', subjectId, {}));
    await expect(links.resolve(rotated.token)).resolves.toBeNull();
    await expect(links.resolve(again.token)).resolves.not.toBeNull();

    await t.dataSource.transaction((m) => links.revoke(m, again.link.id));
    await expect(links.resolve(again.token)).resolves.toBeNull();
  });

  it('lets a conference link live until 30 days after the conference ends, following a move', async () => {
    t.clock.set(new Date('2026-03-01T00:00:00Z'));
    const token = await t.adminToken();
    const { conference } = await createScheduledConference(t, token, {
      points: 0,
      endsAt: '2026-04-08T11:30:00+07:00',
    });
    const issued = await t.dataSource.transaction((m) =>
      links.issue(m, { purpose: 'invitation', subjectId: randomUUID(), conferenceId: conference.id }),
    );
    await expect(links.expiryOf(t.dataSource.manager, issued.link)).resolves.toEqual(new Date('2026-05-08T04:30:00Z'));

    t.clock.set(new Date('2026-05-08T04:29:59Z'));
    await expect(links.resolve(issued.token)).resolves.not.toBeNull();
    t.clock.set(new Date('2026-05-08T04:30:00Z'));
    await expect(links.resolve(issued.token)).resolves.toBeNull();
    await expect(
      t.dataSource.transaction((m) => links.liveLinkOf(m, 'invitation', issued.link.subjectId)),
    ).resolves.toBeNull();

    // Moved a week later: the same link works again until 30 days after the new end.
    t.clock.set(new Date('2026-03-02T00:00:00Z'));
    const moved = await t
      .http()
      .post(`/conferences/${conference.id}/schedule`)
      .set(auth(await t.adminToken()))
      .send({ startsAt: '2026-04-15T07:30:00+07:00', endsAt: '2026-04-15T11:30:00+07:00', reason: 'dời lịch' });
    expect(moved.status).toBe(200);
    t.clock.set(new Date('2026-05-14T00:00:00Z'));
    await expect(links.resolve(issued.token)).resolves.not.toBeNull();
    await expect(
      t.dataSource.transaction((m) => links.liveLinkOf(m, 'invitation', issued.link.subjectId)),
    ).resolves.toMatchObject({ id: issued.link.id });
  });

  it('keeps a link without a conference or an expiry working', async () => {
    const issued = await t.dataSource.transaction((m) => links.issue(m, { purpose: 'feed', subjectId: randomUUID() }));
    await expect(links.expiryOf(t.dataSource.manager, issued.link)).resolves.toBeNull();
    t.clock.advance(3650 * DAY);
    await expect(links.resolve(issued.token)).resolves.not.toBeNull();
  });
});
