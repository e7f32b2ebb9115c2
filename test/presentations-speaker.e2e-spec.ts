import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { createTestApp, TestApp } from './support/app';
import { apiUser, auth, createConference, insertSeedDirectory } from './support/conference-fixtures';
import { makePdf, makePng } from './support/presentations';

/** The speaker's own page: plain HTML, no account, no JavaScript, a form upload. */
/** What a browser sends when it follows a link or submits the form. */
const BROWSER = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };

describe('Speaker page', () => {
  let t: TestApp;
  let organizer: { token: string; userId: string };
  let units: Record<string, string>;

  beforeAll(async () => {
    t = await createTestApp({ env: { RATE_LIMIT_UPLOADS_PER_MINUTE: '3' } });
    t.clock.set('2023-02-14T02:00:00Z');
    organizer = await apiUser(t, 'organizer');
    units = await insertSeedDirectory(t);
  });
  afterAll(() => t.close());

  const assignment = async () => {
    const c = await createConference(t, organizer.token, {
      title: 'Hội nghị trực tuyến CCHC 2022',
      window: { from: '2023-03-06', to: '2023-03-10' },
    });
    const res = await t.http().post(`/conferences/${c.id}/presentations`).set(auth(organizer.token)).send({
      unitId: units['QNA.D.NUITHANH'],
      topic: 'Ứng dụng công nghệ thông tin, chuyển đổi số',
      minPages: 4,
      maxPages: 6,
      talkMinutes: 7,
      receivingUnitId: units['QNA.S.SNV'],
      due: 'chậm nhất ngày 24/02/2023',
    });
    expect(res.status).toBe(201);
    return { presentation: res.body, page: new URL(res.body.speakerLink.url).pathname };
  };

  it('shows the assignment in Vietnamese by default and in English on request, with a form that needs no JavaScript', async () => {
    const { page } = await assignment();
    const vi = await t.http().get(page);
    expect(vi.status).toBe(200);
    expect(vi.headers['content-type']).toMatch(/^text\/html; charset=utf-8/);
    expect(vi.text).toContain('<html lang="vi">');
    expect(vi.text).toContain('Ứng dụng công nghệ thông tin, chuyển đổi số');
    expect(vi.text).toContain('4–6 trang A4');
    expect(vi.text).toContain('không quá 7 phút');
    expect(vi.text).toContain('hết ngày 24/02/2023');
    expect(vi.text).toMatch(/<form method="post" action="cvl_[^"]+\?lang=vi" enctype="multipart\/form-data">/);
    expect(vi.text).toContain('<input type="file" name="file"');
    expect(vi.text).not.toContain('<script');
    const en = await t.http().get(`${page}?lang=en`);
    expect(en.text).toContain('<html lang="en">');
    expect(en.text).toContain('4–6 A4 pages');
  });

  it('takes a form upload, shows the new version and its warnings, and lets the speaker download it', async () => {
    const { presentation, page } = await assignment();
    const sent = await t
      .http()
      .post(`${page}?lang=vi`)
      .attach('file', await makePdf(8), 'Tham luận Núi Thành.pdf');
    expect(sent.status).toBe(200);
    expect(sent.text).toContain('Đã nhận tệp (lần 1)');
    expect(sent.text).toContain('Báo cáo có 8 trang, ngoài số trang quy định (4–6 trang A4).');
    expect(sent.text).toContain('Tham luận Núi Thành.pdf');
    const got = await t.http().get(`/presentations/${presentation.id}`).set(auth(organizer.token));
    expect(got.body).toMatchObject({
      status: 'submitted',
      latestSubmission: { version: 1, pageCount: 8, uploadedBy: { kind: 'link' } },
    });
    const link = /href="(cvl_[^"]+\/files\/[^"]+)"/.exec(sent.text)![1];
    const file = await t.http().get(`/speaker/${link}`);
    expect(file.status).toBe(200);
    expect(file.headers['content-type']).toMatch(/^application\/pdf/);
  });

  it('answers a refused file with a page in the reader’s language and the API’s status, storing nothing', async () => {
    const { presentation, page } = await assignment();
    const refused = await t.http().post(`${page}?lang=en`).set(BROWSER).attach('file', makePng(), 'paper.pdf');
    expect(refused.status).toBe(415);
    expect(refused.headers['content-type']).toMatch(/^text\/html/);
    expect(refused.text).toContain('judged by its content, not its name');
    expect(refused.text).toContain('Back');
    const [{ n }] = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM presentation_submission WHERE presentation_id = $1`,
      [presentation.id],
    );
    expect(n).toBe(0);
    await expect(
      fs.readdir(path.join(t.config.storageDir, 'papers', presentation.id)).catch(() => []),
    ).resolves.toEqual([]);
  });

  it('shows an unknown or revoked link as an invalid-link page (404)', async () => {
    const { presentation, page } = await assignment();
    await t.http().delete(`/presentations/${presentation.id}/speaker-link`).set(auth(organizer.token)).expect(204);
    const revoked = await t.http().get(page).set(BROWSER);
    expect(revoked.status).toBe(404);
    expect(revoked.text).toContain('Đường dẫn không hợp lệ');
    const unknown = await t
      .http()
      .post('/speaker/cvl_unknown')
      .set(BROWSER)
      .attach('file', await makePdf(5), 'x.pdf');
    expect(unknown.status).toBe(404);
    expect(unknown.text).toContain('Đường dẫn không hợp lệ');
    // A client that does not ask for a page gets the API's problem+json.
    const api = await t.http().get(page);
    expect(api.status).toBe(404);
    expect(api.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(api.body).toMatchObject({ status: 404, code: 'NOT_FOUND' });
  });

  it('limits uploads per link (RATE_LIMIT_UPLOADS_PER_MINUTE), as a page with Retry-After', async () => {
    const { page } = await assignment();
    const pdf = await makePdf(5);
    for (let i = 0; i < 3; i += 1) await t.http().post(page).attach('file', pdf, 'x.pdf').expect(200);
    const limited = await t.http().post(page).set(BROWSER).attach('file', pdf, 'x.pdf');
    expect(limited.status).toBe(429);
    expect(limited.headers['retry-after']).toMatch(/^\d+$/);
    expect(limited.text).toContain('Gửi quá nhiều lần');
    // The budget is the link's own: another speaker still uploads.
    const other = await assignment();
    await t.http().post(other.page).attach('file', pdf, 'x.pdf').expect(200);
  });
});
