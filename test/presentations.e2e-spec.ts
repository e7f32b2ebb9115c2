import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertSeedDirectory } from './support/conference-fixtures';
import { makeDoc, makeDocx, makeOdt, makePdf, makePng } from './support/presentations';

const MAX_BYTES = 300_000;

/** Seed 000 (690/KH-UBND): five papers due "chậm nhất ngày 24/02/2023" and the compiled materials "3 days before". */
const SEED_000_PAPERS: [string, string][] = [
  ['QNA.VP', 'Kết quả giải quyết thủ tục hành chính năm 2022, nhiệm vụ trọng tâm năm 2023'],
  ['QNA.S.SKHDT', 'Một số nhiệm vụ, giải pháp cải thiện môi trường đầu tư trên địa bàn tỉnh năm 2023'],
  ['QNA.S.STP', 'Cải cách thể chế, những kết quả đạt được; những tồn tại, hạn chế và phương hướng khắc phục'],
  [
    'QNA.D.BACTRAMY',
    'Kinh nghiệm nâng cao hiệu quả lãnh đạo, chỉ đạo điều hành triển khai thực hiện nhiệm vụ cải cách hành chính tại huyện',
  ],
  [
    'QNA.D.NUITHANH',
    'Kết quả triển khai các nhiệm vụ, giải pháp ứng dụng công nghệ thông tin, chuyển đổi số trên địa bàn huyện',
  ],
];

