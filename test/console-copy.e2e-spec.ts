import { Page } from 'playwright-core';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/app';
import { checkScreen, ConsoleBrowser, launchConsoleBrowser } from './support/browser';
import { auth } from './support/conference-fixtures';
import { ensureConsoleBuilt } from './support/console-build';
import { FakeClock } from './support/fake-clock';
import { freePort } from './support/free-port';
import { invitationWorld, InvitationWorld } from './support/invitations';

/**
 * The overview's "Sao chép sang năm mới" in a real Chromium: a wrong window is shown at its field,
 * then the copy is made and opened, a draft with the points of last year's conference; axe and
 * screenshots at desktop and phone widths.
 */
describe('Copying a conference from the console', () => {
  let t: TestApp;
  let base: string;
  let browser: ConsoleBrowser;
  let page: Page;
  let world: InvitationWorld;

  beforeAll(async () => {
    ensureConsoleBuilt();
    // Cookies carry real expiry dates, which the browser checks against the real time.
    t = await createTestApp({ clock: new FakeClock(new Date()) });
    world = await invitationWorld(t, [], {
      points: 2,
      title: 'Hội nghị tổng kết công tác cải cách hành chính năm 2025',
    });
    const port = await freePort();
    await t.app.listen(port, '127.0.0.1');
    base = `http://127.0.0.1:${port}`;
    browser = await launchConsoleBrowser(base);
    page = browser.page;
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });

  const dialog = () => page.getByRole('dialog');
  const fieldOf = (label: string) => dialog().locator('.field', { has: page.getByLabel(label, { exact: true }) });

  it('asks the new title and window, shows a wrong window at its field, then opens the copy', async () => {
    await page.goto(`${base}/app/login`);
    await page.getByLabel('Thư điện tử').fill(ADMIN_EMAIL);
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Danh sách hội nghị' }).waitFor();
    await page.goto(`${base}/app/conferences/${world.conference.id}`);
    await page.getByRole('heading', { name: 'Lịch sử thay đổi' }).waitFor();
    await page.getByRole('button', { name: 'Sao chép sang năm mới' }).click();
    await dialog().getByRole('heading', { name: 'Sao chép hội nghị sang năm mới' }).waitFor();
    // Next year's title is offered: the year moves on by one.
    await expect(page.getByLabel('Tên hội nghị mới').inputValue()).resolves.toBe(
      'Hội nghị tổng kết công tác cải cách hành chính năm 2026',
    );
    await page.getByLabel('Dự kiến từ ngày (dd/mm/yyyy)').fill('10/04/2027');
    await page.getByLabel('Đến ngày (dd/mm/yyyy)').fill('06/04/2027');
    await dialog().getByRole('button', { name: 'Sao chép', exact: true }).click();
    const wrong = fieldOf('Đến ngày (dd/mm/yyyy)').locator('.field-error');
    await wrong.waitFor();
    await expect(wrong.textContent()).resolves.toBe('Ngày kết thúc không được trước ngày bắt đầu.');
    await checkScreen(page, 'copy-dialog-error');

    await page.getByLabel('Đến ngày (dd/mm/yyyy)').fill('14/04/2027');
    await wrong.waitFor({ state: 'detached' });
    await page.getByLabel('Ghi chú thời gian (không bắt buộc)').fill('Dự kiến tuần thứ hai của tháng 4');
    await checkScreen(page, 'copy-dialog');
    await dialog().getByRole('button', { name: 'Sao chép', exact: true }).click();
    await dialog().waitFor({ state: 'detached' });
    await page.waitForURL((url) => !url.pathname.includes(world.conference.id));
    const copyId = new URL(page.url()).pathname.split('/').pop()!;
    await page.getByRole('heading', { name: 'Hội nghị tổng kết công tác cải cách hành chính năm 2026' }).waitFor();
    await page.locator('.facts').getByText('Dự kiến tuần thứ hai của tháng 4').waitFor();
    await checkScreen(page, 'copy-opened');

    const copy = await t.http().get(`/conferences/${copyId}`).set(auth(world.token)).expect(404);
    expect(copy.status).toBe(404); // The admin made it: the source's organizer is not a member of the copy.
    const admin = await t.adminToken();
    const read = await t.http().get(`/conferences/${copyId}`).set(auth(admin)).expect(200);
    expect(read.body).toMatchObject({
      title: 'Hội nghị tổng kết công tác cải cách hành chính năm 2026',
      status: 'draft',
      window: { from: '2027-04-10', to: '2027-04-14', note: 'Dự kiến tuần thứ hai của tháng 4' },
    });
    const points = await t.http().get(`/conferences/${copyId}/bridge-points`).set(auth(admin)).expect(200);
    expect(points.body.items).toHaveLength(3);
  });
});
