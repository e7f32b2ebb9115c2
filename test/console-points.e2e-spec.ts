import { Page } from 'playwright-core';
import { DirectoryDemoLoader } from '../src/directory/directory-demo.loader';
import { ADMIN_EMAIL, ADMIN_PASSWORD, createTestApp, TestApp } from './support/app';
import { checkScreen as checkScreenOf, ConsoleBrowser, launchConsoleBrowser } from './support/browser';
import { createConference } from './support/conference-fixtures';
import { ensureConsoleBuilt } from './support/console-build';
import { FakeClock } from './support/fake-clock';
import { freePort } from './support/free-port';
import { deliver, to } from './support/invitations';

/**
 * The bridge points section in a real Chromium on the demo directory (Quảng Nam's 18 districts
 * and some of their communes): the host point by hand, the districts and communes in bulk, a
 * branch opened, a search without accents, a point edited (a bad meeting link refused at its
 * field first), its coordinator chosen and mailed their link, its test recorded, a point deleted;
 * axe and screenshots at both sizes on each screen.
 */
describe('The bridge points section in a browser', () => {
  let t: TestApp;
  let base: string;
  let browser: ConsoleBrowser;
  let page: Page;
  let conferenceId: string;
  const NUI_THANH = 'Điểm cầu Ủy ban nhân dân huyện Núi Thành';
  const TAM_NGHIA = 'Điểm cầu Ủy ban nhân dân xã Tam Nghĩa';

  beforeAll(async () => {
    ensureConsoleBuilt();
    // Cookies carry real expiry dates, which the browser checks against the real time.
    t = await createTestApp({ clock: new FakeClock(new Date()) });
    await t.app.get(DirectoryDemoLoader).load();
    conferenceId = (
      await createConference(t, await t.adminToken(), {
        title: 'Hội nghị trực tuyến tổng kết công tác cải cách hành chính năm 2025',
      })
    ).id;
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

  const checkScreen = (name: string) => checkScreenOf(page, name);
  const fieldOf = (scope: ReturnType<Page['locator']>, label: string) =>
    scope.locator('.field', { has: page.getByLabel(label, { exact: true }) });
  // The row itself, not its <li>: an open point's <li> holds the rows of its branch too.
  const row = (name: string) => page.locator('.point-row', { has: page.locator('.point-name', { hasText: name }) });
  const dbPoint = async (name: string) =>
    (
      await t.dataSource.query(`SELECT * FROM bridge_point WHERE conference_id = $1 AND name = $2`, [
        conferenceId,
        name,
      ])
    )[0];

  it('opens the conference’s Điểm cầu tab, empty at first', async () => {
    await page.goto(`${base}/app/login`);
    await page.getByLabel('Thư điện tử').fill(ADMIN_EMAIL);
    await page.getByLabel('Mật khẩu').fill(ADMIN_PASSWORD);
    await page.getByRole('button', { name: 'Đăng nhập' }).click();
    await page.getByRole('heading', { name: 'Danh sách hội nghị' }).waitFor();
    await page.goto(`${base}/app/conferences/${conferenceId}`);
    await page
      .getByRole('navigation', { name: 'Các phần của hội nghị' })
      .getByRole('link', { name: 'Điểm cầu' })
      .click();
    await page.getByRole('heading', { name: 'Điểm cầu', exact: true }).waitFor();
    expect(page.url()).toBe(`${base}/app/conferences/${conferenceId}/points`);
    await page.getByText('Hội nghị chưa có điểm cầu nào').waitFor();
  });

  it('adds the host point by hand', async () => {
    await page.getByRole('button', { name: 'Thêm một điểm cầu' }).click();
    await page.getByLabel('Tên điểm cầu *').fill('Điểm cầu tỉnh Quảng Nam');
    await page.getByLabel('Đây là điểm cầu chính (nơi chủ trì)').check();
    await page.getByLabel('Phòng họp', { exact: true }).fill('Hội trường số 2 (Tầng 02), Văn phòng UBND tỉnh');
    await page.getByRole('button', { name: 'Thêm điểm cầu này' }).click();
    await page.getByText('Đã thêm Điểm cầu tỉnh Quảng Nam.').waitFor();
    await row('Điểm cầu tỉnh Quảng Nam').locator('.point-host', { hasText: 'Điểm cầu chính' }).waitFor();
    await expect(dbPoint('Điểm cầu tỉnh Quảng Nam')).resolves.toMatchObject({ role: 'host', depth: 0 });
    await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  });

  it('adds one point per district of the province and one per commune below, from the directory', async () => {
    await page.getByRole('button', { name: 'Thêm từ danh bạ' }).click();
    await page.getByLabel('Đơn vị gốc', { exact: true }).selectOption({ label: 'Ủy ban nhân dân tỉnh Quảng Nam' });
    await page.getByLabel('Mỗi đơn vị loại *').selectOption('district_committee');
    await page.getByLabel('Và dưới mỗi điểm cầu đó, mỗi đơn vị loại').selectOption('commune_committee');
    await page.getByLabel('Tên điểm cầu', { exact: true }).fill('Điểm cầu {unit}');
    await checkScreen('points-bulk');
    await page.getByRole('button', { name: 'Thêm điểm cầu', exact: true }).click();
    const done = page.locator('.points-bulk-done');
    await done.waitFor();
    const [counts] = await t.dataSource.query(
      `SELECT count(*) FILTER (WHERE depth = 1)::int AS districts, count(*) FILTER (WHERE depth = 2)::int AS communes
         FROM bridge_point WHERE conference_id = $1`,
      [conferenceId],
    );
    expect(counts.districts).toBe(18);
    expect(counts.communes).toBeGreaterThan(18);
    await expect(done.textContent()).resolves.toBe(
      `Đã tạo ${18 + counts.communes} điểm cầu; 0 đơn vị đã có điểm cầu từ trước.`,
    );
    await expect(page.locator('.points-panel .notice li').allTextContents()).resolves.toEqual([
      'Cấp 1 (UBND huyện, thị xã, thành phố): tạo 18, đã có 0',
      `Cấp 2 (UBND xã, phường, thị trấn): tạo ${counts.communes}, đã có 0`,
    ]);
    await page.getByText(`Tổng số ${19 + counts.communes} điểm cầu`).waitFor();
    await page.getByRole('button', { name: 'Đóng', exact: true }).click();
  });

  it('opens the host’s branch and a district’s, fetching each level when it is opened', async () => {
    const host = row('Điểm cầu tỉnh Quảng Nam');
    await expect(host.locator('.point-facts').innerText()).resolves.toMatch(/Điểm cầu trực thuộc\s+18/);
    await expect(page.locator('.point').count()).resolves.toBe(1);
    const branchReads: string[] = [];
    page.on('request', (r) => {
      const parentId = new URL(r.url()).searchParams.get('parentId');
      if (r.url().includes('/bridge-points?') && parentId && parentId !== 'root') branchReads.push(parentId);
    });
    await page.getByRole('button', { name: 'Mở các điểm cầu trực thuộc Điểm cầu tỉnh Quảng Nam' }).click();
    await row(NUI_THANH).waitFor();
    await expect(page.locator('.point-branch > .point').count()).resolves.toBe(18);
    await page.getByRole('button', { name: `Mở các điểm cầu trực thuộc ${NUI_THANH}` }).click();
    await row(TAM_NGHIA).waitFor();
    const nuiThanh = await dbPoint(NUI_THANH);
    expect(branchReads).toEqual([(await dbPoint('Điểm cầu tỉnh Quảng Nam')).id, nuiThanh.id]);
    const tamNghia = await row(TAM_NGHIA).innerText();
    expect(tamNghia).toContain('Ủy ban nhân dân xã Tam Nghĩa');
    expect(tamNghia).toMatch(/Người điều phối\s+chưa có/);
    expect(tamNghia).toMatch(/Sẵn sàng\s+Chưa kiểm tra/);
    await expect(page.getByRole('button', { name: `Mở các điểm cầu trực thuộc ${NUI_THANH}` }).count()).resolves.toBe(
      0,
    );
    await expect(
      page.getByRole('button', { name: `Đóng các điểm cầu trực thuộc ${NUI_THANH}` }).getAttribute('aria-expanded'),
    ).resolves.toBe('true');
    await checkScreen('points-tree');
  });

  it('searches by name on the server, without accents, saying where each point is', async () => {
    await page.getByRole('searchbox', { name: 'Tìm điểm cầu theo tên (không cần dấu)' }).fill('tam nghia');
    await page.getByRole('button', { name: 'Tìm', exact: true }).click();
    await page.getByText('Tìm thấy 1 điểm cầu').waitFor();
    const found = row(TAM_NGHIA);
    await expect(found.innerText()).resolves.toContain(`Thuộc: ${NUI_THANH}`);
    await checkScreen('points-search');
  });

  it('edits the point: a bad meeting link is refused at its field, then the point and its coordinator are saved', async () => {
    await page.getByRole('button', { name: `Sửa ${TAM_NGHIA}` }).click();
    const editor = page.getByRole('group', { name: `Sửa ${TAM_NGHIA}` });
    await editor.getByLabel('Phòng họp', { exact: true }).fill('Phòng họp UBND xã');
    await editor.getByLabel('Địa chỉ').fill('Thôn Đông Tam Nghĩa, xã Tam Nghĩa, huyện Núi Thành');
    await editor.getByLabel('Sức chứa (người)').fill('40');
    await editor.getByLabel('Đường dẫn phòng họp trực tuyến').fill('meet.quangnam.gov.vn/tam-nghia');
    await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
    const linkError = fieldOf(editor, 'Đường dẫn phòng họp trực tuyến').locator('.field-error');
    await linkError.waitFor();
    await expect(linkError.textContent()).resolves.toContain('Đường dẫn không hợp lệ');
    await expect(editor.locator('.field-error').count()).resolves.toBe(1);
    await expect(editor.getByLabel('Đường dẫn phòng họp trực tuyến').getAttribute('aria-invalid')).resolves.toBe(
      'true',
    );
    await expect(dbPoint(TAM_NGHIA)).resolves.toMatchObject({ room: null, meeting_link: null });
    await checkScreen('points-edit-error');

    await editor.getByLabel('Đường dẫn phòng họp trực tuyến').fill('https://meet.quangnam.gov.vn/tam-nghia');
    await editor.getByLabel('Tìm người điều phối theo họ tên (không cần dấu)').fill('');
    await editor.getByRole('button', { name: 'Tìm', exact: true }).click();
    const [chair] = await t.dataSource.query(
      `SELECT p.full_name FROM person p JOIN person_position pos ON pos.person_id = p.id JOIN unit u ON u.id = pos.unit_id
        WHERE u.name = 'Ủy ban nhân dân xã Tam Nghĩa' AND pos.role = 'head'`,
    );
    await editor.getByRole('button', { name: `Chọn ${chair.full_name}` }).click();
    await editor.locator('.coordinator-current', { hasText: chair.full_name }).waitFor();
    await editor.getByRole('button', { name: 'Lưu', exact: true }).click();
    await editor.getByText('Đã lưu.').waitFor();
    await expect(dbPoint(TAM_NGHIA)).resolves.toMatchObject({
      room: 'Phòng họp UBND xã',
      address: 'Thôn Đông Tam Nghĩa, xã Tam Nghĩa, huyện Núi Thành',
      capacity: 40,
      meeting_link: 'https://meet.quangnam.gov.vn/tam-nghia',
    });
    await expect(row(TAM_NGHIA).locator('.point-facts').innerText()).resolves.toContain(chair.full_name);
  });

  it('mails the coordinator the link to their site page', async () => {
    const editor = page.getByRole('group', { name: `Sửa ${TAM_NGHIA}` });
    await editor.getByRole('button', { name: 'Gửi đường dẫn cho người điều phối' }).click();
    const sent = editor.getByText(/^Đã gửi đường dẫn tới /);
    await sent.waitFor();
    const email = /tới (\S+)\.$/.exec((await sent.textContent()) ?? '')![1];
    const [mail] = to(await deliver(t), email);
    expect(mail.parsed.text).toMatch(/\/app\/site\/[0-9a-f-]{36}#k=/);
  });

  it('records the connection test in the conference’s zone, and wants a note when it failed', async () => {
    const editor = page.getByRole('group', { name: `Sửa ${TAM_NGHIA}` });
    await editor.getByLabel('Tình trạng').selectOption('failed');
    await editor.getByRole('button', { name: 'Ghi nhận' }).click();
    const noteError = fieldOf(editor, 'Ghi chú').locator('.field-error');
    await noteError.waitFor();
    await expect(noteError.textContent()).resolves.toBe('Cần nhập mục này.');

    await editor.getByLabel('Tình trạng').selectOption('test_scheduled');
    await editor.getByLabel('Ngày kiểm tra').fill('14/04/2026');
    await editor.getByLabel('Giờ kiểm tra').fill('08:30');
    await editor.getByRole('button', { name: 'Ghi nhận' }).click();
    await editor.getByText('Đã ghi nhận: Đã hẹn kiểm tra.').waitFor();
    const point = await dbPoint(TAM_NGHIA);
    expect(point.readiness).toBe('test_scheduled');
    // The browser runs in Europe/Berlin; 08:30 is meant in the conference's Asia/Ho_Chi_Minh.
    expect(new Date(point.readiness_test_at).toISOString()).toBe('2026-04-14T01:30:00.000Z');
    await expect(row(TAM_NGHIA).locator('.readiness').textContent()).resolves.toBe(
      'Đã hẹn kiểm tra lúc 14/04/2026 08:30',
    );
    await checkScreen('points-edit');
  });

  it('deletes a point after a confirmation, and says why a point with points below it stays', async () => {
    await page.getByRole('button', { name: 'Xem cây điểm cầu' }).click();
    await page.getByRole('button', { name: 'Mở các điểm cầu trực thuộc Điểm cầu tỉnh Quảng Nam' }).click();
    await page.getByRole('button', { name: `Sửa ${NUI_THANH}` }).click();
    const district = page.getByRole('group', { name: `Sửa ${NUI_THANH}` });
    page.once('dialog', (dialog) => void dialog.accept());
    await district.getByRole('button', { name: 'Xóa điểm cầu' }).click();
    await district.getByText('Điểm cầu còn điểm cầu trực thuộc').waitFor();
    await expect(dbPoint(NUI_THANH)).resolves.toBeDefined();
    await district.getByRole('button', { name: 'Đóng', exact: true }).click();

    await page.getByRole('button', { name: `Mở các điểm cầu trực thuộc ${NUI_THANH}` }).click();
    const [{ communes }] = await t.dataSource.query(
      `SELECT count(*)::int AS communes FROM bridge_point WHERE parent_id = $1`,
      [(await dbPoint(NUI_THANH)).id],
    );
    await page.getByRole('button', { name: `Sửa ${TAM_NGHIA}` }).click();
    let asked = '';
    page.once('dialog', (dialog) => {
      asked = dialog.message();
      void dialog.accept();
    });
    await page
      .getByRole('group', { name: `Sửa ${TAM_NGHIA}` })
      .getByRole('button', { name: 'Xóa điểm cầu' })
      .click();
    await row(TAM_NGHIA).waitFor({ state: 'detached' });
    expect(asked).toBe(`Xóa điểm cầu “${TAM_NGHIA}”? Không hoàn tác được.`);
    await expect(dbPoint(TAM_NGHIA)).resolves.toBeUndefined();
    await expect(row(NUI_THANH).locator('.point-facts').innerText()).resolves.toMatch(
      new RegExp(`Điểm cầu trực thuộc\\s+${communes - 1}`),
    );
    expect(browser.cspViolations).toEqual([]);
    expect(browser.foreignRequests).toEqual([]);
  });
});
