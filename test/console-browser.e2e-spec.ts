import { BrowserContext, Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/app';
import { checkScreen as checkScreenOf, ConsoleBrowser, launchConsoleBrowser } from './support/browser';
import { auth } from './support/conference-fixtures';
import { ensureConsoleBuilt } from './support/console-build';
import { FakeClock, HOUR } from './support/fake-clock';
import { freePort } from './support/free-port';

/**
 * The console in a real Chromium (Debian's, never a downloaded one) against the real app on a
 * fresh database: log in, switch language, create a conference (a wrong field first), find it in
 * the list, open it; axe on every screen, screenshots at desktop and phone widths.
 */
describe('The console in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: ConsoleBrowser;
  let context: BrowserContext;
  let page: Page;

  beforeAll(async () => {
    ensureConsoleBuilt();
    // Cookies carry real expiry dates, which the browser checks against the real time.
    t = await createTestApp({ clock: new FakeClock(new Date()) });
    const port = await freePort();
    await t.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    browser = await launchConsoleBrowser(base);
    ({ context, page } = browser);
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const checkScreen = (name: string) => checkScreenOf(page, name);
  const fieldOf = (label: string) => page.locator('.field', { has: page.getByLabel(label, { exact: true }) });

  it('opens the console from the root and asks to log in, in Vietnamese', async () => {
    await page.goto(`${base}/`);
    await page.waitForURL(`${base}/app/login`);
    await page.getByRole('heading', { name: 'Đăng nhập' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('vi');
  });

  it('shows a wrong password at the field', async () => {
    await page.getByLabel('Thư điện tử').fill(ADMIN_EMAIL);
    await page.getByLabel('Mật khẩu').fill('not-the-password');
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    const message = fieldOf('Mật khẩu').locator('.field-error');
    await message.waitFor();
    await expect(message.textContent()).resolves.toContain('Sai thư điện tử hoặc mật khẩu');
    await expect(page.getByLabel('Mật khẩu').getAttribute('aria-invalid')).resolves.toBe('true');
    await checkScreen('login-error');
  });

  it('logs in and shows the conference list', async () => {
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Danh sách hội nghị' }).waitFor();
    expect(page.url()).toBe(`${base}/app/conferences`);
    const cookies = await context.cookies(base);
    expect(cookies.find((c) => c.name === 'convene_session')).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
    await expect(
      page.evaluate<string[]>("Object.keys(localStorage).filter((k) => k !== 'convene.language')"),
    ).resolves.toEqual([]);
  });

  it('switches to English and remembers it for the user', async () => {
    await page.getByRole('button', { name: 'English – chuyển sang tiếng Anh' }).click();
    await page.getByRole('heading', { name: 'Conferences' }).waitFor();
    await expect(page.locator('html').getAttribute('lang')).resolves.toBe('en');
    const [row] = await t.dataSource.query(`SELECT language FROM app_user WHERE email = $1`, [ADMIN_EMAIL]);
    expect(row.language).toBe('en');
    await page.reload();
    await page.getByRole('heading', { name: 'Conferences' }).waitFor();
    await checkScreen('list-empty-en');
    await page.getByRole('button', { name: 'Tiếng Việt – switch to Vietnamese' }).click();
    await page.getByRole('heading', { name: 'Danh sách hội nghị' }).waitFor();
  });

  it('creates a conference: the API’s refusal of a wrong date is shown at that field, then it is saved', async () => {
    await page.getByRole('link', { name: 'Tạo hội nghị' }).click();
    await page.getByRole('heading', { name: 'Tạo hội nghị' }).waitFor();
    await page.getByLabel('Tên hội nghị *').fill('Hội nghị tổng kết công tác cải cách hành chính năm 2025');
    await page.getByLabel('Hình thức *').selectOption('hybrid');
    await page.getByLabel('Số kế hoạch').fill('690/KH-UBND');
    await page.getByLabel('Ngày ban hành kế hoạch').fill('31/02/2026');
    await page.getByLabel('Chủ trì').fill('Chủ tịch Ủy ban nhân dân tỉnh');
    await page.getByLabel('Mục đích, yêu cầu').fill('Đánh giá kết quả năm 2025\nTriển khai nhiệm vụ năm 2026');
    await page.getByLabel('Dự kiến từ ngày').fill('06/04/2026');
    await page.getByLabel('Đến ngày').fill('10/04/2026');
    await page.getByRole('button', { name: 'Tạo hội nghị' }).click();
    const message = fieldOf('Ngày ban hành kế hoạch').locator('.field-error');
    await message.waitFor();
    await expect(message.textContent()).resolves.toBe('Ngày không hợp lệ: nhập dd/mm/yyyy, mm/yyyy hoặc yyyy.');
    await expect(page.locator('.field-error').count()).resolves.toBe(1);
    await expect(
      page.evaluate<string | null>("document.activeElement?.getAttribute('aria-invalid') ?? null"),
    ).resolves.toBe('true');
    await checkScreen('create-error');

    await page.getByLabel('Ngày ban hành kế hoạch').fill('13/02/2026');
    await page.getByRole('button', { name: 'Tạo hội nghị' }).click();
    await page.getByRole('heading', { name: 'Hội nghị tổng kết công tác cải cách hành chính năm 2025' }).waitFor();
    expect(page.url()).toMatch(/\/app\/conferences\/[0-9a-f-]{36}$/);
    const overview = await page.locator('.facts').innerText();
    expect(overview).toContain('Số 690/KH-UBND ngày 13/02/2026');
    expect(overview).toContain('Dự kiến 06/04/2026 – 10/04/2026');
    expect(overview).toContain('Chủ tịch Ủy ban nhân dân tỉnh');
  });

  it('lists the new conference with its counts, and opens its overview from there', async () => {
    await page.getByRole('link', { name: 'Về danh sách hội nghị' }).click();
    const item = page.locator('.conference-item', { hasText: 'Hội nghị tổng kết công tác cải cách hành chính' });
    await item.waitFor();
    await expect(item.locator('.status').textContent()).resolves.toBe('Dự thảo');
    await expect(item.locator('.counts').innerText()).resolves.toMatch(/Điểm cầu\s+0\s+Đại biểu được mời\s+0/);
    await page.getByLabel('Tìm theo tên hoặc số kế hoạch').fill('cai cach hanh chinh');
    await page.getByRole('button', { name: 'Lọc' }).click();
    await page.waitForURL(/q=cai/);
    await expect(page.locator('.conference-item').count()).resolves.toBe(1);
    await checkScreen('list');
    await item.getByRole('link').click();
    await page.getByRole('heading', { name: 'Hội nghị tổng kết công tác cải cách hành chính năm 2025' }).waitFor();
  });

  it('shows a confirmed time as dd/mm/yyyy HH:mm in the conference’s zone, naming the zone', async () => {
    const id = page.url().split('/').pop() as string;
    await t
      .http()
      .post(`/conferences/${id}/schedule`)
      .set(auth(await t.adminToken()))
      .send({ startsAt: '2026-04-08T07:30:00+07:00', endsAt: '2026-04-08T11:30:00+07:00' })
      .expect(200);
    await page.reload();
    const time = page.locator('.facts > div', { hasText: 'Thời gian' });
    await time.waitFor();
    const text = await time.innerText();
    expect(text).toContain('08/04/2026 07:30 – 11:30');
    expect(text).toContain('Theo giờ Asia/Ho_Chi_Minh');
    await checkScreen('overview');
  });

  it('asks to log in again when the session has expired, keeping what was typed', async () => {
    await page.goto(`${base}/app/conferences/new`);
    await page.getByLabel('Tên hội nghị *').fill('Tọa đàm chuyển đổi số');
    t.clock.advance(9 * HOUR);
    await page.getByRole('button', { name: 'Tạo hội nghị' }).click();
    const dialog = page.getByRole('dialog', { name: 'Đăng nhập lại' });
    await dialog.waitFor();
    await checkScreen('session-expired');
    await expect(dialog.getByLabel('Thư điện tử').inputValue()).resolves.toBe(ADMIN_EMAIL);
    await expect(page.evaluate<string | null>('document.activeElement?.getAttribute("type") ?? null')).resolves.toBe(
      'password',
    );
    await dialog.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await dialog.getByRole('button', { name: 'Đăng nhập' }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect(page.getByLabel('Tên hội nghị *').inputValue()).resolves.toBe('Tọa đàm chuyển đổi số');
    await page.getByRole('button', { name: 'Tạo hội nghị' }).click();
    await page.getByRole('heading', { name: 'Tọa đàm chuyển đổi số' }).waitFor();
  });

  it('logs out and is asked to log in again for any console page', async () => {
    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.waitForURL(`${base}/app/login`);
    await page.goto(`${base}/app/conferences`);
    await page.waitForURL(`${base}/app/login`);
    const cookies = await context.cookies(base);
    expect(cookies.find((c) => c.name === 'convene_session')).toBeUndefined();
  });

  it('broke no Content-Security-Policy rule and asked nothing of the internet', () => {
    expect(browser.cspViolations).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
