import { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/app';
import { checkScreen as checkScreenOf, ConsoleBrowser, launchConsoleBrowser } from './support/browser';
import { auth } from './support/conference-fixtures';
import { ensureConsoleBuilt } from './support/console-build';
import { FakeClock } from './support/fake-clock';
import { freePort } from './support/free-port';

/**
 * The conference's edit form in a real Chromium (issue 15): it sends If-Match with the ETag it
 * loaded; a change saved meanwhile through the API makes it say so and show what is stored
 * instead of overwriting it; a 422 shows at its field. axe and screenshots on each screen.
 */
describe('The conference edit form in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: ConsoleBrowser;
  let page: Page;
  let token: string;
  let id: string;

  beforeAll(async () => {
    ensureConsoleBuilt();
    // Cookies carry real expiry dates, which the browser checks against the real time.
    t = await createTestApp({ clock: new FakeClock(new Date()) });
    const port = await freePort();
    await t.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    browser = await launchConsoleBrowser(base);
    page = browser.page;
    token = await t.adminToken();
    const created = await t
      .http()
      .post('/conferences')
      .set(auth(token))
      .send({
        title: 'Hội nghị sơ kết công tác chuyển đổi số 6 tháng đầu năm 2026',
        kind: 'conference',
        format: 'hybrid',
        plan: { reference: '125/KH-UBND', issuedOn: '2026-05-20' },
        chair: { text: 'Phó Chủ tịch Ủy ban nhân dân tỉnh' },
        purposes: ['Đánh giá kết quả 6 tháng đầu năm'],
        window: { from: '2026-07-06', to: '2026-07-10', note: 'Tuần đầu tháng 7' },
      })
      .expect(201);
    id = created.body.id;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const checkScreen = (name: string) => checkScreenOf(page, name);
  const fieldOf = (label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });
  const stored = async () => (await t.http().get(`/conferences/${id}`).set(auth(token)).expect(200)).body;
  const openForm = async () => {
    await page.goto(`${base}/app/conferences/${id}`);
    await page.getByRole('link', { name: 'Sửa thông tin' }).click();
    await page.getByRole('heading', { name: 'Sửa thông tin hội nghị' }).waitFor();
    await page.waitForURL(`${base}/app/conferences/${id}/edit`);
  };

  it('logs in', async () => {
    await page.goto(`${base}/app/login`);
    await page.getByLabel('Thư điện tử').fill(ADMIN_EMAIL);
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Danh sách hội nghị' }).waitFor();
  });

  it('opens the edit form from the overview, filled with what is stored (dates as dd/mm/yyyy)', async () => {
    await openForm();
    await expect(page.getByLabel('Tên hội nghị *').inputValue()).resolves.toBe(
      'Hội nghị sơ kết công tác chuyển đổi số 6 tháng đầu năm 2026',
    );
    await expect(page.getByLabel('Số kế hoạch').inputValue()).resolves.toBe('125/KH-UBND');
    await expect(page.getByLabel('Ngày ban hành kế hoạch').inputValue()).resolves.toBe('20/05/2026');
    await expect(page.getByLabel('Dự kiến từ ngày').inputValue()).resolves.toBe('06/07/2026');
    await expect(page.getByLabel('Múi giờ').inputValue()).resolves.toBe('Asia/Ho_Chi_Minh');
    await checkScreen('edit-form');
  });

  it('shows the API’s 422 at the field, and writes nothing', async () => {
    const before = await stored();
    await page.getByLabel('Múi giờ').fill('Sao Hỏa/Olympus');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const message = fieldOf('Múi giờ').locator('.field-error');
    await message.waitFor();
    await expect(message.textContent()).resolves.toBe('Múi giờ không hợp lệ, ví dụ Asia/Ho_Chi_Minh.');
    await expect(page.locator('.field-error').count()).resolves.toBe(1);
    await expect(page.getByLabel('Múi giờ').getAttribute('aria-invalid')).resolves.toBe('true');
    await checkScreen('edit-error');
    expect(await stored()).toEqual(before);
  });

  it('saves an edit with If-Match, sending only what changed, and shows it on the overview', async () => {
    const before = await stored();
    await page.getByLabel('Múi giờ').fill('Asia/Ho_Chi_Minh');
    await page.getByLabel('Chủ trì').fill('Chủ tịch Ủy ban nhân dân tỉnh');
    await page.getByLabel('Ngày ban hành kế hoạch').fill('21/05/2026');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.waitForURL(`${base}/app/conferences/${id}`);
    const facts = page.locator('.facts');
    await facts.getByText('Chủ tịch Ủy ban nhân dân tỉnh', { exact: true }).waitFor();
    await expect(facts.innerText()).resolves.toContain('Số 125/KH-UBND ngày 21/05/2026');
    await checkScreen('edit-saved-overview');
    const after = await stored();
    expect(after).toMatchObject({
      chair: { text: 'Chủ tịch Ủy ban nhân dân tỉnh' },
      plan: { reference: '125/KH-UBND', issuedOn: '2026-05-21' },
      // Untouched by the form: the window's note stays.
      window: { from: '2026-07-06', to: '2026-07-10', note: 'Tuần đầu tháng 7' },
    });
    expect(after.version).toBeGreaterThan(before.version);
  });

  it('refuses to overwrite a change saved meanwhile: says so, shows what is stored, keeps the user’s edit', async () => {
    await openForm();
    await page.getByLabel('Chủ trì').fill('Giám đốc Sở Thông tin và Truyền thông');
    // Another organizer saves first, through the API.
    await t
      .http()
      .patch(`/conferences/${id}`)
      .set(auth(token))
      .send({ title: 'Hội nghị sơ kết chuyển đổi số 6 tháng đầu năm 2026 (điều chỉnh)' })
      .expect(200);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Hội nghị vừa được người khác thay đổi' });
    await notice.waitFor();
    await expect(notice.locator('.facts').innerText()).resolves.toMatch(
      /Tên hội nghị\s+Hội nghị sơ kết chuyển đổi số 6 tháng đầu năm 2026 \(điều chỉnh\)/,
    );
    // Nothing of the user's edit reached the database, and the form still holds it.
    expect((await stored()).chair.text).toBe('Chủ tịch Ủy ban nhân dân tỉnh');
    await expect(page.getByLabel('Chủ trì').inputValue()).resolves.toBe('Giám đốc Sở Thông tin và Truyền thông');
    await expect(page.getByRole('button', { name: 'Lưu thay đổi' }).isDisabled()).resolves.toBe(true);
    await checkScreen('edit-stale');
  });

  it('re-applies the user’s edit onto the stored version, which then saves both', async () => {
    await page.getByRole('button', { name: 'Giữ thay đổi của tôi trên bản mới' }).click();
    await page.getByRole('status').filter({ hasText: 'Đã đưa thay đổi của bạn lên bản mới nhất' }).waitFor();
    await expect(page.getByLabel('Tên hội nghị *').inputValue()).resolves.toBe(
      'Hội nghị sơ kết chuyển đổi số 6 tháng đầu năm 2026 (điều chỉnh)',
    );
    await expect(page.getByLabel('Chủ trì').inputValue()).resolves.toBe('Giám đốc Sở Thông tin và Truyền thông');
    await checkScreen('edit-reapplied');
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.waitForURL(`${base}/app/conferences/${id}`);
    await page
      .getByRole('heading', { name: 'Hội nghị sơ kết chuyển đổi số 6 tháng đầu năm 2026 (điều chỉnh)' })
      .waitFor();
    expect(await stored()).toMatchObject({
      title: 'Hội nghị sơ kết chuyển đổi số 6 tháng đầu năm 2026 (điều chỉnh)',
      chair: { text: 'Giám đốc Sở Thông tin và Truyền thông' },
    });
  });

  it('or reloads what is stored, dropping the user’s edit', async () => {
    await openForm();
    await page.getByLabel('Mục đích, yêu cầu').fill('Một mục đích khác');
    await t
      .http()
      .patch(`/conferences/${id}`)
      .set(auth(token))
      .send({ purposes: ['Mục đích đã sửa'] })
      .expect(200);
    await page.getByRole('button', { name: 'Lưu thay đổi' }).click();
    await page.getByRole('alert').filter({ hasText: 'Hội nghị vừa được người khác thay đổi' }).waitFor();
    await page.getByRole('button', { name: 'Tải lại bản đang lưu, bỏ thay đổi của tôi' }).click();
    await expect(page.getByLabel('Mục đích, yêu cầu').inputValue()).resolves.toBe('Mục đích đã sửa');
    expect((await stored()).purposes).toEqual(['Mục đích đã sửa']);
  });

  it('says the same in English', async () => {
    await page.getByRole('button', { name: 'English – chuyển sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Edit the conference' }).waitFor();
    await page.getByLabel('Chair').fill('Chủ tịch UBND tỉnh');
    await t.http().patch(`/conferences/${id}`).set(auth(token)).send({ format: 'online' }).expect(200);
    await page.getByRole('button', { name: 'Save changes' }).click();
    const notice = page.getByRole('alert').filter({ hasText: 'Someone else has just changed this conference' });
    await notice.waitFor();
    await expect(notice.innerText()).resolves.toMatch(/Format\s+Online/);
    await checkScreen('edit-stale-en');
    await page.getByRole('button', { name: 'Tiếng Việt – switch to Vietnamese' }).click();
  });

  it('broke no Content-Security-Policy rule and asked nothing of the internet', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
