import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertSeedDirectory } from './support/conference-fixtures';
import { changedTables, databaseFingerprint } from './support/db-fingerprint';
import { makePdf } from './support/presentations';

/**
 * The speaker unit contact's link: one secret per (conference, unit) opening every assignment of
 * that unit in that conference — on the API as a bearer token and on the speaker page — and
 * nothing else; rotated and revoked by the organizers, expiring 30 days after the conference.
 */
const BROWSER = { Accept: 'text/html,application/xhtml+xml' };

describe('the speaker unit contact’s link', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: Record<string, string>;
  let conferenceA: Record<string, any>;
  let conferenceB: Record<string, any>;
  const p: Record<string, Record<string, any>> = {};
  let link: { url: string; token: string; expiresAt: string | null };

  const assign = async (conferenceId: string, unit: string, topic: string, due: string) => {
    const res = await t
      .http()
      .post(`/conferences/${conferenceId}/presentations`)
      .set(auth(organizer.token))
      .send({ unitId: units[unit], topic, due, receivingUnitId: units['QNA.S.SNV'] });
    expect(res.status).toBe(201);
    return res.body;
  };
  const unitLinkPath = (conferenceId: string, unit: string) =>
    `/conferences/${conferenceId}/units/${units[unit]}/speaker-link`;

  beforeAll(async () => {
    t = await createTestApp();
    t.clock.set('2023-02-14T02:00:00Z');
    organizer = await apiUser(t, 'organizer');
    units = await insertSeedDirectory(t);
    conferenceA = await createConference(t, organizer.token, { title: 'Hội nghị trực tuyến CCHC 2022' });
    await t
      .http()
      .post(`/conferences/${conferenceA.id}/schedule`)
      .set(auth(organizer.token))
      .send({ startsAt: '2023-03-08T07:30:00+07:00', endsAt: '2023-03-08T11:30:00+07:00' })
      .expect(200);
    conferenceB = await createConference(t, organizer.token, { title: 'Hội nghị khác' });
    p.x = await assign(
      conferenceA.id,
      'QNA.S.STTTT',
      'Chuyển đổi số trong cơ quan nhà nước',
      'chậm nhất ngày 24/02/2023',
    );
    p.y = await assign(conferenceA.id, 'QNA.S.STTTT', 'Chính quyền số cấp xã', 'chậm nhất ngày 01/03/2023');
    p.other = await assign(conferenceA.id, 'QNA.S.SKHDT', 'Cải cách thủ tục đầu tư', 'chậm nhất ngày 24/02/2023');
    p.elsewhere = await assign(conferenceB.id, 'QNA.S.STTTT', 'Một hội nghị khác', 'chậm nhất ngày 24/02/2023');
  });
  afterAll(() => t.close());

  it('is issued once by the organizer, valid until 30 days after the conference ends', async () => {
    const res = await t.http().post(unitLinkPath(conferenceA.id, 'QNA.S.STTTT')).set(auth(organizer.token)).expect(201);
    link = res.body;
    expect(link.token).toMatch(/^cvl_/);
    expect(link.url).toBe(`http://convene.test/speaker/${link.token}`);
    expect(link.expiresAt).toBe('2023-04-07T11:30:00+07:00');
    const [audit] = await t.dataSource.query(
      `SELECT action FROM audit_entry WHERE action = 'presentation.unit_link.rotate' AND entity_id = $1`,
      [units['QNA.S.STTTT']],
    );
    expect(audit).toBeDefined();
  });

  it('opens every presentation of the unit in that conference, and no other (404, nothing written)', async () => {
    const as = auth(link.token);
    for (const own of [p.x, p.y]) {
      expect((await t.http().get(`/presentations/${own.id}`).set(as).expect(200)).body.topic).toBe(own.topic);
      await t.http().get(`/presentations/${own.id}/submissions`).set(as).expect(200);
    }
    const before = await databaseFingerprint(t.dataSource);
    for (const foreign of [p.other, p.elsewhere]) {
      await t.http().get(`/presentations/${foreign.id}`).set(as).expect(404);
      await t.http().get(`/presentations/${foreign.id}/submissions`).set(as).expect(404);
      await t
        .http()
        .post(`/presentations/${foreign.id}/submissions`)
        .set(as)
        .attach('file', await makePdf(5), 'x.pdf')
        .expect(404);
    }
    await t.http().patch(`/presentations/${p.x.id}`).set(as).send({ topic: 'Đổi' }).expect(401);
    await t.http().get(`/conferences/${conferenceA.id}/presentations`).set(as).expect(401);
    expect(changedTables(before, await databaseFingerprint(t.dataSource))).toEqual([]);
    // An assignment made after the link was issued is opened too.
    p.later = await assign(conferenceA.id, 'QNA.S.STTTT', 'Dữ liệu mở', 'chậm nhất ngày 05/03/2023');
    await t.http().get(`/presentations/${p.later.id}`).set(as).expect(200);
  });

  it('shows the unit’s assignments on its page and takes an upload for the one chosen, on time or late', async () => {
    const page = new URL(link.url).pathname;
    const list = await t.http().get(page).set(BROWSER).expect(200);
    expect(list.text).toContain('<html lang="vi">');
    expect(list.text).toContain('Báo cáo tham luận của Sở Thông tin và Truyền thông tỉnh Quảng Nam');
    for (const own of [p.x, p.y, p.later]) expect(list.text).toContain(`?p=${own.id}&amp;lang=vi`);
    expect(list.text).not.toContain(p.other.topic);
    expect(list.text).not.toContain(p.elsewhere.topic);
    expect(list.text).not.toContain('<script');
    expect((await t.http().get(`${page}?lang=en`).expect(200)).text).toContain('Presentation papers of');

    const one = await t.http().get(`${page}?p=${p.y.id}`).set(BROWSER).expect(200);
    expect(one.text).toContain('Chính quyền số cấp xã');
    expect(one.text).toMatch(new RegExp(`<form method="post" action="cvl_[^"]+\\?p=${p.y.id}&amp;lang=vi"`));
    const sent = await t
      .http()
      .post(`${page}?p=${p.y.id}&lang=vi`)
      .attach('file', await makePdf(5), 'Chính quyền số.pdf')
      .expect(200);
    expect(sent.text).toContain('Đã nhận tệp (lần 1)');
    const y = await t.http().get(`/presentations/${p.y.id}`).set(auth(organizer.token)).expect(200);
    expect(y.body).toMatchObject({
      status: 'submitted',
      latestSubmission: { version: 1, late: false, uploadedBy: { kind: 'link' } },
    });
    const x = await t.http().get(`/presentations/${p.x.id}`).set(auth(organizer.token)).expect(200);
    expect(x.body.status).not.toBe('submitted');

    t.clock.set('2023-02-26T02:00:00Z');
    await t
      .http()
      .post(`${page}?p=${p.x.id}`)
      .attach('file', await makePdf(5), 'Chuyển đổi số.pdf')
      .expect(200);
    const late = await t.http().get(`/presentations/${p.x.id}`).set(auth(organizer.token)).expect(200);
    expect(late.body.latestSubmission.late).toBe(true);

    const fileId = y.body.latestSubmission.id;
    const file = await t.http().get(`${page}/files/${fileId}`).expect(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    const otherFile = await t
      .http()
      .post(`/presentations/${p.other.id}/submissions`)
      .set(auth(organizer.token))
      .attach('file', await makePdf(5), 'khac.pdf')
      .expect(201);
    await t.http().get(`${page}/files/${otherFile.body.submission.id}`).expect(404);
  });

  it('refuses on the page what the link does not open, and an upload without a chosen presentation', async () => {
    const page = new URL(link.url).pathname;
    const before = await databaseFingerprint(t.dataSource);
    const foreign = await t.http().get(`${page}?p=${p.other.id}`).set(BROWSER).expect(404);
    expect(foreign.headers['content-type']).toMatch(/text\/html/);
    await t.http().get(`${page}?p=not-a-uuid`).expect(404);
    await t
      .http()
      .post(`${page}?p=${p.elsewhere.id}`)
      .attach('file', await makePdf(5), 'x.pdf')
      .expect(404);
    await t
      .http()
      .post(page)
      .attach('file', await makePdf(5), 'x.pdf')
      .expect(404);
    expect(changedTables(before, await databaseFingerprint(t.dataSource))).toEqual([]);
  });

  it('rotates per conference, is revoked, and follows the conference’s end', async () => {
    const inB = await t.http().post(unitLinkPath(conferenceB.id, 'QNA.S.STTTT')).set(auth(organizer.token)).expect(201);
    await t.http().get(`/presentations/${p.x.id}`).set(auth(link.token)).expect(200);
    await t.http().get(`/presentations/${p.elsewhere.id}`).set(auth(inB.body.token)).expect(200);
    await t.http().get(`/presentations/${p.x.id}`).set(auth(inB.body.token)).expect(404);

    const rotated = (
      await t.http().post(unitLinkPath(conferenceA.id, 'QNA.S.STTTT')).set(auth(organizer.token)).expect(201)
    ).body;
    await t.http().get(`/presentations/${p.x.id}`).set(auth(link.token)).expect(401);
    await t.http().get(new URL(link.url).pathname).set(BROWSER).expect(404);
    await t.http().get(`/presentations/${p.x.id}`).set(auth(rotated.token)).expect(200);
    await t.http().get(`/presentations/${p.elsewhere.id}`).set(auth(inB.body.token)).expect(200);

    // Moved a week later: the link lives a week longer, without being issued again.
    await t
      .http()
      .post(`/conferences/${conferenceA.id}/postpone`)
      .set(auth(organizer.token))
      .send({ reason: 'Trùng lịch' })
      .expect(200);
    await t
      .http()
      .post(`/conferences/${conferenceA.id}/schedule`)
      .set(auth(organizer.token))
      .send({ startsAt: '2023-03-15T07:30:00+07:00', endsAt: '2023-03-15T11:30:00+07:00' })
      .expect(200);
    t.clock.set('2023-04-10T00:00:00Z');
    await t.http().get(`/presentations/${p.x.id}`).set(auth(rotated.token)).expect(200);
    t.clock.set('2023-04-14T05:00:00Z');
    await t.http().get(`/presentations/${p.x.id}`).set(auth(rotated.token)).expect(401);
    t.clock.set('2023-02-26T02:00:00Z');

    await t.http().delete(unitLinkPath(conferenceA.id, 'QNA.S.STTTT')).set(auth(organizer.token)).expect(204);
    await t.http().get(`/presentations/${p.x.id}`).set(auth(rotated.token)).expect(401);
    // A unit with nothing left to present can still have its link revoked; an unknown unit is 404.
    await t.http().delete(unitLinkPath(conferenceA.id, 'QNA.S.STP')).set(auth(organizer.token)).expect(204);
    await t
      .http()
      .delete(`/conferences/${conferenceA.id}/units/00000000-0000-4000-8000-000000000000/speaker-link`)
      .set(auth(organizer.token))
      .expect(404);
    await t.http().get(`/presentations/${p.elsewhere.id}`).set(auth(inB.body.token)).expect(200);
  });

  it('is issued by the conference’s organizers only, for a unit with assignments there', async () => {
    const observer = await apiUser(t, 'organizer');
    await t
      .http()
      .post(`/conferences/${conferenceA.id}/members`)
      .set(auth(organizer.token))
      .send({ userId: observer.userId, role: 'observer' })
      .expect(201);
    const stranger = await apiUser(t, 'organizer');
    const before = await databaseFingerprint(t.dataSource);
    await t.http().post(unitLinkPath(conferenceA.id, 'QNA.S.STTTT')).set(auth(observer.token)).expect(403);
    await t.http().post(unitLinkPath(conferenceA.id, 'QNA.S.STTTT')).set(auth(stranger.token)).expect(404);
    await t.http().delete(unitLinkPath(conferenceA.id, 'QNA.S.STTTT')).set(auth(stranger.token)).expect(404);
    await t.http().post(unitLinkPath(conferenceA.id, 'QNA.S.STTTT')).expect(401);
    const none = await t.http().post(unitLinkPath(conferenceA.id, 'QNA.S.STP')).set(auth(organizer.token)).expect(404);
    expect(none.headers['content-type']).toMatch(/application\/problem\+json/);
    await t
      .http()
      .post(`/conferences/${conferenceA.id}/units/not-a-uuid/speaker-link`)
      .set(auth(organizer.token))
      .expect(404);
    expect(changedTables(before, await databaseFingerprint(t.dataSource))).toEqual([]);
  });
});
