import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference } from './support/conference-fixtures';
import { deliver, invitationWorld, invite, InvitationWorld, received, sendAll, to } from './support/invitations';

/** A venue (hall, address, room) for in-person and hybrid events, not a bridge point standing in (issue 16, item 4). */
describe('plan facts: the venue of an in-person or hybrid conference', () => {
  let t: TestApp;
  let token: string;
  const hall = { name: 'Hội trường Tỉnh ủy', address: 'Số 02 Trần Phú, TP. Tam Kỳ, tỉnh Quảng Nam', room: 'Tầng 2' };

  beforeAll(async () => {
    t = await createTestApp();
    ({ token } = await apiUser(t, 'organizer'));
  });
  afterAll(() => t.close());

  it('keeps the venue given at creation, trimmed, and answers it on GET; PATCH null clears it', async () => {
    const created = await createConference(t, token, {
      format: 'in_person',
      kind: 'ceremony',
      venue: { name: ' Hội trường Tỉnh ủy ', address: hall.address },
    });
    const path = `/conferences/${created.id}`;
    const got = await t.http().get(path).set(auth(token)).expect(200);
    expect(got.body.kind).toBe('ceremony');
    expect(got.body.venue).toEqual({ name: 'Hội trường Tỉnh ủy', address: hall.address, room: null });
    const cleared = await t.http().patch(path).set(auth(token)).send({ venue: null }).expect(200);
    expect(cleared.body.venue).toBeNull();
    const plain = await createConference(t, token);
    expect(plain.venue).toBeNull();
  });

  it('refuses a venue for an online meeting (422 naming venue), on create and when PATCH makes it online', async () => {
    const res = await t
      .http()
      .post('/conferences')
      .set(auth(token))
      .send({ title: 'Hội nghị', kind: 'conference', format: 'online', venue: hall })
      .expect(422);
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'venue', rule: 'format' })]);
    const hybrid = await createConference(t, token, { format: 'hybrid', venue: hall });
    const path = `/conferences/${hybrid.id}`;
    const online = await t.http().patch(path).set(auth(token)).send({ format: 'online' }).expect(422);
    expect(online.body.errors).toEqual([expect.objectContaining({ field: 'venue', rule: 'format' })]);
    expect((await t.http().get(path).set(auth(token)).expect(200)).body.format).toBe('hybrid');
    const moved = await t.http().patch(path).set(auth(token)).send({ format: 'online', venue: null }).expect(200);
    expect(moved.body).toMatchObject({ format: 'online', venue: null });
  });

  it('refuses a hall with no name and a venue that is not an object, naming the field', async () => {
    const created = await createConference(t, token, { format: 'in_person' });
    const path = `/conferences/${created.id}`;
    const blank = await t
      .http()
      .patch(path)
      .set(auth(token))
      .send({ venue: { name: '   ' } })
      .expect(422);
    expect(blank.body.errors).toEqual([expect.objectContaining({ field: 'venue.name' })]);
    const missing = await t
      .http()
      .patch(path)
      .set(auth(token))
      .send({ venue: { address: 'Tam Kỳ' } })
      .expect(422);
    expect(missing.body.errors.map((e: { field: string }) => e.field)).toContain('venue.name');
    const text = await t.http().patch(path).set(auth(token)).send({ venue: 'Hội trường' }).expect(422);
    expect(text.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['venue']));
  });

  async function world(format: 'in_person' | 'hybrid'): Promise<InvitationWorld> {
    const w = await invitationWorld(
      t,
      [
        { key: 'host', name: 'Trần Văn Chủ', at: 'host' },
        { key: 'remote', name: 'Lê Thị Xa', at: 0 },
      ],
      { points: 1 },
    );
    await t
      .http()
      .patch(`/conferences/${w.conference.id}`)
      .set(auth(w.token))
      .send({ format, venue: hall })
      .expect(200);
    await invite(t, w, 'host', w.hostPoint.id);
    await invite(t, w, 'remote', w.points[0].id);
    await sendAll(t, w);
    return w;
  }

  const venueLine = `${hall.name} — ${hall.room} — ${hall.address}`;

  it('gives an in-person conference’s venue as every invitee’s place, in the letter and as the .ics LOCATION', async () => {
    const w = await world('in_person');
    const messages = await deliver(t);
    for (const key of ['host', 'remote']) {
      const [message] = to(messages, w.people[key].email);
      const got = received(message, w.people[key].email, [hall.name, hall.address]);
      expect(got.event.location).toBe(venueLine);
      const text = message.parsed.text ?? '';
      expect(text).toContain(`Địa điểm: ${hall.name}`);
      expect(text).toContain(`Địa chỉ: ${hall.address}`);
      expect(text).not.toContain('Địa điểm: Điểm cầu');
    }
  });

  it('gives a hybrid conference’s venue to the host point’s invitees; a remote point’s keep their own point', async () => {
    const w = await world('hybrid');
    const messages = await deliver(t);
    const host = received(to(messages, w.people.host.email)[0], w.people.host.email, [hall.address]);
    expect(host.event.location).toBe(venueLine);
    const remote = received(to(messages, w.people.remote.email)[0], w.people.remote.email);
    expect(remote.event.location).toContain(w.points[0].name);
    expect(remote.event.location).not.toContain(hall.name);
  });

  it('sends an update with the new place when the venue changes after the invitations went out', async () => {
    const w = await world('in_person');
    await deliver(t);
    const moved = { name: 'Hội trường UBND tỉnh', address: 'Số 62 Hùng Vương, TP. Tam Kỳ' };
    await t.http().patch(`/conferences/${w.conference.id}`).set(auth(w.token)).send({ venue: moved }).expect(200);
    const messages = await deliver(t);
    const update = received(to(messages, w.people.host.email)[0], w.people.host.email, [moved.name]);
    expect(update.event.location).toBe(`${moved.name} — ${moved.address}`);
    expect(update.event.sequence).toBeGreaterThan(0);
  });
});