describe('Presentations and papers', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ env: { UPLOAD_MAX_BYTES: String(MAX_BYTES) } });
    t.clock.set('2023-02-14T02:00:00Z');
    organizer = await apiUser(t, 'organizer');
    units = await insertSeedDirectory(t);
  });
  afterAll(() => t.close());

  const post = (url: string, body: object, token = organizer.token) => t.http().post(url).set(auth(token)).send(body);
  const upload = (id: string, data: Buffer, name: string, token = organizer.token) =>
    t.http().post(`/presentations/${id}/submissions`).set(auth(token)).attach('file', data, name);
  const seedConference = () =>
    createConference(t, organizer.token, {
      title: 'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2022',
      plan: { reference: '690/KH-UBND', issuedOn: '2023-02-13', issuingUnitId: units.QNA },
      window: { from: '2023-03-06', to: '2023-03-10', note: 'Dự kiến 01 buổi' },
    });
  const paper = async (conferenceId: string, extra: object = {}) => {
    const res = await post(`/conferences/${conferenceId}/presentations`, {
      unitId: units['QNA.S.STP'],
      topic: SEED_000_PAPERS[2][1],
      minPages: 4,
      maxPages: 6,
      talkMinutes: 7,
      receivingUnitId: units['QNA.S.SNV'],
      due: 'chậm nhất ngày 24/02/2023',
      ...extra,
    });
    expect(res.status).toBe(201);
    return res.body;
  };
  const storedFiles = async (presentationId: string) =>
    fs.readdir(path.join(t.config.storageDir, 'papers', presentationId)).catch(() => [] as string[]);

  it('enters seed 000: five papers by 24/02/2023, compiled materials 3 days before, and follows the conference as it is scheduled and moved', async () => {
    const c = await seedConference();
    for (const [code, topic] of SEED_000_PAPERS) {
      const res = await post(`/conferences/${c.id}/presentations`, {
        unitId: units[code],
        topic,
        minPages: 4,
        maxPages: 6,
        talkMinutes: 7,
        receivingUnitId: units['QNA.S.SNV'],
        due: 'chậm nhất ngày 24/02/2023',
      });
      expect(res.status).toBe(201);
      expect(res.body).toMatchObject({
        topic,
        pages: { min: 4, max: 6 },
        talkMinutes: 7,
        receivingUnit: { id: units['QNA.S.SNV'] },
        status: 'pending',
        overdue: false,
        due: {
          kind: 'on_date',
          resolvesAt: '2023-02-25T00:00:00+07:00',
          unresolved: false,
          deadline: { vi: 'hết ngày 24/02/2023' },
        },
      });
      expect(res.body.speakerLink.url).toMatch(/^http:\/\/convene\.test\/speaker\/cvl_/);
    }
    const compiled = await post(`/conferences/${c.id}/presentations`, {
      unitId: units['QNA.S.SNV'],
      topic: 'Tổng hợp tài liệu, báo cáo phục vụ Hội nghị',
      receivingUnitId: units.QNA,
      due: 'trước 03 ngày diễn ra Hội nghị',
    });
    expect(compiled.status).toBe(201);
    // No date yet: allowed, and shown as unresolved.
    expect(compiled.body.due).toMatchObject({ kind: 'relative_to_event', resolvesAt: null, unresolved: true });

    await post(`/conferences/${c.id}/schedule`, {
      startsAt: '2023-03-08T07:30:00+07:00',
      endsAt: '2023-03-08T11:30:00+07:00',
    }).expect(200);
    const scheduled = await t.http().get(`/presentations/${compiled.body.id}`).set(auth(organizer.token));
    expect(scheduled.body.due).toMatchObject({
      resolvesAt: '2023-03-06T00:00:00+07:00',
      unresolved: false,
      deadline: { vi: 'hết ngày 05/03/2023' },
    });

    await post(`/conferences/${c.id}/schedule`, {
      startsAt: '2023-03-10T07:30:00+07:00',
      endsAt: '2023-03-10T11:30:00+07:00',
      reason: 'Trùng lịch',
    }).expect(200);
    const moved = await t.http().get(`/presentations/${compiled.body.id}`).set(auth(organizer.token));
    expect(moved.body.due.resolvesAt).toBe('2023-03-08T00:00:00+07:00');
    const history = await t.http().get(`/presentations/${compiled.body.id}/due-history`).set(auth(organizer.token));
    expect(history.body.items.map((h: { cause: string }) => h.cause)).toEqual([
      'created',
      'conference_scheduled',
      'conference_scheduled',
    ]);
    expect(history.body.items[2]).toMatchObject({
      reason: 'Trùng lịch',
      from: { resolvesAt: '2023-03-06T00:00:00+07:00' },
      to: { resolvesAt: '2023-03-08T00:00:00+07:00' },
    });

    // The fixed dues did not move.
    const list = await t.http().get(`/conferences/${c.id}/presentations?limit=10`).set(auth(organizer.token));
    expect(list.body.total).toBe(6);
    expect(
      list.body.items.filter((p: { due: { resolvesAt: string } }) => p.due.resolvesAt === '2023-02-25T00:00:00+07:00'),
    ).toHaveLength(5);
  });

  it('takes papers as new versions: checksum, size, type by content, pages with a warning outside 4–6, on time or late against the due in force', async () => {
    const c = await seedConference();
    const p = await paper(c.id);
    const five = await makePdf(5);
    const first = await upload(p.id, five, 'Tham luận Sở Tư pháp.pdf');
    expect(first.status).toBe(201);
    expect(first.body.submission).toMatchObject({
      version: 1,
      format: 'pdf',
      contentType: 'application/pdf',
      sizeBytes: five.length,
      pageCount: 5,
      warnings: [],
      late: false,
      dueAt: '2023-02-25T00:00:00+07:00',
      fileName: 'Tham luận Sở Tư pháp.pdf',
    });
    expect(first.body.submission.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(first.body.presentation.status).toBe('submitted');

    const eight = await upload(p.id, await makePdf(8), 'v2.pdf');
    expect(eight.body.submission).toMatchObject({
      version: 2,
      pageCount: 8,
      warnings: [{ code: 'PAGES_OUTSIDE_RANGE' }],
    });
    expect(eight.body.submission.warnings[0].message.vi).toContain('8 trang');

    // A DOCX, an ODT and a DOC are papers too, judged by their bytes.
    const docx = await upload(p.id, makeDocx(5), 'bao-cao.docx');
    expect(docx.body.submission).toMatchObject({ version: 3, format: 'docx', pageCount: 5 });
    const odt = await upload(p.id, makeOdt(3), 'bao-cao.odt');
    expect(odt.body.submission).toMatchObject({
      format: 'odt',
      pageCount: 3,
      warnings: [{ code: 'PAGES_OUTSIDE_RANGE' }],
    });
    const doc = await upload(p.id, makeDoc(), 'bao-cao.doc');
    expect(doc.body.submission).toMatchObject({
      format: 'doc',
      pageCount: null,
      warnings: [{ code: 'PAGE_COUNT_UNKNOWN' }],
    });

    t.clock.set('2023-02-25T00:00:00+07:00');
    const late = await upload(p.id, five, 'late.pdf');
    expect(late.body.submission).toMatchObject({ version: 6, late: true });
    t.clock.set('2023-02-14T02:00:00Z');

    const versions = await t.http().get(`/presentations/${p.id}/submissions`).set(auth(organizer.token));
    expect(versions.body.items.map((s: { version: number }) => s.version)).toEqual([1, 2, 3, 4, 5, 6]);
    await expect(storedFiles(p.id)).resolves.toHaveLength(6);
  });

  it('refuses a PNG renamed .pdf, an empty file, a file over the limit and a missing file, storing nothing', async () => {
    const c = await seedConference();
    const p = await paper(c.id);
    const png = await upload(p.id, makePng(), 'tham-luan.pdf');
    expect(png.status).toBe(415);
    expect(png.body).toMatchObject({ code: 'UNSUPPORTED_FILE_TYPE', errors: [{ field: 'file', rule: 'paperFormat' }] });
    expect(png.body.detail).toContain('PNG image');
    const empty = await upload(p.id, Buffer.alloc(0), 'empty.pdf');
    expect(empty.status).toBe(422);
    expect(empty.body).toMatchObject({ code: 'FILE_EMPTY', errors: [{ field: 'file', rule: 'notEmpty' }] });
    const big = Buffer.concat([await makePdf(1), Buffer.alloc(MAX_BYTES)]);
    const tooLarge = await upload(p.id, big, 'big.pdf');
    expect(tooLarge.status).toBe(413);
    expect(tooLarge.body).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', limitBytes: MAX_BYTES });
    const none = await t
      .http()
      .post(`/presentations/${p.id}/submissions`)
      .set(auth(organizer.token))
      .field('note', 'x');
    expect(none.status).toBe(422);
    expect(none.body.code).toBe('FILE_REQUIRED');
    const json = await post(`/presentations/${p.id}/submissions`, { file: 'x' });
    expect(json.status).toBe(415);

    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM presentation_submission WHERE presentation_id = $1`,
      [p.id],
    );
    expect(n).toBe(0);
    await expect(storedFiles(p.id)).resolves.toEqual([]);
    const again = await t.http().get(`/presentations/${p.id}`).set(auth(organizer.token));
    expect(again.body).toMatchObject({ status: 'pending', submissionCount: 0 });
  });

  it('moves pending → submitted → returned with a comment → resubmitted → accepted, and then takes no more uploads', async () => {
    const c = await seedConference();
    const p = await paper(c.id);
    await upload(p.id, await makePdf(5), 'v1.pdf').expect(201);
    const returned = await post(`/presentations/${p.id}/return`, { comment: 'Đề nghị bổ sung số liệu năm 2022.' });
    expect(returned.body).toMatchObject({ status: 'returned', lastComment: 'Đề nghị bổ sung số liệu năm 2022.' });
    const again = await upload(p.id, await makePdf(6), 'v2.pdf');
    expect(again.body.presentation.status).toBe('resubmitted');
    const accepted = await post(`/presentations/${p.id}/accept`, {});
    expect(accepted.body).toMatchObject({ status: 'accepted', closed: true });
    const refused = await upload(p.id, await makePdf(5), 'v3.pdf');
    expect(refused.status).toBe(409);
    expect(refused.body).toMatchObject({ code: 'ASSIGNMENT_CLOSED', currentStatus: 'accepted' });
    await expect(storedFiles(p.id)).resolves.toHaveLength(2);
    const history = await t.http().get(`/presentations/${p.id}/history`).set(auth(organizer.token));
    expect(history.body.items.map((h: { toStatus: string }) => h.toStatus)).toEqual([
      'pending',
      'submitted',
      'returned',
      'resubmitted',
      'accepted',
    ]);
    const twice = await post(`/presentations/${p.id}/accept`, {});
    expect(twice.body).toMatchObject({ status: 409, code: 'INVALID_STATUS_TRANSITION' });
  });

  it('refuses uploads on a closed assignment until it is reopened', async () => {
    const c = await seedConference();
    const p = await paper(c.id);
    await post(`/presentations/${p.id}/close`, { reason: 'Đã hết hạn nhận báo cáo' }).expect(200);
    const refused = await upload(p.id, await makePdf(5), 'v1.pdf');
    expect(refused.status).toBe(409);
    expect(refused.body.detail).toContain('Đã hết hạn nhận báo cáo');
    await post(`/presentations/${p.id}/reopen`, {}).expect(200);
    await upload(p.id, await makePdf(5), 'v1.pdf').expect(201);
  });

  it('serves downloads to organizers of the conference and the speaker’s link only', async () => {
    const c = await seedConference();
    const p = await paper(c.id);
    const data = await makePdf(4);
    const sent = await upload(p.id, data, 'Báo cáo tham luận.pdf');
    const url = sent.body.submission.downloadUrl;
    const got = await t
      .http()
      .get(url)
      .set(auth(organizer.token))
      .buffer(true)
      .parse((res, cb) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => cb(null, Buffer.concat(chunks)));
      });
    expect(got.status).toBe(200);
    expect(Buffer.compare(got.body, data)).toBe(0);
    expect(got.headers['content-type']).toMatch(/^application\/pdf/);
    expect(got.headers['content-disposition']).toContain("filename*=UTF-8''B%C3%A1o%20c%C3%A1o");
    const stranger = await apiUser(t, 'organizer');
    await t.http().get(url).set(auth(stranger.token)).expect(404);
    const observer = await t.userToken('observer');
    await post(`/conferences/${c.id}/members`, { userId: observer.userId, role: 'observer' }).expect(201);
    await t.http().get(url).set(auth(observer.token)).expect(403);
    await t.http().get(url).set(auth(p.speakerLink.token)).expect(200);
    await t
      .http()
      .get(`/presentations/${p.id}/submissions/00000000-0000-4000-8000-000000000000/file`)
      .set(auth(organizer.token))
      .expect(404);
  });

  it('lets the speaker link reach its own presentation only, and not change the assignment', async () => {
    const c = await seedConference();
    const mine = await paper(c.id);
    const other = await paper(c.id, { unitId: units['QNA.S.SKHDT'] });
    const token = mine.speakerLink.token;
    await t.http().get(`/presentations/${mine.id}`).set(auth(token)).expect(200);
    await t.http().get(`/presentations/${other.id}`).set(auth(token)).expect(404);
    await upload(other.id, await makePdf(5), 'x.pdf', token).expect(404);
    await t.http().patch(`/presentations/${mine.id}`).set(auth(token)).send({ topic: 'x' }).expect(401);
    const sent = await upload(mine.id, await makePdf(5), 'x.pdf', token);
    expect(sent.body.submission.uploadedBy).toEqual({ kind: 'link', label: 'speaker link' });
    const rotated = await post(`/presentations/${mine.id}/speaker-link`, {});
    expect(rotated.status).toBe(201);
    await t.http().get(`/presentations/${mine.id}`).set(auth(token)).expect(401);
    await t.http().get(`/presentations/${mine.id}`).set(auth(rotated.body.token)).expect(200);
  });

  it('refuses bad assignments with the field and rule named', async () => {
    const c = await seedConference();
    const base = `/conferences/${c.id}/presentations`;
    const contradiction = await post(base, { unitId: units['QNA.S.STP'], topic: 'x', due: 'trước ngày 30/02/2023' });
    expect(contradiction.status).toBe(400);
    expect(contradiction.body).toMatchObject({
      code: 'DUE_UNREADABLE',
      errors: [{ fragment: expect.stringContaining('30/02'), rule: 'day' }],
    });
    const pages = await post(base, {
      unitId: units['QNA.S.STP'],
      topic: 'x',
      minPages: 6,
      maxPages: 4,
      due: 'chậm nhất ngày 24/02/2023',
    });
    expect(pages.body).toMatchObject({ status: 422, errors: [{ field: 'maxPages', rule: 'notBelowMin' }] });
    const monthly = await post(base, { unitId: units['QNA.S.STP'], topic: 'x', due: 'Định kỳ hàng tháng' });
    expect(monthly.body).toMatchObject({ status: 422, errors: [{ field: 'due', rule: 'kindNotAllowed' }] });
    const two = await post(base, {
      unitId: units['QNA.S.STP'],
      topic: 'x',
      due: 'trước ngày 28/02/2023; trước ngày 01/9/2023',
    });
    expect(two.body).toMatchObject({ status: 422, errors: [{ field: 'due', rule: 'singleDue' }] });
    const structure = await post(base, {
      unitId: units['QNA.S.STP'],
      topic: 'x',
      due: { kind: 'on_date', date: '2023-02-30' },
    });
    expect(structure.body).toMatchObject({ status: 422, errors: [{ field: 'due.date' }] });
    const bad = await post(base, { unitId: 'x', topic: '', talkMinutes: 0 });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['talkMinutes', 'topic', 'unitId']);
    const unknownUnit = await post(base, {
      unitId: '00000000-0000-4000-8000-000000000000',
      topic: 'x',
      due: 'chậm nhất ngày 24/02/2023',
    });
    expect(unknownUnit.body).toMatchObject({ status: 422, errors: [{ field: 'unitId' }] });
    await post('/conferences/00000000-0000-4000-8000-000000000000/presentations', {
      unitId: units.QNA,
      topic: 'x',
      due: 'chậm nhất ngày 24/02/2023',
    }).expect(404);
    const [{ n }] = await t.dataSource.query(`SELECT count(*)::int AS n FROM presentation WHERE conference_id = $1`, [
      c.id,
    ]);
    expect(n).toBe(0);
  });

  it('changes an assignment (a new due goes into the due history) and refuses bad changes, reviews and removals', async () => {
    const c = await seedConference();
    const p = await paper(c.id);
    const changed = await t
      .http()
      .patch(`/presentations/${p.id}`)
      .set(auth(organizer.token))
      .send({ maxPages: 8, due: 'trước ngày 28/02/2023' });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      pages: { min: 4, max: 8 },
      due: { kind: 'before_date', resolvesAt: '2023-02-28T00:00:00+07:00' },
    });
    const history = await t.http().get(`/presentations/${p.id}/due-history`).set(auth(organizer.token));
    expect(history.body.items.map((h: { cause: string }) => h.cause)).toEqual(['created', 'edited']);
    const bad = await t
      .http()
      .patch(`/presentations/${p.id}`)
      .set(auth(organizer.token))
      .send({ minPages: 10, topic: '', personId: 'x' });
    expect(bad.status).toBe(422);
    expect(bad.body.errors.map((e: { field: string }) => e.field).sort()).toEqual(['personId', 'topic']);
    const inverted = await t.http().patch(`/presentations/${p.id}`).set(auth(organizer.token)).send({ minPages: 10 });
    expect(inverted.body).toMatchObject({ status: 422, errors: [{ field: 'maxPages', rule: 'notBelowMin' }] });
    const unreadable = await t
      .http()
      .patch(`/presentations/${p.id}`)
      .set(auth(organizer.token))
      .send({ due: 'trước ngày 30/02/2023' });
    expect(unreadable.body).toMatchObject({ status: 400, code: 'DUE_UNREADABLE' });
    const still = await t.http().get(`/presentations/${p.id}`).set(auth(organizer.token));
    expect(still.body).toMatchObject({ pages: { max: 8 }, due: { resolvesAt: '2023-02-28T00:00:00+07:00' } });

    const early = await post(`/presentations/${p.id}/accept`, {});
    expect(early.body).toMatchObject({ status: 409, code: 'INVALID_STATUS_TRANSITION', currentStatus: 'pending' });
    await upload(p.id, await makePdf(5), 'v1.pdf').expect(201);
    const noComment = await post(`/presentations/${p.id}/return`, {});
    expect(noComment.body).toMatchObject({ status: 422, errors: [{ field: 'comment' }] });
    const reopenOpen = await post(`/presentations/${p.id}/reopen`, {});
    expect(reopenOpen.body).toMatchObject({ status: 409, code: 'ASSIGNMENT_NOT_CLOSED' });
    const removeWithFiles = await t.http().delete(`/presentations/${p.id}`).set(auth(organizer.token));
    expect(removeWithFiles.body).toMatchObject({ status: 409, code: 'PRESENTATION_HAS_SUBMISSIONS' });
    const empty = await paper(c.id);
    await t.http().delete(`/presentations/${empty.id}`).set(auth(organizer.token)).expect(204);
    await t.http().get(`/presentations/${empty.id}`).set(auth(organizer.token)).expect(404);
    await t.http().get(`/presentations/${empty.id}`).set(auth(empty.speakerLink.token)).expect(401);
    const stranger = await apiUser(t, 'organizer');
    await post(`/presentations/${p.id}/speaker-link`, {}, stranger.token).expect(404);
    await t.http().get(`/conferences/${c.id}/presentations?status=late&limit=0`).set(auth(organizer.token)).expect(422);
    await t.http().get('/presentations/not-a-uuid').set(auth(organizer.token)).expect(404);
  });

  it('hangs a cluster presentation’s relative due on the cluster’s own time, and follows the cluster when it moves', async () => {
    const c = await createConference(t, organizer.token, {
      title: 'Tọa đàm Chỉ số CCHC',
      kind: 'roundtable',
      format: 'in_person',
    });
    const cluster = await post(`/conferences/${c.id}/clusters`, {
      number: 1,
      startsAt: '2023-04-05T13:30:00+07:00',
      endsAt: '2023-04-05T17:00:00+07:00',
      hostUnitId: units['CTO.D.NINHKIEU'],
    });
    expect(cluster.status).toBe(201);
    const p = await post(`/conferences/${c.id}/presentations`, {
      clusterId: cluster.body.id,
      unitId: units['CTO.D.BINHTHUY'],
      topic: 'Chia sẻ kinh nghiệm',
      talkMinutes: 10,
      due: 'trước 03 ngày diễn ra Hội nghị',
    });
    expect(p.status).toBe(201);
    expect(p.body).toMatchObject({
      clusterId: cluster.body.id,
      clusterNumber: 1,
      due: { resolvesAt: '2023-04-03T00:00:00+07:00' },
    });
    await post(`/conferences/${c.id}/clusters/${cluster.body.id}/schedule`, {
      startsAt: '2023-04-07T13:30:00+07:00',
      endsAt: '2023-04-07T17:00:00+07:00',
      reason: 'Đổi ngày',
    }).expect(200);
    const moved = await t.http().get(`/presentations/${p.body.id}`).set(auth(organizer.token));
    expect(moved.body.due.resolvesAt).toBe('2023-04-05T00:00:00+07:00');
    const history = await t.http().get(`/presentations/${p.body.id}/due-history`).set(auth(organizer.token));
    expect(history.body.items.map((h: { cause: string; reason: string | null }) => [h.cause, h.reason])).toEqual([
      ['created', null],
      ['cluster_scheduled', 'Đổi ngày'],
    ]);
    const wrongCluster = await post(`/conferences/${c.id}/presentations`, {
      clusterId: '00000000-0000-4000-8000-000000000000',
      unitId: units.CTO,
      topic: 'x',
      due: 'chậm nhất ngày 24/02/2023',
    });
    expect(wrongCluster.body).toMatchObject({ status: 422, errors: [{ field: 'clusterId', rule: 'reference' }] });
  });

  it('refuses an agenda slot longer than the talk-time limit of the presentation it names', async () => {
    const c = await seedConference();
    await post(`/conferences/${c.id}/schedule`, {
      startsAt: '2023-03-08T07:30:00+07:00',
      endsAt: '2023-03-08T11:30:00+07:00',
    }).expect(200);
    const p = await paper(c.id);
    const slots = `/conferences/${c.id}/agenda/slots`;
    const tooLong = await post(slots, {
      startsAt: '2023-03-08T09:00:00+07:00',
      durationMinutes: 10,
      title: 'Tham luận Sở Tư pháp',
      kind: 'presentation',
      presentationId: p.id,
    });
    expect(tooLong.status).toBe(422);
    expect(tooLong.body.errors).toEqual([expect.objectContaining({ field: 'endsAt', rule: 'talkTime' })]);
    expect(tooLong.body.errors[0].message).toContain('at most 7');
    const other = await seedConference();
    const foreign = await post(slots, {
      startsAt: '2023-03-08T09:00:00+07:00',
      durationMinutes: 5,
      title: 'x',
      kind: 'presentation',
      presentationId: (await paper(other.id)).id,
    });
    expect(foreign.status).toBe(422);
    await post(slots, {
      startsAt: '2023-03-08T09:00:00+07:00',
      durationMinutes: 7,
      title: 'Tham luận Sở Tư pháp',
      kind: 'presentation',
      presentationId: p.id,
    }).expect(201);
  });

  it('reports papers in the conference checks: due after the session, overdue, latest version outside the page range', async () => {
    const c = await seedConference();
    await post(`/conferences/${c.id}/schedule`, {
      startsAt: '2023-03-08T07:30:00+07:00',
      endsAt: '2023-03-08T11:30:00+07:00',
    }).expect(200);
    const late = await paper(c.id, { due: 'trước ngày 10/3/2023', topic: 'Hạn sau hội nghị' });
    const overdue = await paper(c.id, { topic: 'Chưa nộp' });
    const long = await paper(c.id, { topic: 'Quá dài' });
    await upload(long.id, await makePdf(9), 'long.pdf').expect(201);
    t.clock.set('2023-02-26T02:00:00Z');
    const res = await t.http().get(`/conferences/${c.id}/checks`).set(auth(organizer.token));
    t.clock.set('2023-02-14T02:00:00Z');
    const papers = res.body.checks.filter((x: { target: { type: string } }) => x.target.type === 'presentation');
    expect(papers.map((x: { code: string; target: { id: string } }) => [x.code, x.target.id]).sort()).toEqual(
      [
        ['PAPER_DUE_AFTER_START', late.id],
        ['PAPER_OVERDUE', overdue.id],
        ['PAPER_PAGES_OUTSIDE_RANGE', long.id],
      ].sort(),
    );
    const overdueCheck = papers.find((x: { code: string }) => x.code === 'PAPER_OVERDUE');
    expect(overdueCheck).toMatchObject({
      severity: 'warning',
      message: { vi: expect.stringContaining('hết ngày 24/02/2023'), en: expect.stringContaining('24 February 2023') },
    });
  });
});
