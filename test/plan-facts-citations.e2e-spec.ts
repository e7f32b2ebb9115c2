import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertUnit } from './support/conference-fixtures';
import { deliver, invitationWorld, invite, received, sendAll, to } from './support/invitations';

/** Cited documents (căn cứ / thực hiện) and addressees (Kính gửi) of a conference's plan (issue 16, item 10). */
describe('plan facts: cited documents and addressees', () => {
  let t: TestApp;
  let token: string;
  const implementing = {
    relation: 'implements',
    documentType: 'Công văn',
    number: '170-CV/BTGTW',
    issuedOn: '2021-03-18',
    issuer: 'Ban Tuyên giáo Trung ương',
  };

  beforeAll(async () => {
    t = await createTestApp();
    ({ token } = await apiUser(t, 'organizer'));
  });
  afterAll(() => t.close());

  it('keeps the cited documents and addressees given at creation, in order, and answers them on GET', async () => {
    const unitId = await insertUnit(t, { name: 'Sở Nội vụ tỉnh Quảng Nam', kind: 'department' });
    const created = await createConference(t, token, {
      citedDocuments: [
        implementing,
        {
          relation: 'basis',
          documentType: 'Quyết định',
          number: '3532/QĐ-UBND',
          issuedOn: '2022-12',
          title: ' ban hành Kế hoạch CCHC năm 2023 ',
        },
      ],
      addressees: [{ unitId }, { text: 'UBND các huyện, thị xã, thành phố' }],
    });
    const got = await t.http().get(`/conferences/${created.id}`).set(auth(token)).expect(200);
    expect(got.body.citedDocuments).toEqual([
      { ...implementing, title: null },
      {
        relation: 'basis',
        documentType: 'Quyết định',
        number: '3532/QĐ-UBND',
        issuedOn: '2022-12',
        issuer: null,
        title: 'ban hành Kế hoạch CCHC năm 2023',
      },
    ]);
    expect(got.body.addressees).toEqual([
      { unitId, text: null },
      { unitId: null, text: 'UBND các huyện, thị xã, thành phố' },
    ]);
  });

  it('replaces the lists on PATCH and keeps them when PATCH leaves them out', async () => {
    const created = await createConference(t, token, { citedDocuments: [implementing] });
    const path = `/conferences/${created.id}`;
    const patched = await t
      .http()
      .patch(path)
      .set(auth(token))
      .send({ addressees: [{ text: 'Các Sở, Ban, ngành tỉnh' }] })
      .expect(200);
    expect(patched.body.citedDocuments).toHaveLength(1);
    expect(patched.body.addressees).toEqual([{ unitId: null, text: 'Các Sở, Ban, ngành tỉnh' }]);
    const cleared = await t.http().patch(path).set(auth(token)).send({ citedDocuments: [] }).expect(200);
    expect(cleared.body.citedDocuments).toEqual([]);
    expect(cleared.body.addressees).toHaveLength(1);
  });

  it('refuses (422, the house answer for bad input) naming the field an unknown relation or a date that does not exist', async () => {
    const res = await t
      .http()
      .post('/conferences')
      .set(auth(token))
      .send({
        title: 'Hội nghị',
        kind: 'conference',
        format: 'online',
        citedDocuments: [
          { relation: 'mentions', number: '1/KH' },
          { relation: 'basis', number: '2/KH', issuedOn: '2021-02-30' },
        ],
      })
      .expect(422);
    const fields = res.body.errors.map((e: { field: string }) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['citedDocuments[0].relation', 'citedDocuments[1].issuedOn']));
  });

  it('refuses a citation with nothing to cite, and an addressee with neither unit nor text, naming the item', async () => {
    const created = await createConference(t, token);
    const path = `/conferences/${created.id}`;
    const bare = await t
      .http()
      .patch(path)
      .set(auth(token))
      .send({ citedDocuments: [implementing, { relation: 'basis', issuer: 'UBND tỉnh' }] })
      .expect(422);
    expect(bare.body.errors).toEqual([expect.objectContaining({ field: 'citedDocuments[1]', rule: 'required' })]);
    const empty = await t
      .http()
      .patch(path)
      .set(auth(token))
      .send({ addressees: [{}] })
      .expect(422);
    expect(empty.body.errors).toEqual([expect.objectContaining({ field: 'addressees[0]', rule: 'required' })]);
  });

  it('refuses an addressee unit that is not in the directory', async () => {
    const created = await createConference(t, token);
    const res = await t
      .http()
      .patch(`/conferences/${created.id}`)
      .set(auth(token))
      .send({ addressees: [{ text: 'Sở Tư pháp' }, { unitId: '00000000-0000-4000-8000-000000000001' }] })
      .expect(422);
    expect(res.body.code).toBe('REFERENCE_NOT_FOUND');
    expect(res.body.errors).toEqual([expect.objectContaining({ field: 'addressees[1].unitId' })]);
  });

  it('says the cited documents in the invitation letter, before the invitation itself', async () => {
    const world = await invitationWorld(t, [{ key: 'chu', name: 'Trần Văn Chủ', at: 0 }], { points: 1 });
    await t
      .http()
      .patch(`/conferences/${world.conference.id}`)
      .set(auth(world.token))
      .send({ citedDocuments: [implementing] })
      .expect(200);
    await invite(t, world, 'chu', world.points[0].id);
    await sendAll(t, world);
    const [message] = to(await deliver(t), world.people.chu.email);
    const line = 'Thực hiện Công văn số 170-CV/BTGTW ngày 18/3/2021 của Ban Tuyên giáo Trung ương;';
    received(message, world.people.chu.email, [line]);
    const text = message.parsed.text ?? '';
    expect(text).toContain(line);
    expect(text.indexOf(line)).toBeLessThan(text.indexOf('Trân trọng kính mời'));
  });
});
